package factcheck

import (
	"strings"
	"unicode/utf8"
)

// Limits that keep extraction fast and its output small whatever the input.
const (
	// MaxInputBytes is how much of a text is scanned; a case document of
	// ordinary length is far below it.
	MaxInputBytes = 256 << 10
	// MaxRawText is how many characters of the input Facts.RawText keeps.
	MaxRawText = 1000
	// maxPerKind caps the facts of one kind, so a table of a thousand
	// figures yields a readable list rather than a wall.
	maxPerKind = 100
)

// Facts is what the fact-check API returns for a text: every value as it
// was written, in order of first appearance, without duplicates.
type Facts struct {
	Dates     []string `json:"dates"`
	Amounts   []string `json:"amounts"`
	Names     []string `json:"names"`
	Locations []string `json:"locations"`
	RawText   string   `json:"rawText"`
}

// Date is a date found in a text.
type Date struct {
	Text   string   // as written, "12th March, 2024"
	Value  string   // normalised: "2024-03-12", or "2024-03" when only the month is known
	Topics []string // what the surrounding words say the date is about ("cheque", "notice" …)
}

// Precise reports whether the day is known.
func (d Date) Precise() bool { return len(d.Value) == len("2006-01-02") }

// Amount is a sum of money found in a text.
type Amount struct {
	Text     string   // as written, "Rs. 5,00,000/-"
	Currency string   // "INR", "USD", "GBP", "EUR", or "" when the text names none
	Minor    int64    // the value in hundredths (paise, cents, pence)
	Topics   []string // what the surrounding words say the sum is for ("rent", "deposit" …)
}

// NameKind tells people from organisations.
type NameKind string

// The kinds of name.
const (
	Person       NameKind = "person"
	Organisation NameKind = "organisation"
)

// Name is a person or an organisation found in a text.
type Name struct {
	Text string   // as written, "Mr. Rajesh Kumar"
	Kind NameKind //
	Key  string   // lower-case words without the title, for comparing: "rajesh kumar"
}

// Details is the richer form of Facts, with normalised values that can be
// compared across texts.
type Details struct {
	Dates     []Date
	Amounts   []Amount
	Names     []Name
	Locations []string
	RawText   string
}

// Extract returns the facts of text.
func Extract(text string) Facts { return ExtractDetails(text).Facts() }

// ExtractDetails returns the facts of text with normalised values.
func ExtractDetails(text string) Details {
	text = prepare(text)
	d := datesAndAmounts(text)
	d.RawText = clipRunes(text, MaxRawText)
	d.Names = findNames(text)
	d.Locations = findLocations(text)
	return d
}

// ExtractDatesAndAmounts returns the dates and amounts of text, the same
// as those of ExtractDetails, without looking for names and locations:
// Names, Locations and RawText are left empty.
func ExtractDatesAndAmounts(text string) Details {
	return datesAndAmounts(prepare(text))
}

// datesAndAmounts finds the dates and amounts of prepared text.
func datesAndAmounts(text string) Details {
	dates, dateSpans := findDates(text)
	return Details{Dates: dates, Amounts: findAmounts(text, dateSpans)}
}

// Facts returns the JSON form of d.
func (d Details) Facts() Facts {
	f := Facts{
		Dates:     make([]string, 0, len(d.Dates)),
		Amounts:   make([]string, 0, len(d.Amounts)),
		Names:     make([]string, 0, len(d.Names)),
		Locations: make([]string, 0, len(d.Locations)),
		RawText:   d.RawText,
	}
	for _, x := range d.Dates {
		f.Dates = append(f.Dates, x.Text)
	}
	for _, x := range d.Amounts {
		f.Amounts = append(f.Amounts, x.Text)
	}
	for _, x := range d.Names {
		f.Names = append(f.Names, x.Text)
	}
	f.Locations = append(f.Locations, d.Locations...)
	return f
}

// FromFacts reads the values of f back into their normalised form, so that
// facts a client sends (as /api/fact-check/validate receives them) can be
// compared like freshly extracted ones. Values that do not parse are
// dropped; names are kept as written.
func FromFacts(f Facts) Details {
	var d Details
	for _, s := range capList(f.Dates) {
		if ds, _ := findDates(prepare(s)); len(ds) > 0 {
			d.Dates = appendDate(d.Dates, ds[0])
		}
	}
	for _, s := range capList(f.Amounts) {
		if as := findAmounts(prepare(s), nil); len(as) > 0 {
			d.Amounts = appendAmount(d.Amounts, as[0])
		} else if a, ok := plainAmount(prepare(s)); ok {
			d.Amounts = appendAmount(d.Amounts, a)
		}
	}
	for _, s := range capList(f.Names) {
		s = prepare(s)
		if ns := findNames(s); len(ns) > 0 {
			d.Names = appendName(d.Names, ns[0])
		} else if k := nameKey(s); k != "" {
			d.Names = appendName(d.Names, Name{Text: strings.TrimSpace(s), Kind: Person, Key: k})
		}
	}
	for _, s := range capList(f.Locations) {
		d.Locations = appendString(d.Locations, clipRunes(strings.TrimSpace(s), 100))
	}
	d.RawText = clipRunes(prepare(f.RawText), MaxRawText)
	return d
}

// Merge adds the facts of o that d does not hold yet.
func (d *Details) Merge(o Details) {
	for _, x := range o.Dates {
		d.Dates = appendDate(d.Dates, x)
	}
	for _, x := range o.Amounts {
		d.Amounts = appendAmount(d.Amounts, x)
	}
	for _, x := range o.Names {
		d.Names = appendName(d.Names, x)
	}
	for _, x := range o.Locations {
		d.Locations = appendString(d.Locations, x)
	}
}

// Empty reports whether d holds no fact at all.
func (d Details) Empty() bool {
	return len(d.Dates)+len(d.Amounts)+len(d.Names)+len(d.Locations) == 0
}

// appendDate keeps one entry per normalised value: "12/03/2024" and
// "12 March 2024" are the same fact. Topics of the duplicate are kept, as
// the second mention may say what the first did not.
func appendDate(list []Date, x Date) []Date {
	for i := range list {
		if list[i].Value == x.Value {
			list[i].Topics = unionTopics(list[i].Topics, x.Topics)
			return list
		}
	}
	if len(list) >= maxPerKind {
		return list
	}
	return append(list, x)
}

func appendAmount(list []Amount, x Amount) []Amount {
	for i := range list {
		if list[i].Minor == x.Minor && compatible(list[i].Currency, x.Currency) {
			list[i].Topics = unionTopics(list[i].Topics, x.Topics)
			if list[i].Currency == "" {
				list[i].Currency = x.Currency
			}
			return list
		}
	}
	if len(list) >= maxPerKind {
		return list
	}
	return append(list, x)
}

func appendName(list []Name, x Name) []Name {
	for _, n := range list {
		if n.Key == x.Key {
			return list
		}
	}
	if len(list) >= maxPerKind {
		return list
	}
	return append(list, x)
}

func appendString(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return list
		}
	}
	if len(list) >= maxPerKind {
		return list
	}
	return append(list, s)
}

func unionTopics(a, b []string) []string {
	for _, t := range b {
		if !hasString(a, t) {
			a = append(a, t)
		}
	}
	return a
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// prepare makes text safe to scan: valid UTF-8 (so every value returned
// encodes to JSON unchanged) and no longer than MaxInputBytes.
func prepare(text string) string {
	if len(text) > MaxInputBytes {
		cut := MaxInputBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	return text
}

// capList bounds the work a client can cause by sending long fact lists.
func capList(list []string) []string {
	if len(list) > maxPerKind {
		list = list[:maxPerKind]
	}
	for i, s := range list {
		if len(s) > 200 {
			list = append([]string(nil), list...)
			list[i] = s[:200]
		}
	}
	return list
}

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}
