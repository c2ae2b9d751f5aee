package offline

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/factcheck"
	"github.com/aijudge/aijudge/internal/judge/inject"
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
	return court.JudgeInfo{Provider: "offline", Model: "rules-v1", PromptVersion: "offline-1"}
}

const disclaimer = "This assessment comes from the offline rules engine, a deterministic set of rules, not a language model. It compares what the parties filed with their documents and does not weigh credibility the way a court would. It is for education and case preparation only and is not legal advice."

// Tentative gives the first, provisional view.
func (e *Engine) Tentative(ctx context.Context, c *court.Case, out court.Stream) (*court.Ruling, error) {
	if err := ctx.Err(); err != nil {
		return nil, court.Wrap(court.EUnavailable, err, "The judgment was cancelled.")
	}
	r := read(c)
	lead, m := balance(r.a.strength, r.b.strength)
	conf := tentativeConfidence(lead, m)
	verdict := tentativeVerdict(r, lead)

	var p []string
	p = append(p, "Tentative view. "+disclaimer)
	p = append(p, filedParagraph(r))
	for _, s := range []*side{r.a, r.b} {
		p = append(p, evidenceParagraph(s))
	}
	p = append(p, comparisonParagraph(r))
	p = append(p, clarityParagraph(r))
	p = append(p, fmt.Sprintf("Provisional conclusion: %s. %s Confidence is %d out of 100, deliberately moderate: this is a first reading, and each side may still answer it with up to %d arguments.",
		verdict, leanSentence(r, lead), conf, court.MaxArguments))
	if note := flagsParagraph(r.flags); note != "" {
		p = append(p, note)
	}
	p = append(p, "Provisions considered (from the engine's curated table): "+strings.Join(r.legalBasis, "; ")+".")

	reasoning := emit(out, p)
	return &court.Ruling{
		Verdict:    verdict,
		Reasoning:  reasoning,
		LegalBasis: r.legalBasis,
		Confidence: conf,
		Flags:      nonNil(r.flags),
		Judge:      e.Info(),
		Usage:      usage(),
	}, nil
}

// effect is what one argument does to the balance.
type effect struct {
	side          court.SideID
	claims        []factcheck.Claim
	supported     []factcheck.Claim
	common        []factcheck.Claim // supported, and the other side says so too
	contradicted  []factcheck.Claim
	unverified    []factcheck.Claim
	delta         float64 // added to the arguing side's strength
	termsOnly     bool    // no checkable fact, but the documents' words
	strengthens   string
	weakens       string
	flags         []court.Flag
	quotedArgText string
}

// weighArgument checks the argument's facts against every document in the
// case. Facts the documents bear out move the balance toward the arguing
// side; facts they contradict move it away, because a party who misstates
// its own record loses credit.
func (r *reading) weighArgument(a *court.Argument, n int) effect {
	ef := effect{side: a.Side, strengthens: court.Neither, weakens: court.Neither}
	ef.flags = inject.Scan(fmt.Sprintf("argument %d (%s)", n, a.Side.Label()), a.Text)
	clean := inject.Redact(a.Text)
	ef.quotedArgText = clip(strings.Join(strings.Fields(clean), " "), 160)
	facts := factcheck.ExtractDetails(clean)
	ef.claims = factcheck.Check(facts, r.allDocs)
	// Check returns claims in the order of facts, so the two lists align.
	common := factcheck.Check(facts, r.other(a.Side).claims)
	var sup, con float64
	for i, cl := range ef.claims {
		switch cl.Status {
		case factcheck.Supported:
			ef.supported = append(ef.supported, cl)
			switch {
			case common[i].Status == factcheck.Supported:
				// The other side says so too: common ground advances neither.
				ef.common = append(ef.common, cl)
				sup += 0.25
			case cl.Type == "name":
				sup += 0.5
			default:
				sup += 0.75
			}
		case factcheck.Contradicted:
			ef.contradicted = append(ef.contradicted, cl)
			con++
		default:
			ef.unverified = append(ef.unverified, cl)
		}
	}
	ef.delta = min(1.5, sup) - min(2, con)
	if len(ef.supported)+len(ef.contradicted) == 0 {
		ts := terms(clean)
		shared := 0
		for _, t := range ts {
			if r.docTerms[t] {
				shared++
			}
		}
		if len(ts) >= 3 && 2*shared >= len(ts) {
			ef.termsOnly = true
			ef.delta = 0.25
		}
	}
	switch {
	case ef.delta >= 0.5:
		ef.strengthens = a.Side.Label()
	case ef.delta <= -0.5:
		ef.weakens = a.Side.Label()
	}
	return ef
}

// state replays the filings and the arguments answered so far.
func (r *reading) state(args []court.Argument) (sa, sb float64) {
	sa, sb = r.a.strength, r.b.strength
	for i := range args {
		ef := r.weighArgument(&args[i], i+1)
		sa, sb = apply(ef, sa, sb)
	}
	return sa, sb
}

func apply(ef effect, sa, sb float64) (float64, float64) {
	if ef.side == court.SideB {
		return sa, max(0, sb+ef.delta)
	}
	return max(0, sa+ef.delta), sb
}

// reconsiderStep is how far confidence must move, with the same side
// ahead, for the engine to issue a revised judgment.
const reconsiderStep = 5

// Answer responds to one argument.
func (e *Engine) Answer(ctx context.Context, c *court.Case, a *court.Argument, out court.Stream) (*court.Answer, error) {
	if err := ctx.Err(); err != nil {
		return nil, court.Wrap(court.EUnavailable, err, "The answer was cancelled.")
	}
	if a == nil {
		return nil, court.Errorf(court.EInvalid, "There is no argument to answer.")
	}
	r := read(c)
	n := len(c.Arguments) + 1
	sa0, sb0 := r.state(c.Arguments)
	lead0, m0 := balance(sa0, sb0)
	conf0 := tentativeConfidence(lead0, m0)
	if l := c.Latest(); l != nil {
		conf0 = l.Confidence
		if v, ok := leaderOf(l.Verdict); ok {
			lead0 = v
		}
	}
	ef := r.weighArgument(a, n)
	sa1, sb1 := apply(ef, sa0, sb0)
	lead1, m1 := balance(sa1, sb1)
	conf1 := tentativeConfidence(lead1, m1)
	reconsidered := lead1 != lead0 || abs(conf1-conf0) >= reconsiderStep

	ans := &court.Answer{
		Strengthens:  ef.strengthens,
		Weakens:      ef.weakens,
		Reconsidered: reconsidered,
		Confidence:   conf1,
		Flags:        nonNil(ef.flags),
		Judge:        e.Info(),
		Usage:        usage(),
	}
	if reconsidered {
		ans.Verdict = tentativeVerdict(r, lead1)
	}

	var p []string
	p = append(p, fmt.Sprintf("Answer to argument %d, by %s (%s). %s", n, a.Side.Label(), r.side(a.Side).role, disclaimer))
	p = append(p, argumentParagraph(ef))
	ans.Response = strings.Join(p, "\n\n")

	ans.UncertaintyRemains = uncertainty(r, ef)
	ans.UpdatedReasoning = updatedReasoning(r, ef, lead0, lead1, conf0, conf1, reconsidered)
	remaining := max(0, court.MaxArguments-n)
	ans.ProvisionalNote = fmt.Sprintf("This remains a provisional view, not a final verdict: %d argument(s) remain before the final verdict. Offline rules engine, not a language model; not legal advice.", remaining)
	if len(ef.flags) > 0 {
		ans.Response += "\n\n" + flagsParagraph(ef.flags)
	}
	emit(out, []string{ans.Response, ans.UpdatedReasoning, ans.UncertaintyRemains, ans.ProvisionalNote})
	return ans, nil
}

// Final delivers the final verdict, weighing the filings and every
// argument.
func (e *Engine) Final(ctx context.Context, c *court.Case, out court.Stream) (*court.Ruling, error) {
	if err := ctx.Err(); err != nil {
		return nil, court.Wrap(court.EUnavailable, err, "The final verdict was cancelled.")
	}
	r := read(c)
	flags := append([]court.Flag(nil), r.flags...)
	sa, sb := r.a.strength, r.b.strength
	var effects []effect
	for i := range c.Arguments {
		ef := r.weighArgument(&c.Arguments[i], i+1)
		flags = append(flags, ef.flags...)
		effects = append(effects, ef)
		sa, sb = apply(ef, sa, sb)
	}
	lead, m := balance(sa, sb)
	conf := finalConfidence(lead, m)
	verdict := finalVerdict(r, lead)

	var p []string
	p = append(p, "Final verdict. "+disclaimer)
	p = append(p, filedParagraph(r))
	for _, s := range []*side{r.a, r.b} {
		p = append(p, evidenceParagraph(s))
	}
	p = append(p, comparisonParagraph(r))
	p = append(p, argumentsParagraph(effects))
	p = append(p, changeParagraph(c, r, lead, conf))
	p = append(p, fmt.Sprintf("Decision: %s. %s Confidence: %d out of 100.", verdict, decisionSentence(r, lead, sa, sb), conf))
	if note := flagsParagraph(flags); note != "" {
		p = append(p, note)
	}
	p = append(p, "Legal basis (from the engine's curated table): "+strings.Join(r.legalBasis, "; ")+".")
	reasoning := emit(out, p)
	return &court.Ruling{
		Verdict:    verdict,
		Reasoning:  reasoning,
		LegalBasis: r.legalBasis,
		Confidence: conf,
		Flags:      nonNil(flags),
		Judge:      e.Info(),
		Usage:      usage(),
	}, nil
}

// balance says who is ahead and by how much, as a margin in (-1, 1). The
// constant in the denominator keeps two thin filings from producing a
// confident lead out of one extra assertion.
func balance(sa, sb float64) (court.SideID, float64) {
	m := (sa - sb) / (sa + sb + 2)
	switch {
	case m >= clearMargin:
		return court.SideA, m
	case m <= -clearMargin:
		return court.SideB, m
	}
	return "", m
}

func tentativeConfidence(lead court.SideID, m float64) int {
	if lead == "" {
		return clampInt(35+int(math.Round(math.Abs(m)*60)), 35, 40)
	}
	return clampInt(45+int(math.Round(math.Abs(m)*80)), 45, 75)
}

func finalConfidence(lead court.SideID, m float64) int {
	if lead == "" {
		return 50
	}
	return clampInt(55+int(math.Round(math.Abs(m)*80)), 55, 90)
}

func tentativeVerdict(r *reading, lead court.SideID) string {
	if lead == "" {
		return "No clear winner yet: the filed material is too evenly balanced for a provisional finding"
	}
	return fmt.Sprintf("Tentatively in favour of %s (%s)", lead.Label(), r.side(lead).role)
}

// leaderOf reads back who a verdict of this engine favoured.
func leaderOf(verdict string) (court.SideID, bool) {
	switch {
	case strings.HasPrefix(verdict, "No clear winner"):
		return "", true
	case strings.HasPrefix(verdict, "Tentatively in favour of Side A"):
		return court.SideA, true
	case strings.HasPrefix(verdict, "Tentatively in favour of Side B"):
		return court.SideB, true
	}
	return "", false
}

// finalVerdict decides even a close case: the party who brings it bears
// the burden of proof, so an even balance goes to Side B.
func finalVerdict(r *reading, lead court.SideID) string {
	criminal := r.c.Type == court.Criminal
	switch {
	case lead == court.SideA && criminal:
		return "Conviction: Side A (the prosecution) has established its case on the corroborated evidence"
	case lead == court.SideA:
		return fmt.Sprintf("Judgment for Side A (%s): the claim succeeds on the corroborated evidence", r.a.role)
	case criminal:
		return "Acquittal: Side A (the prosecution) has not proved its case beyond reasonable doubt"
	case lead == court.SideB:
		return fmt.Sprintf("Judgment for Side B (%s): the claim is dismissed", r.b.role)
	}
	return fmt.Sprintf("Judgment for Side B (%s): Side A has not discharged the burden of proof, so the claim is dismissed", r.b.role)
}

// usage is one call and no tokens. Latency is left to the caller's
// metrics so that the same case yields byte-identical output.
func usage() court.Usage { return court.Usage{Calls: 1} }

// emit streams the paragraphs as they would be written and returns them
// joined.
func emit(out court.Stream, paragraphs []string) string {
	var b strings.Builder
	for i, p := range paragraphs {
		if p == "" {
			continue
		}
		if i > 0 && b.Len() > 0 {
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

func clampInt(v, lo, hi int) int { return max(lo, min(hi, v)) }

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
