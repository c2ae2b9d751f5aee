package ui

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// chequeCase is a s. 138 complaint judged with the structure: two
// issues, an admitted and a contradicted finding, a document quoted, an
// order in rupees, and a legal basis of which one provision is verified
// and one was not in force on the date of the events.
func chequeCase() *court.Case {
	at := time.Date(2025, 3, 12, 10, 30, 0, 0, time.UTC)
	judge := court.JudgeInfo{Provider: "offline", Model: "rules-v2", PromptVersion: "offline-2"}
	return &court.Case{
		ID: "case0138", Type: court.Criminal, Jurisdiction: court.India, Status: court.Closed,
		A: court.Side{Summary: "The accused gave me a cheque for ₹2,50,000 towards a loan; it was dishonoured for insufficient funds.",
			Evidence:  []string{"Cheque no. 004512 of 2 September 2024", "Bank return memo of 10 September 2024"},
			Documents: []court.Document{{ID: "doc1", Side: court.SideA, Name: "return-memo.pdf"}}},
		B: court.Side{Summary: "The cheque was a blank security cheque; no loan was ever given.", Evidence: []string{"No loan agreement exists"}},
		Judgments: []court.Judgment{{
			Version: 1, Kind: court.Final, Verdict: "The accused is convicted under s. 138 and shall pay compensation of ₹3,00,000",
			Reasoning:  "The signature is admitted, so the presumption under s. 139 arises.\nThe defence of a security cheque is not made out.",
			LegalBasis: []string{"Negotiable Instruments Act, 1881, s. 138", "IPC s. 420"}, Confidence: 72, Judge: judge, CreatedAt: at,
			Favours: court.FavoursA, Roles: court.Roles{A: "complainant", B: "accused"},
			Issues: []court.Issue{
				{
					Question: "Did the accused issue the cheque in discharge of a legally enforceable debt?",
					Burden:   court.SideB, Standard: "Presumption under s. 139, rebuttable on a preponderance of probabilities",
					Findings: []court.Finding{
						{Fact: "The accused signed the cheque.", Status: court.Admitted,
							Sources: []court.Source{{Kind: court.FromSummary, Side: court.SideB, Label: "Side B summary"}}},
						{Fact: "The cheque was given only as security, with no debt due.", Status: court.Contradicted,
							Sources: []court.Source{{Kind: court.FromDocument, Side: court.SideA, Label: "Side A document 1: return-memo.pdf",
								DocumentID: "doc1", Quote: "Cheque No. 004512 for Rs. 2,50,000 returned unpaid: funds insufficient"}}},
					},
					Rule:        "Once the signature is admitted, the court presumes the cheque was for a debt unless the accused proves otherwise.",
					Provisions:  []string{"Negotiable Instruments Act, 1881, s. 138"},
					Application: "The accused admits the signature and offers nothing but his word against the presumption.",
					Answer:      "Yes.",
				},
				{
					Question: "Was the statutory notice served and the amount left unpaid for fifteen days?",
					Burden:   court.SideA, Standard: "Beyond reasonable doubt",
					Findings: []court.Finding{
						{Fact: "The notice of demand was sent on 20 September 2024 and not answered.", Status: court.Admitted,
							Sources: []court.Source{{Kind: court.FromEvidence, Side: court.SideA, Label: "Side A evidence 2"}}},
					},
					Rule:        "The offence is complete when the drawer fails to pay within fifteen days of the notice.",
					Provisions:  []string{"IPC s. 420"},
					Application: "No payment followed the notice.",
					Answer:      "Yes.",
				},
			},
			Relief: []court.Order{
				{Kind: court.Conviction, Description: "The accused is convicted of the offence under s. 138."},
				{Kind: court.Compensation, Description: "Compensation to the complainant under s. 357 CrPC", Amount: 300000, Currency: "INR"},
				{Kind: court.Costs, Description: "Costs of the complaint", Amount: 15000.5},
			},
			Citations: []court.Citation{
				{Text: "Negotiable Instruments Act, 1881, s. 138", Act: "Negotiable Instruments Act, 1881", Section: "s. 138",
					Title: "Dishonour of cheque for insufficiency, etc., of funds in the account", Status: court.CitationVerified},
				{Text: "IPC s. 420", Act: "Indian Penal Code, 1860", Section: "s. 420", Title: "Cheating and dishonestly inducing delivery of property",
					Status: court.CitationNotInForce, Instead: "Bharatiya Nyaya Sanhita, 2023, s. 318"},
			},
		}},
		CreatedAt: at, UpdatedAt: at,
	}
}

func TestMoney(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		amount   float64
		currency string
		want     string
	}{
		{250000, "INR", "₹2,50,000"},
		{15000.5, "INR", "₹15,000.50"},
		{12345678, "INR", "₹1,23,45,678"},
		{1200, "GBP", "£1,200"},
		{1234567.25, "USD", "$1,234,567.25"},
		{950, "AUD", "AUD 950"},
		{1000, "", "1,000"},
	} {
		if got := money(tt.amount, tt.currency); got != tt.want {
			t.Errorf("money(%v, %q) = %q, want %q", tt.amount, tt.currency, got, tt.want)
		}
	}
}

func TestStructure(t *testing.T) {
	t.Parallel()
	c := chequeCase()
	st := newStructure(c, c.Latest())
	if st == nil {
		t.Fatal("a structured judgment has no structure")
	}
	if got := st.Issues[0].Findings[1].Sources[0].Href; got != "/api/cases/case0138/documents/doc1" {
		t.Errorf("the document source links to %q", got)
	}
	if st.Issues[0].Provisions[0].Unverified() || !st.Issues[1].Provisions[0].Unverified() {
		t.Errorf("provisions: %+v", st.Issues)
	}
	if got := st.Relief[2].Amount; got != "₹15,000.50" {
		t.Errorf("an amount without a currency takes the case's: %q", got)
	}
	// A source naming a document the case does not hold gets no link.
	c.Judgments[0].Issues[0].Findings[1].Sources[0].DocumentID = "gone"
	if got := newStructure(c, c.Latest()).Issues[0].Findings[1].Sources[0].Href; got != "" {
		t.Errorf("a missing document is linked: %q", got)
	}
	old := fixedCase()
	if newStructure(old, old.Latest()) != nil {
		t.Error("a judgment stored before the structure has one")
	}
}

// TestStructuredPages: the case page shows the structure too, and marks
// the provision that is not verified to both parties.
func TestStructuredPages(t *testing.T) {
	t.Parallel()
	u := testUI(t)
	c := chequeCase()
	for _, role := range []string{"A", "B"} {
		d := &caseData{Case: c, Latest: c.Latest(), Final: c.Latest(), CanA: role == "A", CanB: role == "B", Party: true, Role: role,
			Timeline: newTimeline(c.Judgments)}
		got := renderView(t, u, "en", "case", "/cases/case0138", &page{Title: "Case", Data: d}, nil)
		for _, want := range []string{
			`<strong>Favours:</strong> Side A (complainant)`,
			`<span class="symbol" aria-hidden="true">✗</span> Contradicted`,
			`<a href="/api/cases/case0138/documents/doc1" hx-boost="false">Side A document 1: return-memo.pdf</a>`,
			`<blockquote class="quote"><p>Cheque No. 004512`,
			`₹3,00,000`,
			`Not verified:</strong> not in force on the date that decides it. What applies instead: Bharatiya Nyaya Sanhita, 2023, s. 318.`,
		} {
			if !strings.Contains(got, want) {
				t.Errorf("side %s: the case page lacks %s", role, want)
			}
		}
	}
}

// TestChecksShown: both parties see how a judgment was checked — a flip
// under the position swap, a quote not in its source, the bench's
// opinions and agreement — and, once appealed, the appeal and its outcome
// in place of the form.
func TestChecksShown(t *testing.T) {
	t.Parallel()
	u := testUI(t)
	c := chequeCase()
	final := &c.Judgments[len(c.Judgments)-1]
	final.Issues[0].Findings[1].Sources[0].Grounding = court.QuoteMissing
	final.Swap = &court.SwapCheck{Favours: court.FavoursB, Confidence: 70, ConfidenceBefore: 80}
	final.Confidence = 50
	final.Bench = &court.Bench{Agree: 1, Sat: 2, Seated: 3, Opinions: []court.Opinion{
		{Judge: court.JudgeInfo{Provider: "gemini", Model: "m-g"}, Role: court.Leading, Favours: court.FavoursA, Verdict: "For A.", Reasoning: "The presumption stands.", Confidence: 80},
		{Judge: court.JudgeInfo{Provider: "openai", Model: "m-o"}, Role: court.Dissenting, Favours: court.FavoursB, Verdict: "For B.", Reasoning: "The debt is not shown.", Confidence: 60},
		{Judge: court.JudgeInfo{Provider: "anthropic", Model: "m-c"}, Role: court.Absent, Error: "The judge did not answer in time."},
	}}
	for _, role := range []string{"A", "B"} {
		d := &caseData{Case: c, Latest: final, Final: final, CanA: role == "A", CanB: role == "B", Party: true, Role: role, Timeline: newTimeline(c.Judgments)}
		got := renderView(t, u, "en", "verdict", "/cases/case0138/verdict", &page{Title: "Verdict", Data: d}, nil)
		for _, want := range []string{
			`favoured Side B instead. The result turns on the order in which the sides were presented, so the confidence shown is at most 50 (it was 80).`,
			`<blockquote class="quote ungrounded">`,
			`Not found in this source`,
			`Bench of 3 judges: 1 of 2 who gave an opinion agree with the result. 1 judge(s) gave no opinion.`,
			`<strong>Dissenting</strong> · openai / m-o`,
			`The judge did not answer in time.`,
			`action="/cases/case0138/appeal"`,
			`<option value="` + role + `">`,
		} {
			if !strings.Contains(got, want) {
				t.Errorf("side %s: the verdict page lacks %s", role, want)
			}
		}
	}
	appeal := *final
	appeal.Kind, appeal.Version, appeal.Swap, appeal.Bench = court.AppealKind, final.Version+1, nil, nil
	appeal.Appeal = &court.Appeal{By: court.SideB, From: final.Version, Outcome: court.Reversed}
	c.Judgments = append(c.Judgments, appeal)
	d := &caseData{Case: c, Latest: &c.Judgments[len(c.Judgments)-1], Final: final, Appeal: &c.Judgments[len(c.Judgments)-1], CanB: true, Party: true, Role: "B", Timeline: newTimeline(c.Judgments)}
	got := renderView(t, u, "en", "verdict", "/cases/case0138/verdict", &page{Title: "Verdict", Data: d}, nil)
	if !strings.Contains(got, "Appeal by Side B from judgment version "+strconv.Itoa(final.Version)+": the verdict is reversed.") || strings.Contains(got, `action="/cases/case0138/appeal"`) {
		t.Errorf("the appealed verdict page:\n%s", got)
	}
}
