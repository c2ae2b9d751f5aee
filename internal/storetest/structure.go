package storetest

import (
	"errors"
	"testing"

	"github.com/aijudge/aijudge/internal/court"
)

// newStructured is a judgment of c with every part of the structure set:
// issues whose findings have each status and rest on sources of each
// kind, relief with and without amounts, and citations of each status.
// Some inner lists are nil and some empty, since a judgment's digest
// tells the two apart and must come out of the store as it went in.
func newStructured(ts *stamps, c *court.Case, kind court.Kind) *court.Judgment {
	j := newJudgment(ts, c.ID, kind)
	j.Favours = court.FavoursA
	j.Roles = court.Roles{A: "Landlord (plaintiff)", B: "Tenant (defendant)"}
	lease, notice, photos := c.A.Documents[0], c.A.Documents[1], c.B.Documents[0]
	j.Issues = []court.Issue{
		{
			Question: "Was rent of ₹25,000 a month due for February to April 2024?",
			Burden:   court.SideA,
			Standard: "a preponderance of probabilities",
			Findings: []court.Finding{
				{Fact: "The lease fixes the rent at ₹25,000 a month.", Status: court.Admitted, Sources: []court.Source{
					{Kind: court.FromDocument, Side: court.SideA, Label: "Side A document 1: lease.pdf", DocumentID: lease.ID,
						Quote: "The lessee shall pay a monthly rent of ₹25,000 — «in advance»."},
					{Kind: court.FromSummary, Side: court.SideB, Label: "Side B summary"},
				}},
				{Fact: "No rent was paid for three months.", Status: court.Proved, Sources: []court.Source{
					{Kind: court.FromEvidence, Side: court.SideA, Label: "Side A evidence 2", Quote: "Bank statement showing no payment"},
				}},
			},
			Rule:        "A lessee must pay the rent at the time and place agreed.",
			Provisions:  []string{"Transfer of Property Act, 1882, s. 108"},
			Application: "The tenant admits the lease and paid nothing.",
			Answer:      "Yes.",
		},
		{
			Question: "Was the rent lawfully withheld because the flat was uninhabitable?",
			Burden:   court.SideB,
			Standard: "a preponderance of probabilities; the lessee must show the defect and notice of it",
			Findings: []court.Finding{
				{Fact: "The walls were damp.", Status: court.Disputed, Sources: []court.Source{
					{Kind: court.FromDocument, Side: court.SideB, Label: "Side B document 1: photos.txt", DocumentID: photos.ID},
					{Kind: court.FromArgument, Side: court.SideB, Label: "argument 1", Quote: "The damp was reported in writing twice."},
				}},
				{Fact: "The landlord was told of the damp in writing.", Status: court.Unproved, Sources: nil},
				{Fact: "The tenant left the flat.", Status: court.Contradicted, Sources: []court.Source{
					{Kind: court.FromDocument, Side: court.SideA, Label: "Side A document 2: notice.pdf", DocumentID: notice.ID,
						Quote: "Notice to pay rent or quit."},
				}},
			},
			Rule:        "Rent may be withheld only as the lease or the statute allows.",
			Provisions:  []string{},
			Application: "Neither allows it here.",
			Answer:      "No.",
		},
		{Question: "Interest on the arrears?", Burden: court.SideA, Answer: "At 9% a year."},
	}
	j.Relief = []court.Order{
		{Kind: court.Compensation, Description: "Arrears of rent for three months", Amount: 75000, Currency: "INR"},
		{Kind: court.Interest, Description: "Interest at 9% a year from 1 May 2024", Amount: 1234.56, Currency: "INR"},
		{Kind: court.Refund, Description: "A third of the deposit", Amount: 10.0 / 3, Currency: "INR"},
		{Kind: court.Costs, Description: "The costs of the suit, to be assessed"},
		{Kind: court.Declaration, Description: "The lease ended on 31 May 2024."},
	}
	j.Citations = []court.Citation{
		{Text: "Transfer of Property Act, 1882, s. 108", Act: "Transfer of Property Act, 1882", Section: "108",
			Title: "Rights and liabilities of lessor and lessee", Status: court.CitationVerified},
		{Text: "Indian Contract Act, 1872, s. 73", Act: "Indian Contract Act, 1872", Section: "73",
			Title: "Compensation for loss or damage caused by breach of contract", Status: court.CitationVerified},
		{Text: "Indian Contract Act, 1872, s. 999", Act: "Indian Contract Act, 1872", Section: "999", Status: court.CitationUnknownSection},
		{Text: "IPC s. 420", Act: "Indian Penal Code, 1860", Section: "420", Title: "Cheating",
			Status: court.CitationNotInForce, Instead: "Bharatiya Nyaya Sanhita, 2023, s. 318"},
		{Text: "Rent Act of Ruritania, s. 4", Status: court.CitationOutsideTable},
		{Text: "the law of the land", Status: court.CitationUnreadable},
	}
	j.LegalBasis = make([]string, len(j.Citations))
	for i, ci := range j.Citations {
		j.LegalBasis[i] = ci.Text
	}
	return j
}

// wantJudgments fails t unless the case's stored judgments are want, each
// structured or not as want's is and digesting as want's does, as
// VerifyAudit will digest them.
func wantJudgments(t *testing.T, s court.Store, caseID string, want []court.Judgment) {
	t.Helper()
	got := get(t, s, caseID).Judgments
	if d := diff(want, got); d != "" {
		t.Fatalf("judgments (-want +got):\n%s", d)
	}
	for i := range want {
		w, g := &want[i], &got[i]
		if g.Structured() != w.Structured() {
			t.Errorf("v%d: Structured() = %t, want %t", w.Version, g.Structured(), w.Structured())
		}
		if court.DigestJudgment(g) != court.DigestJudgment(w) {
			t.Errorf("v%d: the stored judgment digests differently from the one written", w.Version)
		}
	}
}

// testJudgmentStructure: the structure of a judgment round-trips whole,
// through AddJudgment and the revised judgment of CompleteArgument, and a
// judgment without one reads back without one.
func testJudgmentStructure(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, false)
	var want []court.Judgment
	add := func(j *court.Judgment) {
		t.Helper()
		must(t, addJudgment(t, s, j))
		want = append(want, *j)
		wantJudgments(t, s, c.ID, want)
	}

	add(newStructured(ts, c, court.Tentative))

	// Favours alone makes a structure.
	j := newJudgment(ts, c.ID, court.Reconsidered)
	j.Favours = court.FavoursNeither
	add(j)

	// Empty lists are no structure.
	j = newJudgment(ts, c.ID, court.Reconsidered)
	j.Issues, j.Relief, j.Citations = []court.Issue{}, []court.Order{}, []court.Citation{}
	add(j)

	a := newArgument(ts, c.ID, court.SideB)
	must(t, s.ReserveArgument(ctx(t), a, minute))
	answer(a)
	revised := newStructured(ts, c, court.Reconsidered)
	revised.Favours = court.FavoursB
	revised.Issues[1].Answer = "Yes, in part."
	revised.Relief = revised.Relief[3:]
	must(t, completeArgument(t, s, a, revised))
	want = append(want, *revised)
	wantJudgments(t, s, c.ID, want)

	plain := newJudgment(ts, c.ID, court.Reconsidered)
	add(plain)

	// Roles alone make a structure too.
	j = newJudgment(ts, c.ID, court.Final)
	j.Roles = court.Roles{A: "Complainant", B: "Opposite party"}
	add(j)

	got := get(t, s, c.ID).Judgments
	for i, structured := range []bool{true, true, false, true, false, true} {
		if got[i].Structured() != structured {
			t.Errorf("v%d: Structured() = %t, want %t", got[i].Version, got[i].Structured(), structured)
		}
	}
	if g := got[4]; g.Favours != "" || g.Roles != (court.Roles{}) || len(g.Issues)+len(g.Relief)+len(g.Citations) != 0 {
		t.Errorf("an unstructured judgment read back with a structure: %q %+v %d issues, %d orders, %d citations",
			g.Favours, g.Roles, len(g.Issues), len(g.Relief), len(g.Citations))
	}
}

// testAuditStructure: court.Service's VerifyAudit passes on a case whose
// judgments have a structure, mixed with judgments that have none.
func testAuditStructure(t *testing.T, s AccountStore, _ *Clock) {
	ts := newStamps()
	st := stamp("u")
	c := newCase(ts)
	must(t, fileAudited(t, s, st, c))
	must(t, addJudgmentAudited(t, s, st, newStructured(ts, c, court.Tentative)))
	a := newArgument(ts, c.ID, court.SideB)
	must(t, s.ReserveArgument(ctx(t), a, minute))
	answer(a)
	revised := newStructured(ts, c, court.Reconsidered)
	revised.Favours = court.FavoursNeither
	must(t, completeArgumentAudited(t, s, st, a, revised))
	must(t, addJudgmentAudited(t, s, st, newJudgment(ts, c.ID, court.Reconsidered)))
	must(t, addJudgmentAudited(t, s, st, newStructured(ts, c, court.Final)))

	list := verify(t, s, c.ID)
	if want := 1 + len(c.A.Documents) + len(c.B.Documents) + 5; len(list) != want {
		t.Fatalf("%d entries, want %d", len(list), want)
	}
	got := get(t, s, c.ID).Judgments
	for i, structured := range []bool{true, true, false, true} {
		if got[i].Structured() != structured {
			t.Errorf("v%d: Structured() = %t, want %t", got[i].Version, got[i].Structured(), structured)
		}
	}
}

// testJudgmentReview: a judgment's review (the swap check, a bench's
// opinions, an appeal) and its quotes' grounding round-trip whole; one
// appeal lies, from the final verdict only.
func testJudgmentReview(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, false)
	var want []court.Judgment
	add := func(j *court.Judgment) {
		t.Helper()
		must(t, addJudgment(t, s, j))
		want = append(want, *j)
		wantJudgments(t, s, c.ID, want)
	}

	j := newStructured(ts, c, court.Tentative)
	j.Issues[0].Findings[0].Sources[0].Grounding = court.QuoteClose
	j.Issues[0].Findings[1].Sources[0].Grounding = court.QuoteMissing
	j.Swap = &court.SwapCheck{Favours: court.FavoursB, Confidence: 61, ConfidenceBefore: 80}
	add(j)

	early := newJudgment(ts, c.ID, court.AppealKind)
	wantSame(t, addJudgment(t, s, early), court.ErrAppealTooEarly, "an appeal before the final verdict")

	j = newStructured(ts, c, court.Final)
	j.Bench = &court.Bench{Agree: 2, Sat: 2, Seated: 3, Opinions: []court.Opinion{
		{Judge: court.JudgeInfo{Provider: "gemini", Model: "m1"}, Role: court.Leading, Favours: court.FavoursA, Verdict: "For A", Reasoning: "R1", LegalBasis: []string{"x"}, Confidence: 80, Usage: court.Usage{Calls: 1, InputTokens: 10}},
		{Judge: court.JudgeInfo{Provider: "openai", Model: "m2"}, Role: court.Concurring, Favours: court.FavoursA, Confidence: 70},
		{Judge: court.JudgeInfo{Provider: "anthropic", Model: "m3"}, Role: court.Absent, Error: "The judge did not answer."},
	}}
	add(j)

	j = newStructured(ts, c, court.AppealKind)
	j.Appeal = &court.Appeal{By: court.SideB, From: 2, Outcome: court.Varied}
	add(j)
	if got := get(t, s, c.ID); got.Status != court.Closed {
		t.Errorf("status after the appeal = %s, want closed", got.Status)
	}
	wantSame(t, addJudgment(t, s, newJudgment(ts, c.ID, court.AppealKind)), court.ErrAppealed, "a second appeal")
	wantSame(t, addJudgment(t, s, newJudgment(ts, c.ID, court.Final)), court.ErrClosedJudgment, "a final verdict after the appeal")
	wantJudgments(t, s, c.ID, want)
}

// wantSame fails t unless err is the rule violation want.
func wantSame(t *testing.T, err, want error, what string) {
	t.Helper()
	if !errors.Is(err, want) && court.ErrorMessage(err) != court.ErrorMessage(want) {
		t.Fatalf("%s: %v, want %v", what, err, want)
	}
}
