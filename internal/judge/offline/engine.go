package offline

import (
	"context"
	"fmt"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
)

// Engine is the offline judge. The zero value is not used; call New. It
// holds no state, so one Engine serves any number of concurrent cases.
type Engine struct{}

var _ court.Judge = (*Engine)(nil)

// New returns the offline judge.
func New() *Engine { return &Engine{} }

// Info names the engine. PromptVersion changes whenever the rules change
// what they write, so cached judgments of older rules are not reused.
func (e *Engine) Info() court.JudgeInfo {
	return court.JudgeInfo{Provider: "offline", Model: "rules-v1", PromptVersion: "offline-4"}
}

const disclaimer = "This judgment comes from the offline rules engine, a deterministic set of rules and not a language model: it frames the issues of the dispute, checks each fact against the documents as a whole (a date, a sum and an event in one sentence), applies the burden and standard of proof, and cites only the engine's dated statute table. It does not hear witnesses or weigh credibility as a court would. It is for education and case preparation only and is not legal advice."

// Tentative gives the first, provisional view.
func (e *Engine) Tentative(ctx context.Context, c *court.Case, out court.Stream) (*court.Ruling, error) {
	if err := ctx.Err(); err != nil {
		return nil, court.Wrap(court.EUnavailable, err, "The judgment was cancelled.")
	}
	c, out, back := oriented(c, out)
	r := read(c, 0)
	o := r.outcome(false)
	p := []string{"Tentative view. " + disclaimer}
	p = append(p, r.judgment(o, false)...)
	return back(e.ruling(r, o, emit(out, p))), nil
}

// Final delivers the final verdict on the filings and every argument.
func (e *Engine) Final(ctx context.Context, c *court.Case, out court.Stream) (*court.Ruling, error) {
	if err := ctx.Err(); err != nil {
		return nil, court.Wrap(court.EUnavailable, err, "The final verdict was cancelled.")
	}
	c, out, back := oriented(c, out)
	r := read(c, len(c.Arguments))
	o := r.outcome(true)
	p := []string{"Final verdict. " + disclaimer}
	p = append(p, r.judgment(o, true)...)
	return back(e.ruling(r, o, emit(out, p))), nil
}

// oriented is c as the templates read it, with the party who brings the
// case as Side A (orient.go), the stream to write to, and what turns the
// ruling back to the sides as filed.
func oriented(c *court.Case, out court.Stream) (*court.Case, court.Stream, func(*court.Ruling) *court.Ruling) {
	if claimant(c) != court.SideB {
		return c, out, func(r *court.Ruling) *court.Ruling { return r }
	}
	return c.Swapped(), exchangedStream(out), func(r *court.Ruling) *court.Ruling {
		exchangeRuling(r)
		return r
	}
}

// exchangedStream passes on what is written with the side labels
// exchanged back.
func exchangedStream(out court.Stream) court.Stream {
	if out == nil {
		return nil
	}
	return func(delta string) { out(exchangeLabels(delta)) }
}

func (e *Engine) ruling(r *reading, o outcome, reasoning string) *court.Ruling {
	issues := make([]court.Issue, len(r.issues))
	for i, d := range r.issues {
		issues[i] = d.issue
	}
	relief := o.relief
	if relief == nil {
		relief = []court.Order{}
	}
	return &court.Ruling{
		Verdict:    o.verdict,
		Reasoning:  reasoning,
		LegalBasis: r.legalBasis(),
		Confidence: o.conf,
		Favours:    o.favours,
		Roles:      r.roles,
		Issues:     issues,
		Relief:     relief,
		FactsDate:  r.facts,
		Flags:      nonNil(r.flags),
		Judge:      e.Info(),
		Usage:      usage(),
	}
}

func (r *reading) legalBasis() []string {
	out := make([]string, 0, len(r.basis))
	for _, p := range r.basis {
		out = append(out, p.String())
	}
	return out
}

// reconsiderStep is how far confidence must move, with the same side
// favoured, for the engine to issue a revised judgment.
const reconsiderStep = 5

// Answer responds to one argument: it reads the argument as more of its
// side's filing, decides the issues again, and says what changed.
func (e *Engine) Answer(ctx context.Context, c *court.Case, a *court.Argument, out court.Stream) (*court.Answer, error) {
	if err := ctx.Err(); err != nil {
		return nil, court.Wrap(court.EUnavailable, err, "The answer was cancelled.")
	}
	if a == nil {
		return nil, court.Errorf(court.EInvalid, "There is no argument to answer.")
	}
	if claimant(c) == court.SideB {
		m := *a
		m.Side = a.Side.Other()
		ans, err := e.Answer(ctx, c.Swapped(), &m, exchangedStream(out))
		if ans != nil {
			exchangeAnswer(ans)
		}
		return ans, err
	}
	n := len(c.Arguments)
	before := read(c, n)
	o0 := before.outcome(false)
	fav0, conf0 := o0.favours, o0.conf
	if l := c.Latest(); l != nil {
		conf0 = l.Confidence
		if l.Favours.Valid() {
			fav0 = l.Favours
		}
	}
	withArg := *c
	withArg.Arguments = append(append([]court.Argument(nil), c.Arguments...), *a)
	after := read(&withArg, n+1)
	o1 := after.outcome(false)
	argPassages := after.filed[sideIndex(a.Side)]
	var mine []passage
	label := fmt.Sprintf("argument %d by %s", n+1, a.Side.Label())
	for _, p := range argPassages {
		if p.src.Label == label {
			mine = append(mine, p)
		}
	}
	ef := weigh(before, after, a.Side, mine)
	reconsidered := o1.favours != fav0 || absInt(o1.conf-conf0) >= reconsiderStep
	flags := []court.Flag{}
	for _, f := range after.flags {
		if f.Source == label {
			flags = append(flags, f)
		}
	}
	ans := &court.Answer{
		Strengthens:  ef.strengthens,
		Weakens:      ef.weakens,
		Reconsidered: reconsidered,
		Confidence:   o1.conf,
		Flags:        flags,
		Judge:        e.Info(),
		Usage:        usage(),
	}
	if reconsidered {
		ans.Verdict = o1.verdict
		ans.Favours = o1.favours
	}
	role := after.roleOf(a.Side)
	resp := []string{fmt.Sprintf("Answer to argument %d, by %s (the %s). This answer comes from the offline rules engine, not a language model, and is not legal advice.", n+1, a.Side.Label(), role)}
	resp = append(resp, ef.paragraphs...)
	if len(flags) > 0 {
		resp = append(resp, flagsParagraph(flags))
	}
	ans.Response = strings.Join(resp, "\n\n")
	ans.UncertaintyRemains = after.uncertainty()
	ans.UpdatedReasoning = after.updated(o0, o1, fav0, conf0, reconsidered)
	remaining := max(0, court.MaxArguments-(n+1))
	ans.ProvisionalNote = fmt.Sprintf("This remains a provisional view, not a final verdict: %d argument(s) remain before the final verdict. Offline rules engine, not a language model; not legal advice.", remaining)
	emit(out, []string{ans.Response, ans.UpdatedReasoning, ans.UncertaintyRemains, ans.ProvisionalNote})
	return ans, nil
}

// usage is one call and no tokens. Latency is left to the caller's
// metrics so that the same case yields byte-identical output.
func usage() court.Usage { return court.Usage{Calls: 1} }

// emit streams the paragraphs as they are written and returns them
// joined.
func emit(out court.Stream, paragraphs []string) string {
	var b strings.Builder
	for _, p := range paragraphs {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
			out.Send("\n\n")
		}
		b.WriteString(p)
		out.Send(p)
	}
	return b.String()
}

func nonNil(f []court.Flag) []court.Flag {
	if f == nil {
		return []court.Flag{}
	}
	return f
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
