package judge

import (
	"context"
	"errors"
	"math"
	"strings"
	"sync"

	"github.com/aijudge/aijudge/internal/court"
)

// Bench is a court.Judge of several judges sitting together. Each writes
// its own opinion of the case; the judgment of the court is the leading
// opinion of the majority on which side is favoured, with the others
// kept as concurring or dissenting opinions, and its confidence is
// lowered in proportion to the disagreement. When the opinions are
// equally divided, the side of the judge listed first among them
// prevails. A judge that fails is recorded as absent and the others
// decide; only when every judge fails does the bench fail.
//
// Arguments are heard by the presiding judge (the first listed), or the
// next if it fails: an argument is a dialogue with one judge, and every
// judge's view is asked again for the final verdict. Judgments are not
// streamed as they are written, since the court's opinion is known only
// once all have answered; its reasoning is sent whole at the end.
type Bench struct {
	judges []court.Judge
	info   court.JudgeInfo
}

var _ court.Judge = (*Bench)(nil)

// NewBench seats judges, the presiding one first; it needs at least two.
func NewBench(judges ...court.Judge) (*Bench, error) {
	if len(judges) < 2 {
		return nil, errors.New("a bench needs at least two judges")
	}
	names := make([]string, len(judges))
	versions := make([]string, len(judges))
	for i, j := range judges {
		in := j.Info()
		names[i] = in.Provider + "/" + in.Model
		versions[i] = in.PromptVersion
	}
	return &Bench{judges: judges, info: court.JudgeInfo{
		Provider: "bench", Model: strings.Join(names, "+"), PromptVersion: strings.Join(versions, "+"),
	}}, nil
}

// Info implements court.Judge.
func (b *Bench) Info() court.JudgeInfo { return b.info }

// Judges returns the bench's judges, the presiding one first.
func (b *Bench) Judges() []court.Judge { return b.judges }

// Tentative implements court.Judge.
func (b *Bench) Tentative(ctx context.Context, c *court.Case, out court.Stream) (*court.Ruling, error) {
	return b.sit(ctx, c, out, court.Judge.Tentative)
}

// Final implements court.Judge.
func (b *Bench) Final(ctx context.Context, c *court.Case, out court.Stream) (*court.Ruling, error) {
	return b.sit(ctx, c, out, court.Judge.Final)
}

// Answer implements court.Judge: the presiding judge answers, or the
// next that can.
func (b *Bench) Answer(ctx context.Context, c *court.Case, a *court.Argument, out court.Stream) (*court.Answer, error) {
	var errs []error
	for _, j := range b.judges {
		ans, err := j.Answer(ctx, c, a, out)
		if err == nil {
			return ans, nil
		}
		if ctx.Err() != nil {
			return nil, err
		}
		errs = append(errs, err)
	}
	return nil, errs[0]
}

type opinionResult struct {
	r   *court.Ruling
	err error
}

func (b *Bench) sit(ctx context.Context, c *court.Case, out court.Stream,
	ask func(court.Judge, context.Context, *court.Case, court.Stream) (*court.Ruling, error)) (*court.Ruling, error) {
	results := make([]opinionResult, len(b.judges))
	var wg sync.WaitGroup
	for i, j := range b.judges {
		wg.Go(func() {
			r, err := ask(j, ctx, c, nil)
			results[i] = opinionResult{r, err}
		})
	}
	wg.Wait()
	r, err := b.decide(results)
	if err != nil {
		return nil, err
	}
	out.Send(r.Reasoning)
	return r, nil
}

// decide makes the court's ruling of the judges' results.
func (b *Bench) decide(results []opinionResult) (*court.Ruling, error) {
	votes := map[court.Favours]int{}
	var firstErr error
	sat := 0
	for _, res := range results {
		if res.err != nil {
			if firstErr == nil {
				firstErr = res.err
			}
			continue
		}
		sat++
		votes[res.r.Favours]++
	}
	if sat == 0 {
		return nil, firstErr
	}
	// The majority; on a tie, the side of the first judge among the tied.
	var majority court.Favours
	top := 0
	for _, res := range results {
		if res.err == nil && votes[res.r.Favours] > top {
			majority, top = res.r.Favours, votes[res.r.Favours]
		}
	}
	bench := &court.Bench{Agree: top, Sat: sat, Seated: len(results)}
	var lead *court.Ruling
	var usage court.Usage
	for i, res := range results {
		op := court.Opinion{Judge: b.judges[i].Info()}
		if res.err != nil {
			op.Role, op.Error = court.Absent, court.ErrorMessage(res.err)
			bench.Opinions = append(bench.Opinions, op)
			continue
		}
		r := res.r
		usage = usage.Add(r.Usage)
		op.Judge = cmpInfo(r.Judge, op.Judge)
		op.Favours, op.Verdict, op.Reasoning, op.LegalBasis, op.Confidence, op.Usage = r.Favours, r.Verdict, r.Reasoning, r.LegalBasis, r.Confidence, r.Usage
		switch {
		case r.Favours != majority:
			op.Role = court.Dissenting
		case lead == nil:
			op.Role, lead = court.Leading, r
		default:
			op.Role = court.Concurring
		}
		bench.Opinions = append(bench.Opinions, op)
	}
	ruling := *lead
	ruling.Bench = bench
	ruling.Usage = usage
	ruling.Judge = b.info
	// Agreement scales the leading judge's confidence: 80 from a bench of
	// three split two to one is shown as 53.
	ruling.Confidence = int(math.Round(float64(lead.Confidence) * float64(top) / float64(sat)))
	return &ruling, nil
}

func cmpInfo(a, b court.JudgeInfo) court.JudgeInfo {
	if a.Provider != "" {
		return a
	}
	return b
}
