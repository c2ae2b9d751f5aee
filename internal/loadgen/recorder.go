package loadgen

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// endpointStats is one endpoint's latencies (microseconds) and statuses.
type endpointStats struct {
	hist      *hdrhistogram.Histogram
	firstByte *hdrhistogram.Histogram
	statuses  map[int]int64
	retried   map[int]int64
}

func newHist() *hdrhistogram.Histogram {
	// 1 µs to 30 min at three significant digits: a few hundred kB each.
	return hdrhistogram.New(1, int64(30*time.Minute/time.Microsecond), 3)
}

// recorder collects every request's outcome. Safe for concurrent use.
type recorder struct {
	mu        sync.Mutex
	start     time.Time
	endpoints map[string]*endpointStats
	seconds   []Second
	failures  map[string]int64
	filed     int64
	filedN    int64
	bytesIn   int64
}

func newRecorder() *recorder {
	return &recorder{start: time.Now(), endpoints: map[string]*endpointStats{}, failures: map[string]int64{}}
}

func (r *recorder) ep(name string) *endpointStats {
	e := r.endpoints[name]
	if e == nil {
		e = &endpointStats{hist: newHist(), statuses: map[int]int64{}, retried: map[int]int64{}}
		r.endpoints[name] = e
	}
	return e
}

// failed is what counts against availability: no answer, or a 5xx.
func failed(status int) bool { return status == 0 || status >= 500 }

func (r *recorder) observe(name string, status int, took time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	e := r.ep(name)
	_ = e.hist.RecordValue(max(1, took.Microseconds()))
	e.statuses[status]++
	sec := int(time.Since(r.start) / time.Second)
	for len(r.seconds) <= sec {
		r.seconds = append(r.seconds, Second{At: len(r.seconds)})
	}
	r.seconds[sec].Requests++
	if failed(status) {
		r.seconds[sec].Errors++
	}
	if status == 429 {
		r.seconds[sec].Refused++
	}
}

func (r *recorder) firstByte(name string, took time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	e := r.ep(name)
	if e.firstByte == nil {
		e.firstByte = newHist()
	}
	_ = e.firstByte.RecordValue(max(1, took.Microseconds()))
}

func (r *recorder) retried(name string, status int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ep(name).retried[status]++
}

func (r *recorder) filedBytes(n int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.filed += n
	r.filedN++
}

func (r *recorder) received(n int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.bytesIn += n
}

func (r *recorder) sessionFailed(err error) {
	var se *stepError
	key := err.Error()
	if errors.As(err, &se) {
		if se.err != nil {
			key = se.endpoint + ": no answer"
		} else {
			key = fmt.Sprintf("%s: %d", se.endpoint, se.status)
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failures[key]++
}

// totals is for the progress line: requests, failures, judge requests.
func (r *recorder) totals() (n, errs, judge int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for name, e := range r.endpoints {
		for st, c := range e.statuses {
			n += c
			if failed(st) {
				errs += c
			}
			if isJudge(name) {
				judge += c
			}
		}
	}
	return n, errs, judge
}

func ms(h *hdrhistogram.Histogram, q float64) float64 {
	return float64(h.ValueAtQuantile(q)) / 1000
}

func summarise(h *hdrhistogram.Histogram, seconds float64) Latency {
	if h == nil || h.TotalCount() == 0 {
		return Latency{}
	}
	return Latency{Count: h.TotalCount(), PerSecond: float64(h.TotalCount()) / seconds,
		P50ms: ms(h, 50), P95ms: ms(h, 95), P99ms: ms(h, 99), Maxms: float64(h.Max()) / 1000}
}

// report builds the client's half of the report.
func (r *recorder) report(cfg Config, start, arrived, end time.Time) *Report {
	r.mu.Lock()
	defer r.mu.Unlock()
	secs := end.Sub(start).Seconds()
	rep := &Report{
		Config: ReportConfig{Target: cfg.Target, Replicas: cfg.Replicas, SessionsPerSecond: cfg.Rate,
			DurationSeconds: cfg.Duration.Seconds(), MaxSessions: cfg.MaxSessions, DrainSeconds: cfg.Drain.Seconds(),
			Arguments: cfg.Arguments, Revisits: cfg.Revisits, ThinkTimeSeconds: cfg.ThinkTime.Seconds(), Seed: cfg.Seed, RunID: cfg.RunID},
		Started: start.UTC(), ArrivalSeconds: arrived.Sub(start).Seconds(), Seconds: secs,
		Timeline: slices.Clone(r.seconds), FailedSessions: map[string]int64{},
	}
	for k, v := range r.failures {
		rep.FailedSessions[k] = v
	}
	ordinary, judge := newHist(), newHist()
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range r.endpoints {
			if !yield(k) {
				return
			}
		}
	})
	for _, name := range names {
		e := r.endpoints[name]
		er := EndpointReport{Endpoint: name, Judge: isJudge(name), Latency: summarise(e.hist, secs), Statuses: map[string]int64{}, Retried: map[string]int64{}}
		if e.firstByte != nil {
			fb := summarise(e.firstByte, secs)
			er.FirstByte = &fb
		}
		for st, c := range e.statuses {
			label := fmt.Sprint(st)
			if st == 0 {
				label = "no answer"
			}
			er.Statuses[label] = c
			rep.Requests += c
			if failed(st) {
				er.Errors += c
				rep.Errors += c
			}
			if st == 429 {
				rep.Refused += c
			}
		}
		for st, c := range e.retried {
			er.Retried[fmt.Sprint(st)] = c
		}
		if isJudge(name) {
			judge.Merge(e.hist)
		} else {
			ordinary.Merge(e.hist)
		}
		rep.Endpoints = append(rep.Endpoints, er)
	}
	rep.Ordinary = summarise(ordinary, secs)
	rep.Judge.Latency = summarise(judge, secs)
	if r.filedN > 0 {
		rep.FiledBytesPerCase = float64(r.filed) / float64(r.filedN)
		rep.ReceivedBytesPerSession = float64(r.bytesIn) / float64(r.filedN)
	}
	if rep.Requests > 0 {
		rep.ErrorRate = float64(rep.Errors) / float64(rep.Requests)
	}
	return rep
}
