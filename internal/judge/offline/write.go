package offline

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/factcheck"
)

var jurisdictionNames = map[court.Jurisdiction]string{
	court.India: "India", court.USA: "the United States", court.UK: "the United Kingdom",
	court.Canada: "Canada", court.Australia: "Australia", court.International: "international law",
}

// judgment writes the reasoning after the opening line: the dispute, each
// issue (findings, the law, application, answer), the claims checked
// whole, the arguments, the decision and relief, and the legal basis.
func (r *reading) judgment(o outcome, final bool) []string {
	var p []string
	p = append(p, r.disputeParagraph())
	for i := range r.issues {
		p = append(p, r.issueParagraph(i))
	}
	if s := r.checksParagraph(); s != "" {
		p = append(p, s)
	}
	if final && len(r.c.Arguments) > 0 {
		p = append(p, fmt.Sprintf("Arguments: %d argument(s) were heard and are read with the filings of the side that made them; the issues above are decided on all of it.", len(r.c.Arguments)))
		if l := r.c.Latest(); l != nil && l.Confidence != o.conf {
			p = append(p, fmt.Sprintf("The latest view before this verdict stood at %d out of 100 (%q). The final figure is %d because a final verdict must decide every issue, on proof where there is proof and on the burden where there is not, and its scale runs from %d to %d rather than %d to %d.", l.Confidence, l.Verdict, o.conf, finalFloor, finalCap, tentativeFloor, tentativeCap))
		}
	}
	p = append(p, r.decisionParagraph(o, final))
	if s := flagsParagraph(r.flags); s != "" {
		p = append(p, s)
	}
	if len(r.basis) > 0 {
		p = append(p, "Legal basis (the provisions the issues rest on, as they applied on the case's dates): "+strings.Join(r.legalBasis(), "; ")+".")
	} else {
		p = append(p, "Legal basis: the engine's statute table holds no provision for these issues in this jurisdiction; the rules stated above are general principles, not cited provisions.")
	}
	return p
}

func (r *reading) disputeParagraph() string {
	var b strings.Builder
	fmt.Fprintf(&b, "The dispute: a case of %s under the law of %s. Side A is the %s and Side B the %s.", r.d, jurisdictionNames[r.c.Jurisdiction], r.roles.A, r.roles.B)
	for _, s := range []court.SideID{court.SideA, court.SideB} {
		f := r.c.Side(s)
		fmt.Fprintf(&b, " %s filed a summary, %d evidence point(s) and %d document(s) with text.", s.Label(), len(f.Evidence), r.nDocs[sideIndex(s)])
	}
	if r.nDocs[0]+r.nDocs[1] == 0 {
		b.WriteString(" No documents were filed, so the case is judged on the pleadings: what each side admits of the other's case counts as proved, and what is asserted and denied is decided by where the burden lies.")
	}
	if !r.facts.IsZero() {
		fmt.Fprintf(&b, " The events in dispute are dated %s, and the law is applied as it stood then.", longDate(r.facts))
	}
	fmt.Fprintf(&b, " The issues are:")
	for i := range r.issues {
		fmt.Fprintf(&b, " (%d) %s", i+1, r.issues[i].issue.Question)
	}
	return b.String()
}

func (r *reading) issueParagraph(i int) string {
	d := &r.issues[i]
	var b strings.Builder
	fmt.Fprintf(&b, "Issue %d: %s The burden is on %s (the %s); the standard is %s.", i+1, d.issue.Question, d.issue.Burden.Label(), r.roleOf(d.issue.Burden), d.issue.Standard)
	if len(d.issue.Findings) > 0 {
		b.WriteString(" Findings:")
		for k, f := range d.issue.Findings {
			if k > 0 {
				b.WriteString(";")
			}
			fmt.Fprintf(&b, " %s — %s", f.Fact, f.Status)
			if len(f.Sources) > 0 {
				var src []string
				for _, s := range f.Sources[:min(2, len(f.Sources))] {
					if s.Quote != "" {
						src = append(src, fmt.Sprintf("%s: “%s”", s.Label, clip(s.Quote, 160)))
					} else {
						src = append(src, s.Label)
					}
				}
				fmt.Fprintf(&b, " (%s)", strings.Join(src, "; "))
			}
		}
		b.WriteString(".")
	}
	fmt.Fprintf(&b, " The law: %s", d.issue.Rule)
	if len(d.issue.Provisions) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(d.issue.Provisions, "; "))
	}
	fmt.Fprintf(&b, " Application: %s Answer: %s", d.issue.Application, d.issue.Answer)
	return b.String()
}

func (r *reading) checksParagraph() string {
	if len(r.checks) == 0 {
		return ""
	}
	var parts []string
	for _, cc := range r.checks[:min(6, len(r.checks))] {
		switch cc.status {
		case claimContradicted:
			parts = append(parts, fmt.Sprintf("%s says “%s”, but %s (%s: “%s”)", cc.claim.src.Label, clip(cc.claim.src.Quote, 140), cc.note, cc.doc.src.Label, clip(cc.doc.src.Quote, 140)))
		case claimDerived:
			parts = append(parts, fmt.Sprintf("%s says “%s”; that value appears in no document as written, but it follows from them: %s", cc.claim.src.Label, clip(cc.claim.src.Quote, 140), cc.note))
		}
	}
	return "Claims checked as a whole (a date, a sum and an event must stand together in one document sentence): " + strings.Join(parts, "; ") + "."
}

func (r *reading) decisionParagraph(o outcome, final bool) string {
	var b strings.Builder
	if final {
		fmt.Fprintf(&b, "Decision: %s.", o.verdict)
	} else {
		fmt.Fprintf(&b, "Provisional conclusion: %s.", o.verdict)
	}
	if r.t.criminal {
		b.WriteString(" A conviction requires every ingredient to be proved beyond reasonable doubt; an ingredient left open is resolved for the accused.")
	}
	if len(o.relief) > 0 {
		var rel []string
		for _, x := range o.relief {
			rel = append(rel, x.Description)
		}
		if final {
			fmt.Fprintf(&b, " Relief: %s.", strings.Join(rel, "; "))
		} else {
			fmt.Fprintf(&b, " If this view holds, the relief would be: %s.", strings.Join(rel, "; "))
		}
	}
	lo, hi := tentativeFloor, tentativeCap
	if final {
		lo, hi = finalFloor, finalCap
	}
	rest := ", and the rest only by where the burden of proof lies"
	if o.firm == len(r.issues) {
		rest = ""
	}
	fmt.Fprintf(&b, " Confidence is %d out of 100. The number says how firmly the decisive issues were answered: %d of the %d issues were settled by a document, an admission, a statutory presumption or the calendar%s; the figure runs from %d (none settled) to %d (all settled)", o.conf, o.firm, len(r.issues), rest, lo, hi)
	if final {
		b.WriteString(".")
	} else {
		fmt.Fprintf(&b, ", lower than a final verdict's because each side may still answer this view with up to %d arguments.", court.MaxArguments)
	}
	return b.String()
}

func flagsParagraph(flags []court.Flag) string {
	if len(flags) == 0 {
		return ""
	}
	var parts []string
	for _, f := range flags {
		parts = append(parts, fmt.Sprintf("%s (%s: “%s”)", f.Source, f.Reason, f.Excerpt))
	}
	return "Text that tried to instruct the judge was found and ignored; it was read as evidence only and changes nothing: " + strings.Join(parts, "; ") + "."
}

// effect is what an argument did to the issues.
type effect struct {
	strengthens, weakens string
	paragraphs           []string
}

// weigh compares the issues before and after the argument is read, and
// checks the argument's own claims whole and its law against the table.
func weigh(before, after *reading, side court.SideID, mine []passage) effect {
	ef := effect{strengthens: court.Neither, weakens: court.Neither}
	var claims []string
	// reach is the argument's own sentences and the passages of the
	// documents that bear them out: an argument pointing to a receipt
	// bears on the issue the receipt proves, in the receipt's words.
	reach := slices.Clone(mine)
	contradicted, supported := 0, 0
	for i := range mine {
		p := &mine[i]
		if !p.hasFacts() {
			continue
		}
		cc := checkClaim(p, after.docs, after.keys)
		if cc.status == claimUnverified {
			if doc, note := after.deniedSum(p); doc != nil {
				cc.status, cc.doc, cc.note = claimContradicted, doc, note
			}
		}
		switch cc.status {
		case claimSupported:
			supported++
			reach = append(reach, *cc.doc)
			claims = append(claims, fmt.Sprintf("“%s” is borne out whole by %s: “%s”", clip(p.src.Quote, 140), cc.doc.src.Label, clip(cc.doc.src.Quote, 140)))
		case claimDerived:
			supported++
			claims = append(claims, fmt.Sprintf("“%s” follows from the documents: %s", clip(p.src.Quote, 140), cc.note))
		case claimContradicted:
			contradicted++
			claims = append(claims, fmt.Sprintf("“%s” is contradicted: %s (%s: “%s”)", clip(p.src.Quote, 140), cc.note, cc.doc.src.Label, clip(cc.doc.src.Quote, 140)))
		default:
			claims = append(claims, fmt.Sprintf("“%s” cannot be checked: no document gives that date or sum, and it follows from none", clip(p.src.Quote, 140)))
		}
	}
	if len(claims) > 0 {
		ef.paragraphs = append(ef.paragraphs, "The facts it relies on, checked as a whole against the documents: "+strings.Join(claims, "; ")+".")
	}
	points := after.onTheLaw(mine)
	if len(points) > 0 {
		var ls []string
		for _, pt := range points {
			ls = append(ls, pt.text)
		}
		ef.paragraphs = append(ef.paragraphs, "On the law: "+strings.Join(ls, " "))
	}
	var moved []string
	gain := map[court.SideID]int{}
	for i := range after.issues {
		a := &after.issues[i]
		j := before.issueIndex(a.t.key)
		switch {
		case j < 0:
			moved = append(moved, fmt.Sprintf("it raises %s, now answered %q", after.issueName(i), a.issue.Answer))
			gain[a.forSide]++
		case before.issues[j].forSide != a.forSide:
			moved = append(moved, fmt.Sprintf("%s now goes for %s (%q, was %q)", after.issueName(i), a.forSide.Label(), a.issue.Answer, before.issues[j].issue.Answer))
			gain[a.forSide]++
		case !before.issues[j].firm && a.firm:
			moved = append(moved, fmt.Sprintf("%s is now settled for %s", after.issueName(i), a.forSide.Label()))
			gain[a.forSide]++
		case before.issues[j].firm && !a.firm:
			moved = append(moved, fmt.Sprintf("%s is unsettled again: it is now answered only on the burden", after.issueName(i)))
			gain[a.forSide.Other()]++
		}
	}
	opp := side.Other()
	switch {
	case gain[side] > gain[opp]:
		ef.strengthens = side.Label()
	case gain[opp] > gain[side]:
		ef.strengthens = opp.Label()
	}
	why := ""
	if contradicted > 0 && contradicted >= supported {
		// Facts a document contradicts count against the side that
		// relies on them, and for the other.
		ef.weakens = side.Label()
		if ef.strengthens != opp.Label() {
			ef.strengthens = opp.Label()
		}
		why = "the documents contradict the facts it relies on, which weakens " + side.Label() + "'s case and strengthens " + opp.Label() + "'s"
	} else if len(moved) == 0 {
		forMe := after.bearsOn(reach, side)
		against, byLaw := after.aimedAt(mine, points, side)
		lawFor := -1
		for _, pt := range points {
			if i := after.issueIndex(pt.issue); pt.applied && i >= 0 && after.issues[i].forSide == side {
				lawFor = i
				break
			}
		}
		switch {
		case supported > 0 && forMe >= 0:
			ef.strengthens = side.Label()
			why = "its facts are borne out by the documents and bear on " + after.issueName(forMe) + ", decided for " + side.Label() + ", so it strengthens that side's case on it"
		case supported > 0 && after.confinesDeductions(mine, side) >= 0:
			i := after.confinesDeductions(mine, side)
			ef.strengthens = side.Label()
			why = "its sums are borne out by the documents, and it confines " + after.issueName(i) + ", which goes for " + opp.Label() + " only as far as the deductions are proved, to those sums: what it says is fair wear and tear is not damage that may be kept, so the " + after.roles.B + " may keep no more, which strengthens " + side.Label() + "'s case on the sum due"
		case lawFor >= 0:
			ef.strengthens = side.Label()
			why = "it correctly invokes the law " + after.issueName(lawFor) + " rests on for " + side.Label() + ", so it strengthens that side's case on it"
		case supported == 0 && against >= 0 && byLaw:
			why = "it invokes the law " + after.issueName(against) + " rests on, decided for " + opp.Label() + ", but that law is already applied there and the argument adds no proved fact that changes the answer"
		case supported == 0 && against >= 0:
			why = "it goes to " + after.issueName(against) + ", decided for " + opp.Label() + ", but no document supports it: " + bareAssertion(after.issues[against].t.key)
		}
	}
	if len(moved) > 0 {
		s := "Effect on the issues: " + strings.Join(moved, "; ")
		if why != "" {
			s += "; " + why
		}
		ef.paragraphs = append(ef.paragraphs, s+".")
	} else if why != "" {
		ef.paragraphs = append(ef.paragraphs, "Effect on the issues: none changes its answer; "+why+".")
	} else {
		ef.paragraphs = append(ef.paragraphs, "Effect on the issues: none changes its answer; the argument adds nothing the issues turn on that was not already decided.")
	}
	return ef
}

// confinesDeductions is the deductions issue, decided against side s,
// that an argument of s answers by denying a fact it turns on (wear and
// tear is no damage): the issue reduces the sum due and does not defeat
// the claim, so an argument that holds it to the sums proved is for s.
// -1 if none.
func (r *reading) confinesDeductions(mine []passage, s court.SideID) int {
	for i := range r.issues {
		d := &r.issues[i]
		if d.t.key != "deductions" || d.forSide == s || d.t.burden == s {
			continue
		}
		for k := range d.t.facts {
			f := &d.t.facts[k]
			if f.cue == nil {
				continue
			}
			for j := range mine {
				if f.denies(&mine[j]) {
					return i
				}
			}
		}
	}
	return -1
}

// bearsOn is the first issue decided for side s that an argument's
// sentences go to: they state or deny a fact it turns on. -1 if none.
func (r *reading) bearsOn(mine []passage, s court.SideID) int {
	for i := range r.issues {
		d := &r.issues[i]
		if d.forSide != s {
			continue
		}
		for k := range d.t.facts {
			f := &d.t.facts[k]
			if f.cue == nil {
				continue
			}
			for j := range mine {
				if f.match(&mine[j]) || f.denies(&mine[j]) {
					return i
				}
			}
		}
	}
	return -1
}

// firstPersonAct is a sentence in which the speaker states its own act.
var firstPersonAct = regexp.MustCompile(`(?:^|\b)(?:i|we)\s+(?:have\s+|had\s+|never\s+|did\s+|also\s+)?[a-z]{3,}\b`)

// aimedAt is the issue decided against the arguing side that an argument
// is aimed at, -1 if none: the issue resting on the law it cites; else an
// issue on which the arguer bears the burden (its own defence) and whose
// facts it states; else one of the other side's issues whose facts it
// denies, or states other than as the speaker's own act; else, for a
// speaker stating its own dated or priced act ("I paid C$10,000 on …"),
// its own defence. It reports whether the law cited decided it.
func (r *reading) aimedAt(mine []passage, points []legalPoint, arguer court.SideID) (int, bool) {
	s := arguer.Other()
	for _, pt := range points {
		if i := r.issueIndex(pt.issue); pt.issue != "" && i >= 0 && r.issues[i].forSide == s {
			return i, true
		}
	}
	i := r.aimedByFacts(mine, arguer)
	return i, false
}

func (r *reading) aimedByFacts(mine []passage, arguer court.SideID) int {
	s := arguer.Other()
	find := func(burden court.SideID, hit func(f *fact, p *passage) bool) int {
		for i := range r.issues {
			d := &r.issues[i]
			if d.forSide != s || d.t.burden != burden {
				continue
			}
			for k := range d.t.facts {
				f := &d.t.facts[k]
				if f.cue == nil {
					continue
				}
				for j := range mine {
					if hit(f, &mine[j]) {
						return i
					}
				}
			}
		}
		return -1
	}
	if i := find(arguer, func(f *fact, p *passage) bool { return f.match(p) || f.denies(p) }); i >= 0 {
		return i
	}
	if i := find(s, func(f *fact, p *passage) bool { return f.denies(p) }); i >= 0 {
		return i
	}
	if i := find(s, func(f *fact, p *passage) bool { return f.match(p) && !ownAct(f, p) }); i >= 0 {
		return i
	}
	for j := range mine {
		if !mine[j].hasFacts() || !firstPersonAct.MatchString(mine[j].lower) {
			continue
		}
		for i := range r.issues {
			d := &r.issues[i]
			if d.forSide == s && d.t.burden == arguer && d.t.kind == onDefence {
				return i
			}
		}
	}
	return -1
}

// deniedSum finds a sum the claim denies ("Rs. 50,000, not Rs. 2,00,000")
// that a document records, while the sum it puts instead is in none.
func (r *reading) deniedSum(p *passage) (*passage, string) {
	// The arguing side's own statements (a reply) do not bear out its sum.
	var docs []passage
	for i := range r.docs {
		if !(r.docs[i].src.Side == p.src.Side && r.ownWord(&r.docs[i])) {
			docs = append(docs, r.docs[i])
		}
	}
	for _, a := range p.facts.Amounts {
		if a.Text == "" || !strings.Contains(p.lower, "not "+strings.ToLower(a.Text)) {
			continue
		}
		for i := range docs {
			if !anyAmount(docs[i].facts.Amounts, a) {
				continue
			}
			for _, b := range p.facts.Amounts {
				if factcheck.SameAmount(a, b) {
					continue
				}
				inDocs := false
				for k := range docs {
					inDocs = inDocs || anyAmount(docs[k].facts.Amounts, b)
				}
				if !inDocs {
					return &docs[i], "the document records " + a.Format() + ", the sum the argument denies, and nowhere " + b.Format()
				}
			}
		}
	}
	return nil, ""
}

// bareAssertion says why an unsupported assertion does not move an issue.
func bareAssertion(key string) string {
	switch key {
	case "notice":
		return "a bare assertion does not rebut the presumption of service"
	case "debt":
		return "a bare assertion does not rebut the presumption of s. 139"
	}
	return "a bare assertion does not displace what the documents and admissions show"
}

// uncertainty names the issues still answered only on the burden.
func (r *reading) uncertainty() string {
	var open []string
	for i, d := range r.issues {
		if !d.firm {
			open = append(open, r.issueName(i))
		}
	}
	if len(open) == 0 {
		return "Every framed issue is now settled by a document, an admission, a presumption or the calendar; what remains uncertain is only what a hearing of witnesses could add."
	}
	return "Still answered only on where the burden lies: " + strings.Join(open, ", ") + ". A document or an admission on these would settle them."
}

// updated is the reasoning after the argument, in brief.
func (r *reading) updated(o0, o1 outcome, fav0 court.Favours, conf0 int, reconsidered bool) string {
	var b strings.Builder
	if reconsidered {
		fmt.Fprintf(&b, "Reconsidered: the view is now %q, at %d out of 100 (it was %d, favouring %s).", o1.verdict, o1.conf, conf0, favName(fav0))
	} else {
		fmt.Fprintf(&b, "The view is unchanged: %q, at %d out of 100.", o1.verdict, o1.conf)
	}
	fmt.Fprintf(&b, " %d of the %d issues are now settled by a document, an admission, a presumption or the calendar.", o1.firm, len(r.issues))
	for i, d := range r.issues {
		fmt.Fprintf(&b, " Issue %d: %s", i+1, d.issue.Answer)
	}
	return b.String()
}

func favName(f court.Favours) string {
	switch f {
	case court.FavoursA:
		return "Side A"
	case court.FavoursB:
		return "Side B"
	}
	return "neither side"
}
