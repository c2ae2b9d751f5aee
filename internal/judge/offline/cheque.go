package offline

import (
	"regexp"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/factcheck"
)

const howCause = "the day the cause of action arose"

var (
	cueDishonour = regexp.MustCompile(`\bdishono(?:u)?red\b|\breturned unpaid\b|\bfunds insufficient\b|\binsufficien(?:t|cy of) funds\b|\breturn memo\b|\bdate of return\b|\bbounced\b|\bexceeds arrangement\b`)
	cueNoticeDay = regexp.MustCompile(`\b(?:legal|demand|statutory)\s+notice\b|\bnotice\b[^.;]{0,20}\b(?:dated|sent|issued|dispatched|posted)\b|\bnotice under section 138\b`)
	cueReceived  = regexp.MustCompile(`\b(?:received|served|delivered)\b`)
)

// chequeDays are the dates of a cheque complaint: the return memo, the
// notice and its receipt, and what follows from them.
type chequeDays struct {
	memo, notice, receipt time.Time
	memoP, noticeP        *passage
	receiptP              *passage
	paidBy, cause         time.Time
}

// datedPassage is the first sentence matching re, documents before
// filings, with the latest day it gives not before after.
func (r *reading) datedPassage(re *regexp.Regexp, after time.Time) (time.Time, *passage) {
	for _, ps := range [][]passage{r.docs, r.filed[0], r.filed[1]} {
		for i := range ps {
			p := &ps[i]
			if loc := re.FindStringIndex(p.lower); loc == nil || negated(p.lower, loc) {
				continue
			}
			var best time.Time
			for _, d := range preciseDates(p.facts.Dates) {
				if t, ok := dayOf(d.Value); ok && !t.Before(after) && (best.IsZero() || after.IsZero() && t.After(best) || !after.IsZero() && t.Before(best)) {
					best = t
				}
			}
			if !best.IsZero() {
				return best, p
			}
		}
		if len(ps) > 0 && ps[0].src.Kind == court.FromDocument {
			// A document headed by the event (a return memo) dates it
			// on a line of its own.
			for i := range ps {
				if !re.MatchString(ps[i].lower) {
					continue
				}
				for k := range ps {
					q := &ps[k]
					if q.src.DocumentID != ps[i].src.DocumentID || q.src.Label != ps[i].src.Label {
						continue
					}
					if t := firstDay(q); !t.IsZero() && !t.Before(after) {
						return t, q
					}
				}
			}
		}
	}
	return time.Time{}, nil
}

func (r *reading) chequeDays() chequeDays {
	var cd chequeDays
	cd.memo, cd.memoP = r.datedPassage(cueDishonour, time.Time{})
	cd.notice, cd.noticeP = r.datedPassage(cueNoticeDay, cd.memo.AddDate(0, 0, 1))
	if !cd.notice.IsZero() {
		for _, ps := range [][]passage{r.docs, r.filed[0]} {
			for i := range ps {
				p := &ps[i]
				if !cueReceived.MatchString(p.lower) || !regexp.MustCompile(`\bnotice\b`).MatchString(p.lower) {
					continue
				}
				for _, d := range preciseDates(p.facts.Dates) {
					if t, ok := dayOf(d.Value); ok && t.After(cd.notice) && cd.receipt.IsZero() {
						cd.receipt, cd.receiptP = t, p
					}
				}
			}
		}
		from := cd.receipt
		if from.IsZero() {
			from = cd.notice
		}
		cd.paidBy = from.AddDate(0, 0, 15)
		cd.cause = cd.paidBy.AddDate(0, 0, 1)
	}
	return cd
}

// decideNotice applies provisos (b) and (c) to s. 138 by the calendar.
func (r *reading) decideNotice(it *issueTemplate) decided {
	d := decided{t: it, issue: r.issueBase(it)}
	cd := r.chequeDays()
	sent := r.find(&it.facts[0], court.SideA)
	unpaid := r.find(&it.facts[1], court.SideA)
	receipt := r.find(&it.facts[2], court.SideA)
	if unpaid.Status == court.Unproved && unpaid.raised && len(r.filed[1]) > 0 && !r.saysPaid() {
		// A failure to pay that the other side does not deny is taken as
		// admitted (a fact not denied is admitted).
		unpaid.Status, unpaid.established = court.Admitted, true
		unpaid.Fact += " (not denied: the " + r.roles.B + " does not say he paid)"
		unpaid.Sources = append(unpaid.Sources, court.Source{Kind: court.FromSummary, Side: court.SideB, Label: "Side B summary"})
	}
	var findings []court.Finding
	ok, firm := true, true
	var why []string
	if !cd.memo.IsZero() && !cd.notice.IsZero() {
		last := cd.memo.AddDate(0, 0, 30)
		r.keys = append(r.keys, keyDate{last, "the last day for the notice, 30 days after the return memo of " + longDate(cd.memo)})
		f := court.Finding{Fact: "the return memo is dated " + longDate(cd.memo) + " and the notice " + longDate(cd.notice) + ", " + itoa(int(cd.notice.Sub(cd.memo).Hours()/24)) + " days later; the last day for it was " + longDate(last), Sources: []court.Source{cd.memoP.src, cd.noticeP.src}}
		if cd.notice.After(last) {
			f.Status, ok = court.Proved, false
			why = append(why, "the notice was given after the 30 days allowed")
		} else {
			f.Status = proofOf(cd.noticeP)
		}
		findings = append(findings, f)
	} else {
		findings = append(findings, sent.Finding)
		if !sent.established {
			ok, firm = false, sent.firm
			why = append(why, "no dated notice is shown")
		}
	}
	if !cd.paidBy.IsZero() {
		from := "its dispatch on " + longDate(cd.notice) + " (no date of receipt is given, so the days are counted from the earliest day it could have arrived)"
		if !cd.receipt.IsZero() {
			from = "its receipt on " + longDate(cd.receipt)
		}
		r.keys = append(r.keys,
			keyDate{cd.paidBy, "the last of the 15 days for payment, counted from " + from},
			keyDate{cd.cause, howCause})
		findings = append(findings, court.Finding{Fact: "the 15 days for payment ended on " + longDate(cd.paidBy) + ", counted from " + from + "; the cause of action arose on " + longDate(cd.cause), Status: court.Proved, Sources: []court.Source{cd.noticeP.src}})
	}
	findings = append(findings, receipt.Finding)
	if receipt.Status == court.Disputed || receipt.Status == court.Contradicted {
		ok, firm = false, false
		why = append(why, "the "+r.roles.B+" denies that the notice reached him and no proof of delivery is filed")
	}
	findings = append(findings, unpaid.Finding)
	if !unpaid.established {
		ok, firm = false, firm && unpaid.firm
		why = append(why, "non-payment within the 15 days is not shown")
	}
	d.issue.Findings = findings
	if ok {
		d.forSide, d.firm = court.SideA, true
		d.issue.Application = "The notice was given in time and the " + r.roles.B + " did not pay within the 15 days; a notice sent to the drawer's address is presumed served, and nothing filed displaces that."
		d.issue.Answer = "Yes."
	} else {
		d.forSide, d.firm = court.SideB, firm
		d.issue.Application = "The provisos are not shown to be satisfied: " + joinAnd(why) + "."
		d.issue.Answer = "No, on the present record."
	}
	d.dated = cd.cause
	return d
}

func proofOf(p *passage) court.FindingStatus {
	if p != nil && p.src.Kind == court.FromDocument {
		return court.Proved
	}
	return court.Unproved
}

var cuePaidCheque = regexp.MustCompile(`\b(?:i|he|she|we|the accused) (?:paid|repaid|have paid|has paid)\b[^.;]{0,40}\b(?:cheque|amount|notice)\b`)

func (r *reading) saysPaid() bool {
	for i := range r.filed[1] {
		if cuePaidCheque.MatchString(r.filed[1][i].lower) {
			return true
		}
	}
	return false
}

// chequeAmount is the sum of the cheque: a sum the documents tie to it.
func (r *reading) chequeAmount() (factcheck.Amount, bool) {
	for _, ps := range [][]passage{r.filed[0], r.docs} {
		for i := range ps {
			if strings.Contains(ps[i].lower, "charges") {
				continue
			}
			for _, a := range ps[i].facts.Amounts {
				for _, t := range a.Topics {
					if t == "cheque" || t == "check" {
						return a, true
					}
				}
			}
		}
		for i := range ps {
			if cueDishonour.MatchString(ps[i].lower) && len(ps[i].facts.Amounts) > 0 {
				return ps[i].facts.Amounts[0], true
			}
		}
	}
	return factcheck.Amount{}, false
}

// decideDebt applies the presumption of s. 139 and weighs its rebuttal.
func (r *reading) decideDebt(it *issueTemplate) decided {
	d := decided{t: it, issue: r.issueBase(it)}
	arises := len(r.issues) > 0 && r.issues[0].t.key == "cheque" && r.issues[0].forSide == court.SideA
	debt := r.find(&it.facts[0], court.SideA)
	defence := r.find(&it.facts[1], court.SideB)
	amount, haveAmount := r.chequeAmount()
	// The debt is proved by a document when a document ties the cheque's
	// sum to the advance.
	debtDoc := debt.Status == court.Proved && haveAmount && anyAmount(debt.docAmounts, amount)
	if debt.Status == court.Proved && !debtDoc {
		debt.Fact += " (a document refers to it, but not for the cheque's sum)"
	}
	d.issue.Findings = []court.Finding{debt.Finding, defence.Finding}
	probable := defence.Status == court.Admitted || defence.Status == court.Proved || debt.Status == court.Contradicted
	switch {
	case !arises:
		d.forSide, d.firm = court.SideB, false
		d.issue.Application = "The presumption arises only once the drawing of the cheque is admitted or proved, and it is not; the " + r.roles.A + " must then prove the debt, and has not done so beyond reasonable doubt."
		d.issue.Answer = "No."
	case debtDoc:
		d.forSide, d.firm = court.SideA, true
		d.issue.Application = "The presumption arises, and the " + r.roles.A + "'s documents go further: they show the advance of the cheque's sum to the " + r.roles.B + ". Against that record the " + r.roles.B + "'s account"
		if defence.raised {
			d.issue.Application += " (" + defence.Fact + ")"
		}
		d.issue.Application += " is not a probable defence; a cheque given as security for a debt that had fallen due is within s. 138."
		d.issue.Answer = "Yes: the presumption stands unrebutted."
	case probable:
		d.forSide, d.firm = court.SideB, defence.Status != court.Disputed
		d.issue.Application = "The presumption arises, but the " + r.roles.B + " has raised a probable defence on the material: " + defence.Fact
		if debt.Status == court.Contradicted {
			d.issue.Application += "; the " + r.roles.A + "'s own account of the debt is contradicted by the documents (" + debt.Fact + ")"
		}
		d.issue.Application += ". The burden returns to the " + r.roles.A + " to prove the debt, and nothing filed proves it."
		d.issue.Answer = "No: the presumption is rebutted."
	default:
		d.forSide, d.firm = court.SideA, true
		d.issue.Application = "The presumption arises. The " + r.roles.B + "'s answer"
		if defence.raised {
			d.issue.Application += " (" + defence.Fact + ")"
		}
		d.issue.Application += " rests on his word alone, with no document and nothing in the " + r.roles.A + "'s own material to make it probable; a bare denial does not rebut the presumption."
		d.issue.Answer = "Yes: the presumption stands unrebutted."
	}
	return d
}

// chequeLimitation applies s. 142(1)(b): one month from the cause of
// action.
func (r *reading) chequeLimitation(it *issueTemplate) decided {
	d := decided{t: it, issue: r.issueBase(it), forSide: court.SideA, firm: true}
	var cause time.Time
	for _, k := range r.keys {
		if k.how == howCause {
			cause = k.on
		}
	}
	if cause.IsZero() {
		d.issue.Application = "The dates of the notice are not in the record, so the period cannot be counted; the " + r.roles.B + " does not say the complaint was late."
		d.issue.Answer = "Not shown to be out of time."
		return d
	}
	end := addMonths(cause, 1)
	r.keys = append(r.keys, keyDate{end, "the last day for the complaint, one month from the cause of action on " + longDate(cause)})
	r.limitationAnswer(&d, cause, end, "one month")
	return d
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	out := ""
	for i, x := range xs {
		switch {
		case i == 0:
			out = x
		case i == len(xs)-1:
			out += " and " + x
		default:
			out += "; " + x
		}
	}
	return out
}
