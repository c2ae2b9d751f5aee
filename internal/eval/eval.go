// Package eval measures judgments against labelled cases: whether the
// judge found for the side it should, cited the provisions a case needs
// and none it must not, framed the points it must decide, read the
// arguments' effect as labelled, grounded its findings in passages that
// are really there, kept its decision when the sides were swapped, and
// meant what its confidence said. `aijudge eval DIR` runs the cases;
// this package scores what came back and writes the report.
package eval

import (
	"strings"
	"time"
	"unicode"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/law"
)

// Expect is what a labelled case expects of a judge.
type Expect struct {
	// Favours is the side the tentative judgment should favour ("A",
	// "B" or "neither"); FinalFavours the final verdict's (default:
	// Favours).
	Favours      court.Favours `json:"favours"`
	FinalFavours court.Favours `json:"finalFavours,omitempty"`
	// Required are provisions the judgment must cite; Forbidden, ones it
	// must not (padding, repealed law, law of another system). Each is
	// matched by act and section as the statute table reads them.
	Required  []string `json:"requiredProvisions,omitempty"`
	Forbidden []string `json:"forbiddenProvisions,omitempty"`
	// Issues are the points the judgment must frame, each a phrase one
	// issue's question must contain ("legally enforceable debt").
	Issues []string `json:"issues,omitempty"`
	// Effects is, per argument in order, the side it should strengthen:
	// "Side A", "Side B" or "Neither".
	Effects []string `json:"argumentEffects,omitempty"`
}

// Run is what one trial of a case produced.
type Run struct {
	Case      *court.Case
	Tentative *court.Judgment
	Arguments []court.Argument
	Final     *court.Judgment
	// Swapped is the tentative judgment of the same case with the sides
	// exchanged; nil when the swap was not run.
	Swapped *court.Judgment
	Latency time.Duration
}

// Score is one case's figures over its trials. Rates are fractions in
// [0, 1]; a count of zero means the case had nothing to measure.
type Score struct {
	Name   string `json:"name"`
	Source string `json:"source,omitempty"`
	Trials int    `json:"trials"`

	TentativeRight, FinalRight int // trials whose favours matched
	Required, RequiredCited    int // required provisions, and those cited
	Forbidden                  int // forbidden provisions cited, over all trials
	Citations, Verified        int // citations, and verified ones
	Issues, IssuesFramed       int
	Effects, EffectsRight      int
	Sources, Grounded          int // quoted sources, and those whose quote is in the source it names
	Swaps, Flips               int
	// Decisions are the (confidence, right) pairs for calibration.
	Decisions []Decision `json:"-"`
	Usage     court.Usage
	Latency   time.Duration // summed over trials
	// Problems lists what went wrong, for the report.
	Problems []string `json:"problems,omitempty"`
}

// Decision is one judgment's confidence and whether its side was right.
type Decision struct {
	Confidence int
	Right      bool
}

// ScoreCase scores the runs of one labelled case.
func ScoreCase(name, source string, exp Expect, runs []Run) Score {
	s := Score{Name: name, Source: source, Trials: len(runs)}
	final := exp.FinalFavours
	if final == "" {
		final = exp.Favours
	}
	for i := range runs {
		r := &runs[i]
		s.Latency += r.Latency
		for _, j := range []*court.Judgment{r.Tentative, r.Final} {
			if j != nil {
				s.Usage = s.Usage.Add(j.Usage)
			}
		}
		for _, a := range r.Arguments {
			s.Usage = s.Usage.Add(a.Usage)
		}
		if r.Tentative != nil {
			ok := r.Tentative.Favours == exp.Favours
			if ok {
				s.TentativeRight++
			} else {
				s.problem("tentative favours %q, expected %q", r.Tentative.Favours, exp.Favours)
			}
			s.Decisions = append(s.Decisions, Decision{r.Tentative.Confidence, ok})
			s.scoreJudgment(r.Case, r.Tentative, exp)
		}
		if r.Final != nil {
			ok := r.Final.Favours == final
			if ok {
				s.FinalRight++
			} else {
				s.problem("final favours %q, expected %q", r.Final.Favours, final)
			}
			s.Decisions = append(s.Decisions, Decision{r.Final.Confidence, ok})
			s.scoreJudgment(r.Case, r.Final, exp)
		}
		for k, want := range exp.Effects {
			if k >= len(r.Arguments) {
				break
			}
			s.Effects++
			if got := r.Arguments[k].Strengthens; got == want {
				s.EffectsRight++
			} else {
				s.problem("argument %d strengthens %q, expected %q", k+1, got, want)
			}
		}
		if r.Swapped != nil && r.Tentative != nil {
			s.Swaps++
			if r.Swapped.Favours != r.Tentative.Favours.Mirror() {
				s.Flips++
				s.problem("with the sides swapped the judgment favours %q, not %q", r.Swapped.Favours, r.Tentative.Favours.Mirror())
			}
		}
	}
	return s
}

// scoreJudgment adds one judgment's provisions, citations, issues and
// grounding.
func (s *Score) scoreJudgment(c *court.Case, j *court.Judgment, exp Expect) {
	on := time.Now()
	var jur court.Jurisdiction
	if c != nil {
		on, jur = c.CreatedAt, c.Jurisdiction
	}
	for _, p := range exp.Required {
		s.Required++
		if cites(jur, j.LegalBasis, p, on) {
			s.RequiredCited++
		} else {
			s.problem("%s judgment does not cite %s", j.Kind, p)
		}
	}
	for _, p := range exp.Forbidden {
		if cites(jur, j.LegalBasis, p, on) {
			s.Forbidden++
			s.problem("%s judgment cites %s, which it must not", j.Kind, p)
		}
	}
	for _, ci := range j.Citations {
		s.Citations++
		if ci.Status.Verified() {
			s.Verified++
		}
	}
	for _, want := range exp.Issues {
		s.Issues++
		if framed(j.Issues, want) {
			s.IssuesFramed++
		} else {
			s.problem("%s judgment frames no issue on %q", j.Kind, want)
		}
	}
	// The service checked every quote against its source (court.Ground).
	for _, is := range j.Issues {
		for _, f := range is.Findings {
			for _, src := range f.Sources {
				if src.Grounding == "" {
					continue
				}
				s.Sources++
				if src.Grounding.Grounded() {
					s.Grounded++
				} else {
					s.problem("the quote %q is not in %s", clip(src.Quote, 60), src.Label)
				}
			}
		}
	}
}

func (s *Score) problem(format string, args ...any) {
	if len(s.Problems) < 20 {
		s.Problems = append(s.Problems, sprintf(format, args...))
	}
}

// cites reports whether legalBasis names want, by act and section as the
// statute table reads both, or, outside the table, by the same words.
func cites(j court.Jurisdiction, legalBasis []string, want string, on time.Time) bool {
	w := law.Check(j, want, on)
	for _, text := range legalBasis {
		c := law.Check(j, text, on)
		if w.Act != "" && c.Act == w.Act && c.Section == w.Section {
			return true
		}
		if w.Act == "" && strings.Contains(normal(text), normal(want)) {
			return true
		}
	}
	return false
}

func framed(issues []court.Issue, phrase string) bool {
	p := normal(phrase)
	for _, is := range issues {
		if strings.Contains(normal(is.Question), p) {
			return true
		}
	}
	return false
}

// normal lower-cases s and keeps letters and digits, one space between
// words, so that line breaks and punctuation do not decide a match.
func normal(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
