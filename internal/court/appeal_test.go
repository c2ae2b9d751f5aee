package court_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aijudge/aijudge/internal/cache"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/document"
	"github.com/aijudge/aijudge/internal/sqlite"
)

// stubJudge favours whichever side pick names and orders relief of kind.
type stubJudge struct {
	name   string
	pick   func(c *court.Case) court.Favours
	relief court.ReliefKind
}

func (j stubJudge) Info() court.JudgeInfo {
	return court.JudgeInfo{Provider: "stub", Model: j.name, PromptVersion: "1"}
}

func (j stubJudge) ruling(c *court.Case) *court.Ruling {
	f := j.pick(c)
	return &court.Ruling{Verdict: "For " + string(f) + ".", Reasoning: "Because.", Confidence: 80, Favours: f,
		Relief: []court.Order{{Kind: j.relief, Description: "As ordered."}}, Judge: j.Info(), Usage: court.Usage{Calls: 1, InputTokens: 100}}
}

func (j stubJudge) Tentative(_ context.Context, c *court.Case, _ court.Stream) (*court.Ruling, error) {
	return j.ruling(c), nil
}

func (j stubJudge) Final(_ context.Context, c *court.Case, _ court.Stream) (*court.Ruling, error) {
	return j.ruling(c), nil
}

func (j stubJudge) Answer(context.Context, *court.Case, *court.Argument, court.Stream) (*court.Answer, error) {
	return &court.Answer{Response: "Noted.", Strengthens: court.Neither, Weakens: court.Neither, Confidence: 80}, nil
}

// fair favours the side holding the receipt, wherever it is filed.
var fair = stubJudge{name: "fair", relief: court.Refund, pick: func(c *court.Case) court.Favours {
	if strings.Contains(c.A.Summary, "receipt") {
		return court.FavoursA
	}
	return court.FavoursB
}}

// first favours Side A whatever was filed.
var first = stubJudge{name: "first", relief: court.Refund, pick: func(*court.Case) court.Favours { return court.FavoursA }}

func newService(t *testing.T, o court.Options) *court.Service {
	t.Helper()
	store, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "test.db"), sqlite.Options{AutoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	mem := cache.NewMemory(cache.MemoryOptions{})
	t.Cleanup(func() { mem.Close() })
	o.Store, o.Cache, o.Audit = store, mem, store
	o.Reader = document.NewReader(document.Options{MaxFileSize: 1 << 20})
	s := court.NewService(o)
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

func file(t *testing.T, s *court.Service) *court.Case {
	t.Helper()
	f := &court.Filing{CaseType: "consumer", Jurisdiction: "INDIA"}
	f.A.Summary = "I paid for the phone and hold the receipt; it stopped working in a week."
	f.B.Summary = "The phone was damaged by water after it was sold."
	c, err := s.File(t.Context(), f, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSwapCheck(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		judge      stubJudge
		consistent bool
		confidence int
	}{
		{"a judge that follows the merits", fair, true, 80},
		{"a judge that favours whoever is first", first, false, court.SwapPenalty},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newService(t, court.Options{Judge: tc.judge, SwapCheck: true})
			j, _, err := s.Judgment(t.Context(), file(t, s).ID, nil)
			if err != nil {
				t.Fatal(err)
			}
			sw := j.Swap
			if sw == nil || sw.Consistent != tc.consistent || j.Confidence != tc.confidence || sw.ConfidenceBefore != 80 {
				t.Fatalf("swap %+v, confidence %d", sw, j.Confidence)
			}
			if j.Usage.Calls != 2 {
				t.Errorf("usage counts %d calls, want both", j.Usage.Calls)
			}
			c, err := s.Case(t.Context(), j.CaseID)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Latest().Swap; got == nil || *got != *sw {
				t.Errorf("stored swap %+v, want %+v", got, sw)
			}
		})
	}
	s := newService(t, court.Options{Judge: first})
	if j, _, err := s.Judgment(t.Context(), file(t, s).ID, nil); err != nil || j.Swap != nil || j.Confidence != 80 {
		t.Fatalf("without the check: %+v, %v", j, err)
	}
}

func TestSwapped(t *testing.T) {
	t.Parallel()
	c := &court.Case{A: court.Side{Summary: "a", Documents: []court.Document{{ID: "d1", Side: court.SideA}}}, B: court.Side{Summary: "b"},
		Arguments: []court.Argument{{Side: court.SideB, Text: "x", Strengthens: "Side B", Weakens: court.Neither}},
		Judgments: []court.Judgment{{Favours: court.FavoursA}}}
	s := c.Swapped()
	if s.A.Summary != "b" || s.B.Summary != "a" || s.B.Documents[0].Side != court.SideB || s.Arguments[0].Side != court.SideA {
		t.Fatalf("swapped %+v", s)
	}
	if a := s.Arguments[0]; a.Strengthens != "Side A" || a.Weakens != court.Neither || s.Judgments[0].Favours != court.FavoursB {
		t.Fatalf("effects and favours not mirrored: %+v, %q", a, s.Judgments[0].Favours)
	}
	if c.A.Documents[0].Side != court.SideA || c.Arguments[0].Side != court.SideB || c.Arguments[0].Strengthens != "Side B" || c.Judgments[0].Favours != court.FavoursA {
		t.Fatal("swapping changed the case itself")
	}
}

func TestAppeal(t *testing.T) {
	t.Parallel()
	reverser := stubJudge{name: "reverser", relief: court.Refund, pick: func(c *court.Case) court.Favours { return fair.pick(c).Mirror() }}
	varier := stubJudge{name: "varier", relief: court.Compensation, pick: fair.pick}
	for _, tc := range []struct {
		name      string
		appellate court.Judge
		want      court.AppealOutcome
		heading   string
	}{
		{"the same view is affirmed", nil, court.Affirmed, "On appeal by Side B, the final verdict is affirmed."},
		{"another side is a reversal", reverser, court.Reversed, "On appeal by Side B, the final verdict is reversed."},
		{"other relief is a variation", varier, court.Varied, "On appeal by Side B, the final verdict is varied."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newService(t, court.Options{Judge: fair, Appellate: tc.appellate})
			ctx := t.Context()
			c := file(t, s)
			if _, err := s.Appeal(ctx, c.ID, court.SideB, nil, nil); !errors.Is(err, court.ErrAppealTooEarly) {
				t.Fatalf("appeal before any judgment: %v", err)
			}
			if _, _, err := s.Judgment(ctx, c.ID, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Appeal(ctx, c.ID, court.SideB, nil, nil); !errors.Is(err, court.ErrAppealTooEarly) {
				t.Fatalf("appeal before the final verdict: %v", err)
			}
			final, _, err := s.FinalVerdict(ctx, c.ID, nil)
			if err != nil {
				t.Fatal(err)
			}
			j, err := s.Appeal(ctx, c.ID, court.SideB, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if j.Kind != court.AppealKind || j.Version != final.Version+1 || *j.Appeal != (court.Appeal{By: court.SideB, From: final.Version, Outcome: tc.want}) {
				t.Fatalf("appeal %+v %+v", j, j.Appeal)
			}
			if !strings.HasPrefix(j.Verdict, tc.heading) {
				t.Errorf("verdict %q", j.Verdict)
			}
			if tc.appellate != nil && j.Judge != tc.appellate.Info() {
				t.Errorf("written by %+v, want the appellate judge", j.Judge)
			}
			if _, err := s.Appeal(ctx, c.ID, court.SideA, nil, nil); !errors.Is(err, court.ErrAppealed) {
				t.Fatalf("second appeal: %v", err)
			}
			got, err := s.Case(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != court.Closed || got.Latest().Appeal.Outcome != tc.want {
				t.Errorf("stored: %s, %+v", got.Status, got.Latest().Appeal)
			}
			if _, err := s.VerifyAudit(ctx, c.ID); err != nil {
				t.Errorf("audit: %v", err)
			}
		})
	}
	s := newService(t, court.Options{Judge: fair})
	if _, err := s.Appeal(t.Context(), file(t, s).ID, "C", nil, nil); court.ErrorCode(err) != court.EInvalid {
		t.Fatalf("bad side: %v", err)
	}
}
