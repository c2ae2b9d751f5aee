package judge_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/judge"
	"github.com/aijudge/aijudge/internal/llm"
	"github.com/aijudge/aijudge/internal/llm/llmtest"
)

// instant is a provider that answers at once, so that a benchmark
// measures only what the service adds around an LLM call.
type instant struct{}

func (instant) Name() string { return "instant" }

func (instant) Generate(_ context.Context, r *llm.Request) (*llm.Response, error) {
	return &llm.Response{Text: llmtest.Answer(r.SchemaName), InputTokens: 1000, OutputTokens: 300, Model: r.Model}, nil
}

func (p instant) Stream(ctx context.Context, r *llm.Request, delta func(string)) (*llm.Response, error) {
	res, _ := p.Generate(ctx, r)
	for i := 0; i < len(res.Text); i += 16 {
		delta(res.Text[i:min(i+16, len(res.Text))])
	}
	return res, nil
}

// benchCase is a case of realistic size: long summaries, many evidence
// points and two documents of 20,000 characters.
func benchCase() *court.Case {
	c := testCase()
	c.A.Summary = strings.Repeat("Side A paid the deposit and Side B failed to deliver. ", 200)
	c.B.Summary = strings.Repeat("Side B relies on the municipal order as force majeure. ", 200)
	for i := range 20 {
		c.A.Evidence = append(c.A.Evidence, fmt.Sprintf("Evidence point %d: a receipt for an instalment.", i))
		c.B.Evidence = append(c.B.Evidence, fmt.Sprintf("Evidence point %d: a municipal notice.", i))
	}
	doc := strings.Repeat("Clause: the Builder shall hand over possession on time. ", 350)
	c.A.Documents = []court.Document{{Name: "agreement.pdf", Text: doc}, {Name: "letters.pdf", Text: doc}}
	return c
}

// BenchmarkOverhead measures prompt building, injection scanning, the
// resilience wrapper, decoding and validation around a zero-latency
// provider, and reports the per-call p50 and p99.
func BenchmarkOverhead(b *testing.B) {
	for _, streamed := range []bool{false, true} {
		b.Run(fmt.Sprintf("stream=%t", streamed), func(b *testing.B) {
			s := judge.Settings{Provider: "instant", Model: "m", RequestsPerMinute: -1}
			j := judge.New(llm.NewResilient(instant{}, s.Policy(nil)), s, nil)
			c := benchCase()
			var out court.Stream
			if streamed {
				out = func(string) {}
			}
			durations := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				start := time.Now()
				if _, err := j.Tentative(context.Background(), c, out); err != nil {
					b.Fatal(err)
				}
				durations = append(durations, time.Since(start))
			}
			b.StopTimer()
			slices.Sort(durations)
			q := func(p float64) float64 {
				return float64(durations[int(p*float64(len(durations)-1))].Microseconds()) / 1000
			}
			b.ReportMetric(q(0.50), "p50-ms")
			b.ReportMetric(q(0.99), "p99-ms")
		})
	}
}

// BenchmarkInFlight1000 holds 1,000 calls in flight at once through the
// real OpenAI SDK against the fake server with a 3s latency, and reports
// the process's resident memory at the peak (server included).
func BenchmarkInFlight1000(b *testing.B) {
	const n = 1000
	fake := llmtest.NewOpenAI(llmtest.Key)
	defer fake.Close()
	fake.SetRecording(false)
	fake.SetLatency(3 * time.Second)
	j, err := judge.FromSettings(context.Background(), judge.Settings{
		Provider: "openai", APIKey: llmtest.Key, BaseURL: fake.BaseURL(), Model: "m",
		MaxConcurrent: n, QueueSize: n, RequestsPerMinute: -1, CallTimeout: time.Minute,
	}, nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var wg sync.WaitGroup
		var failed atomic.Int64
		var peak atomic.Int64
		start := time.Now()
		for i := range n {
			c := testCase()
			c.ID = fmt.Sprint(i)
			c.A.Summary += fmt.Sprintf(" (case %d)", i) // distinct, so no call is shared
			wg.Go(func() {
				if _, err := j.Tentative(context.Background(), c, nil); err != nil {
					failed.Add(1)
				}
			})
		}
		// Sample while the calls are held by the fake's latency.
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		tick := time.NewTicker(200 * time.Millisecond)
	sample:
		for {
			select {
			case <-done:
				break sample
			case <-tick.C:
				peak.Store(max(peak.Load(), rssBytes()))
			}
		}
		tick.Stop()
		if failed.Load() > 0 {
			b.Fatalf("%d of %d calls failed", failed.Load(), n)
		}
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-RSS-MB")
		b.ReportMetric(float64(runtime.NumGoroutine()), "goroutines-after")
		b.ReportMetric(time.Since(start).Seconds(), "wall-s")
	}
}

// rssBytes reads VmRSS from /proc/self/status (Linux), or 0.
func rssBytes() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
			return kb << 10
		}
	}
	return 0
}
