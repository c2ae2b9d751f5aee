package offline

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aijudge/aijudge/internal/court"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// render writes a judgment as a reader checks it: the structure first,
// then the reasoning.
func render(b *strings.Builder, title string, r *court.Ruling) {
	fmt.Fprintf(b, "== %s\nVerdict: %s\nFavours: %s  Roles: A=%s B=%s  Confidence: %d  FactsDate: %s\n", title, r.Verdict, r.Favours, r.Roles.A, r.Roles.B, r.Confidence, r.FactsDate.Format("2006-01-02"))
	for i, is := range r.Issues {
		fmt.Fprintf(b, "Issue %d [burden %s] %s\n  Answer: %s\n", i+1, is.Burden, is.Question, is.Answer)
		for _, f := range is.Findings {
			var src []string
			for _, s := range f.Sources {
				src = append(src, s.Label)
			}
			fmt.Fprintf(b, "  - %s: %s [%s]\n", f.Status, f.Fact, strings.Join(src, "; "))
		}
	}
	for _, o := range r.Relief {
		fmt.Fprintf(b, "Relief %s %.2f %s: %s\n", o.Kind, o.Amount, o.Currency, o.Description)
	}
	for _, l := range r.LegalBasis {
		fmt.Fprintf(b, "Basis: %s\n", l)
	}
	for _, f := range r.Flags {
		fmt.Fprintf(b, "Flag: %s: %s\n", f.Source, f.Reason)
	}
	fmt.Fprintf(b, "\n%s\n\n", r.Reasoning)
}

func TestGolden(t *testing.T) {
	t.Parallel()
	e := New()
	for _, gc := range goldenCases() {
		t.Run(gc.name, func(t *testing.T) {
			t.Parallel()
			var b strings.Builder
			r := tentative(t, gc.c)
			render(&b, "TENTATIVE", r)
			c := withJudgment(gc.c, r)
			c.Judgments[0].Favours = r.Favours
			a, err := e.Answer(ctx, c, &gc.arg, nil)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "== ANSWER (argument by %s)\nStrengthens: %s  Weakens: %s  Reconsidered: %v  Favours: %q  Confidence: %d\n%s\n\n%s\n\n%s\n\n", gc.arg.Side, a.Strengthens, a.Weakens, a.Reconsidered, a.Favours, a.Confidence, a.Response, a.UpdatedReasoning, a.UncertaintyRemains)
			arg := gc.arg
			arg.Seq, arg.Response = 1, a.Response
			c.Arguments = append(c.Arguments, arg)
			f, err := e.Final(ctx, c, nil)
			if err != nil {
				t.Fatal(err)
			}
			render(&b, "FINAL", f)
			path := filepath.Join("testdata", gc.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(want) != b.String() {
				t.Errorf("%s differs from %s (run with -update if the change is intended)", gc.name, path)
			}
		})
	}
}

// BenchmarkTentativeLarge judges a case of about 100 kB of documents.
func BenchmarkTentativeLarge(b *testing.B) {
	e := New()
	c := phoneCase()
	var text strings.Builder
	for text.Len() < 100<<10 {
		text.WriteString(c.A.Documents[0].Text)
		text.WriteString("\n")
	}
	c.A.Documents[0].Text = text.String()
	for b.Loop() {
		if _, err := e.Tentative(ctx, c, nil); err != nil {
			b.Fatal(err)
		}
	}
}
