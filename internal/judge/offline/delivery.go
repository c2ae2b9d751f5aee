package offline

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// The words before a date that fix the day of delivery, and before a date
// on which goods were delivered.
var (
	cueDueBy       = regexp.MustCompile(`\bdeliver(?:y|ed)?\b(?:\s+[\w']+){0,3}\s+(?:by|before|no later than|on or before)\s*$|\bdelivery date:?\s*$|\bdue for delivery (?:on|by)\s*$`)
	cueDeliveredOn = regexp.MustCompile(`\bdelivered\b[^.;]{0,80}\bon\s*$|\bdelivered on\s*$|\b(?:arrived|reached)\b[^.;]{0,40}\bon\s*$`)
)

// dated is a day a passage gives, with the passage.
type dated struct {
	day time.Time
	p   *passage
}

// deliveryDays finds the day the contract fixed for delivery and the day
// the goods were delivered, each with the passage that gives it: the
// documents first, then the sides' filings.
func (r *reading) deliveryDays() (due, done dated) {
	for _, ps := range [][]passage{r.docs, r.filed[0], r.filed[1]} {
		for i := range ps {
			p := &ps[i]
			for _, d := range preciseDates(p.facts.Dates) {
				at := strings.Index(p.lower, strings.ToLower(d.Text))
				day, ok := dayOf(d.Value)
				if at < 0 || !ok {
					continue
				}
				before := p.lower[max(0, at-100):at]
				switch {
				case due.p == nil && cueDueBy.MatchString(before):
					due = dated{day, p}
				case done.p == nil && cueDeliveredOn.MatchString(before) && !strings.Contains(before, "to be delivered"):
					done = dated{day, p}
				}
			}
		}
	}
	return due, done
}

// lateDelivery decides a fact of late delivery by the calendar: the day
// delivery was due and the day it came, each from a document or from the
// other side's own filing. It reports false when either day is missing,
// and the fact is then read from the words of the filings.
func (r *reading) lateDelivery(f *fact, s court.SideID) (finding, bool) {
	due, done := r.deliveryDays()
	if due.p == nil || done.p == nil {
		return finding{}, false
	}
	out := finding{raised: true, asserted: true}
	out.Sources = []court.Source{due.p.src}
	if done.p != due.p {
		out.Sources = append(out.Sources, done.p.src)
	}
	late := int(done.day.Sub(due.day).Hours() / 24)
	when := fmt.Sprintf("delivery was due by %s and came on %s", due.day.Format("2 January 2006"), done.day.Format("2 January 2006"))
	// A day stands on a document, unless it is the claimant's own
	// statement, or on the other side's own filing.
	proof := func(p *passage) bool {
		if p.src.Kind == court.FromDocument {
			return !r.selfServing(p, s)
		}
		return p.src.Side == s.Other()
	}
	switch {
	case late <= 0:
		out.Status, out.firm = court.Contradicted, true
		out.Fact = r.words(f.what) + ": " + when + ", in time"
	case proof(due.p) && proof(done.p):
		out.Status, out.established, out.firm = court.Proved, true, true
		if due.p.src.Kind != court.FromDocument && done.p.src.Kind != court.FromDocument {
			out.Status = court.Admitted
		}
		out.Fact = r.words(f.what) + fmt.Sprintf(": %s, %d days late", when, late)
	default:
		out.Status = court.Unproved
		out.Fact = r.words(f.what) + fmt.Sprintf(": %s, %d days late, on the %s's word alone", when, late, r.roleOf(s))
	}
	out.day = done.day
	return out, true
}

// cueNeverDelivered is a statement that the goods never came at all.
var cueNeverDelivered = regexp.MustCompile(`\bnever (?:delivered|supplied|came|arrived)\b|\bno goods\b|\bnon-?delivery\b|\bnot (?:been )?delivered\b|\bfailed to (?:deliver|supply)\b|\bdid not (?:deliver|supply)\b`)

// neverDelivered reports whether the breach found is that the goods never
// came: the claimant says so, the issue goes its way, and nothing on the
// record gives a day of delivery. The price paid for them is then
// returned as well as the loss made good.
func (r *reading) neverDelivered() bool {
	i := r.issueIndex("breach")
	if r.d != buyerDelivery || i < 0 || r.issues[i].forSide != court.SideA {
		return false
	}
	if _, done := r.deliveryDays(); done.p != nil {
		return false
	}
	for j := range r.filed[0] {
		if cueNeverDelivered.MatchString(r.filed[0][j].lower) {
			return true
		}
	}
	return false
}
