package offline

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/factcheck"
	"github.com/aijudge/aijudge/internal/judge/inject"
	"github.com/aijudge/aijudge/internal/law"
)

// reading is the engine's view of a case: what each side filed, sentence
// by sentence, the dispute it is, and each framed issue decided.
type reading struct {
	c     *court.Case
	d     dispute
	t     *template
	roles court.Roles
	filed [2][]passage // summaries, evidence and arguments of A and B
	docs  []passage
	nDocs [2]int
	flags []court.Flag
	cur   string
	facts time.Time
	proc  time.Time
	keys  []keyDate
	// own caches ownWord by document id: whether a document is its
	// filer's own statement does not change within a judgment.
	own    map[string]bool
	checks []claimCheck // the claims of the filings checked whole
	issues []decided
	basis  []law.Provision
	nArgs  int
	memo   sentenceMemo
}

// decided is a framed issue with its answer.
type decided struct {
	t       *issueTemplate
	issue   court.Issue
	forSide court.SideID // the side the answer favours
	firm    bool         // settled by a document, an admission, a presumption or the dates
	dated   time.Time    // the first day the findings give
	assess  bool         // a loss found but left to be assessed on proof
}

func sideIndex(s court.SideID) int {
	if s == court.SideB {
		return 1
	}
	return 0
}

// recogniseBytes bounds the text the dispute is recognised from.
const recogniseBytes = 16 << 10

// read frames and decides the issues of c on the filings and the first n
// arguments.
func read(c *court.Case, n int) *reading {
	r := &reading{c: c, proc: c.CreatedAt, nArgs: n, memo: sentenceMemo{}}
	r.filed[0] = filedPassages(c, court.SideA, &r.flags, r.memo)
	r.filed[1] = filedPassages(c, court.SideB, &r.flags, r.memo)
	r.docs, r.nDocs[0] = documentPassages(c, court.SideA, &r.flags, nil, r.memo)
	r.docs, r.nDocs[1] = documentPassages(c, court.SideB, &r.flags, r.docs, r.memo)
	markRepeats(r.docs)
	var all strings.Builder
	for _, s := range [][]passage{r.filed[0], r.filed[1], r.docs} {
		for i := range s {
			// The dispute shows in the filings and the opening of the
			// documents; reading all of a long record would only cost time.
			if all.Len() > recogniseBytes {
				break
			}
			all.WriteString(s[i].lower)
			all.WriteByte('\n')
		}
	}
	text := all.String()
	for i := 0; i < n && i < len(c.Arguments); i++ {
		a := &c.Arguments[i]
		r.addArgument(a, i+1)
	}
	r.d = recognise(c, text)
	r.t = templates[r.d]
	r.roles = roles(r.d, c)
	r.cur = currency(c.Jurisdiction, text)
	r.decide(text)
	return r
}

// addArgument reads an argument as more of its side's filing.
func (r *reading) addArgument(a *court.Argument, n int) []passage {
	l := "argument " + strconv.Itoa(n) + " by " + a.Side.Label()
	r.flags = append(r.flags, inject.Scan(l, a.Text)...)
	i := sideIndex(a.Side)
	before := len(r.filed[i])
	r.filed[i] = readPassages(court.Source{Kind: court.FromArgument, Side: a.Side, Label: l}, inject.Redact(a.Text), r.filed[i], r.memo)
	return r.filed[i][before:]
}

// reporting marks a sentence that reports what the other side says, which
// is no admission of it.
var reporting = regexp.MustCompile(`\b(?:claims?|claimed|alleges?|alleged|says|said|contends?|asserts?|according to|accuses|allegation|wrongly|falsely|so-called)\b`)

// match reports whether p states f (and does not deny it).
func (f *fact) match(p *passage) bool {
	if f.cue == nil {
		return p.hasFacts()
	}
	loc := findIndex(f.cue, p.lower)
	if loc == nil || negated(p.lower, loc) {
		return false
	}
	return f.deny == nil || !matches(f.deny, p.lower)
}

// denies reports whether p denies f.
func (f *fact) denies(p *passage) bool {
	if f.deny != nil && matches(f.deny, p.lower) {
		return true
	}
	if f.cue == nil {
		return false
	}
	loc := findIndex(f.cue, p.lower)
	return loc != nil && negated(p.lower, loc)
}

// finding is a fact decided, with whether it stands.
type finding struct {
	court.Finding
	established bool
	raised      bool // anyone filed anything about it
	firm        bool
	byBurden    bool // a negative fact that stands because payment is not proved
	asserted    bool // the side that must prove it states it
	selfDenied  bool // the side that must prove it states the contrary itself
	day         time.Time
	docAmounts  []factcheck.Amount
}

func (r *reading) words(s string) string {
	return strings.NewReplacer("{A}", r.roles.A, "{B}", r.roles.B).Replace(s)
}

// find decides fact f, which side s must prove.
func (r *reading) find(f *fact, s court.SideID) finding {
	if f.late {
		if out, ok := r.lateDelivery(f, s); ok {
			return out
		}
	}
	own, opp := r.filed[sideIndex(s)], r.filed[sideIndex(s.Other())]
	out := finding{}
	out.Fact = r.words(f.what)
	var assert, admit, deny, proof, contra, contraDoc *passage
	avoided := false // admit pleads an excuse for the fact, which admits it
	var derivation, contraNote string
	var supportDoc, ownDoc0, selfDeny *passage
	for i := range own {
		p := &own[i]
		if !f.match(p) {
			if f.denies(p) {
				out.raised = true
				if selfDeny == nil && p.src.Kind != court.FromArgument {
					selfDeny = p
				}
			}
			continue
		}
		out.raised = true
		if assert == nil {
			assert = p
		}
		if p.hasFacts() && supportDoc == nil && derivation == "" {
			cc := checkClaim(p, r.docs, r.keys)
			switch cc.status {
			case claimSupported:
				// The sentence bears the claim out only if it is about the
				// same thing: a shared sum alone proves no event. A side's
				// own statement does not bear out its own claim.
				if r.selfServing(cc.doc, s) {
					if ownDoc0 == nil && (f.cue == nil || f.match(cc.doc)) {
						ownDoc0 = cc.doc
					}
				} else if f.cue == nil || f.match(cc.doc) {
					supportDoc, assert = cc.doc, p
				}
			case claimDerived:
				derivation, assert = cc.note, p
			case claimContradicted:
				if contra == nil {
					contra, contraDoc, contraNote = p, cc.doc, cc.note
					out.Fact = r.words(f.what) + ": " + cc.note
				}
			}
		}
	}
	for i := range opp {
		p := &opp[i]
		switch {
		case f.match(p) && !reporting.MatchString(p.lower) && !ownAct(f, p):
			out.raised = true
			if admit == nil {
				admit = p
			}
		case admission(f, p):
			out.raised = true
			if admit == nil {
				admit = p
			}
		case f.avoidedBy != nil && matches(f.avoidedBy, p.lower):
			out.raised = true
			if admit == nil {
				admit, avoided = p, true
			}
		case f.denies(p):
			out.raised = true
			if deny == nil {
				deny = p
			}
		}
	}
	var ownDoc *passage // the side's own statement, which bears out only what it says
	for i := range r.docs {
		p := &r.docs[i]
		if p.dup || f.cue == nil || !f.match(p) {
			continue
		}
		if r.selfServing(p, s) {
			if ownDoc == nil {
				ownDoc = p
			}
			continue
		}
		proof = p
		break
	}
	if ownDoc != nil {
		out.raised = true
	}
	if proof != nil {
		out.raised = true
	}
	add := func(ps ...*passage) {
		for _, p := range ps {
			if p != nil && !slices.Contains(out.Sources, p.src) {
				out.Sources = append(out.Sources, p.src)
			}
		}
	}
	switch {
	case supportDoc != nil:
		out.Status, out.established, out.firm = court.Proved, true, true
		add(supportDoc, assert)
		out.day, out.docAmounts = r.dayFor(f, supportDoc, assert), supportDoc.facts.Amounts
	case derivation != "":
		out.Status, out.established, out.firm = court.Proved, true, true
		out.Fact = r.words(f.what) + " (" + derivation + ")"
		add(assert)
		out.day = r.dayFor(f, assert)
	case admit != nil:
		out.Status, out.established, out.firm = court.Admitted, true, true
		if avoided {
			out.Fact += " (the " + r.roleOf(s.Other()) + " pleads an excuse for it, and so admits it)"
		}
		add(admit, proof)
		out.day = r.dayFor(f, admit, proof, assert)
		if proof != nil {
			out.docAmounts = proof.facts.Amounts
		}
	case proof != nil:
		out.Status, out.established, out.firm = court.Proved, true, true
		add(proof, assert)
		out.day, out.docAmounts = r.dayFor(f, proof, assert), proof.facts.Amounts
		if deny != nil {
			add(deny)
		}
	case contra != nil && admit == nil:
		out.Status, out.firm = court.Contradicted, true
		add(contraDoc, contra)
		out.day, out.docAmounts = r.dayFor(f, contraDoc), contraDoc.facts.Amounts
	case selfDeny != nil && admit == nil:
		// The side that must prove the fact pleads the contrary itself:
		// an admission against its own case, which settles the fact
		// against it whatever else it says.
		out.Status, out.firm, out.selfDenied = court.Contradicted, true, true
		out.Fact = r.words(f.what) + ": the " + r.roleOf(s) + "'s own filing says otherwise"
		add(selfDeny)
		if deny != nil {
			add(deny)
		}
		out.day = r.dayFor(f, selfDeny)
	case ownDoc != nil || ownDoc0 != nil:
		// What a party says in its own reply, letter or report records
		// its case; it is not proof of that case against the other side.
		if ownDoc == nil {
			ownDoc = ownDoc0
		}
		out.Status = court.Unproved
		out.Fact += " (borne out only by the " + r.roleOf(s) + "'s own " + docKind(ownDoc.src.Label) + ", which records what the " + r.roleOf(s) + " says and is not proof of it against the " + r.roleOf(s.Other()) + ")"
		add(ownDoc)
		if against := r.recordAgainst(ownDoc, s); against != nil {
			out.Status = court.Disputed
			out.Fact += "; it is weighed against " + against.src.Label + ", a record of the same day that does not bear it out"
			add(against)
		} else if deny != nil {
			out.Status = court.Disputed
			add(deny)
		}
		if assert != nil {
			add(assert)
		}
		out.day = r.dayFor(f, ownDoc, assert)
	case assert != nil && deny != nil:
		out.Status = court.Disputed
		add(assert, deny)
		out.day = r.dayFor(f, assert)
	case assert != nil:
		out.Status = court.Unproved
		add(assert)
		out.day = r.dayFor(f, assert)
	case deny != nil:
		out.Status = court.Disputed
		add(deny)
	default:
		out.Status = court.Unproved
	}
	if admit != nil && out.Status == court.Proved && admit.src.Kind != court.FromArgument {
		// Proved by a document and admitted in the other side's filing as
		// well: the admission is recorded with the proof.
		out.Fact += "; the " + r.roleOf(s.Other()) + " admits it (" + admit.src.Label + ")"
		add(admit)
	}
	if contra != nil && out.Status != court.Contradicted {
		// The fact stands in the documents' terms; the party's own
		// version of it does not, and the finding says so.
		out.Fact = r.words(f.what) + ", though not as the " + r.roleOf(s) + " filed it: " + contraNote
		add(contra, contraDoc)
	}
	out.asserted = assert != nil
	if f.negative && !out.established && out.Status != court.Contradicted && assert != nil {
		// A failure to pay is a negative fact: once it is asserted, the
		// side that says it paid must prove the payment.
		out.established, out.byBurden = true, true
		why := "the burden of proving payment is on the side that pleads it"
		if f.negativeWhy != "" {
			why = r.words(f.negativeWhy)
		}
		out.Fact += " (a negative fact: " + why + ")"
		if out.Status == court.Unproved && f.answeredBy != nil {
			for i := range opp {
				if f.answeredBy.MatchString(opp[i].lower) {
					// The other side pleads the contrary: the fact is in
					// dispute, and stands because that plea is not proved.
					out.Status = court.Disputed
					out.Fact += "; the " + r.roleOf(s.Other()) + " pleads payment but does not prove it"
					add(&opp[i])
					break
				}
			}
		}
	}
	if out.Sources == nil {
		out.Sources = []court.Source{}
	}
	return out
}

func firstDay(ps ...*passage) time.Time {
	for _, p := range ps {
		if p == nil {
			continue
		}
		for _, d := range preciseDates(p.facts.Dates) {
			if t, ok := dayOf(d.Value); ok {
				return t
			}
		}
	}
	return time.Time{}
}

// decide frames the template's issues that arise on the filings and
// answers each.
func (r *reading) decide(text string) {
	r.keys = nil
	for i := range r.t.issues {
		it := &r.t.issues[i]
		if it.only != nil && !it.only.MatchString(text) {
			continue
		}
		var d decided
		switch it.kind {
		case onNotice:
			d = r.decideNotice(it)
		case onDebt:
			d = r.decideDebt(it)
		case onLimitation:
			var ok bool
			if d, ok = r.decideLimitation(it); !ok {
				continue
			}
		default:
			var ok bool
			if d, ok = r.decideFacts(it); !ok {
				continue
			}
		}
		if it.alt != nil && it.alt.when.MatchString(text) {
			d.issue.Rule = r.words(it.alt.rule)
		}
		r.issues = append(r.issues, d)
	}
	r.checkQualifying()
	r.facts = r.factsDate()
	var refs []ref
	for i := range r.issues {
		d := &r.issues[i]
		rs := d.t.refs[r.c.Jurisdiction]
		if d.t.alt != nil && d.t.alt.when.MatchString(text) {
			rs = d.t.alt.refs[r.c.Jurisdiction]
		}
		ps := provisions(r.c.Jurisdiction, r.c.Type, rs, r.facts, r.proc)
		d.issue.Provisions = law.Strings(ps)
		for _, p := range ps {
			refs = append(refs, ref{p.Act, p.Section})
		}
	}
	r.basis = provisions(r.c.Jurisdiction, r.c.Type, refs, r.facts, r.proc)
	r.nameSums()
	r.checkFilings()
}

func (r *reading) issueBase(it *issueTemplate) court.Issue {
	rule := it.rule
	if more := it.ruleIn[r.c.Jurisdiction]; more != "" {
		rule += " " + more
	}
	return court.Issue{Question: r.words(it.question), Burden: it.burden, Standard: it.standard, Rule: r.words(rule), Findings: []court.Finding{}}
}

// decideFacts answers an issue that turns on facts: every one must be
// proved or admitted by the side that bears the burden. A defence nobody
// raised is no issue.
func (r *reading) decideFacts(it *issueTemplate) (decided, bool) {
	d := decided{t: it, issue: r.issueBase(it)}
	all, firm, raised, byBurden := true, true, false, false
	self, assessable := false, it.quantum
	var against []string
	for i := range it.facts {
		f := r.find(&it.facts[i], it.burden)
		raised = raised || f.raised
		byBurden = byBurden || f.byBurden
		d.issue.Findings = append(d.issue.Findings, f.Finding)
		if d.dated.IsZero() {
			d.dated = f.day
		}
		if !f.established {
			all = false
			firm = firm && f.firm
			self = self || f.selfDenied
			assessable = assessable && f.asserted && f.Status != court.Contradicted
			against = append(against, f.Fact)
		}
	}
	if it.kind == onDefence && !raised && it.key != "reason" {
		return d, false
	}
	burden, opp := r.roleOf(it.burden), r.roleOf(it.burden.Other())
	if all {
		d.forSide, d.firm = it.burden, true
		d.issue.Application = "Every fact the issue turns on is proved by a document or admitted by the " + opp + "."
		if byBurden {
			lead := "The failure to pay is asserted, and the " + opp + ", who would have to prove payment, has not proved it"
			for i := range it.facts {
				if it.facts[i].negativeApp != "" {
					lead = r.words(it.facts[i].negativeApp)
				}
			}
			d.issue.Application = lead + "; every other fact the issue turns on is proved by a document or admitted."
			if len(it.facts) == 1 {
				d.issue.Application = lead + ", so it stands."
			}
		}
		d.issue.Answer = "Yes."
	} else if assessable {
		// The loss is stated and not shown to be otherwise, but no document
		// measures it: liability is found, and the sum is left to be
		// assessed on proof rather than the claim failing for it.
		d.forSide, d.issue.Answer = it.burden, "Liability for the loss is found; its amount is to be assessed on proof."
		d.issue.Application = "The " + burden + " states that " + strings.Join(against, "; ") + ", and the " + opp + " shows no other cause; but no document measures the loss and the " + opp + " does not admit it. " + r.words(it.quantumRule)
		d.assess = true
		return d, true
	} else {
		d.forSide, d.firm = it.burden.Other(), firm
		if self {
			d.issue.Application = "The " + burden + " bears the burden on this issue, and its own filing answers it the other way: what it admits cannot stand with the fact it would have to prove, so the issue is settled against it on its own pleading."
		} else if firm {
			d.issue.Application = "The documents contradict what the " + burden + " relies on: " + strings.Join(against, "; ") + "."
		} else {
			d.issue.Application = "The " + burden + " bears the burden on this issue and has not discharged it: " + strings.Join(against, "; ") + " is neither proved by a document nor admitted."
		}
		d.issue.Answer = "No."
	}
	return d, true
}

func (r *reading) roleOf(s court.SideID) string {
	if s == court.SideB {
		return r.roles.B
	}
	return r.roles.A
}

// selfServing reports whether p is a statement of side s in a document
// of its own making (its reply, its letter, its own report), which
// records what s says and proves nothing in its favour.
func (r *reading) selfServing(p *passage, s court.SideID) bool {
	return p != nil && p.src.Side == s && r.ownWord(p)
}

// docKind names the document of a passage: "document reply.txt".
func docKind(label string) string {
	if i := strings.Index(label, "document "); i >= 0 {
		return label[i:]
	}
	return label
}

// recordAgainst is a document of the other side, not its own statement,
// that records a day of own's document (a job sheet of the day of a service
// report): the record that a party's own account is weighed against.
func (r *reading) recordAgainst(own *passage, s court.SideID) *passage {
	var days []factcheck.Date
	for i := range r.docs {
		if q := &r.docs[i]; q.src.Side == own.src.Side && q.src.DocumentID == own.src.DocumentID {
			days = append(days, preciseDates(q.facts.Dates)...)
		}
	}
	for i := range r.docs {
		p := &r.docs[i]
		if p.dup || p.src.Side != s.Other() || r.ownWord(p) {
			continue
		}
		for _, d := range days {
			if hasDate(p.facts.Dates, d) {
				return p
			}
		}
	}
	return nil
}

// cueAdmits marks a sentence that admits part of the other side's case
// before it turns to its own ("admits he signed the cheque but says …").
var (
	cueAdmits = regexp.MustCompile(`\b(?:admits?|admitted|accepts?|accepted|concedes?|conceded|agrees?|acknowledges?)\b`)
	cueBut    = regexp.MustCompile(`,?\s+\bbut\b|;\s*`)
)

// admission reports whether p, a sentence of the side that does not bear
// the burden of f, admits f in the clause before its "but": what follows
// is its own case, and reporting words there ("but says") do not undo the
// admission made first.
func admission(f *fact, p *passage) bool {
	loc := cueAdmits.FindStringIndex(p.lower)
	if loc == nil || negated(p.lower, loc) {
		return false
	}
	b := cueBut.FindStringIndex(p.lower[loc[1]:])
	if b == nil {
		return false
	}
	clause := p.lower[:loc[1]+b[0]]
	if reporting.MatchString(clause) {
		return false
	}
	q := *p
	q.lower = clause
	return f.match(&q)
}

// firstPerson is a first-person subject just before a verb: "I paid".
var firstPerson = regexp.MustCompile(`\b(?:i|we)\s+(?:have\s+|had\s+|also\s+|then\s+)?$`)

// ownAct reports whether p, a sentence of the other side, states the
// speaker's own act where f is an act of the side that bears its burden
// ("I paid C$10,000" is no admission that the plaintiff performed).
func ownAct(f *fact, p *passage) bool {
	if !strings.HasPrefix(f.what, "the {A} ") && !strings.HasPrefix(f.what, "the {B} ") {
		return false
	}
	actor := court.SideA
	if strings.HasPrefix(f.what, "the {B} ") {
		actor = court.SideB
	}
	if p.src.Side == actor {
		return false
	}
	loc := findIndex(f.cue, p.lower)
	return loc != nil && firstPerson.MatchString(p.lower[:loc[0]])
}

// dayFor is the day the first of ps gives for fact f: the date next to
// the words that state it.
func (r *reading) dayFor(f *fact, ps ...*passage) time.Time {
	for _, p := range ps {
		if p == nil {
			continue
		}
		if f.cue != nil {
			if t := dayNear(p, f.cue); !t.IsZero() {
				return t
			}
		}
		if t := firstDay(p); !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// clauseBreak ends a clause within a sentence.
var clauseBreak = regexp.MustCompile(`[,;:] |\s(?:and|but|which|while|whereas|after|before|then|until|since)\s`)

// dayNear is the date of p that goes with the event re names: a date in
// the clause of the event's words, the first after them if there is one;
// failing that, the date nearest to them. A sentence that gives the start
// of employment and the dismissal dates the dismissal by its own date.
func dayNear(p *passage, re *regexp.Regexp) time.Time {
	loc := findIndex(re, p.lower)
	if loc == nil {
		return time.Time{}
	}
	type span struct {
		at, end int
		t       time.Time
	}
	var spans []span
	from := 0
	for _, d := range p.facts.Dates {
		if !d.Precise() || d.Text == "" {
			continue
		}
		t, ok := dayOf(d.Value)
		if !ok {
			continue
		}
		i := strings.Index(p.lower[from:], strings.ToLower(d.Text))
		if i < 0 {
			i = strings.Index(p.lower, strings.ToLower(d.Text))
			if i < 0 {
				continue
			}
		} else {
			i += from
			from = i + len(d.Text)
		}
		spans = append(spans, span{i, i + len(d.Text), t})
	}
	if len(spans) == 0 {
		return time.Time{}
	}
	inDate := func(i int) bool {
		for _, s := range spans {
			if i >= s.at && i < s.end {
				return true
			}
		}
		return false
	}
	lo, hi := 0, len(p.lower)
	for _, b := range clauseBreak.FindAllStringIndex(p.lower, -1) {
		if inDate(b[0]) {
			continue
		}
		if b[1] <= loc[0] && b[1] > lo {
			lo = b[1]
		}
		if b[0] >= loc[1] && b[0] < hi {
			hi = b[0]
		}
	}
	best, dist := time.Time{}, -1
	for _, s := range spans {
		var d int
		switch {
		case s.at >= loc[1]:
			d = s.at - loc[1]
		case s.end <= loc[0]:
			d = loc[0] - s.end + 1 // a date before the words yields to one as near after them
		}
		if s.at < lo || s.end > hi {
			d += len(p.lower) // outside the clause
		}
		if dist < 0 || d < dist {
			best, dist = s.t, d
		}
	}
	return best
}
