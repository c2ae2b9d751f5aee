package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/aijudge/aijudge/internal/clerk"
	"github.com/aijudge/aijudge/internal/config"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/eval"
)

const judgeUsage = `Usage: aijudge judge [--json] [--stream] [--keep] CASE.json

Runs a whole case through the same service the server uses: files both
sides (documents by path, relative to CASE.json), asks for the tentative
judgment, puts each argument in order, and asks for the final verdict.

CASE.json:
  {"caseType": "consumer", "jurisdiction": "INDIA",
   "sideA": {"summary": "…", "evidence": ["…"], "documents": ["invoice.txt"]},
   "sideB": {"summary": "…", "evidence": ["…"], "documents": []},
   "arguments": [{"side": "A", "argument": "…"}, {"side": "B", "argument": "…"}]}

The judge is the one LLM_PROVIDER names (the offline engine by default).

Example:

  aijudge judge --stream cmd/aijudge/testdata/cheque.json

Flags:
`

// caseFile is the JSON a case is read from.
type caseFile struct {
	CaseType     string       `json:"caseType"`
	Jurisdiction string       `json:"jurisdiction"`
	SideA        sideFile     `json:"sideA"`
	SideB        sideFile     `json:"sideB"`
	Arguments    []argumentIn `json:"arguments"`
	// A labelled case (aijudge eval) also says what a judge should make
	// of it and where it comes from; aijudge judge ignores both.
	Expect *eval.Expect `json:"expect,omitempty"`
	Source string       `json:"source,omitempty"`
}

type sideFile struct {
	Summary   string   `json:"summary"`
	Evidence  []string `json:"evidence"`
	Documents []string `json:"documents"`
}

type argumentIn struct {
	Side     string `json:"side"`
	Argument string `json:"argument"`
}

// trial is the machine-readable record of a run (--json).
type trial struct {
	Case      *court.Case      `json:"case"`
	Tentative *court.Judgment  `json:"tentative"`
	Arguments []court.Argument `json:"arguments"`
	Final     *court.Judgment  `json:"final"`
	Notice    string           `json:"notice"`
}

func judgeCase(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "judge", judgeUsage)
	asJSON := fs.Bool("json", false, "print the whole trial as JSON")
	stream := fs.Bool("stream", false, "print the judge's text as it is written")
	keep := fs.Bool("keep", false, "keep the case in DATA_DIR instead of a temporary database")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return usageError{"judge takes exactly one CASE.json"}
	}
	filing, argsIn, err := readCaseFile(fs.Arg(0))
	if err != nil {
		return err
	}
	cfg, err := config.Load(e.getenv)
	if err != nil {
		return err
	}
	if !*keep {
		dir, err := os.MkdirTemp("", "aijudge-judge-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.DataDir, cfg.AutoMigrate, cfg.DatabaseURL, cfg.BlobURL = dir, true, "", ""
	}
	log := newQuietLogger(e.stderr, cfg)
	a, err := newApp(ctx, cfg, log, nil, nil)
	if err != nil {
		return err
	}
	defer a.Close()

	var out court.Stream
	if *stream {
		out = func(delta string) { io.WriteString(e.stdout, delta) }
	}
	p := printer{w: e.stdout, json: *asJSON}
	// The command line has no accounts: the clerk of AUTH_MODE=open.
	k := clerk.New(a.svc, nil)
	c, err := k.File(ctx, "", filing, nil)
	if err != nil {
		return err
	}
	seat, err := k.Seat(ctx, "", c.ID, clerk.Write)
	if err != nil {
		return err
	}
	t := trial{Case: c, Notice: court.Notice}
	p.header(c, a.svc.JudgeInfo())

	if t.Tentative, _, err = k.Judgment(ctx, seat, out); err != nil {
		return err
	}
	p.judgment("TENTATIVE JUDGMENT", t.Tentative)

	for i, in := range argsIn {
		side, err := court.ParseSide(in.Side)
		if err != nil {
			return fmt.Errorf("argument %d: %w", i+1, err)
		}
		arg, remaining, err := k.Argue(ctx, seat, side, in.Argument, out, nil)
		if err != nil {
			return fmt.Errorf("argument %d: %w", i+1, err)
		}
		t.Arguments = append(t.Arguments, *arg)
		p.argument(arg, remaining)
	}

	final, _, err := k.FinalVerdict(ctx, seat, out)
	if err != nil {
		return err
	}
	t.Final = final
	p.judgment("FINAL VERDICT", final)
	if t.Case, err = k.Case(ctx, seat); err != nil {
		return err
	}
	return p.finish(&t)
}

// readCaseFile reads CASE.json and the documents it names.
func readCaseFile(path string) (*court.Filing, []argumentIn, error) {
	cf, f, err := loadCaseFile(path)
	if err != nil {
		return nil, nil, err
	}
	return f, cf.Arguments, nil
}

// loadCaseFile reads a case file and the documents it names.
func loadCaseFile(path string) (*caseFile, *court.Filing, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var cf caseFile
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cf); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	base := filepath.Dir(path)
	f := &court.Filing{CaseType: cf.CaseType, Jurisdiction: cf.Jurisdiction}
	for _, s := range []struct {
		in  sideFile
		out *court.SideFiling
	}{{cf.SideA, &f.A}, {cf.SideB, &f.B}} {
		s.out.Summary, s.out.Evidence = s.in.Summary, s.in.Evidence
		for _, d := range s.in.Documents {
			p := d
			if !filepath.IsAbs(p) {
				p = filepath.Join(base, p)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return nil, nil, err
			}
			s.out.Uploads = append(s.out.Uploads, court.Upload{Name: filepath.Base(p), Data: data})
		}
	}
	return &cf, f, nil
}

// printer writes the trial as text while it happens, or as one JSON
// document at the end.
type printer struct {
	w    io.Writer
	json bool
}

func (p printer) printf(format string, args ...any) {
	if !p.json {
		fmt.Fprintf(p.w, format, args...)
	}
}

func (p printer) header(c *court.Case, j court.JudgeInfo) {
	p.printf("AI JUDGE — %s case, %s\n", c.Type, c.Jurisdiction)
	p.printf("Judge: %s / %s (prompt %s)\n", j.Provider, j.Model, j.PromptVersion)
}

func (p printer) judgment(title string, j *court.Judgment) {
	p.printf("\n%s (version %d, confidence %d/100)\n", title, j.Version, j.Confidence)
	p.printf("Verdict: %s\n\nReasoning:\n%s\n", j.Verdict, indent(j.Reasoning))
	if len(j.LegalBasis) > 0 {
		p.printf("\nLegal basis:\n")
		for _, l := range j.LegalBasis {
			p.printf("  - %s\n", l)
		}
	}
	for _, f := range j.Flags {
		p.printf("\nFlagged: %s — %s (%q)\n", f.Source, f.Reason, f.Excerpt)
	}
}

func (p printer) argument(a *court.Argument, remaining int) {
	p.printf("\nARGUMENT %d — %s (%d remaining)\n%s\n", a.Seq, a.Side.Label(), remaining, indent(a.Text))
	p.printf("\nResponse:\n%s\n", indent(a.Response))
	p.printf("Strengthens: %s; weakens: %s\n", a.Strengthens, a.Weakens)
	if a.UncertaintyRemains != "" {
		p.printf("Uncertainty remains: %s\n", a.UncertaintyRemains)
	}
	if a.Reconsidered {
		p.printf("Reconsidered: yes (confidence now %d/100)\n", a.Confidence)
	} else {
		p.printf("Reconsidered: no (confidence %d/100)\n", a.Confidence)
	}
	if a.ProvisionalNote != "" {
		p.printf("Note: %s\n", a.ProvisionalNote)
	}
}

func (p printer) finish(t *trial) error {
	if p.json {
		enc := json.NewEncoder(p.w)
		enc.SetIndent("", "  ")
		return enc.Encode(t)
	}
	p.printf("\n%s\n", court.Notice)
	return nil
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n  ")
}
