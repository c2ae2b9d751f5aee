package factcheck

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

const (
	numberPattern = `\d+(?:,\d{2,3})*(?:\.\d+)?`
	// "cr" is left out on purpose: "s. 482 Cr.P.C." is not 482 crore.
	unitPattern = `(?:lakhs?|lacs?|lakh|crores?|million|billion|thousand)`
)

// amountRE finds sums written with a currency (before or after the
// figure), with an Indian or English multiplier, or as a plain figure
// right after a word about money. Plain figures elsewhere are not sums:
// they are section numbers, phone numbers, counts and years.
var amountRE = regexp.MustCompile(`(?i)(?:` +
	`(?P<kw>\b(?:amount|sum|paid|pay|payment|price|cost|fees?|compensation|damages|refund(?:ed)?|balance|loan|deposit|rent|salary|wages|dues|fine|penalty|advance|consideration)\b)(?:\s+(?:of|is|was|were|amounting|to|at|the|total|a|an|being|approximately|about|around))*\s*[:=-]?\s*(?P<n4>` + numberPattern + `)(?:\s*(?P<u4>` + unitPattern + `)\b)?(?:\s*/-)?` +
	`|(?P<cur>\brs\.?|\binr\b|\brupees\b|\busd\b|\bgbp\b|\beur\b|\bus\$|₹|\$|£|€)\s*(?P<n1>` + numberPattern + `)(?:\s*(?P<u1>` + unitPattern + `)\b)?(?:\s*/-)?` +
	`|\b(?P<n2>` + numberPattern + `)\s*(?P<u2>` + unitPattern + `)\b(?:\s+(?P<c2>rupees|dollars|pounds|euros))?` +
	`|\b(?P<n3>` + numberPattern + `)\s*(?:/-\s*)?(?P<c3>rupees|dollars|pounds|euros|inr|usd|gbp|eur)\b` +
	`)`)

// amountPattern: every sum begins with a currency sign, or begins a word
// with a digit, a currency or a word about money.
var amountPattern = newPattern(amountRE, "0123456789$\xc2\xe2abcdefgilprsuw", func(s string, i int) bool {
	switch c := s[i]; {
	case c == '$':
		return digitAfter(s, i+1)
	case c >= 0x80:
		for _, sign := range currencySigns {
			if strings.HasPrefix(s[i:], sign) {
				return digitAfter(s, i+len(sign))
			}
		}
		return false
	case isDigit(c):
		return wordStart(s, i) && unitAfter(s, i)
	}
	return wordStart(s, i) && hasPrefixFold(s[i:], amountStarts) && figureAhead(s, i)
})

// currencySigns are the signs of amountRE that are not ASCII.
var currencySigns = []string{"₹", "£", "€"}

// digitAfter reports whether a figure follows s[:i] after spaces, as it
// does a currency sign in a sum.
func digitAfter(s string, i int) bool {
	i = skipSpace(s, i)
	return i < len(s) && isDigit(s[i])
}

// figureAhead reports whether a sum that begins with the word at s[i]
// can reach its figure: between the two stand only what the words about
// money, the currencies and the words that may follow them are made of
// (letters, spaces, ".", "$", ":", "=", "-").
func figureAhead(s string, i int) bool {
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case isDigit(c):
			return true
		case isLetter(c), c == '.', c == '$', c == ':', c == '=', c == '-':
		case strings.IndexByte(" \t\n\f\r", c) >= 0:
		default:
			return false
		}
	}
	return false
}

// unitAfter reports whether the figure at s[i] may be followed by a unit
// or a currency word, which a sum that begins with a figure needs: after
// the figure and spaces (and "/-") comes the beginning of one.
func unitAfter(s string, i int) bool {
	for i < len(s) && (isDigit(s[i]) || s[i] == ',' || s[i] == '.') {
		i++
	}
	i = skipSpace(s, i)
	if strings.HasPrefix(s[i:], "/-") {
		i = skipSpace(s, i+2)
	}
	return hasPrefixFold(s[i:], unitStarts)
}

// unitStarts begin the units and currency words that may follow a
// figure in amountRE.
var unitStarts = []string{"lak", "lac", "cro", "mil", "bil", "tho", "rup", "dol", "pou", "eur", "inr", "usd", "gbp"}

// skipSpace skips what \s matches.
func skipSpace(s string, i int) int {
	for i < len(s) && strings.IndexByte(" \t\n\f\r", s[i]) >= 0 {
		i++
	}
	return i
}

// amountStarts are the words about money and the currencies of amountRE.
var amountStarts = []string{"amount", "sum", "paid", "pay", "price", "cost", "fee", "compensation", "damages",
	"refund", "balance", "loan", "deposit", "rent", "salary", "wages", "dues", "fine", "penalty", "advance",
	"consideration", "rs", "inr", "rupees", "usd", "gbp", "eur", "us$"}

// The groups of amountRE.
var (
	gN4, gU4       = subexp(amountRE, "n4"), subexp(amountRE, "u4")
	gCur, gN1, gU1 = subexp(amountRE, "cur"), subexp(amountRE, "n1"), subexp(amountRE, "u1")
	gN2, gU2, gC2  = subexp(amountRE, "n2"), subexp(amountRE, "u2"), subexp(amountRE, "c2")
	gN3, gC3       = subexp(amountRE, "n3"), subexp(amountRE, "c3")
)

// maxAmount keeps values exact in float64 arithmetic and int64 hundredths.
const maxAmount = 1e13

func findAmounts(text string, dates []span) []Amount {
	var out []Amount
	eachMatch(amountPattern, text, func(m []int) {
		g := func(i int) string { return group(text, m, i) }
		var num, unit, cur string
		start := m[0]
		n4 := g(gN4)
		switch {
		case n4 != "":
			num, unit = n4, g(gU4)
			// The sum starts at the figure; the keyword is only context.
			start = m[2*gN4]
		case g(gN1) != "":
			num, unit, cur = g(gN1), g(gU1), g(gCur)
		case g(gN2) != "":
			num, unit, cur = g(gN2), g(gU2), g(gC2)
		case g(gN3) != "":
			num, cur = g(gN3), g(gC3)
		default:
			return
		}
		if overlaps(dates, start, m[1]) {
			return
		}
		v, ok := parseNumber(num)
		if !ok {
			return
		}
		if n4 != "" && unit == "" && !plausiblePlain(num, v) {
			return
		}
		v *= multiplier(unit)
		if v <= 0 || v > maxAmount {
			return
		}
		currency := currencyOf(cur)
		if currency == "" && unit != "" && multiplier(unit) >= 1e5 {
			currency = "INR" // lakh and crore are Indian units
		}
		out = appendAmount(out, Amount{
			Text:     strings.TrimSpace(text[start:m[1]]),
			Currency: currency,
			Minor:    int64(math.Round(v * 100)),
			Topics:   topicsAround(text, m[0], m[1], amountTopics),
		})
	})
	return out
}

// plainAmount reads a bare figure such as "500000", which a client may
// send in documentFacts.amounts.
func plainAmount(s string) (Amount, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "/-"))
	v, ok := parseNumber(s)
	if !ok || v <= 0 || v > maxAmount {
		return Amount{}, false
	}
	return Amount{Text: s, Minor: int64(math.Round(v * 100))}, true
}

// plausiblePlain rejects figures after a money word that are more likely
// a year ("paid in 2023" is caught by the date rules only with a day) or
// a count ("paid 3 instalments").
func plausiblePlain(num string, v float64) bool {
	if strings.ContainsAny(num, ",.") {
		return true
	}
	if v >= 1900 && v <= 2100 {
		return false
	}
	return v >= 100
}

func parseNumber(s string) (float64, bool) {
	s = strings.ReplaceAll(s, ",", "")
	if s == "" || len(s) > 20 {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

func multiplier(unit string) float64 {
	u := strings.ToLower(unit)
	switch {
	case u == "":
		return 1
	case strings.HasPrefix(u, "lakh"), strings.HasPrefix(u, "lac"):
		return 1e5
	case strings.HasPrefix(u, "crore"):
		return 1e7
	case u == "million":
		return 1e6
	case u == "billion":
		return 1e9
	case u == "thousand":
		return 1e3
	}
	return 1
}

func currencyOf(s string) string {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	switch s {
	case "rs", "inr", "rupees", "₹":
		return "INR"
	case "$", "usd", "us$", "dollars":
		return "USD"
	case "£", "gbp", "pounds":
		return "GBP"
	case "€", "eur", "euros":
		return "EUR"
	}
	return ""
}

// overlaps reports whether [start, end) meets one of spans, which are
// sorted and do not overlap each other (as regexp matches are).
func overlaps(spans []span, start, end int) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].end > start })
	return i < len(spans) && spans[i].start < end
}

// compatible reports whether two amounts can be compared: the same
// currency, or one that does not say.
func compatible(a, b string) bool { return a == b || a == "" || b == "" }

// Format writes the normalised value: "Rs. 5,00,000", "$1,200.50".
func (a Amount) Format() string {
	whole, frac := a.Minor/100, a.Minor%100
	var s string
	if a.Currency == "INR" || a.Currency == "" {
		s = groupIndian(whole)
	} else {
		s = groupWestern(whole)
	}
	if frac != 0 {
		s += "." + strconv.FormatInt(100+frac, 10)[1:]
	}
	switch a.Currency {
	case "INR":
		return "Rs. " + s
	case "USD":
		return "$" + s
	case "GBP":
		return "£" + s
	case "EUR":
		return "€" + s
	}
	return s
}

func groupWestern(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// groupIndian writes 500000 as 5,00,000: the last three digits, then pairs.
func groupIndian(n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) <= 3 {
		return s
	}
	head, tail := s[:len(s)-3], s[len(s)-3:]
	var parts []string
	for len(head) > 2 {
		parts = append([]string{head[len(head)-2:]}, parts...)
		head = head[:len(head)-2]
	}
	parts = append([]string{head}, parts...)
	return strings.Join(parts, ",") + "," + tail
}
