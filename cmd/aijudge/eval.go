package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/aijudge/aijudge/internal/clerk"
	"github.com/aijudge/aijudge/internal/config"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/eval"
)

const evalUsage = `Usage: aijudge eval [flags] DIR

Runs every labelled case in DIR (*.json: a case as "aijudge judge" reads
it, with "expect" and "source") through the configured judge, the
offline engine by default, and reports per case and in total: the
favoured side (tentative and final), required and forbidden provisions,
citations verified, issues framed, argument effects, grounding of the
quoted passages, position-swap flips, calibration of confidence, tokens,
cost and time. Progress goes to standard error; the report (Markdown, or
JSON with --json) to standard output. It exits 1 when a threshold is
missed.

Example:

  aijudge eval --json eval/cases > eval.json

Flags:
`

func evalCases(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval", evalUsage)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	trials := fs.Int("trials", 1, "run each case this many times, to measure stability")
	swap := fs.Bool("swap", true, "also judge each case with the two sides' filings exchanged, and count the flips (--swap=false to skip; see docs/EVALUATION.md)")
	var th eval.Thresholds
	fs.Float64Var(&th.SideAccuracy, "min-side-accuracy", 0, "least share of judgments favouring the expected side")
	fs.Float64Var(&th.ProvisionRecall, "min-provision-recall", 0, "least share of required provisions cited")
	fs.Float64Var(&th.EffectAccuracy, "min-effect-accuracy", 0, "least share of arguments whose effect is as labelled")
	fs.Float64Var(&th.IssueCoverage, "min-issue-coverage", 0, "least share of the points to frame that were framed")
	fs.Float64Var(&th.GroundingRate, "min-grounding", 0, "least share of quoted passages found in their documents")
	fs.Float64Var(&th.MaxForbidden, "max-forbidden", -1, "most forbidden provisions cited per judgment (-1: not checked)")
	fs.Float64Var(&th.MaxFlip, "max-flip", -1, "most position-swap flips per case (-1: not checked)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *trials < 1 {
		fs.Usage()
		return usageError{"eval takes one DIR of labelled cases and --trials of at least 1"}
	}
	paths, err := filepath.Glob(filepath.Join(fs.Arg(0), "*.json"))
	if err != nil || len(paths) == 0 {
		return fmt.Errorf("%s: no labelled cases (*.json)", fs.Arg(0))
	}
	slices.Sort(paths)
	cfg, err := config.Load(e.getenv)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "aijudge-eval-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cfg.DataDir, cfg.AutoMigrate, cfg.DatabaseURL, cfg.BlobURL = dir, true, "", ""
	a, err := newApp(ctx, cfg, newQuietLogger(e.stderr, cfg), nil, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	k := clerk.New(a.svc, nil)

	rep := &eval.Report{Judge: a.svc.JudgeInfo()}
	for i, path := range paths {
		cf, filing, err := loadCaseFile(path)
		if err != nil {
			return err
		}
		if cf.Expect == nil {
			return fmt.Errorf("%s: no \"expect\"", path)
		}
		name := filepath.Base(path)
		var runs []eval.Run
		for t := 0; t < *trials; t++ {
			r, err := runLabelled(ctx, k, filing, cf.Arguments, *swap)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			runs = append(runs, r)
		}
		s := eval.ScoreCase(name, cf.Source, *cf.Expect, runs)
		rep.Cases = append(rep.Cases, s)
		mark := "✓"
		if len(s.Problems) > 0 {
			mark = fmt.Sprintf("✗ %d problems", len(s.Problems))
		}
		fmt.Fprintf(e.stderr, "[%d/%d] %s %s (%s)\n", i+1, len(paths), name, mark, (s.Latency / time.Duration(*trials)).Round(time.Millisecond))
	}
	rep.Totals = eval.Total(rep.Cases)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		fmt.Fprint(e.stdout, rep.Markdown())
	}
	if fails := th.Failures(rep.Totals); len(fails) > 0 {
		for _, f := range fails {
			fmt.Fprintln(e.stderr, "threshold missed:", f)
		}
		return fmt.Errorf("%d thresholds missed", len(fails))
	}
	return nil
}

// runLabelled files the case, takes the tentative judgment, puts every
// argument, takes the final verdict and, with swap, judges the case again
// with the sides exchanged.
func runLabelled(ctx context.Context, k *clerk.Clerk, f *court.Filing, args []argumentIn, swap bool) (eval.Run, error) {
	start := time.Now()
	var r eval.Run
	c, err := k.File(ctx, "", f, nil)
	if err != nil {
		return r, err
	}
	seat, err := k.Seat(ctx, "", c.ID, clerk.Write)
	if err != nil {
		return r, err
	}
	if r.Tentative, _, err = k.Judgment(ctx, seat, nil); err != nil {
		return r, err
	}
	for i, in := range args {
		side, err := court.ParseSide(in.Side)
		if err != nil {
			return r, fmt.Errorf("argument %d: %w", i+1, err)
		}
		a, _, err := k.Argue(ctx, seat, side, in.Argument, nil, nil)
		if err != nil {
			return r, fmt.Errorf("argument %d: %w", i+1, err)
		}
		r.Arguments = append(r.Arguments, *a)
	}
	if r.Final, _, err = k.FinalVerdict(ctx, seat, nil); err != nil {
		return r, err
	}
	if r.Case, err = k.Case(ctx, seat); err != nil {
		return r, err
	}
	r.Latency = time.Since(start)
	if swap {
		sw := *f
		sw.A, sw.B = f.B, f.A
		sc, err := k.File(ctx, "", &sw, nil)
		if err != nil {
			return r, err
		}
		sseat, err := k.Seat(ctx, "", sc.ID, clerk.Write)
		if err != nil {
			return r, err
		}
		if r.Swapped, _, err = k.Judgment(ctx, sseat, nil); err != nil {
			return r, err
		}
	}
	return r, nil
}
