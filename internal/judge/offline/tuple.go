package offline

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/factcheck"
)

// Verdicts on a claim checked as a whole.
type claimStatus int

const (
	claimUnverified   claimStatus = iota // the documents say nothing either way
	claimSupported                       // one sentence of one document holds the claim's date and sum together
	claimDerived                         // it follows from the documents by arithmetic
	claimContradicted                    // a document gives a different value for the same date or event
)

// claimCheck is what the documents say of one sentence a party relied on.
type claimCheck struct {
	status claimStatus
	claim  *passage
	doc    *passage // the document sentence that bears it out or contradicts it
	note   string   // the value or derivation, in words
}

// hasFacts reports whether p holds a date or a sum to check.
func (p *passage) hasFacts() bool { return len(p.facts.Dates)+len(p.facts.Amounts) > 0 }

// checkClaim compares the dates and sums of claim with the documents as a
// tuple: a document sentence bears the claim out only when it holds every
// one of its sums with its date. A value that appears in no document is
// then tried as a derivation (a total, a balance, a date so many days
// after another) before it is reported as unverified; it is contradicted
// only when a document gives another value for the same day or the same
// thing.
func checkClaim(claim *passage, docs []passage, derived []keyDate) claimCheck {
	out := claimCheck{claim: claim}
	f := claim.facts
	if len(f.Dates)+len(f.Amounts) == 0 {
		return out
	}
	if note, ok := arithmetic(claim.src.Quote); ok {
		out.status, out.note = claimDerived, note
		return out
	}
	dates := preciseDates(f.Dates)
	// The claim's day in a document: do the sums of that sentence agree?
	for _, d := range dates {
		var differs *passage
		for i := range docs {
			p := &docs[i]
			if p.dup {
				continue
			}
			if !hasDate(p.facts.Dates, d) {
				continue
			}
			if len(f.Amounts) == 0 || allAmounts(f.Amounts, p.facts.Amounts) {
				out.status, out.doc = claimSupported, p
				return out
			}
			// A sentence that shares one of the claim's sums bears out
			// that part ("the invoice of 3 March for $8,000"), and the
			// claim's other sum is another event ("$4,000 paid on 20
			// March"), not a contradiction.
			if differs == nil && len(p.facts.Amounts) > 0 && sameKind(f.Amounts, p.facts.Amounts) && !anyShared(f.Amounts, p.facts.Amounts) {
				differs = p
			}
		}
		if differs != nil {
			out.status, out.doc = claimContradicted, differs
			out.note = fmt.Sprintf("the document gives %s on %s", amountList(differs.facts.Amounts), d.Text)
			return out
		}
	}
	// The claim's sums in a document: does its date agree?
	if len(f.Amounts) > 0 {
		for i := range docs {
			p := &docs[i]
			if p.dup {
				continue
			}
			if !allAmounts(f.Amounts, p.facts.Amounts) {
				continue
			}
			pd := preciseDates(p.facts.Dates)
			if len(dates) == 0 || len(pd) == 0 {
				out.status, out.doc = claimSupported, p
				return out
			}
			if topicShared(dates[0].Topics, pd[0].Topics) {
				out.status, out.doc = claimContradicted, p
				out.note = fmt.Sprintf("the document dates it %s, not %s", pd[0].Text, dates[0].Text)
				return out
			}
		}
		for _, a := range f.Amounts {
			if note, ok := derivedAmount(a, docs); ok {
				out.status, out.note = claimDerived, note
				return out
			}
		}
	}
	for _, d := range dates {
		if note, ok := derivedDate(d, docs, derived); ok {
			out.status, out.note = claimDerived, note
			return out
		}
	}
	// A different sum for the same thing (the deposit, the price). A sum
	// the claim says was paid is a payment, not the thing paid for: a
	// part payment differs from the price without contradicting it.
	for _, a := range f.Amounts {
		if paidSum(claim.lower, a) {
			continue
		}
		for i := range docs {
			p := &docs[i]
			if p.dup {
				continue
			}
			for _, b := range p.facts.Amounts {
				if a.Currency == b.Currency && a.Minor != b.Minor && topicShared(a.Topics, b.Topics) && len(dates) == 0 && !anyAmount(p.facts.Amounts, a) {
					out.status, out.doc = claimContradicted, p
					out.note = fmt.Sprintf("the document puts the %s at %s", sharedTopicOf(a.Topics, b.Topics), b.Format())
					return out
				}
			}
		}
	}
	return out
}

// anyShared reports whether some sum of a is also one of b.
func anyShared(a, b []factcheck.Amount) bool {
	for _, x := range a {
		if anyAmount(b, x) {
			return true
		}
	}
	return false
}

// paidWords are what a sentence says before a sum that was paid.
var paidWords = []string{"paid ", "repaid ", "paid only ", "part payment of ", "part-payment of ", "an advance of ", "advance of "}

// paidSum reports whether the lower-case sentence says that a was paid.
func paidSum(lower string, a factcheck.Amount) bool {
	sum := strings.ToLower(a.Text)
	for _, w := range paidWords {
		if strings.Contains(lower, w+sum) {
			return true
		}
	}
	return false
}

func preciseDates(ds []factcheck.Date) []factcheck.Date {
	var out []factcheck.Date
	for _, d := range ds {
		if d.Precise() {
			out = append(out, d)
		}
	}
	return out
}

func hasDate(ds []factcheck.Date, d factcheck.Date) bool {
	for _, x := range ds {
		if x.Value == d.Value {
			return true
		}
	}
	return false
}

func anyAmount(as []factcheck.Amount, a factcheck.Amount) bool {
	for _, b := range as {
		if factcheck.SameAmount(a, b) {
			return true
		}
	}
	return false
}

func allAmounts(want, have []factcheck.Amount) bool {
	for _, a := range want {
		if !anyAmount(have, a) {
			return false
		}
	}
	return len(want) > 0
}

// sameKind reports whether two lists of sums are in one currency, so that
// a difference between them is a difference of value.
func sameKind(a, b []factcheck.Amount) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Currency == y.Currency || x.Currency == "" || y.Currency == "" {
				return true
			}
		}
	}
	return false
}

func topicShared(a, b []string) bool { return sharedTopicOf(a, b) != "" }

func sharedTopicOf(a, b []string) string {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return x
			}
		}
	}
	return ""
}

func amountList(as []factcheck.Amount) string {
	var s []string
	for _, a := range as {
		s = append(s, a.Format())
	}
	return strings.Join(s, " and ")
}

// arithmetic checks a sum written out in the claim ("1,50,000 − 40,000 −
// 12,000 − 30,000 = 68,000") and reports it when it is right.
func arithmetic(s string) (string, bool) {
	m := sumExpr.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	terms := termRe.FindAllStringSubmatch(m[1], -1)
	if len(terms) < 2 {
		return "", false
	}
	var total float64
	for i, t := range terms {
		v, ok := number(t[2])
		if !ok {
			return "", false
		}
		if i > 0 && t[1] != "+" {
			v = -v
		}
		total += v
	}
	want, ok := number(m[2])
	if !ok || abs(total-want) > 0.005 {
		return "", false
	}
	return "the arithmetic " + strings.TrimSpace(m[0]) + " is correct", true
}

var (
	sumExpr = regexp.MustCompile(`((?:[0-9][0-9,]*(?:\.[0-9]+)?(?:/-)?\s*[-−–+]\s*)+[0-9][0-9,]*(?:\.[0-9]+)?(?:/-)?)\s*=\s*(?:Rs\.?\s*|₹\s*|£\s*|\$\s*)?([0-9][0-9,]*(?:\.[0-9]+)?)`)
	termRe  = regexp.MustCompile(`([-−–+]?)\s*([0-9][0-9,]*(?:\.[0-9]+)?)`)
)

func number(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return v, err == nil
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// derivedAmount reports whether a follows from the documents' sums: a
// total of two or more of them, or one of them less some others (a
// deposit less deductions).
func derivedAmount(a factcheck.Amount, docs []passage) (string, bool) {
	var vals []factcheck.Amount
	for i := range docs {
		if docs[i].dup {
			continue
		}
		for _, b := range docs[i].facts.Amounts {
			if (b.Currency == a.Currency || b.Currency == "" || a.Currency == "") && b.Minor > 0 && !anyAmount(vals, b) && len(vals) < 8 {
				vals = append(vals, b)
			}
		}
	}
	n := len(vals)
	for base := -1; base < n; base++ {
		for mask := 1; mask < 1<<n; mask++ {
			if base >= 0 && mask&(1<<base) != 0 {
				continue
			}
			var sum int64
			k := 0
			var parts []string
			for i := 0; i < n; i++ {
				if mask&(1<<i) != 0 {
					sum += vals[i].Minor
					k++
					parts = append(parts, vals[i].Format())
				}
			}
			switch {
			case base < 0 && k >= 2 && sum == a.Minor:
				return fmt.Sprintf("%s is the total of %s in the documents", a.Format(), strings.Join(parts, ", ")), true
			case base >= 0 && vals[base].Minor-sum == a.Minor:
				return fmt.Sprintf("%s is %s less %s, all in the documents", a.Format(), vals[base].Format(), strings.Join(parts, ", ")), true
			}
		}
	}
	return "", false
}

// keyDate is a date the template derives from the documents (the day the
// cause of action arose, the last day for a notice), with how.
type keyDate struct {
	on  time.Time
	how string
}

// derivedDate reports whether d is a date the documents yield: one of the
// template's derived dates, or a documented date plus 15 or 30 days, one
// month or three months.
func derivedDate(d factcheck.Date, docs []passage, derived []keyDate) (string, bool) {
	t, ok := dayOf(d.Value)
	if !ok {
		return "", false
	}
	for _, k := range derived {
		if k.on.Equal(t) {
			return d.Text + " is " + k.how, true
		}
	}
	for i := range docs {
		if docs[i].dup {
			continue
		}
		for _, x := range preciseDates(docs[i].facts.Dates) {
			b, ok := dayOf(x.Value)
			if !ok {
				continue
			}
			for _, step := range []struct {
				t    time.Time
				what string
			}{{b.AddDate(0, 0, 15), "15 days"}, {b.AddDate(0, 0, 30), "30 days"}, {addMonths(b, 1), "one month"}, {addMonths(b, 3), "three months"}} {
				if step.t.Equal(t) {
					return fmt.Sprintf("%s is %s after %s in %s", d.Text, step.what, x.Text, docs[i].src.Label), true
				}
			}
		}
	}
	return "", false
}

// dayOf reads a factcheck date value "2006-01-02".
func dayOf(v string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, v)
	return t, err == nil
}

// longDate writes t as a judgment does: "9 February 2024".
func longDate(t time.Time) string { return t.Format("2 January 2006") }
