package offline

import (
	"regexp"
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
	c      *court.Case
	d      dispute
	t      *template
	roles  court.Roles
	filed  [2][]passage // summaries, evidence and arguments of A and B
	docs   []passage
	nDocs  [2]int
	flags  []court.Flag
	cur    string
	facts  time.Time
	proc   time.Time
	keys   []keyDate
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
}

func sideIndex(s court.SideID) int {
	if s == court.SideB {
		return 1
	}
	return 0
}

func other(s court.SideID) court.SideID {
	if s == court.SideB {
		return court.SideA
	}
	return court.SideB
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
	day         time.Time
	docAmounts  []factcheck.Amount
}

func (r *reading) words(s string) string {
	return strings.NewReplacer("{A}", r.roles.A, "{B}", r.roles.B).Replace(s)
}

// find decides fact f, which side s must prove.
func (r *reading) find(f *fact, s court.SideID) finding {
	own, opp := r.filed[sideIndex(s)], r.filed[sideIndex(other(s))]
	out := finding{}
	out.Fact = r.words(f.what)
	var assert, admit, deny, proof, contra, contraDoc *passage
	var derivation, contraNote string
	var supportDoc *passage
	for i := range own {
		p := &own[i]
		if !f.match(p) {
			if f.denies(p) {
				out.raised = true
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
				// same thing: a shared sum alone proves no event.
				if f.cue == nil || f.match(cc.doc) {
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
		case f.match(p) && !reporting.MatchString(p.lower):
			out.raised = true
			if admit == nil {
				admit = p
			}
		case f.denies(p):
			out.raised = true
			if deny == nil {
				deny = p
			}
		}
	}
	for i := range r.docs {
		p := &r.docs[i]
		if !p.dup && f.cue != nil && f.match(p) {
			proof = p
			break
		}
	}
	if proof != nil {
		out.raised = true
	}
	add := func(ps ...*passage) {
		for _, p := range ps {
			if p != nil {
				out.Sources = append(out.Sources, p.src)
			}
		}
	}
	switch {
	case supportDoc != nil:
		out.Status, out.established, out.firm = court.Proved, true, true
		add(supportDoc, assert)
		out.day, out.docAmounts = firstDay(supportDoc), supportDoc.facts.Amounts
	case derivation != "":
		out.Status, out.established, out.firm = court.Proved, true, true
		out.Fact = r.words(f.what) + " (" + derivation + ")"
		add(assert)
		out.day = firstDay(assert)
	case admit != nil:
		out.Status, out.established, out.firm = court.Admitted, true, true
		add(admit, proof)
		out.day = firstDay(admit, proof, assert)
		if proof != nil {
			out.docAmounts = proof.facts.Amounts
		}
	case proof != nil:
		out.Status, out.established, out.firm = court.Proved, true, true
		add(proof, assert)
		out.day, out.docAmounts = firstDay(proof, assert), proof.facts.Amounts
		if deny != nil {
			add(deny)
		}
	case contra != nil && admit == nil:
		out.Status, out.firm = court.Contradicted, true
		add(contraDoc, contra)
		out.day, out.docAmounts = firstDay(contraDoc), contraDoc.facts.Amounts
	case assert != nil && deny != nil:
		out.Status = court.Disputed
		add(assert, deny)
		out.day = firstDay(assert)
	case assert != nil:
		out.Status = court.Unproved
		add(assert)
		out.day = firstDay(assert)
	case deny != nil:
		out.Status = court.Disputed
		add(deny)
	default:
		out.Status = court.Unproved
	}
	if contra != nil && out.Status != court.Contradicted {
		// The fact stands in the documents' terms; the party's own
		// version of it does not, and the finding says so.
		out.Fact = r.words(f.what) + ", though not as the " + r.roleOf(s) + " filed it: " + contraNote
		add(contra, contraDoc)
	}
	if f.negative && !out.established && out.Status != court.Contradicted && assert != nil {
		// A failure to pay is a negative fact: once it is asserted, the
		// side that says it paid must prove the payment.
		out.established = true
		out.Fact += " (a negative fact: the burden of proving payment is on the side that pleads it)"
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
		r.issues = append(r.issues, d)
	}
	r.facts = r.factsDate()
	var refs []ref
	for i := range r.issues {
		d := &r.issues[i]
		ps := provisions(r.c.Jurisdiction, r.c.Type, d.t.refs[r.c.Jurisdiction], r.facts, r.proc)
		d.issue.Provisions = law.Strings(ps)
		for _, p := range ps {
			refs = append(refs, ref{p.Act, p.Section})
		}
	}
	r.basis = provisions(r.c.Jurisdiction, r.c.Type, refs, r.facts, r.proc)
	r.checkFilings()
}

func (r *reading) issueBase(it *issueTemplate) court.Issue {
	return court.Issue{Question: r.words(it.question), Burden: it.burden, Standard: it.standard, Rule: r.words(it.rule), Findings: []court.Finding{}}
}

// decideFacts answers an issue that turns on facts: every one must be
// proved or admitted by the side that bears the burden. A defence nobody
// raised is no issue.
func (r *reading) decideFacts(it *issueTemplate) (decided, bool) {
	d := decided{t: it, issue: r.issueBase(it)}
	all, firm, raised := true, true, false
	var against []string
	for i := range it.facts {
		f := r.find(&it.facts[i], it.burden)
		raised = raised || f.raised
		d.issue.Findings = append(d.issue.Findings, f.Finding)
		if d.dated.IsZero() {
			d.dated = f.day
		}
		if !f.established {
			all = false
			firm = firm && f.firm
			against = append(against, f.Fact)
		}
	}
	if it.kind == onDefence && !raised && it.key != "reason" {
		return d, false
	}
	burden, opp := r.roleOf(it.burden), r.roleOf(other(it.burden))
	if all {
		d.forSide, d.firm = it.burden, true
		d.issue.Application = "Every fact the issue turns on is proved by a document or admitted by the " + opp + "."
		d.issue.Answer = "Yes."
	} else {
		d.forSide, d.firm = other(it.burden), firm
		if firm {
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
