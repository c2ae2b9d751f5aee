package offline

import (
	"regexp"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// Dated events the filings may state.
var (
	cueFiled     = regexp.MustCompile(`\b(?:complaint|claim|suit|application|petition|case)\b[^.;]{0,30}\b(?:was |were )?(?:filed|presented|lodged|made|brought|instituted)\b|\b(?:filed|presented|lodged|issued|brought|made|instituted|commenced) (?:the |this |a |an |his |her |its |my |their |our )?(?:[\w-]+ ){0,3}(?:complaint|claim|suit|application|petition|proceeding)s?\b`)
	cueLimit     = regexp.MustCompile(`\btime[- ]barred\b|\blimitation\b|\bout of time\b|\bbeyond (?:the )?(?:period|time)\b|\bdelay\b`)
	cueDue       = regexp.MustCompile(`\b(?:repay|repayable|payable|due|pay)\b`)
	cueDueBefore = regexp.MustCompile(`\b(?:repayable|payable|due|(?:re)?pay (?:it |the (?:loan|sum|price|balance) )?(?:in full )?)\s*(?:on|by)\s*$`)
	cueCause     = regexp.MustCompile(`\bsufficient cause\b|\bcondon`)
)

// addMonths is t plus n calendar months, the last day of a shorter month
// standing for a day it lacks (31 January plus one month is 29 February
// in a leap year), as periods of months are counted in law.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), 0, 0, 0, 0, time.UTC)
}

// filedOn is the day the filings say the proceedings were brought.
func (r *reading) filedOn() (time.Time, *passage) {
	for _, ps := range [][]passage{r.filed[0], r.docs, r.filed[1]} {
		for i := range ps {
			p := &ps[i]
			if !p.dup && matches(cueFiled, p.lower) {
				// The day next to the filing, not an earlier day the
				// sentence gives (the cause of action, the dismissal).
				t := dayNear(p, cueFiled)
				if t.IsZero() {
					t = firstDay(p)
				}
				if !t.IsZero() {
					return t, p
				}
			}
		}
	}
	return time.Time{}, nil
}

// raisedLimitation is the first sentence of the other side that says the
// claim is late.
func (r *reading) raisedLimitation() *passage {
	for i := range r.filed[1] {
		if cueLimit.MatchString(r.filed[1][i].lower) {
			return &r.filed[1][i]
		}
	}
	return nil
}

// decideLimitation counts the period from the event the template names.
// It is framed only where the table of the jurisdiction has the period.
func (r *reading) decideLimitation(it *issueTemplate) (decided, bool) {
	d := decided{t: it, issue: r.issueBase(it), forSide: court.SideA, firm: true}
	if r.d == chequeDishonour {
		return r.chequeLimitation(it), true
	}
	j := r.c.Jurisdiction
	months, days := it.period.months[j], it.period.days[j]
	if months == 0 && days == 0 {
		return d, false
	}
	var start time.Time
	for _, x := range r.issues {
		if x.t.key == it.period.from {
			start = x.dated
		}
	}
	if start.IsZero() && it.period.from == "breach" {
		// A failure to pay stated without a date is a breach from the
		// day the sum fell due.
		start = r.dateAfter(cueDueBefore, cueDue)
	}
	if start.IsZero() {
		return d, false
	}
	end := addMonths(start, months).AddDate(0, 0, days)
	if it.period.less1[j] {
		end = end.AddDate(0, 0, -1)
	}
	r.keys = append(r.keys, keyDate{end, "the last day of the limitation period counted from " + longDate(start)})
	period := ""
	switch {
	case months%12 == 0 && months > 0:
		period = numWord(months/12) + " years"
	case months > 0:
		period = numWord(months) + " months"
	default:
		period = numWord(days) + " days"
	}
	r.limitationAnswer(&d, start, end, period)
	return d, true
}

func numWord(n int) string {
	words := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return itoa(n)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

// limitationAnswer states the period, the last day and, when the filings
// give the day the proceedings were brought, whether they were in time.
func (r *reading) limitationAnswer(d *decided, start, end time.Time, period string) {
	filed, fp := r.filedOn()
	late := r.raisedLimitation()
	f := court.Finding{Fact: "the period of " + period + " ran from " + longDate(start) + " and its last day was " + longDate(end), Status: court.Proved, Sources: []court.Source{}}
	d.issue.Findings = append(d.issue.Findings, f)
	switch {
	case !filed.IsZero() && !filed.After(end):
		d.issue.Findings = append(d.issue.Findings, court.Finding{Fact: "the proceedings were brought on " + longDate(filed), Status: court.Proved, Sources: []court.Source{fp.src}})
		d.issue.Application = "The proceedings were brought on " + longDate(filed) + ", on or before the last day, " + longDate(end) + "."
		d.issue.Answer = "Yes: the claim is within time."
	case !filed.IsZero():
		d.issue.Findings = append(d.issue.Findings, court.Finding{Fact: "the proceedings were brought on " + longDate(filed), Status: court.Proved, Sources: []court.Source{fp.src}})
		d.issue.Application = "The proceedings were brought on " + longDate(filed) + ", after the last day, " + longDate(end) + "."
		d.forSide = court.SideB
		if r.anyMatch(cueCause) {
			d.firm = false
			d.issue.Application += " The " + r.roles.A + " asks for the delay to be excused; whether there was sufficient cause is for evidence."
		}
		d.issue.Answer = "No: the claim is out of time."
	case late != nil:
		d.firm = false
		d.issue.Findings = append(d.issue.Findings, court.Finding{Fact: "the " + r.roles.B + " says the claim is out of time", Status: court.Disputed, Sources: []court.Source{late.src}})
		d.issue.Application = "The " + r.roles.B + " pleads limitation, but the filings do not say when the proceedings were brought; they had to be brought by " + longDate(end) + ". The " + r.roles.A + " must show that they were."
		d.issue.Answer = "Open: the day of filing is not in the record."
	default:
		d.issue.Application = "The filings do not say when the proceedings were brought and nobody says they were late. They had to be brought by " + longDate(end) + "; the date this case was opened in the system is not taken as the date of filing."
		d.issue.Answer = "Not shown to be out of time."
	}
}

func (r *reading) anyMatch(re *regexp.Regexp) bool {
	for _, ps := range [][]passage{r.filed[0], r.filed[1]} {
		for i := range ps {
			if re.MatchString(ps[i].lower) {
				return true
			}
		}
	}
	return false
}

// factsDate is when the events in dispute happened: the day the template
// names (the cause of action of a cheque complaint, the dismissal, the
// breach), else the latest day the documents give.
func (r *reading) factsDate() time.Time {
	for _, k := range r.keys {
		if k.how == howCause {
			return k.on
		}
	}
	for _, d := range r.issues {
		if d.t.key == r.t.factsFrom && !d.dated.IsZero() {
			return d.dated
		}
	}
	var last time.Time
	if len(r.docs) == 0 {
		for i := range r.filed[0] {
			if t := firstDay(&r.filed[0][i]); t.After(last) {
				last = t
			}
		}
	}
	for i := range r.docs {
		if t := firstDay(&r.docs[i]); t.After(last) && (r.proc.IsZero() || !t.After(r.proc)) {
			last = t
		}
	}
	return last
}

var _ = court.SideA
