package loadgen

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Report is what a run measured; it encodes as the JSON report.
type Report struct {
	Config         ReportConfig     `json:"config"`
	Started        time.Time        `json:"started"`
	ArrivalSeconds float64          `json:"arrivalSeconds"`
	Seconds        float64          `json:"seconds"`
	Sessions       SessionCounts    `json:"sessions"`
	Requests       int64            `json:"requests"`
	Errors         int64            `json:"errors"`
	Refused        int64            `json:"refused429"`
	ErrorRate      float64          `json:"errorRate"`
	Endpoints      []EndpointReport `json:"endpoints"`
	// Ordinary is every request that does not call the judge, together.
	Ordinary          Latency         `json:"ordinary"`
	Judge             JudgeReport     `json:"judge"`
	Replicas          []ReplicaReport `json:"replicas"`
	FiledBytesPerCase float64         `json:"filedBytesPerCase"`
	// ReceivedBytesPerSession is what the server sent a session (per
	// case filed), for egress.
	ReceivedBytesPerSession float64          `json:"receivedBytesPerSession"`
	FailedSessions          map[string]int64 `json:"failedSessions"`
	Writes                  WriteCheck       `json:"writes"`
	// ClientCPUSeconds is the load generator's own CPU during the run.
	ClientCPUSeconds float64           `json:"clientCpuSeconds"`
	Timeline         []Second          `json:"timeline"`
	Objectives       []ObjectiveResult `json:"objectives"`
	Pass             bool              `json:"pass"`
}

// ReportConfig is the run's parameters, so a report says how it was made.
type ReportConfig struct {
	Target            string   `json:"target"`
	Replicas          []string `json:"replicas,omitempty"`
	SessionsPerSecond float64  `json:"sessionsPerSecond"`
	DurationSeconds   float64  `json:"durationSeconds"`
	MaxSessions       int      `json:"maxSessions"`
	DrainSeconds      float64  `json:"drainSeconds"`
	Arguments         int      `json:"arguments"`
	Revisits          int      `json:"revisits"`
	ThinkTimeSeconds  float64  `json:"thinkTimeSeconds"`
	Seed              uint64   `json:"seed"`
	RunID             string   `json:"runId"`
}

// SessionCounts says how the sessions ended.
type SessionCounts struct {
	Started   int64 `json:"started"`
	Completed int64 `json:"completed"`
	// Failed sessions stopped at a request that failed or was refused.
	Failed int64 `json:"failed"`
	// Unfinished sessions were still running when the drain ended.
	Unfinished int64 `json:"unfinished"`
}

// Latency is a request count, its rate and its percentiles.
type Latency struct {
	Count     int64   `json:"count"`
	PerSecond float64 `json:"perSecond"`
	P50ms     float64 `json:"p50ms"`
	P95ms     float64 `json:"p95ms"`
	P99ms     float64 `json:"p99ms"`
	Maxms     float64 `json:"maxms"`
}

// EndpointReport is one endpoint's figures.
type EndpointReport struct {
	Endpoint string  `json:"endpoint"`
	Judge    bool    `json:"judge"`
	Latency  Latency `json:"latency"`
	// FirstByte is the time to a stream's first event.
	FirstByte *Latency         `json:"firstByte,omitempty"`
	Statuses  map[string]int64 `json:"statuses"`
	Errors    int64            `json:"errors"`
	Retried   map[string]int64 `json:"retried,omitempty"`
}

// JudgeReport is the judge's side: requests that may call it as the
// client saw them, and the provider calls the replicas made.
type JudgeReport struct {
	Latency Latency `json:"latency"`
	// Calls are provider calls by outcome, summed over replicas.
	Calls          map[string]float64 `json:"calls"`
	CallsPerSecond float64            `json:"callsPerSecond"`
	MeanCallSec    float64            `json:"meanCallSeconds"`
	InputTokens    float64            `json:"inputTokens"`
	OutputTokens   float64            `json:"outputTokens"`
	// Per completed case (one session files one case).
	InputTokensPerCase  float64 `json:"inputTokensPerCase"`
	OutputTokensPerCase float64 `json:"outputTokensPerCase"`
	CallsPerCase        float64 `json:"callsPerCase"`
	// MaxInFlight and MaxWaiting are the highest fleet-wide sums seen in
	// one sampling round (every 2 s).
	MaxInFlight float64 `json:"maxInFlight"`
	MaxWaiting  float64 `json:"maxWaiting"`
}

func (j *JudgeReport) finish(r *Report) {
	j.Calls = map[string]float64{}
	var ok float64
	for _, rr := range r.Replicas {
		for st, n := range rr.LLMCalls {
			j.Calls[st] += n
		}
		j.InputTokens += rr.InputTokens
		j.OutputTokens += rr.OutputTokens
		j.MeanCallSec += rr.LLMSeconds
		ok += rr.LLMCount
	}
	if ok > 0 {
		j.MeanCallSec /= ok
	}
	var calls float64
	for _, n := range j.Calls {
		calls += n
	}
	j.CallsPerSecond = calls / r.Seconds
	if n := float64(r.Sessions.Completed); n > 0 {
		j.InputTokensPerCase, j.OutputTokensPerCase, j.CallsPerCase = j.InputTokens/n, j.OutputTokens/n, j.Calls["ok"]/n
	}
}

// ReplicaReport is one replica's figures from its /metrics.
type ReplicaReport struct {
	URL string `json:"url"`
	// Up says whether it answered the last scrape.
	Up               bool               `json:"up"`
	FailedScrapes    int                `json:"failedScrapes"`
	CPUSeconds       float64            `json:"cpuSeconds"`
	CPUCores         float64            `json:"cpuCores"`
	StartRSSBytes    float64            `json:"startRssBytes"`
	StartGoroutines  float64            `json:"startGoroutines"`
	MaxRSSBytes      float64            `json:"maxRssBytes"`
	MaxGoroutines    float64            `json:"maxGoroutines"`
	MaxJudgeInFlight float64            `json:"maxJudgeInFlight"`
	MaxJudgeWaiting  float64            `json:"maxJudgeWaiting"`
	MaxDBInUse       float64            `json:"maxDbInUse"`
	Cache            map[string]float64 `json:"cache"`
	LLMCalls         map[string]float64 `json:"llmCalls"`
	InputTokens      float64            `json:"inputTokens"`
	OutputTokens     float64            `json:"outputTokens"`
	LLMSeconds       float64            `json:"-"`
	LLMCount         float64            `json:"-"`
}

// WriteCheck is what reading back every acknowledged write found.
type WriteCheck struct {
	// Cases and Arguments found; Lost acknowledged writes missing;
	// Unreadable cases that could not be read back at all.
	Cases, Arguments, Lost, Unreadable int
}

// Second is one second of the run, for seeing a fault and its recovery.
type Second struct {
	At       int   `json:"t"`
	Requests int64 `json:"requests"`
	Errors   int64 `json:"errors"`
	Refused  int64 `json:"refused"`
}

// ObjectiveResult is one objective, met or not.
type ObjectiveResult struct {
	Name     string `json:"name"`
	Target   string `json:"target"`
	Measured string `json:"measured"`
	Pass     bool   `json:"pass"`
}

func (r *Report) evaluate(o Objectives) {
	var cached Latency
	for _, e := range r.Endpoints {
		if e.Endpoint == epCachedJudge {
			cached = e.Latency
		}
	}
	add := func(name, target, measured string, pass bool) {
		r.Objectives = append(r.Objectives, ObjectiveResult{name, target, measured, pass})
	}
	dur := func(msv float64) string {
		return (time.Duration(msv * float64(time.Millisecond))).Round(time.Millisecond).String()
	}
	add("p99 of requests that do not call the judge", "≤ "+o.OrdinaryP99.String(), dur(r.Ordinary.P99ms), r.Ordinary.P99ms <= float64(o.OrdinaryP99.Milliseconds()))
	add("p99 of cached judgments", "≤ "+o.CachedJudgmentP99.String(), dur(cached.P99ms), cached.P99ms <= float64(o.CachedJudgmentP99.Milliseconds()))
	add("slowest judge request", "≤ "+o.JudgeMax.String(), dur(r.Judge.Latency.Maxms), r.Judge.Latency.Maxms <= float64(o.JudgeMax.Milliseconds()))
	add("failed requests (no answer or 5xx)", fmt.Sprintf("≤ %.2f %%", 100*o.MaxErrorRate), fmt.Sprintf("%.3f %% (%d of %d)", 100*r.ErrorRate, r.Errors, r.Requests), r.ErrorRate <= o.MaxErrorRate)
	failedShare := 0.0
	if r.Sessions.Started > 0 {
		failedShare = float64(r.Sessions.Failed) / float64(r.Sessions.Started)
	}
	add("sessions stopped by a failed or refused request", "≤ 1 %", fmt.Sprintf("%.1f %% (%d of %d)", 100*failedShare, r.Sessions.Failed, r.Sessions.Started), failedShare <= 0.01)
	add("sessions that did not finish", "0", fmt.Sprint(r.Sessions.Unfinished), r.Sessions.Unfinished == 0)
	add("acknowledged writes lost", "0", fmt.Sprintf("%d (%d cases and %d arguments read back, %d unreadable)", r.Writes.Lost, r.Writes.Cases, r.Writes.Arguments, r.Writes.Unreadable),
		r.Writes.Lost == 0 && r.Writes.Unreadable == 0)
	r.Pass = true
	for _, ob := range r.Objectives {
		r.Pass = r.Pass && ob.Pass
	}
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteMarkdown writes the report as Markdown tables.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	c := r.Config
	verdict := "PASS"
	if !r.Pass {
		verdict = "FAIL"
	}
	fmt.Fprintf(&b, "## Load run %s: %s\n\n", c.RunID, verdict)
	fmt.Fprintf(&b, "%s, %.3g sessions/s for %gs (at most %d), drain %gs; %d arguments and %d revisits per session, think time %gs mean; seed %d.\n\n",
		c.Target, c.SessionsPerSecond, c.DurationSeconds, c.MaxSessions, c.DrainSeconds, c.Arguments, c.Revisits, c.ThinkTimeSeconds, c.Seed)
	s := r.Sessions
	fmt.Fprintf(&b, "Sessions: %d started, %d completed, %d failed, %d unfinished. Requests: %d in %.0f s (%.1f/s), %d failed (%.3f %%), %d refused with 429.\n\n",
		s.Started, s.Completed, s.Failed, s.Unfinished, r.Requests, r.Seconds, float64(r.Requests)/r.Seconds, r.Errors, 100*r.ErrorRate, r.Refused)
	b.WriteString("| endpoint | requests | req/s | p50 | p95 | p99 | max | statuses |\n|---|---|---|---|---|---|---|---|\n")
	row := func(name string, l Latency, st string) {
		fmt.Fprintf(&b, "| %s | %d | %.2f | %s | %s | %s | %s | %s |\n", name, l.Count, l.PerSecond, fms(l.P50ms), fms(l.P95ms), fms(l.P99ms), fms(l.Maxms), st)
	}
	for _, e := range r.Endpoints {
		row("`"+e.Endpoint+"`", e.Latency, statuses(e.Statuses, e.Retried))
		if e.FirstByte != nil {
			row("`"+e.Endpoint+"` first event", *e.FirstByte, "")
		}
	}
	row("**all requests that do not call the judge**", r.Ordinary, "")
	row("**all judge requests**", r.Judge.Latency, "")
	j := r.Judge
	fmt.Fprintf(&b, "\nJudge: %.2f provider calls/s (%s); mean call %.1f s; %.0f input and %.0f output tokens per case, %.1f calls per case; at most %.0f calls in flight and %.0f waiting for a slot across the fleet. Bytes filed per case: %.0f; bytes received per session: %.0f.\n\n",
		j.CallsPerSecond, counts(j.Calls), j.MeanCallSec, j.InputTokensPerCase, j.OutputTokensPerCase, j.CallsPerCase, j.MaxInFlight, j.MaxWaiting, r.FiledBytesPerCase, r.ReceivedBytesPerSession)
	var serverCPU float64
	for _, rr := range r.Replicas {
		serverCPU += rr.CPUSeconds
	}
	fmt.Fprintf(&b, "CPU: the replicas %.1f s, the load generator %.1f s (%.2f cores over the run).\n\n", serverCPU, r.ClientCPUSeconds, r.ClientCPUSeconds/r.Seconds)
	b.WriteString("| replica | up | CPU (cores, mean) | RSS at start → max | goroutines at start → max | max judge in flight / waiting | max DB conns in use | memory hits | Redis hits |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, rr := range r.Replicas {
		fmt.Fprintf(&b, "| %s | %v | %.2f | %.0f → %.0f MB | %.0f → %.0f | %.0f / %.0f | %.0f | %s | %s |\n", rr.URL, rr.Up, rr.CPUCores, rr.StartRSSBytes/1e6, rr.MaxRSSBytes/1e6, rr.StartGoroutines, rr.MaxGoroutines,
			rr.MaxJudgeInFlight, rr.MaxJudgeWaiting, rr.MaxDBInUse, hits(rr.Cache, "memory"), hits(rr.Cache, "redis"))
	}
	if first, last, n := errorWindow(r.Timeline); n > 0 {
		fmt.Fprintf(&b, "\nFailed requests fell between %d s and %d s of the run (%d seconds with failures).\n", first, last, n)
	}
	if len(r.FailedSessions) > 0 {
		b.WriteString("\nFailed sessions, by the request that stopped them: ")
		b.WriteString(counts(toFloat(r.FailedSessions)))
		b.WriteString(".\n")
	}
	b.WriteString("\n| objective | target | measured | |\n|---|---|---|---|\n")
	for _, o := range r.Objectives {
		mark := "pass"
		if !o.Pass {
			mark = "**fail**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", o.Name, o.Target, o.Measured, mark)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// errorWindow is the first and last second with a failed request, and
// how many seconds had one.
func errorWindow(tl []Second) (first, last, n int) {
	first = -1
	for _, s := range tl {
		if s.Errors == 0 {
			continue
		}
		if first < 0 {
			first = s.At
		}
		last = s.At
		n++
	}
	return first, last, n
}

func fms(v float64) string {
	switch {
	case v == 0:
		return "—"
	case v < 10:
		return fmt.Sprintf("%.1f ms", v)
	case v < 1000:
		return fmt.Sprintf("%.0f ms", v)
	}
	return fmt.Sprintf("%.2f s", v/1000)
}

func statuses(m, retried map[string]int64) string {
	s := counts(toFloat(m))
	if len(retried) > 0 {
		s += "; retried after " + counts(toFloat(retried))
	}
	return s
}

func toFloat(m map[string]int64) map[string]float64 {
	out := map[string]float64{}
	for k, v := range m {
		out[k] = float64(v)
	}
	return out
}

func counts(m map[string]float64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		if m[k] != 0 {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s × %.0f", k, m[k])
	}
	return strings.Join(parts, ", ")
}

func hits(c map[string]float64, layer string) string {
	h, m, e := c[layer+"/hit"], c[layer+"/miss"], c[layer+"/error"]
	if h+m+e == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f / %.0f (%.0f %%)", h, h+m+e, 100*h/(h+m+e))
}
