package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/loadgen"
)

const loadUsage = `Usage: aijudge load [flags]

Plays realistic user sessions against a server or fleet on this machine
and reports what it measured. Each session registers and logs in, files a
civil case with five documents (PDF, DOCX, text), opens the case page,
asks for the judgment as a stream, puts -arguments arguments with think
time between them, takes the final verdict, downloads the PDF and comes
back -revisits times. Sessions arrive open-loop (Poisson) at -rate per
second, or at the busiest hour's rate for -dau daily users. Traffic goes
to loopback addresses only; the run stops by itself after -duration plus
-drain, or after -sessions sessions have started.

Every replica's metrics listener (METRICS_ADDR) named by -replicas is
scraped for its cache hits per layer, CPU, memory, goroutines and judge
calls in flight. The report is printed
as Markdown, and written as JSON with -json.

Example (three replicas behind a load balancer on :8080, their metrics on
METRICS_ADDR 127.0.0.1:9091 to 9093):

  aijudge load -target http://127.0.0.1:8080 \
    -replicas http://127.0.0.1:9091,http://127.0.0.1:9092,http://127.0.0.1:9093 \
    -rate 2 -duration 60s -sessions 200 -json report.json

The server must run in accounts mode (or pass -open for AUTH_MODE=open)
with its rate limits raised: every session comes from 127.0.0.1. After
the run every case and argument the server acknowledged is read back;
one that is missing counts as a lost write.

Flags:
`

func loadCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "load", loadUsage)
	target := fs.String("target", "http://127.0.0.1:3001", "base URL of the server or load balancer (loopback only)")
	replicas := fs.String("replicas", loadgen.DefaultMetrics, "comma-separated base URLs of each replica's metrics listener (METRICS_ADDR), for /metrics")
	rate := fs.Float64("rate", 0, "sessions starting per second (Poisson arrivals)")
	dau := fs.Float64("dau", 0, "daily users, instead of -rate: the busiest hour's rate for them")
	perUser := fs.Float64("sessions-per-user", 1, "with -dau: sessions per daily user per day")
	peak := fs.Float64("peak-factor", 3, "with -dau: the busiest hour's rate over the day's average")
	duration := fs.Duration("duration", time.Minute, "how long sessions keep arriving (at most 1h)")
	sessions := fs.Int("sessions", 1000, "at most this many sessions start")
	drain := fs.Duration("drain", 3*time.Minute, "how long started sessions may take to finish afterwards")
	arguments := fs.Int("arguments", 2, "arguments per session (0–5)")
	revisits := fs.Int("revisits", 2, "times a session comes back to its case after the verdict")
	think := fs.Duration("think", 5*time.Second, "mean think time between a user's steps (exponential)")
	timeout := fs.Duration("request-timeout", 5*time.Minute, "bound on each request")
	seed := fs.Uint64("seed", 1, "seed for arrivals and think times")
	jsonOut := fs.String("json", "", "also write the report as JSON to this file")
	mdOut := fs.String("markdown", "", "write the Markdown report to this file instead of standard output")
	quiet := fs.Bool("quiet", false, "no progress lines")
	open := fs.Bool("open", false, "the server runs in AUTH_MODE=open: no registering or logging in")
	o := loadgen.DefaultObjectives()
	fs.DurationVar(&o.OrdinaryP99, "slo-p99", o.OrdinaryP99, "objective: p99 of requests that do not call the judge")
	fs.DurationVar(&o.CachedJudgmentP99, "slo-cached-p99", o.CachedJudgmentP99, "objective: p99 of cached judgments")
	fs.DurationVar(&o.JudgeMax, "slo-judge-max", o.JudgeMax, "objective: the slowest judge request")
	fs.Float64Var(&o.MaxErrorRate, "slo-errors", o.MaxErrorRate, "objective: share of requests that may fail (no answer or 5xx)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dau > 0 {
		if *rate > 0 {
			return usageError{"give -rate or -dau, not both"}
		}
		*rate = loadgen.RateForUsers(*dau, *perUser, *peak)
	}
	if *rate <= 0 {
		return usageError{"-rate or -dau is required"}
	}
	cfg := loadgen.Config{
		Target: *target, Rate: *rate, Duration: *duration, MaxSessions: *sessions, Drain: *drain,
		Arguments: *arguments, Revisits: *revisits, ThinkTime: *think, RequestTimeout: *timeout,
		Objectives: o, Seed: *seed, Open: *open,
	}
	if *replicas != "" {
		cfg.Replicas = strings.Split(*replicas, ",")
	}
	if !*quiet {
		cfg.Progress = e.stderr
		fmt.Fprintf(e.stderr, "load: %.3g sessions/s for %s (at most %d sessions) against %s\n", *rate, *duration, *sessions, *target)
	}
	r, err := loadgen.Run(ctx, cfg)
	if err != nil {
		return usageError{err.Error()}
	}
	if *jsonOut != "" {
		f, err := os.Create(*jsonOut)
		if err != nil {
			return err
		}
		if err := r.WriteJSON(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	out := e.stdout
	if *mdOut != "" {
		f, err := os.Create(*mdOut)
		if err != nil {
			return err
		}
		defer f.Close()
		out = f
	}
	if err := r.WriteMarkdown(out); err != nil {
		return err
	}
	if !r.Pass {
		return fmt.Errorf("the run missed an objective")
	}
	return nil
}
