package offline

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/factcheck"
)

// outcome is what the decided issues add up to.
type outcome struct {
	claimWins bool
	doubt     bool // a criminal charge whose ingredients are not all settled
	firm      int
	share     float64
	conf      int
	favours   court.Favours
	verdict   string
	relief    []court.Order
}

// Caps on confidence: a first view is never more than moderately sure,
// and no view of this engine is certain.
const (
	tentativeFloor, tentativeCap = 35, 75
	finalFloor, finalCap         = 50, 90
)

func (r *reading) outcome(final bool) outcome {
	var o outcome
	o.claimWins = len(r.issues) > 0
	unfair := r.d == dismissalWages && (r.sideOf("reason") == court.SideA || r.sideOf("fairness") == court.SideA)
	for _, d := range r.issues {
		if unfair && (d.t.key == "reason" || d.t.key == "fairness") || d.t.key == "deductions" {
			// Proved deductions reduce the deposit returned; they do not
			// defeat the claim to the rest.
			// A dismissal is unfair if the employer shows no fair reason, or
			// shows one but did not act reasonably on it.
		} else if d.forSide != court.SideA {
			o.claimWins = false
		}
		if d.firm {
			o.firm++
		}
	}
	if o.claimWins && r.sideOf("deductions") == court.SideB {
		if bal, ok := r.depositBalance(); ok && bal.Minor <= 0 {
			o.claimWins = false
		}
	}
	if n := len(r.issues); n > 0 {
		o.share = float64(o.firm) / float64(n)
	}
	lo, hi := tentativeFloor, tentativeCap
	if final {
		lo, hi = finalFloor, finalCap
	}
	o.conf = lo + int(math.Round(o.share*float64(hi-lo)))
	if r.t.criminal && o.claimWins && o.firm < len(r.issues) {
		o.claimWins, o.doubt = false, true
	}
	switch {
	case !final && o.share < 0.5:
		o.favours = court.FavoursNeither
	case o.claimWins:
		o.favours = court.FavoursA
	default:
		o.favours = court.FavoursB
	}
	o.verdict = r.verdict(o, final)
	o.relief = r.relief(o)
	return o
}

func (r *reading) verdict(o outcome, final bool) string {
	a := fmt.Sprintf("Side A (the %s)", r.roles.A)
	b := fmt.Sprintf("Side B (the %s)", r.roles.B)
	if !final {
		switch o.favours {
		case court.FavoursNeither:
			return "No clear view yet: the decisive issues turn on facts the filed material does not settle"
		case court.FavoursA:
			if x := r.againstButNotFatal(); x != "" {
				return "Tentatively in favour of " + a + ": the claim succeeds on the present record, though " + x
			}
			return "Tentatively in favour of " + a + ": every issue is answered its way on the present record"
		}
		return "Tentatively in favour of " + b + ": " + r.firstAgainstA() + " is answered against Side A on the present record"
	}
	if r.t.criminal {
		if o.claimWins {
			return "Conviction: " + a + " has proved every ingredient of the offence beyond reasonable doubt"
		}
		if o.doubt {
			return "Acquittal: the " + r.roles.B + " is given the benefit of the doubt, because " + r.firstOpen() + " is not settled by proof"
		}
		return "Acquittal: " + r.firstAgainstA() + " is not proved against the " + r.roles.B
	}
	if o.claimWins {
		if x := r.againstButNotFatal(); x != "" {
			return "Judgment for " + a + ": the claim succeeds, though " + x
		}
		return "Judgment for " + a + ": the claim succeeds"
	}
	return "Judgment for " + b + ": the claim is dismissed, because " + r.firstAgainstA() + " is answered against Side A"
}

// issueName is a short name of issue i: "issue 2 (notice)".
func (r *reading) issueName(i int) string {
	return fmt.Sprintf("issue %d (%s)", i+1, r.issues[i].t.key)
}

func (r *reading) firstAgainstA() string {
	for i, d := range r.issues {
		if d.forSide != court.SideA {
			return r.issueName(i)
		}
	}
	return "the claim"
}

// againstButNotFatal names the issues answered against Side A that do
// not defeat a claim that succeeds: proved deductions, which reduce the
// sum, or one of two routes to unfairness.
func (r *reading) againstButNotFatal() string {
	var xs []string
	for i, d := range r.issues {
		if d.forSide == court.SideA {
			continue
		}
		x := r.issueName(i) + " goes for Side B"
		if d.t.key == "deductions" {
			x += " and reduces the sum due"
		} else {
			x += " without defeating the claim"
		}
		xs = append(xs, x)
	}
	return joinAnd(xs)
}

func (r *reading) firstOpen() string {
	for i, d := range r.issues {
		if !d.firm {
			return r.issueName(i)
		}
	}
	return "an ingredient"
}

// relief is the order that follows: the template's usual relief when the
// claim succeeds, dismissal (or acquittal) when it does not.
func (r *reading) relief(o outcome) []court.Order {
	var out []court.Order
	if !o.claimWins {
		if r.t.criminal {
			return []court.Order{{Kind: court.Acquittal, Description: "Acquittal of the " + r.roles.B + " of the offence under s. 138 of the Negotiable Instruments Act, 1881"}}
		}
		out = append(out, court.Order{Kind: court.Dismissal, Description: "The claim of the " + r.roles.A + " is dismissed"})
		if r.d != dismissalWages {
			out = append(out, court.Order{Kind: court.Costs, Description: "Costs to the " + r.roles.B + ", as costs follow the event unless the court orders otherwise"})
		}
		return out
	}
	for _, t := range r.t.relief {
		if !r.reliefApplies(t) {
			continue
		}
		ord := court.Order{Kind: t.kind, Description: r.words(t.what)}
		if r.d == chequeDishonour && t.kind == court.Compensation {
			ord.Description += ", " + r.compensationPower()
		}
		if strings.Contains(t.what, "{amount}") {
			a, ok := r.amountFor(t.amount)
			note := ""
			if ok && t.amount == "claim" {
				a, note = r.sumDue(a)
			}
			switch {
			case !ok:
				ord.Description = strings.ReplaceAll(ord.Description, "{amount}", "the sum proved at the hearing on quantum")
			case t.amount == "loss" && r.lossAssessed():
				// Liability is found but the loss is not measured: the
				// order names the sum claimed, unless it is the price
				// already ordered returned, and awards none yet.
				claimed := " (the " + r.roles.A + " puts it at " + r.money(a) + ")"
				if slices.ContainsFunc(out, func(o court.Order) bool { return o.Kind == court.Refund && o.Amount == float64(a.Minor)/100 }) {
					claimed = ""
				}
				ord.Description = strings.ReplaceAll(ord.Description, "{amount}", "in a sum to be assessed on proof of the loss"+claimed)
			default:
				ord.Amount = float64(a.Minor) / 100
				ord.Currency = r.currencyOf(a)
				ord.Description = strings.ReplaceAll(ord.Description, "{amount}", r.money(a)) + note
			}
		}
		out = append(out, ord)
	}
	return out
}

// lossAssessed reports whether an issue found liability for a loss and
// left its amount to be assessed on proof.
func (r *reading) lossAssessed() bool {
	for i := range r.issues {
		if r.issues[i].assess {
			return true
		}
	}
	return false
}

func (r *reading) reliefApplies(t reliefTemplate) bool {
	need := map[string]string{"wages": "wages", "maintenance": "need", "divorce": "ground"}[t.amount]
	if r.d == dismissalWages && t.amount == "" && r.issueIndex("dismissal") < 0 {
		// A claim for wages alone gets no declaration or award for a
		// dismissal nobody alleged.
		return false
	}
	if t.amount == "paid" || t.refunded {
		return r.neverDelivered()
	}
	if need == "" {
		return true
	}
	for _, d := range r.issues {
		if d.t.key == need {
			return true
		}
	}
	return false
}

var (
	topicPrice = map[string]bool{"price": true, "invoice": true, "purchase": true, "cost": true, "sale": true, "phone": true, "mobile": true, "laptop": true, "goods": true, "order": true, "bill": true}
	cueClaimed = regexp.MustCompile(`\b(?:claims?|seeks?|asks? for|prays? for)\b[^.;]{0,40}\b(?:maintenance|support|alimony)\b`)
	cueMonthly = regexp.MustCompile(`\bper month\b|\bmonthly\b|\ba month\b|\bmaintenance\b`)
	cueWages   = regexp.MustCompile(`\bwages\b|\bsalary\b|\bovertime\b|\bnotice pay\b|\barrears\b`)
	cueLoss    = regexp.MustCompile(`\bloss\b|\blost\b|\bdebited\b|\bcompensation\b|\bdamages\b|\bwithdrawn\b`)
)

// amountFor finds the sum a relief is for, preferring the documents.
func (r *reading) amountFor(topic string) (factcheck.Amount, bool) {
	docsThenA := [][]passage{r.docs, r.filed[0]}
	byTopic := func(want map[string]bool, lists ...[]passage) (factcheck.Amount, bool) {
		for _, ps := range lists {
			for i := range ps {
				for _, a := range ps[i].facts.Amounts {
					for _, t := range a.Topics {
						if want[t] {
							return a, true
						}
					}
				}
			}
		}
		return factcheck.Amount{}, false
	}
	byCue := func(cue *regexp.Regexp, lists ...[]passage) (factcheck.Amount, bool) {
		for _, ps := range lists {
			for i := range ps {
				if len(ps[i].facts.Amounts) > 0 && cue.MatchString(ps[i].lower) {
					return ps[i].facts.Amounts[0], true
				}
			}
		}
		return factcheck.Amount{}, false
	}
	switch topic {
	case "cheque":
		return r.chequeAmount()
	case "price":
		if a, ok := byTopic(topicPrice, docsThenA...); ok {
			return a, true
		}
	case "balance":
		return r.depositBalance()
	case "claim":
		for _, ps := range [][]passage{r.filed[0]} {
			for i := range ps {
				for _, a := range ps[i].facts.Amounts {
					return a, true
				}
			}
		}
	case "loss":
		return byCue(cueLoss, r.filed[0], r.docs)
	case "paid":
		// The sum the claimant says, or a document shows, it paid.
		for _, ps := range [][]passage{r.docs, r.filed[0], r.filed[1]} {
			for i := range ps {
				for _, a := range ps[i].facts.Amounts {
					if paidSum(ps[i].lower, a) {
						return a, true
					}
				}
			}
		}
	case "wages":
		return byCue(cueWages, r.filed[0], r.docs)
	case "maintenance":
		// The sum claimed, not the other side's income stated first.
		if a, ok := byCue(cueClaimed, r.filed[0]); ok {
			return a, true
		}
		return byCue(cueMonthly, r.filed[0])
	}
	return factcheck.Amount{}, false
}

// depositBalance is the deposit less the deductions proved.
func (r *reading) depositBalance() (factcheck.Amount, bool) {
	var dep factcheck.Amount
	found := false
	for _, ps := range [][]passage{r.docs, r.filed[1], r.filed[0]} {
		for i := range ps {
			for _, a := range ps[i].facts.Amounts {
				for _, t := range a.Topics {
					if t == "deposit" && !found {
						dep, found = a, true
					}
				}
			}
		}
		if found {
			break
		}
	}
	if !found {
		return dep, false
	}
	for _, d := range r.issues {
		if d.t.key != "deductions" || d.forSide != court.SideB {
			continue
		}
		cue := d.t.facts[0].cue
		seen := []factcheck.Amount{dep}
		for i := range r.docs {
			p := &r.docs[i]
			if !cue.MatchString(p.lower) {
				continue
			}
			for _, a := range p.facts.Amounts {
				if anyAmount(seen, a) || topicHas(a, "deposit") {
					continue
				}
				switch {
				case a.Minor < dep.Minor:
					seen = append(seen, a)
					dep.Minor -= a.Minor
				case topicHas(a, "rent", "dues", "arrears", "repair", "damage"):
					// Dues proved as large as what is left of the
					// deposit leave nothing to return.
					seen = append(seen, a)
					dep.Minor = 0
				}
			}
		}
		dep.Text = formatMoney(dep.Minor, dep.Currency)
	}
	return dep, true
}

// formatMoney writes a sum as the jurisdiction does: lakhs and crores in
// rupees, thousands elsewhere.
func formatMoney(minor int64, cur string) string {
	whole := minor / 100
	s := itoa(int(whole))
	group := func(s string, indian bool) string {
		if len(s) <= 3 {
			return s
		}
		head, tail := s[:len(s)-3], s[len(s)-3:]
		var parts []string
		size := 3
		if indian {
			size = 2
		}
		for len(head) > size {
			parts = append([]string{head[len(head)-size:]}, parts...)
			head = head[:len(head)-size]
		}
		parts = append([]string{head}, parts...)
		return strings.Join(parts, ",") + "," + tail
	}
	switch cur {
	case "INR":
		return "Rs. " + group(s, true)
	case "GBP":
		return "£" + group(s, false)
	case "EUR":
		return "€" + group(s, false)
	case "CAD":
		return "C$" + group(s, false)
	case "AUD":
		return "A$" + group(s, false)
	}
	return "$" + group(s, false)
}

// checkFilings checks every dated or priced sentence of the filings whole
// against the documents, for the judgment to name false and derived
// claims.
func (r *reading) checkFilings() {
	r.checks = r.checks[:0]
	for s := range r.filed {
		for i := range r.filed[s] {
			p := &r.filed[s][i]
			if !p.hasFacts() {
				continue
			}
			cc := checkClaim(p, r.docs, r.keys)
			if cc.status == claimContradicted || cc.status == claimDerived {
				r.checks = append(r.checks, cc)
			}
		}
	}
}

func (r *reading) sideOf(key string) court.SideID {
	if i := r.issueIndex(key); i >= 0 {
		return r.issues[i].forSide
	}
	return ""
}

// currencyOf is the currency a sum is in: its own when the text names
// one other than a bare dollar, else the case's ("$24,000" in a Canadian
// case is in Canadian dollars).
func (r *reading) currencyOf(a factcheck.Amount) string {
	if a.Currency != "" && a.Currency != "USD" || r.cur == "" {
		return a.Currency
	}
	return r.cur
}

// money writes a sum in its currency as the judgment states sums.
func (r *reading) money(a factcheck.Amount) string {
	s := formatMoney(a.Minor, r.currencyOf(a))
	if f := a.Minor % 100; f != 0 {
		s += "." + itoa(int(100 + f))[1:]
	}
	return s
}

// cueOnAccount marks a sentence that says a part of the sum was paid.
var cueOnAccount = regexp.MustCompile(`\b(?:paid|repaid|part[- ]paid|part[- ]payment|on account|received|transferred|remitted)\b`)

// payment is a sum the defendant says it paid towards the claim, and
// what bears it out.
type payment struct {
	amount factcheck.Amount
	p      *passage
	proof  *passage // a document not of the payer's own making, or the claimant's admission
}

// payments are the sums, less than the claim, that the defendant says it
// paid towards it.
func (r *reading) payments(claim factcheck.Amount) []payment {
	var out []payment
	for i := range r.filed[1] {
		p := &r.filed[1][i]
		loc := cueOnAccount.FindStringIndex(p.lower)
		if loc == nil || negated(p.lower, loc) {
			continue
		}
		for _, a := range p.facts.Amounts {
			if a.Minor <= 0 || a.Minor >= claim.Minor || r.currencyOf(a) != r.currencyOf(claim) {
				continue
			}
			dup := false
			for _, x := range out {
				dup = dup || factcheck.SameAmount(x.amount, a)
			}
			if dup {
				continue
			}
			pay := payment{amount: a, p: p}
			for _, ps := range [][]passage{r.docs, r.filed[0]} {
				for k := range ps {
					q := &ps[k]
					if q.dup || r.selfServing(q, court.SideB) || !anyAmount(q.facts.Amounts, a) {
						continue
					}
					if l := cueOnAccount.FindStringIndex(q.lower); l != nil && !negated(q.lower, l) && pay.proof == nil {
						pay.proof = q
					}
				}
			}
			out = append(out, pay)
		}
	}
	return out
}

// sumDue is the claim less the payments the defendant proves, with a note
// on those it only asserts.
func (r *reading) sumDue(claim factcheck.Amount) (factcheck.Amount, string) {
	due := claim
	var less, open []string
	for _, pay := range r.payments(claim) {
		if pay.proof != nil {
			due.Minor -= pay.amount.Minor
			less = append(less, r.money(pay.amount)+" paid on account ("+pay.proof.src.Label+")")
		} else {
			open = append(open, r.money(pay.amount))
		}
	}
	note := ""
	if len(less) > 0 {
		due.Text = formatMoney(due.Minor, r.currencyOf(due))
		note += ", being " + r.money(claim) + " less " + joinAnd(less)
	}
	if len(open) > 0 {
		note += "; the " + r.roles.B + " pleads a payment of " + joinAnd(open) + " towards it, but no document bears it out and the " + r.roles.A + " does not admit it, so it is not deducted"
	}
	return due, note
}

// cueAsksSum marks a question that asks for a sum: its answer names it.
var cueAsksSum = regexp.MustCompile(`\bhow much\b|\bwhat sum\b|^What\b`)

// nameSums makes the answer to each question that asks "what" or "how
// much" name the sum the findings rest on, a document's before a party's,
// and for a sum due, less the payments proved.
func (r *reading) nameSums() {
	for i := range r.issues {
		d := &r.issues[i]
		q := d.issue.Question
		if d.t.kind != onFacts && d.t.kind != onDefence || !cueAsksSum.MatchString(q) {
			continue
		}
		what := strings.HasPrefix(q, "What") || strings.HasPrefix(q, "How much")
		if d.forSide != d.t.burden {
			if what {
				d.issue.Answer = "None is proved."
			}
			continue
		}
		due := strings.Contains(q, " due")
		a, src, ok := r.findingsSum(&d.issue)
		if !ok && due {
			// The findings give no sum: the sum due is the price or the
			// sum claimed.
			if a, ok = r.amountFor("price"); !ok {
				a, ok = r.amountFor("claim")
			}
			src = "the sum claimed"
		}
		if !ok {
			continue
		}
		note := ""
		if due {
			a, note = r.sumDue(a)
		}
		sum := r.money(a) + " (" + src + ")" + note + "."
		if d.assess {
			d.issue.Answer = "Liability for the loss is found; the " + r.roles.A + " puts it at " + r.money(a) + " (" + src + "), which is to be assessed on proof."
			if paid, ok := r.amountFor("paid"); ok && paid.Minor == a.Minor && r.neverDelivered() {
				// The sum named is the price paid, which is returned
				// under its own order, not a loss.
				d.issue.Answer = "Liability for the loss is found; its amount is to be assessed on proof: the only sum the " + r.roles.A + " names, " + r.money(a) + ", is the price paid, which is returned."
			}
			continue
		}
		if what {
			d.issue.Answer = sum
		} else {
			d.issue.Answer = "Yes: " + sum
		}
	}
}

// findingsSum is the first sum the sources of an issue's findings give,
// a document's before a party's, with the source.
func (r *reading) findingsSum(is *court.Issue) (factcheck.Amount, string, bool) {
	for _, docFirst := range []bool{true, false} {
		for _, f := range is.Findings {
			if f.Status == court.Contradicted || f.Status == court.Disputed {
				continue
			}
			for _, src := range f.Sources {
				if (src.Kind == court.FromDocument) != docFirst {
					continue
				}
				sr, ok := r.memo[src.Quote]
				if !ok || len(sr.facts.Amounts) == 0 {
					continue
				}
				return sr.facts.Amounts[0], src.Label, true
			}
		}
	}
	return factcheck.Amount{}, "", false
}

// topicHas reports whether one of a's topics contains one of the words.
func topicHas(a factcheck.Amount, words ...string) bool {
	for _, t := range a.Topics {
		for _, w := range words {
			if strings.Contains(t, w) {
				return true
			}
		}
	}
	return false
}
