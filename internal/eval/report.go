package eval

import (
	"fmt"

	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

var sprintf = fmt.Sprintf

// Totals are the figures over every case and trial.
type Totals struct {
	Cases, Trials int
	// SideAccuracy is the share of tentative and final judgments whose
	// favours matched; TentativeAccuracy and FinalAccuracy each alone.
	TentativeAccuracy, FinalAccuracy, SideAccuracy float64
	ProvisionRecall                                float64 // required provisions cited
	ForbiddenRate                                  float64 // forbidden provisions cited per judgment
	VerifiedShare                                  float64 // citations the statute table verified
	IssueCoverage                                  float64
	EffectAccuracy                                 float64
	GroundingRate                                  float64
	FlipRate                                       float64 // swaps whose favours did not mirror
	Swaps                                          int     // cases judged again with the sides exchanged
	// Brier is the mean squared gap between confidence (as a
	// probability) and being right; 0 is perfect, 0.25 is a coin's.
	Brier       float64
	Reliability []Bin
	Usage       court.Usage
	// MeanLatency is per trial: a whole case, filing to final verdict.
	MeanLatency time.Duration
}

// Bin is one row of the reliability table: judgments whose confidence
// fell in [Low, Low+10), how many, their mean confidence and how many
// were right.
type Bin struct {
	Low, Count     int
	MeanConfidence float64
	Accuracy       float64
}

// Report is every case's score and the totals.
type Report struct {
	Judge  court.JudgeInfo `json:"judge"`
	Cases  []Score         `json:"cases"`
	Totals Totals          `json:"totals"`
}

// ratio is n/d, or 1 when there was nothing to measure.
func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

// Total computes the totals of the cases.
func Total(cases []Score) Totals {
	var t Totals
	var tr, fr, judgments, req, reqC, forb, cit, ver, is, isF, eff, effR, src, gr, sw, fl int
	var lat time.Duration
	var decisions []Decision
	for _, s := range cases {
		t.Cases++
		t.Trials += s.Trials
		tr += s.TentativeRight
		fr += s.FinalRight
		judgments += 2 * s.Trials
		req, reqC, forb = req+s.Required, reqC+s.RequiredCited, forb+s.Forbidden
		cit, ver = cit+s.Citations, ver+s.Verified
		is, isF = is+s.Issues, isF+s.IssuesFramed
		eff, effR = eff+s.Effects, effR+s.EffectsRight
		src, gr = src+s.Sources, gr+s.Grounded
		sw, fl = sw+s.Swaps, fl+s.Flips
		lat += s.Latency
		t.Usage = t.Usage.Add(s.Usage)
		decisions = append(decisions, s.Decisions...)
	}
	t.TentativeAccuracy = ratio(tr, t.Trials)
	t.FinalAccuracy = ratio(fr, t.Trials)
	t.SideAccuracy = ratio(tr+fr, 2*t.Trials)
	t.ProvisionRecall = ratio(reqC, req)
	if judgments > 0 {
		t.ForbiddenRate = float64(forb) / float64(judgments)
	}
	t.VerifiedShare = ratio(ver, cit)
	t.IssueCoverage = ratio(isF, is)
	t.EffectAccuracy = ratio(effR, eff)
	t.GroundingRate = ratio(gr, src)
	t.Swaps = sw
	if sw > 0 {
		t.FlipRate = float64(fl) / float64(sw)
	}
	if t.Trials > 0 {
		t.MeanLatency = lat / time.Duration(t.Trials)
	}
	t.Brier, t.Reliability = calibration(decisions)
	return t
}

func calibration(ds []Decision) (float64, []Bin) {
	if len(ds) == 0 {
		return 0, nil
	}
	var sum float64
	bins := make([]struct{ n, right, conf int }, 10)
	for _, d := range ds {
		p := float64(min(max(d.Confidence, 0), 100)) / 100
		y := 0.0
		if d.Right {
			y = 1
		}
		sum += (p - y) * (p - y)
		b := &bins[min(d.Confidence/10, 9)]
		b.n++
		b.conf += d.Confidence
		if d.Right {
			b.right++
		}
	}
	var out []Bin
	for i, b := range bins {
		if b.n > 0 {
			out = append(out, Bin{Low: 10 * i, Count: b.n, MeanConfidence: float64(b.conf) / float64(b.n), Accuracy: float64(b.right) / float64(b.n)})
		}
	}
	return sum / float64(len(ds)), out
}

// Thresholds are the least figures a run must reach; a zero field is
// not checked (MaxForbidden and MaxFlip below 0 are not checked).
type Thresholds struct {
	SideAccuracy, ProvisionRecall, EffectAccuracy, IssueCoverage, GroundingRate float64
	MaxForbidden, MaxFlip                                                       float64
}

// Failures lists the thresholds t misses, one sentence each.
func (th Thresholds) Failures(t Totals) []string {
	var out []string
	low := func(name string, got, want float64) {
		if want > 0 && got+1e-9 < want {
			out = append(out, sprintf("%s is %s, below %s.", name, pct(got), pct(want)))
		}
	}
	high := func(name string, got, want float64) {
		if want >= 0 && got > want+1e-9 {
			out = append(out, sprintf("%s is %s, above %s.", name, pct(got), pct(want)))
		}
	}
	low("Side accuracy", t.SideAccuracy, th.SideAccuracy)
	low("Required-provision recall", t.ProvisionRecall, th.ProvisionRecall)
	low("Argument-effect accuracy", t.EffectAccuracy, th.EffectAccuracy)
	low("Issue coverage", t.IssueCoverage, th.IssueCoverage)
	low("Grounding rate", t.GroundingRate, th.GroundingRate)
	high("The forbidden-provision rate", t.ForbiddenRate, th.MaxForbidden)
	high("The position-swap flip rate", t.FlipRate, th.MaxFlip)
	return out
}

func pct(f float64) string { return sprintf("%.1f %%", 100*f) }

func swapped(t *Totals) string {
	if t.Swaps == 0 {
		return "not run (--swap)"
	}
	return pct(t.FlipRate)
}

// Markdown is the report as a Markdown document.
func (r *Report) Markdown() string {
	var b strings.Builder
	t := &r.Totals
	fmt.Fprintf(&b, "# Evaluation: %s %s (prompt %s)\n\n", r.Judge.Provider, r.Judge.Model, r.Judge.PromptVersion)
	fmt.Fprintf(&b, "%d cases, %d trials.\n\n", t.Cases, t.Trials)
	b.WriteString("| metric | value |\n|---|---|\n")
	rows := [][2]string{
		{"favoured side, tentative", pct(t.TentativeAccuracy)},
		{"favoured side, final", pct(t.FinalAccuracy)},
		{"required-provision recall", pct(t.ProvisionRecall)},
		{"forbidden provisions per judgment", sprintf("%.3f", t.ForbiddenRate)},
		{"citations verified by the statute table", pct(t.VerifiedShare)},
		{"issue coverage", pct(t.IssueCoverage)},
		{"argument-effect accuracy", pct(t.EffectAccuracy)},
		{"grounding rate (quotes found in their documents)", pct(t.GroundingRate)},
		{"position-swap flip rate", swapped(t)},
		{"Brier score of confidence", sprintf("%.3f", t.Brier)},
		{"tokens in / out", sprintf("%d / %d", t.Usage.InputTokens, t.Usage.OutputTokens)},
		{"cost", sprintf("%.4f", t.Usage.Cost)},
		{"mean time per trial", t.MeanLatency.Round(time.Millisecond).String()},
	}
	for _, row := range rows {
		fmt.Fprintf(&b, "| %s | %s |\n", row[0], row[1])
	}
	if len(t.Reliability) > 0 {
		b.WriteString("\nReliability of confidence:\n\n| confidence | judgments | mean confidence | right |\n|---|---|---|---|\n")
		for _, bin := range t.Reliability {
			fmt.Fprintf(&b, "| %d–%d | %d | %.0f | %s |\n", bin.Low, bin.Low+9, bin.Count, bin.MeanConfidence, pct(bin.Accuracy))
		}
	}
	b.WriteString("\n| case | side (tentative / final) | provisions | forbidden | issues | effects | grounded | flips |\n|---|---|---|---|---|---|---|---|\n")
	for _, s := range r.Cases {
		fmt.Fprintf(&b, "| %s | %d/%d · %d/%d | %d/%d | %d | %d/%d | %d/%d | %d/%d | %d/%d |\n", s.Name,
			s.TentativeRight, s.Trials, s.FinalRight, s.Trials, s.RequiredCited, s.Required, s.Forbidden,
			s.IssuesFramed, s.Issues, s.EffectsRight, s.Effects, s.Grounded, s.Sources, s.Flips, s.Swaps)
	}
	var problems bool
	for _, s := range r.Cases {
		if len(s.Problems) == 0 {
			continue
		}
		if !problems {
			b.WriteString("\n## What went wrong\n")
			problems = true
		}
		fmt.Fprintf(&b, "\n**%s**\n\n", s.Name)
		for _, p := range s.Problems {
			fmt.Fprintf(&b, "- %s\n", p)
		}
	}
	return b.String()
}
