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
	if unpaid.Status == court.Unproved && (unpaid.raised || r.anyOf(r.filed[0], cueCauseArose)) && len(r.filed[1]) > 0 && !r.saysPaid() {
		// A failure to pay that the other side does not deny is taken as
		// admitted (a fact not denied is admitted).
		unpaid.Status, unpaid.established = court.Admitted, true
		unpaid.Fact += " (not denied: the " + r.roles.B + " does not say he paid)"
		unpaid.Sources = append(unpaid.Sources, court.Source{Kind: court.FromSummary, Side: court.SideB, Label: "Side B summary"})
	}
	var findings []court.Finding
	ok, firm := true, true
	var why []string
	// The dates of the memo and the notice: a derived finding stands when
	// each of its inputs is documented or admitted.
	noticeSt, noticeFrom, noticeSrc := court.Proved, "", []court.Source{}
	if cd.noticeP != nil {
		noticeSrc = append(noticeSrc, cd.noticeP.src)
		if cd.noticeP.src.Kind != court.FromDocument {
			noticeFrom = "the notice's date rests on " + cd.noticeP.src.Label + ", the notice itself not being filed"
			if sentB := r.admitsNotice(); sentB != nil {
				noticeFrom += "; the " + r.roles.B + " accepts that a notice was sent and does not dispute its date (" + sentB.src.Label + ")"
				noticeSrc = append(noticeSrc, sentB.src)
			} else if r.deniesNotice() {
				noticeSt = court.Unproved
				noticeFrom += ", and the " + r.roles.B + " denies that any notice was sent"
			} else {
				noticeFrom += "; the " + r.roles.B + " does not dispute that it was sent, or when"
			}
		}
	}
	if !cd.memo.IsZero() && !cd.notice.IsZero() {
		last := cd.memo.AddDate(0, 0, 30)
		r.keys = append(r.keys, keyDate{last, "the last day for the notice, 30 days after the return memo of " + longDate(cd.memo)})
		f := court.Finding{Fact: "the return memo is dated " + longDate(cd.memo) + " and the notice " + longDate(cd.notice) + ", " + itoa(int(cd.notice.Sub(cd.memo).Hours()/24)) + " days later; the last day for it was " + longDate(last), Sources: append([]court.Source{cd.memoP.src}, noticeSrc...)}
		inputs := "the memo's date is taken from " + cd.memoP.src.Label
		if cd.memoP.src.Kind != court.FromDocument {
			inputs = "the memo's date rests on " + cd.memoP.src.Label
		}
		if noticeFrom != "" {
			inputs += "; " + noticeFrom
		}
		f.Fact += " (" + inputs + ")"
		f.Status = noticeSt
		if cd.memoP.src.Kind != court.FromDocument && noticeSt == court.Proved && noticeFrom != "" {
			f.Status = court.Unproved
		}
		if cd.notice.After(last) {
			ok = false
			why = append(why, "the notice was given after the 30 days allowed")
		} else if f.Status != court.Proved {
			ok, firm = false, false
			why = append(why, "the notice's date is not shown by a document or admitted")
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
		src := noticeSrc
		if !cd.receipt.IsZero() {
			from = "its receipt on " + longDate(cd.receipt)
			src = []court.Source{cd.receiptP.src}
		}
		r.keys = append(r.keys,
			keyDate{cd.paidBy, "the last of the 15 days for payment, counted from " + from},
			keyDate{cd.cause, howCause})
		findings = append(findings, court.Finding{Fact: "the 15 days for payment ended on " + longDate(cd.paidBy) + ", counted from " + from + "; the cause of action arose on " + longDate(cd.cause), Status: noticeSt, Sources: src})
	}
	// Service. A notice sent by post to the drawer's address is deemed
	// served unless the drawer shows otherwise; his word alone, or a
	// change of address nothing filed shows, does not displace that.
	presumed, bare := false, false
	switch {
	case receipt.Status == court.Proved || receipt.Status == court.Admitted:
		findings = append(findings, receipt.Finding)
	case (receipt.Status == court.Disputed || receipt.Status == court.Contradicted) && r.docDeniesReceipt(&it.facts[2]):
		findings = append(findings, receipt.Finding)
		ok, firm = false, false
		why = append(why, "the "+r.roles.B+"'s documents show that the notice did not reach him")
	case !cd.notice.IsZero() && noticeSt == court.Proved:
		presumed = true
		findings = append(findings, court.Finding{Fact: "the " + r.roles.B + " is presumed served with the notice, sent by post to his address (s. 27 of the General Clauses Act, 1897)", Status: court.Proved, Sources: noticeSrc})
		if dp := r.deniedReceipt(&it.facts[2]); dp != nil {
			bare = true
			findings = append(findings, court.Finding{Fact: "the notice did not reach the " + r.roles.B + " (his word alone: no document shows a change of address or that the notice was returned undelivered)", Status: court.Unproved, Sources: []court.Source{dp.src}})
		}
	default:
		findings = append(findings, receipt.Finding)
		if receipt.Status == court.Disputed || receipt.Status == court.Contradicted {
			ok, firm = false, false
			why = append(why, "the "+r.roles.B+" denies that the notice reached him and no notice is shown to have been sent")
		}
	}
	findings = append(findings, unpaid.Finding)
	if !unpaid.established {
		ok, firm = false, firm && unpaid.firm
		why = append(why, "non-payment within the 15 days is not shown")
	}
	d.issue.Findings = findings
	if ok {
		d.forSide, d.firm = court.SideA, true
		d.issue.Application = "The notice was given in time and the " + r.roles.B + " did not pay within the 15 days."
		if presumed {
			d.issue.Application += " A notice sent by post to the drawer's address is deemed served unless he shows otherwise, and nothing filed displaces that."
		}
		if bare {
			d.issue.Application += " The " + r.roles.B + " says it never reached him, but that is his word alone: nothing filed shows a change of address or a notice returned undelivered, and a bare denial does not displace the presumption of service. A drawer who says he never received the notice could still have paid the amount within 15 days of receiving the court's summons; the " + r.roles.B + " does not say he did, so he cannot rely on non-receipt (C.C. Alavi Haji v. Palapetty Muhammed, (2007) 6 SCC 555)."
		}
		d.issue.Answer = "Yes."
	} else {
		d.forSide, d.firm = court.SideB, firm
		d.issue.Application = "The provisos are not shown to be satisfied: " + joinAnd(why) + "."
		d.issue.Answer = "No, on the present record."
	}
	d.dated = cd.cause
	return d
}

var (
	cueCauseArose = regexp.MustCompile(`\bcause of action arose\b|\bcomplaint (?:was |is )?filed\b`)
	cueNoticeSent = regexp.MustCompile(`\bnotice\b[^.;]{0,40}\b(?:sent|posted|dispatched|issued|went)\b`)
	cueNoNotice   = regexp.MustCompile(`\bno (?:legal |demand |statutory )?notice (?:was )?(?:ever )?(?:sent|issued|given)\b|\bnever (?:sent|issued) (?:a|any|the) notice\b`)
)

func (r *reading) anyOf(ps []passage, re *regexp.Regexp) bool {
	for i := range ps {
		if re.MatchString(ps[i].lower) {
			return true
		}
	}
	return false
}

// admitsNotice is a sentence of the drawer's filing that accepts a notice
// was sent (if to the wrong place).
func (r *reading) admitsNotice() *passage {
	for i := range r.filed[1] {
		p := &r.filed[1][i]
		if loc := cueNoticeSent.FindStringIndex(p.lower); loc != nil && !negated(p.lower, loc) && !cueNoNotice.MatchString(p.lower) {
			return p
		}
	}
	return nil
}

func (r *reading) deniesNotice() bool { return r.anyOf(r.filed[1], cueNoNotice) }

// deniedReceipt is the drawer's first sentence that denies receiving the
// notice.
func (r *reading) deniedReceipt(f *fact) *passage {
	for i := range r.filed[1] {
		if f.denies(&r.filed[1][i]) {
			return &r.filed[1][i]
		}
	}
	return nil
}

// docDeniesReceipt reports whether a document of the drawer (a postal
// return, proof of a change of address) shows the notice did not reach
// him.
func (r *reading) docDeniesReceipt(f *fact) bool {
	for i := range r.docs {
		p := &r.docs[i]
		if p.src.Side == court.SideB && f.denies(p) && !r.ownWord(p) {
			return true
		}
	}
	return false
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
	var repaid finding
	if len(it.facts) > 2 {
		repaid = r.find(&it.facts[2], court.SideB)
	}
	discharged := repaid.Status == court.Admitted || repaid.Status == court.Proved
	amount, haveAmount := r.chequeAmount()
	// The debt is proved by a document when a document ties the cheque's
	// sum to the advance.
	debtDoc := debt.Status == court.Proved && haveAmount && anyAmount(debt.docAmounts, amount)
	if debt.Status == court.Proved && !debtDoc {
		debt.Fact += " (a document refers to it, but not for the cheque's sum)"
	}
	d.issue.Findings = []court.Finding{debt.Finding, defence.Finding}
	if repaid.raised {
		d.issue.Findings = append(d.issue.Findings, repaid.Finding)
	}
	probable := defence.Status == court.Admitted || defence.Status == court.Proved || debt.Status == court.Contradicted
	switch {
	case !arises:
		d.forSide, d.firm = court.SideB, false
		d.issue.Application = "The presumption arises only once the drawing of the cheque is admitted or proved, and it is not; the " + r.roles.A + " must then prove the debt, and has not done so beyond reasonable doubt."
		d.issue.Answer = "No."
	case discharged:
		// A debt repaid before the cheque was presented is not a legally
		// enforceable debt on the day of presentation: the complainant's
		// own receipt, or his admission, makes the defence more than
		// probable, whatever the record shows of the advance.
		d.forSide, d.firm = court.SideB, true
		d.issue.Application = "The presumption arises, but the " + r.roles.B + " has rebutted it on a preponderance of probabilities: " + repaid.Fact + ". A cheque presented for a debt already discharged is not one issued in discharge of a legally enforceable debt or liability existing when it was presented, and the " + r.roles.A + "'s proof of the original advance does not revive what was repaid."
		d.issue.Answer = "No: the presumption is rebutted."
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

// cueOwnWord marks a document that is a party's own statement or its own
// assessment (a reply, a letter, its service report): it records what the
// party says, and is not proof of it against the other side.
var cueOwnWord = regexp.MustCompile(`\breply\b|\bletter\b|\baffidavit\b|\bstatement of (?:the )?(?:accused|defence|defendant|respondent|opposite party)\b`)

// cueOwnReport is a report a trader, employer or data holder makes of its
// own goods, service or systems. Filed by the side that answers the
// claim it is that side's own word; filed by the side that brings the
// case it is a third party's record (an authorised service centre's, a
// surveyor's), since a buyer or employee does not write such reports.
var cueOwnReport = regexp.MustCompile(`\bservice report\b|\binspection report\b|\bassessment\b`)

// cueAddressed is a letter's salutation to its reader, after any
// letterhead, address and date, with "you" or "your" soon after it.
var cueAddressed = regexp.MustCompile(`(?m)^\s*dear\b[^\n]{0,60}(?:\n\s*)*[^\n]{0,200}\byour?\b`)

// ownWord reports whether p comes from a document that is its filer's own
// statement or assessment.
func (r *reading) ownWord(p *passage) bool {
	if p == nil || p.src.Kind != court.FromDocument {
		return false
	}
	key := string(p.src.Side) + p.src.DocumentID
	if v, ok := r.own[key]; ok {
		return v
	}
	v := r.docOwnWord(p)
	if r.own == nil {
		r.own = map[string]bool{}
	}
	r.own[key] = v
	return v
}

func (r *reading) docOwnWord(p *passage) bool {
	for _, d := range r.c.Side(p.src.Side).Documents {
		if d.ID != p.src.DocumentID {
			continue
		}
		head := strings.ToLower(d.Name + " " + d.Text[:min(len(d.Text), 80)])
		// A letter addressed to the filer ("Dear Ms Clarke, your
		// employment …") is the other side's, received and filed.
		if cueAddressed.MatchString(strings.ToLower(d.Text[:min(len(d.Text), 400)])) && !strings.Contains(head, "reply") {
			return false
		}
		return cueOwnWord.MatchString(head) || p.src.Side == court.SideB && cueOwnReport.MatchString(head)
	}
	return false
}

// compensationPower names the power to award compensation out of the fine
// under the code of criminal procedure that governs the proceedings: the
// CrPC for a complaint made before 1 July 2024 (s. 531 of the BNSS saves
// pending trials), the BNSS after. The day is the day of filing the
// filings give, else the last day a complaint in time could be made, else
// the day the case was opened; the statute table says which code was in
// force on it.
func (r *reading) compensationPower() string {
	on, _ := r.filedOn()
	if on.IsZero() {
		for _, k := range r.keys {
			if strings.HasPrefix(k.how, "the last day for the complaint") {
				on = k.on
			}
		}
	}
	if on.IsZero() {
		on = r.proc
	}
	if on.IsZero() {
		on = r.facts
	}
	for _, p := range table[ref{"Code of Criminal Procedure, 1973", "s. 200"}] {
		if p.InForce(on) {
			return "under s. 357 of the Code of Criminal Procedure, 1973, which governs a complaint made before 1 July 2024"
		}
	}
	return "under s. 395 of the Bharatiya Nagarik Suraksha Sanhita, 2023, which governs a complaint made on or after 1 July 2024"
}
