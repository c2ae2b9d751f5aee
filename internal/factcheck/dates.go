package factcheck

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

const monthPattern = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`

// dateRE is one alternation so that a single left-to-right pass finds each
// date once: "12 March 2024" is not also reported as "March 2024".
// Numeric dates are read day first, as Indian and British documents write
// them.
var dateRE = regexp.MustCompile(`(?i)\b(?:` +
	`(?P<iy>(?:18|19|20|21)\d\d)[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})` +
	`|(?P<nd>\d{1,2})[/.-](?P<nm>\d{1,2})[/.-](?P<ny>\d{4}|\d\d)` +
	`|(?P<dd>\d{1,2})(?:st|nd|rd|th)?(?:\s+day)?(?:\s+of)?[\s-]+(?P<dm>` + monthPattern + `)[\s,-]+(?P<dy>\d{4})` +
	`|(?P<md>` + monthPattern + `)\s+(?P<mdd>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<mdy>\d{4})` +
	`|(?P<mm>` + monthPattern + `),?\s+(?P<my>\d{4})` +
	`)\b`)

// datePattern: every date begins a word with a digit or a month.
var datePattern = newPattern(dateRE, "0123456789jfmasond", func(s string, i int) bool {
	return wordStart(s, i) && (isDigit(s[i]) || len(s)-i >= 3 && hasPrefixFold(s[i:i+3], monthStarts))
})

var monthStarts = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// The groups of dateRE.
var (
	gIY, gIM, gID   = subexp(dateRE, "iy"), subexp(dateRE, "im"), subexp(dateRE, "id")
	gND, gNM, gNY   = subexp(dateRE, "nd"), subexp(dateRE, "nm"), subexp(dateRE, "ny")
	gDD, gDM, gDY   = subexp(dateRE, "dd"), subexp(dateRE, "dm"), subexp(dateRE, "dy")
	gMD, gMDD, gMDY = subexp(dateRE, "md"), subexp(dateRE, "mdd"), subexp(dateRE, "mdy")
	gMM, gMY        = subexp(dateRE, "mm"), subexp(dateRE, "my")
)

type span struct{ start, end int }

func findDates(text string) ([]Date, []span) {
	var dates []Date
	var spans []span
	eachMatch(datePattern, text, func(m []int) {
		g := func(i int) string { return group(text, m, i) }
		var y, mo, d int
		var ok bool
		switch {
		case g(gIY) != "":
			y, mo, d = atoi(g(gIY)), atoi(g(gIM)), atoi(g(gID))
			ok = true
		case g(gND) != "":
			y, mo, d = atoi(g(gNY)), atoi(g(gNM)), atoi(g(gND))
			if len(g(gNY)) == 2 {
				// Two-digit years: documents of a live dispute are recent.
				if y <= 69 {
					y += 2000
				} else {
					y += 1900
				}
			}
			if mo > 12 && d <= 12 {
				// Only an American month-first date can mean this.
				mo, d = d, mo
			}
			ok = true
		case g(gDD) != "":
			y, mo, d = atoi(g(gDY)), month(g(gDM)), atoi(g(gDD))
			ok = true
		case g(gMD) != "":
			y, mo, d = atoi(g(gMDY)), month(g(gMD)), atoi(g(gMDD))
			ok = true
		case g(gMM) != "":
			tok := g(gMM)
			// "may 2024" in running text is more likely the verb.
			if tok[0] >= 'a' && tok[0] <= 'z' && (strings.EqualFold(tok, "may") || strings.EqualFold(tok, "mar")) {
				return
			}
			y, mo = atoi(g(gMY)), month(tok)
			ok = true
		}
		if !ok || !validDate(y, mo, d) {
			return
		}
		spans = append(spans, span{m[0], m[1]})
		dates = appendDate(dates, Date{
			Text:   strings.TrimSpace(text[m[0]:m[1]]),
			Value:  dateValue(y, mo, d),
			Topics: topicsAround(text, m[0], m[1], dateTopics),
		})
	})
	return dates, spans
}

// dateValue writes a valid date as "2024-03-12", or "2024-03" when d is
// 0.
func dateValue(y, mo, d int) string {
	b := [10]byte{
		byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + mo/10), byte('0' + mo%10), '-',
		byte('0' + d/10), byte('0' + d%10),
	}
	if d == 0 {
		return string(b[:7])
	}
	return string(b[:])
}

// validDate accepts d == 0 as "day unknown".
func validDate(y, m, d int) bool {
	if y < 1800 || y > 2199 || m < 1 || m > 12 || d < 0 || d > 31 {
		return false
	}
	if d == 0 {
		return true
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

func month(s string) int {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0
	}
	switch s[:3] {
	case "jan":
		return 1
	case "feb":
		return 2
	case "mar":
		return 3
	case "apr":
		return 4
	case "may":
		return 5
	case "jun":
		return 6
	case "jul":
		return 7
	case "aug":
		return 8
	case "sep":
		return 9
	case "oct":
		return 10
	case "nov":
		return 11
	case "dec":
		return 12
	}
	return 0
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

var monthNames = [...]string{"", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// Format writes the normalised value the way a judgment would: "12 March
// 2024" or "March 2024".
func (d Date) Format() string {
	if len(d.Value) < len("2006-01") {
		return d.Value
	}
	y, m, day := atoi(d.Value[0:4]), atoi(d.Value[5:7]), 0
	if d.Precise() {
		day = atoi(d.Value[8:10])
	}
	if m < 1 || m > 12 {
		return d.Value
	}
	if day == 0 {
		return fmt.Sprintf("%s %d", monthNames[m], y)
	}
	return fmt.Sprintf("%d %s %d", day, monthNames[m], y)
}
