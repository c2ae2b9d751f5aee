package eval

import (
	"strings"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

func judgedCase() *court.Case {
	c := &court.Case{ID: "c1", Jurisdiction: court.India, CreatedAt: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
	c.A.Documents = []court.Document{{ID: "d1", Name: "memo.txt", Text: "CHEQUE RETURN MEMO\nDate: 18/01/2024\nReason:  Funds\ninsufficient"}}
	return c
}

func TestScoreCase(t *testing.T) {
	t.Parallel()
	c := judgedCase()
	tentative := &court.Judgment{Kind: court.Tentative, Favours: court.FavoursA, Confidence: 70,
		LegalBasis: []string{"Negotiable Instruments Act, 1881, s. 138", "Bharatiya Nyaya Sanhita, 2023, s. 318"},
		Citations:  []court.Citation{{Status: court.CitationVerified}, {Status: court.CitationNotInForce}},
		Issues: []court.Issue{{Question: "Was there a legally enforceable debt?", Findings: []court.Finding{{Sources: []court.Source{
			{Kind: court.FromDocument, DocumentID: "d1", Label: "Side A document memo.txt", Quote: "Reason: funds insufficient", Grounding: court.QuoteFound},
			{Kind: court.FromDocument, DocumentID: "d1", Label: "Side A document memo.txt", Quote: "stop payment", Grounding: court.QuoteMissing},
		}}}}}}
	final := &court.Judgment{Kind: court.Final, Favours: court.FavoursB, Confidence: 90,
		LegalBasis: []string{"NI Act s. 138"}}
	run := Run{Case: c, Tentative: tentative, Final: final, Swapped: &court.Judgment{Favours: court.FavoursA},
		Arguments: []court.Argument{{Strengthens: "Side A"}, {Strengthens: "Neither"}}, Latency: time.Second}
	exp := Expect{Favours: court.FavoursA,
		Required:  []string{"Negotiable Instruments Act, 1881, s. 138"},
		Forbidden: []string{"BNS s. 318"},
		Issues:    []string{"legally enforceable debt", "notice"},
		Effects:   []string{"Side A", "Side B"}}
	s := ScoreCase("cheque", "", exp, []Run{run})

	check := func(name string, got, want int) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %d, want %d", name, got, want)
		}
	}
	check("TentativeRight", s.TentativeRight, 1)
	check("FinalRight", s.FinalRight, 0)
	check("Required", s.Required, 2)
	check("RequiredCited", s.RequiredCited, 2)
	check("Forbidden", s.Forbidden, 1)
	check("Citations", s.Citations, 2)
	check("Verified", s.Verified, 1)
	check("Issues", s.Issues, 4)
	check("IssuesFramed", s.IssuesFramed, 1)
	check("Effects", s.Effects, 2)
	check("EffectsRight", s.EffectsRight, 1)
	check("Sources", s.Sources, 2)
	check("Grounded", s.Grounded, 1)
	check("Swaps", s.Swaps, 1)
	check("Flips", s.Flips, 1)

	tot := Total([]Score{s})
	if tot.SideAccuracy != 0.5 || tot.ProvisionRecall != 1 || tot.GroundingRate != 0.5 || tot.FlipRate != 1 {
		t.Errorf("totals %+v", tot)
	}
	// Confidence 70 right and 90 wrong: ((0.7-1)² + (0.9-0)²) / 2.
	if want := (0.09 + 0.81) / 2; tot.Brier < want-1e-9 || tot.Brier > want+1e-9 {
		t.Errorf("Brier %.4f, want %.4f", tot.Brier, want)
	}
	fails := Thresholds{SideAccuracy: 0.9, MaxForbidden: 0, MaxFlip: -1}.Failures(tot)
	if len(fails) != 2 {
		t.Errorf("failures %q, want side accuracy and forbidden", fails)
	}
	md := (&Report{Cases: []Score{s}, Totals: tot}).Markdown()
	for _, want := range []string{"| cheque |", "Reliability of confidence", "cites BNS s. 318, which it must not", "frames no issue on \"notice\""} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
}

func FuzzNormal(f *testing.F) {
	f.Add("Rs. 2,00,000 — paid\n on 10/11/2023")
	f.Fuzz(func(t *testing.T, s string) {
		n := normal(s)
		if normal(n) != n {
			t.Fatalf("normal is not idempotent on %q", s)
		}
		if strings.Contains(n, "  ") || strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") {
			t.Fatalf("normal(%q) = %q has stray spaces", s, n)
		}
	})
}
