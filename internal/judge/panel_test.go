package judge_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/judge"
	"github.com/aijudge/aijudge/internal/judge/offline"
	"github.com/aijudge/aijudge/internal/llm/llmtest"
)

// TestBench: three judges through each provider's real client. A split
// bench decides by its majority with the dissent kept; a judge that fails
// is absent and the others decide; only a bench with nobody left fails.
func TestBench(t *testing.T) {
	t.Parallel()
	favouring := func(f string, confidence int) llmtest.Fault {
		return llmtest.Fault{Text: edited(t, llmtest.StageTentative, func(m map[string]any) {
			m["favours"], m["confidence"], m["verdict"] = f, confidence, "Tentatively for "+f+"."
		})}
	}
	seat := func(provider string, answers ...llmtest.Fault) *fixture {
		f := newFixture(t, provider, nil)
		f.fake.Push(answers...)
		return f
	}
	bench := func(fs ...*fixture) *judge.Bench {
		judges := make([]court.Judge, len(fs))
		for i, f := range fs {
			judges[i] = f.judge
		}
		b, err := judge.NewBench(judges...)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	t.Run("a split bench", func(t *testing.T) {
		t.Parallel()
		g, o, a := seat("gemini", favouring("B", 60)), seat("openai", favouring("A", 90)), seat("anthropic", favouring("A", 70))
		var streamed string
		r, err := bench(g, o, a).Tentative(context.Background(), testCase(), func(d string) { streamed += d })
		if err != nil {
			t.Fatal(err)
		}
		b := r.Bench
		if r.Favours != court.FavoursA || b == nil || b.Agree != 2 || b.Sat != 3 || b.Seated != 3 {
			t.Fatalf("ruling favours %s, bench %+v", r.Favours, b)
		}
		roles := []court.OpinionRole{b.Opinions[0].Role, b.Opinions[1].Role, b.Opinions[2].Role}
		if roles[0] != court.Dissenting || roles[1] != court.Leading || roles[2] != court.Concurring {
			t.Errorf("roles %v", roles)
		}
		if b.Opinions[0].Judge.Provider != "gemini" || b.Opinions[0].Verdict != "Tentatively for B." {
			t.Errorf("dissent %+v", b.Opinions[0])
		}
		if r.Confidence != 60 || r.Verdict != "Tentatively for A." {
			t.Errorf("the court's ruling: %d %q, want the leading opinion at 90 × 2/3", r.Confidence, r.Verdict)
		}
		if r.Usage.Calls != 3 || b.Opinions[1].Usage.Calls != 1 {
			t.Errorf("usage %+v; per judge %+v", r.Usage, b.Opinions[1].Usage)
		}
		if streamed != r.Reasoning {
			t.Errorf("streamed %q", streamed)
		}
		if r.Judge.Provider != "bench" {
			t.Errorf("judge %+v", r.Judge)
		}
	})

	t.Run("a judge that fails is absent", func(t *testing.T) {
		t.Parallel()
		down := llmtest.Fault{Status: http.StatusUnauthorized}
		g, o, a := seat("gemini", favouring("A", 80)), seat("openai", down, down, down), seat("anthropic", favouring("B", 80))
		r, err := bench(g, o, a).Tentative(context.Background(), testCase(), nil)
		if err != nil {
			t.Fatal(err)
		}
		b := r.Bench
		if b.Sat != 2 || b.Seated != 3 || b.Opinions[1].Role != court.Absent || b.Opinions[1].Error == "" {
			t.Fatalf("bench %+v", b)
		}
		// Equally divided: the judge listed first prevails.
		if r.Favours != court.FavoursA || b.Agree != 1 || r.Confidence != 40 {
			t.Errorf("favours %s, agree %d, confidence %d", r.Favours, b.Agree, r.Confidence)
		}
	})

	t.Run("nobody left", func(t *testing.T) {
		t.Parallel()
		down := llmtest.Fault{Status: http.StatusUnauthorized}
		_, err := bench(seat("gemini", down, down, down), seat("anthropic", down, down, down)).Tentative(context.Background(), testCase(), nil)
		if err == nil || court.ErrorMessage(err) == "" {
			t.Fatalf("err = %v", err)
		}
	})

	t.Run("the offline engine sits too; the presiding judge hears arguments", func(t *testing.T) {
		t.Parallel()
		o := seat("openai", favouring("A", 80))
		b, err := judge.NewBench(offline.New(), o.judge)
		if err != nil {
			t.Fatal(err)
		}
		r, err := b.Tentative(context.Background(), testCase(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if r.Bench.Sat != 2 || r.Bench.Opinions[0].Judge.Provider != "offline" {
			t.Fatalf("bench %+v", r.Bench)
		}
		c := judged()
		ans, err := b.Answer(context.Background(), c, &court.Argument{Side: court.SideA, Text: "The receipt shows the deposit."}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if ans.Judge.Provider != "offline" || len(o.fake.Calls()) != 1 {
			t.Errorf("answered by %+v; the second judge had %d calls", ans.Judge, len(o.fake.Calls()))
		}
	})

	if _, err := judge.NewBench(offline.New()); err == nil {
		t.Error("a bench of one was seated")
	}
}
