package loadgen

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// sample is one series of a replica's /metrics.
type sample struct {
	labels map[string]string
	value  float64
}

// metrics is one scrape: series by metric name. nil: the replica did
// not answer.
type metrics map[string][]sample

// sum adds the series of name whose labels include every pair of match.
func (m metrics) sum(name string, match ...string) float64 {
	var t float64
	for _, s := range m[name] {
		ok := true
		for i := 0; i+1 < len(match); i += 2 {
			if s.labels[match[i]] != match[i+1] {
				ok = false
				break
			}
		}
		if ok {
			t += s.value
		}
	}
	return t
}

// DefaultMetrics is where one server on this machine serves /metrics
// when METRICS_ADDR is not set.
const DefaultMetrics = "http://127.0.0.1:9090"

// scraper reads each replica's /metrics at the start and end of a run and
// samples the gauges in between.
type scraper struct {
	urls   []string
	client *http.Client

	mu   sync.Mutex
	peak []peaks
	// fleetInFlight is the highest sum over replicas of judge calls in
	// flight and waiting, seen in one sampling round.
	fleetInFlight, fleetWaiting float64
}

// peaks are the highest values of a replica's gauges during the run.
type peaks struct {
	RSS, Goroutines, InFlight, Waiting, DBInUse float64
	Failed                                      int
}

func newScraper(replicas []string, t http.RoundTripper) *scraper {
	if len(replicas) == 0 {
		replicas = []string{DefaultMetrics}
	}
	return &scraper{urls: replicas, client: &http.Client{Transport: t, Timeout: 5 * time.Second}, peak: make([]peaks, len(replicas))}
}

func (s *scraper) scrape(ctx context.Context, base string) (metrics, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", strings.TrimRight(base, "/")+"/metrics", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/plain; version=0.0.4")
	res, err := s.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		return nil, fmt.Errorf("GET %s/metrics: status %d", base, res.StatusCode)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(res.Body)
	if err != nil {
		return nil, err
	}
	out := metrics{}
	for name, f := range fams {
		for _, m := range f.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			switch f.GetType() {
			case dto.MetricType_COUNTER:
				out[name] = append(out[name], sample{labels, m.GetCounter().GetValue()})
			case dto.MetricType_GAUGE:
				out[name] = append(out[name], sample{labels, m.GetGauge().GetValue()})
			case dto.MetricType_UNTYPED:
				out[name] = append(out[name], sample{labels, m.GetUntyped().GetValue()})
			case dto.MetricType_HISTOGRAM:
				h := m.GetHistogram()
				out[name+"_sum"] = append(out[name+"_sum"], sample{labels, h.GetSampleSum()})
				out[name+"_count"] = append(out[name+"_count"], sample{labels, float64(h.GetSampleCount())})
			}
		}
	}
	return out, nil
}

// snapshot scrapes every replica once; one that does not answer is nil.
func (s *scraper) snapshot(ctx context.Context) []metrics {
	out := make([]metrics, len(s.urls))
	var wg sync.WaitGroup
	for i, u := range s.urls {
		wg.Go(func() {
			if m, err := s.scrape(ctx, u); err == nil {
				out[i] = m
			}
		})
	}
	wg.Wait()
	return out
}

// sample scrapes every interval until ctx ends, keeping the peaks.
func (s *scraper) sample(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		snap := s.snapshot(ctx)
		s.mu.Lock()
		var fi, fw float64
		for i, m := range snap {
			p := &s.peak[i]
			if m == nil {
				p.Failed++
				continue
			}
			p.RSS = max(p.RSS, m.sum("process_resident_memory_bytes"))
			p.Goroutines = max(p.Goroutines, m.sum("go_goroutines"))
			in, w := m.sum("aijudge_llm_calls_in_flight"), m.sum("aijudge_llm_calls_waiting")
			p.InFlight, p.Waiting = max(p.InFlight, in), max(p.Waiting, w)
			p.DBInUse = max(p.DBInUse, m.sum("aijudge_db_pool_connections", "state", "in_use"))
			fi, fw = fi+in, fw+w
		}
		s.fleetInFlight, s.fleetWaiting = max(s.fleetInFlight, fi), max(s.fleetWaiting, fw)
		s.mu.Unlock()
	}
}

func (s *scraper) fleetPeaks() (inFlight, waiting float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fleetInFlight, s.fleetWaiting
}

// delta is after−before of a counter, or after alone when the counter
// went back (the replica restarted during the run).
func delta(before, after metrics, name string, match ...string) float64 {
	a, b := after.sum(name, match...), before.sum(name, match...)
	if a < b {
		return a
	}
	return a - b
}

func (s *scraper) replicaReports(before, after []metrics, elapsed time.Duration) []ReplicaReport {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ReplicaReport, len(s.urls))
	for i, u := range s.urls {
		b, a := before[i], after[i]
		r := ReplicaReport{URL: u, Up: a != nil, FailedScrapes: s.peak[i].Failed,
			MaxRSSBytes: s.peak[i].RSS, MaxGoroutines: s.peak[i].Goroutines,
			MaxJudgeInFlight: s.peak[i].InFlight, MaxJudgeWaiting: s.peak[i].Waiting, MaxDBInUse: s.peak[i].DBInUse}
		if b != nil {
			r.StartRSSBytes, r.StartGoroutines = b.sum("process_resident_memory_bytes"), b.sum("go_goroutines")
		}
		if a != nil {
			if b == nil {
				b = metrics{}
			}
			r.MaxRSSBytes = max(r.MaxRSSBytes, a.sum("process_resident_memory_bytes"))
			r.CPUSeconds = delta(b, a, "process_cpu_seconds_total")
			r.CPUCores = r.CPUSeconds / elapsed.Seconds()
			r.Cache = map[string]float64{}
			for _, layer := range []string{"memory", "redis"} {
				for _, res := range []string{"hit", "miss", "error"} {
					r.Cache[layer+"/"+res] = delta(b, a, "aijudge_cache_requests_total", "layer", layer, "result", res)
				}
			}
			r.LLMCalls = map[string]float64{}
			for _, smp := range a["aijudge_llm_api_calls_total"] {
				st := smp.labels["status"]
				if _, ok := r.LLMCalls[st]; !ok {
					r.LLMCalls[st] = delta(b, a, "aijudge_llm_api_calls_total", "status", st)
				}
			}
			r.InputTokens = delta(b, a, "aijudge_llm_tokens_total", "direction", "input")
			r.OutputTokens = delta(b, a, "aijudge_llm_tokens_total", "direction", "output")
			r.LLMSeconds = delta(b, a, "aijudge_llm_request_duration_seconds_sum")
			r.LLMCount = delta(b, a, "aijudge_llm_request_duration_seconds_count")
		}
		out[i] = r
	}
	return out
}
