package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"testing"

	"github.com/aijudge/aijudge/internal/eval"
)

// evalThresholds are the figures the offline engine must keep on the
// labelled set (docs/EVALUATION.md); a change that makes its judgments
// worse on them fails here.
var evalThresholds = []string{"--min-side-accuracy", "0.9", "--min-provision-recall", "0.95", "--max-forbidden", "0",
	"--min-issue-coverage", "0.95", "--min-effect-accuracy", "0.88", "--min-grounding", "0.95", "--max-flip", "0"}

// TestEvalLabelledSet runs aijudge eval on the repository's labelled
// cases with the offline engine and holds it to evalThresholds.
func TestEvalLabelledSet(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "..", "eval", "cases")
	cases, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	var out, progress bytes.Buffer
	args := append(append([]string{"eval", "--json"}, evalThresholds...), dir)
	e := &env{args: args, getenv: environ(map[string]string{}), stdout: &out, stderr: &progress}
	err := run(context.Background(), e)
	var rep eval.Report
	if jerr := json.Unmarshal(out.Bytes(), &rep); jerr != nil {
		t.Fatalf("the report is not JSON (%v): %s", jerr, out.String())
	}
	if err != nil {
		t.Fatalf("%v\n%s", err, progress.String())
	}
	if len(rep.Cases) != len(cases) || rep.Totals.Trials != len(cases) {
		t.Fatalf("%d cases and %d trials reported, want %d", len(rep.Cases), rep.Totals.Trials, len(cases))
	}
	if rep.Totals.Swaps != len(cases) {
		t.Errorf("%d cases judged with the sides swapped, want every one of %d", rep.Totals.Swaps, len(cases))
	}
	if bytes.Count(progress.Bytes(), []byte("\n")) != len(cases) {
		t.Errorf("progress shows %q, want one line per case", progress.String())
	}
}

// TestEvalThresholdMissed: a threshold the judge misses makes eval fail.
func TestEvalThresholdMissed(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "..", "eval", "cases")
	e := &env{args: []string{"eval", "--min-side-accuracy", "1.01", dir}, getenv: environ(map[string]string{}),
		stdout: io.Discard, stderr: io.Discard}
	if err := run(context.Background(), e); err == nil {
		t.Fatal("eval passed a threshold no judge can meet")
	}
}
