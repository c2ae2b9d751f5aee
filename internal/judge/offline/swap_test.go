package offline

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// labelledCases reads the repository's labelled set (eval/cases) as
// cases the engine judges, with their arguments.
func labelledCases(t *testing.T) map[string]*court.Case {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "eval", "cases")
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no labelled cases in %s", dir)
	}
	type sideFile struct {
		Summary   string   `json:"summary"`
		Evidence  []string `json:"evidence"`
		Documents []string `json:"documents"`
	}
	type caseFile struct {
		CaseType     string   `json:"caseType"`
		Jurisdiction string   `json:"jurisdiction"`
		A            sideFile `json:"sideA"`
		B            sideFile `json:"sideB"`
		Arguments    []struct {
			Side     string `json:"side"`
			Argument string `json:"argument"`
		} `json:"arguments"`
	}
	out := map[string]*court.Case{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var cf caseFile
		if err := json.Unmarshal(b, &cf); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		ct, err := court.ParseCaseType(cf.CaseType)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		c := &court.Case{ID: filepath.Base(p), Type: ct, Jurisdiction: court.Jurisdiction(cf.Jurisdiction), CreatedAt: time.Now().UTC()}
		for _, s := range []struct {
			in  sideFile
			out *court.Side
			id  court.SideID
		}{{cf.A, &c.A, court.SideA}, {cf.B, &c.B, court.SideB}} {
			s.out.Summary, s.out.Evidence = s.in.Summary, s.in.Evidence
			for i, d := range s.in.Documents {
				text, err := os.ReadFile(filepath.Join(dir, d))
				if err != nil {
					t.Fatal(err)
				}
				s.out.Documents = append(s.out.Documents, doc(fmt.Sprintf("%s%d", s.id, i+1), s.id, filepath.Base(d), string(text)))
			}
		}
		for i, a := range cf.Arguments {
			side, err := court.ParseSide(a.Side)
			if err != nil {
				t.Fatalf("%s argument %d: %v", p, i+1, err)
			}
			c.Arguments = append(c.Arguments, court.Argument{Seq: i + 1, Side: side, Text: a.Argument})
		}
		out[c.ID] = c
	}
	return out
}

// swapSides is c with the two sides' filings, documents and arguments
// exchanged; the parties' names stay in the words they filed.
func swapSides(c *court.Case) *court.Case {
	s := *c
	s.A, s.B = c.B, c.A
	for _, side := range []*court.Side{&s.A, &s.B} {
		docs := append([]court.Document(nil), side.Documents...)
		for i := range docs {
			docs[i].Side = flip(docs[i].Side)
		}
		side.Documents = docs
	}
	s.Arguments = nil
	for _, a := range c.Arguments {
		a.Side = flip(a.Side)
		s.Arguments = append(s.Arguments, a)
	}
	return &s
}

func flip(s court.SideID) court.SideID {
	if s == court.SideA {
		return court.SideB
	}
	return court.SideA
}

func flipLabel(l string) string {
	switch l {
	case "Side A":
		return "Side B"
	case "Side B":
		return "Side A"
	}
	return l
}

// trial is what the engine made of a case: the tentative view, the
// answer to each argument and the final verdict.
type trialRun struct {
	tentative *court.Ruling
	answers   []*court.Answer
	final     *court.Ruling
}

func runTrial(t *testing.T, c *court.Case) trialRun {
	t.Helper()
	e := New()
	var tr trialRun
	filed := *c
	filed.Arguments = nil
	tr.tentative = tentative(t, &filed)
	cur := withJudgment(&filed, tr.tentative)
	cur.Judgments[0].Favours = tr.tentative.Favours
	for _, a := range c.Arguments {
		ans, err := e.Answer(ctx, cur, &a, nil)
		if err != nil {
			t.Fatal(err)
		}
		tr.answers = append(tr.answers, ans)
		a.Strengthens, a.Weakens, a.Response = ans.Strengthens, ans.Weakens, ans.Response
		next := *cur
		next.Arguments = append(append([]court.Argument(nil), cur.Arguments...), a)
		cur = &next
	}
	f, err := e.Final(ctx, cur, nil)
	if err != nil {
		t.Fatal(err)
	}
	tr.final = f
	return tr
}

// TestPositionSwapMirrors: on every labelled case and every golden case,
// judging the case with the sides exchanged mirrors the result — the
// favoured side, the roles, who bears each burden and each argument's
// effect — because the engine reads who brings the case from what the
// sides filed, not from the letter they filed under.
func TestPositionSwapMirrors(t *testing.T) {
	t.Parallel()
	cases := labelledCases(t)
	for _, gc := range goldenCases() {
		c := *gc.c
		c.Arguments = []court.Argument{gc.arg}
		cases["golden "+gc.name] = &c
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			as, bs := runTrial(t, c), runTrial(t, swapSides(c))
			for _, p := range []struct {
				kind string
				a, b *court.Ruling
			}{{"tentative", as.tentative, bs.tentative}, {"final", as.final, bs.final}} {
				if p.b.Favours != p.a.Favours.Mirror() {
					t.Errorf("%s favours %q; with the sides swapped %q", p.kind, p.a.Favours, p.b.Favours)
				}
				if p.a.Roles.A != p.b.Roles.B || p.a.Roles.B != p.b.Roles.A {
					t.Errorf("%s roles %+v; with the sides swapped %+v", p.kind, p.a.Roles, p.b.Roles)
				}
				if len(p.a.Issues) != len(p.b.Issues) {
					t.Errorf("%s frames %d issues; with the sides swapped %d", p.kind, len(p.a.Issues), len(p.b.Issues))
					continue
				}
				for i := range p.a.Issues {
					if p.a.Issues[i].Burden != flip(p.b.Issues[i].Burden) {
						t.Errorf("%s issue %d burden on %s; with the sides swapped on %s", p.kind, i+1, p.a.Issues[i].Burden, p.b.Issues[i].Burden)
					}
				}
			}
			for i := range as.answers {
				a, b := as.answers[i], bs.answers[i]
				if b.Strengthens != flipLabel(a.Strengthens) || b.Weakens != flipLabel(a.Weakens) {
					t.Errorf("argument %d strengthens %q, weakens %q; with the sides swapped %q, %q", i+1, a.Strengthens, a.Weakens, b.Strengthens, b.Weakens)
				}
			}
		})
	}
}

// TestClaimant: the side that brings the case is read from the words of
// its filing, whichever letter it was filed under.
func TestClaimant(t *testing.T) {
	t.Parallel()
	claim := court.Side{Summary: "I paid a deposit of Rs. 50,000. The landlord has not refunded it. I filed a complaint on 2 May 2024."}
	answer := court.Side{Summary: "The landlord admits receiving the deposit and says he is entitled to keep it."}
	withDoc := court.Side{Summary: "The buyer took the goods.", Documents: []court.Document{doc("d", court.SideA, "invoice.txt", "Invoice")}}
	bare := court.Side{Summary: "The buyer took the goods."}
	for _, tc := range []struct {
		name string
		a, b court.Side
		want court.SideID
	}{
		{"claim as A", claim, answer, court.SideA},
		{"claim as B", answer, claim, court.SideB},
		{"no words either way, documents decide", bare, withDoc, court.SideB},
		{"nothing to tell them apart", bare, bare, court.SideA},
	} {
		c := &court.Case{A: tc.a, B: tc.b}
		if got := claimant(c); got != tc.want {
			t.Errorf("%s: claimant %s, want %s", tc.name, got, tc.want)
		}
	}
}
