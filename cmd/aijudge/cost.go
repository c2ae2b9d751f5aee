package main

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/aijudge/aijudge/internal/cost"
	"github.com/aijudge/aijudge/internal/loadgen"
)

const costUsage = `Usage: aijudge cost [flags]

Prints the monthly bill for a number of daily users on a cloud with a
model: pods and nodes from the capacity model (judge calls in flight
against LLM_MAX_CONCURRENT, CPU per session), managed PostgreSQL and
Redis, object storage for the documents, egress, the load balancer and
CDN, logs and metrics, and the LLM's tokens. What a session costs comes
from the fleet run in docs/CAPACITY.md, or from a load report of your own
(-from-load); the prices from the dated, sourced list shipped with this
release, or your own (-prices, the same JSON shape: internal/cost/prices.json).

Examples:

  aijudge cost --dau 10000 --cloud aws
  aijudge cost --dau 100000 --cloud all --model gemini-2.5-flash
  aijudge cost --dau 10000 --cloud gcp --from-load report.json --prices my-prices.json

Flags:
`

func costCmd(e *env, args []string) error {
	fs := newFlags(e, "cost", costUsage)
	u, pod := cost.MeasuredUsage(), cost.DefaultPod()
	fs.Float64Var(&u.DailyUsers, "dau", 10000, "daily users")
	cloud := fs.String("cloud", "aws", "aws, gcp, azure, or all")
	model := fs.String("model", "gpt-4o-mini", "the judge's model, as named in the price list")
	pricesFile := fs.String("prices", "", "a price list of your own (JSON, the shape of internal/cost/prices.json)")
	fromLoad := fs.String("from-load", "", "take what a session costs from this aijudge load JSON report")
	asJSON := fs.Bool("json", false, "print the bill as JSON")
	fs.Float64Var(&u.SessionsPerUser, "sessions-per-user", u.SessionsPerUser, "sessions (cases) per daily user per day")
	fs.Float64Var(&u.PeakFactor, "peak-factor", u.PeakFactor, "the busiest hour's rate over the day's average")
	fs.Float64Var(&u.DocumentBytesPerCase, "doc-bytes", u.DocumentBytesPerCase, "bytes of documents filed per case")
	fs.Float64Var(&u.RetentionMonths, "retention-months", u.RetentionMonths, "months documents and cases are kept")
	fs.Float64Var(&u.JudgeCallSeconds, "judge-seconds", u.JudgeCallSeconds, "mean seconds a judge call takes")
	fs.IntVar(&pod.JudgeSlots, "judge-slots", pod.JudgeSlots, "LLM_MAX_CONCURRENT per pod")
	fs.Float64Var(&pod.CPU, "pod-cpu", pod.CPU, "vCPU requested per pod")
	fs.Float64Var(&pod.MemoryGB, "pod-memory-gb", pod.MemoryGB, "GB of memory requested per pod")
	fs.IntVar(&pod.MinPods, "min-pods", pod.MinPods, "fewest pods, for availability")
	fs.StringVar(&pod.Node, "node", "", "node size from the price list (default: the 2 vCPU / 8 GB size)")
	fs.BoolVar(&pod.HA, "ha", pod.HA, "a standby database in another zone")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	prices := cost.DefaultPrices()
	if *pricesFile != "" {
		f, err := os.Open(*pricesFile)
		if err != nil {
			return usageError{fmt.Sprintf("-prices: %v", err)}
		}
		prices, err = cost.ReadPrices(f)
		f.Close()
		if err != nil {
			return usageError{fmt.Sprintf("-prices %s: %v", *pricesFile, err)}
		}
	}
	if *fromLoad != "" {
		if err := usageFromLoad(*fromLoad, &u); err != nil {
			return usageError{fmt.Sprintf("-from-load %s: %v", *fromLoad, err)}
		}
	}
	clouds := []string{*cloud}
	if *cloud == "all" {
		clouds = slices.Sorted(func(yield func(string) bool) {
			for k := range prices.Clouds {
				if !yield(k) {
					return
				}
			}
		})
	}
	var bills []*cost.Bill
	for _, c := range clouds {
		b, err := cost.Compute(prices, strings.ToLower(c), *model, u, pod)
		if err != nil {
			return usageError{err.Error()}
		}
		bills = append(bills, b)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(bills)
	}
	for i, b := range bills {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		if err := b.WriteText(e.stdout); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "\nPrices: %s (%s). Usage per session: %s.\n", prices.Date, "on-demand list prices; see the price list's sources", usageSource(*fromLoad))
	return nil
}

func usageSource(fromLoad string) string {
	if fromLoad != "" {
		return "from " + fromLoad
	}
	return "the fleet run in docs/CAPACITY.md"
}

// usageFromLoad takes what a session cost from a load report.
func usageFromLoad(path string, u *cost.Usage) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var r loadgen.Report
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("not a load report: %w", err)
	}
	n := float64(r.Sessions.Completed)
	if n <= 0 {
		return fmt.Errorf("the report has no completed session")
	}
	var cpu float64
	for _, rr := range r.Replicas {
		cpu += rr.CPUSeconds
	}
	var requests float64
	for _, e := range r.Endpoints {
		for st, c := range e.Statuses {
			if st == "200" || st == "201" {
				requests += float64(c)
			}
		}
	}
	u.RequestsPerSession = requests / n
	u.JudgeCallsPerSession = r.Judge.CallsPerCase
	if r.Judge.MeanCallSec > 0 {
		u.JudgeCallSeconds = r.Judge.MeanCallSec
	}
	u.InputTokensPerCase, u.OutputTokensPerCase = r.Judge.InputTokensPerCase, r.Judge.OutputTokensPerCase
	u.CPUSecondsPerSession = cpu / n
	u.DocumentBytesPerCase = r.FiledBytesPerCase
	u.EgressBytesPerSess = r.ReceivedBytesPerSession
	return nil
}
