package telemetry

import (
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// MetricsOptions configure NewMetrics. The zero value is usable.
type MetricsOptions struct {
	// Currency names the unit of aijudge_llm_cost_total in its help text;
	// "USD" when empty, which is what llm.Prices estimates in.
	Currency string
	// Version is exported as aijudge_build_info{version}, so a dashboard
	// can show which release each pod runs during a rollout.
	Version string
}

// Label values outside the sets the dashboards and alerts know about are
// folded into these, so that no input can grow a metric without bound.
const (
	otherLabel = "other"
	// maxChildren bounds the series of each labelled metric in this
	// process; the next new label combination shares the overflow child.
	maxChildren = 512
)

// LLM call outcomes for LLMCall.Status. Anything else counts as "error".
const (
	LLMStatusOK            = "ok"
	LLMStatusError         = "error"
	LLMStatusTimeout       = "timeout"
	LLMStatusRateLimited   = "rate_limited"
	LLMStatusCircuitOpen   = "circuit_open"
	LLMStatusCanceled      = "canceled"
	LLMStatusInvalidAnswer = "invalid_answer"
)

// BreakerState is a circuit breaker's state as aijudge_circuit_breaker_state
// exports it. The values are those of gobreaker.State, so a conversion is
// all the caller needs.
type BreakerState int

// The circuit breaker states.
const (
	BreakerClosed   BreakerState = 0
	BreakerHalfOpen BreakerState = 1
	BreakerOpen     BreakerState = 2
)

// LLMCall describes one finished call to a language model, counted by
// Metrics.ObserveLLMCall. A call is what the caller waited for, retries
// and fallbacks included.
type LLMCall struct {
	Provider string // "gemini", "openai", "anthropic", "offline"
	Model    string // the model that answered, or was asked when none did
	Status   string // one of the LLMStatus constants
	Duration time.Duration
	// Tokens and cost are counted only when positive: a failed call may
	// still have used some.
	InputTokens, OutputTokens int64
	Cost                      float64
}

// DBPoolStats is a snapshot of a database connection pool.
type DBPoolStats struct {
	Idle, InUse, Max int
}

type httpKey struct {
	method, route string
	status        int
}

type llmKey struct{ provider, model string }

// llmSeries are the children of one provider and model, resolved together
// because every call touches all of them.
type llmSeries struct {
	duration      prometheus.Observer
	input, output prometheus.Counter
	cost          prometheus.Counter
	calls         *family[string, prometheus.Counter]
}

type pairKey struct{ a, b string }

// Metrics is the service's Prometheus instrumentation. It owns its
// registry, so tests and several servers in one process never collide
// over the global default one. Every method is safe for concurrent use,
// and a nil *Metrics does nothing, so code without metrics needs no ifs.
type Metrics struct {
	reg *prometheus.Registry

	http      *family[httpKey, prometheus.Observer]
	llm       *family[llmKey, *llmSeries]
	cache     *family[pairKey, prometheus.Counter]
	db        *family[string, prometheus.Observer]
	extract   *family[string, prometheus.Observer]
	extractKO *family[pairKey, prometheus.Counter]
	judgments *family[string, prometheus.Counter]
	citations *family[string, prometheus.Counter]
	quotes    *family[string, prometheus.Counter]
	swaps     *family[string, prometheus.Counter]
	arguments *family[string, prometheus.Counter]
	breaker   *family[string, prometheus.Gauge]
	inFlight  *family[string, prometheus.Gauge]
	waiting   *family[string, prometheus.Gauge]

	pool atomic.Pointer[func() DBPoolStats]
}

// Bucket bounds, in seconds, chosen around what each operation costs: the
// HTTP buckets have edges at the latency targets the alerts use (1 s for
// ordinary routes, 2 s for cached judgments, 90 s for the judge), since
// histogram_quantile is only exact at bucket edges.
var (
	httpBuckets    = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2, 5, 10, 30, 60, 90, 180}
	llmBuckets     = []float64{.25, .5, 1, 2, 4, 8, 15, 30, 60, 90, 120, 180}
	dbBuckets      = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}
	extractBuckets = []float64{.001, .005, .01, .05, .1, .25, .5, 1, 2.5, 5, 10}
)

// NewMetrics returns Metrics registered in a new registry, with the Go
// runtime and process collectors alongside.
func NewMetrics(o MetricsOptions) *Metrics {
	if o.Currency == "" {
		o.Currency = "USD"
	}
	reg := prometheus.NewRegistry()
	m := &Metrics{reg: reg}
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	if o.Version != "" {
		info := prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "aijudge_build_info", Help: "Always 1; the version label names the running release.",
			ConstLabels: prometheus.Labels{"version": o.Version},
		})
		info.Set(1)
		reg.MustRegister(info)
	}

	httpDur := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "aijudge_http_request_duration_seconds",
		Help:    "Time from a request's arrival to its handler's return, by method, ServeMux route pattern and status code.",
		Buckets: httpBuckets,
	}, []string{"method", "route", "status_code"})
	llmCalls := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "aijudge_llm_api_calls_total",
		Help: "Language-model calls by provider, model and outcome (ok, error, timeout, rate_limited, circuit_open, canceled, invalid_answer); retries within a call are not counted separately.",
	}, []string{"provider", "model", "status"})
	llmDur := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "aijudge_llm_request_duration_seconds",
		Help:    "Wall time of language-model calls, retries and waits included.",
		Buckets: llmBuckets,
	}, []string{"provider", "model"})
	llmTokens := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "aijudge_llm_tokens_total",
		Help: "Tokens sent to (input) and received from (output) language models.",
	}, []string{"provider", "model", "direction"})
	llmCost := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "aijudge_llm_cost_total",
		Help: "Estimated language-model spend in " + o.Currency + ", from list prices per token.",
	}, []string{"provider", "model"})
	cacheReq := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "aijudge_cache_requests_total",
		Help: "Cache lookups by layer (memory, redis) and result (hit, miss, error); a memory miss goes on to redis.",
	}, []string{"layer", "result"})
	dbDur := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "aijudge_db_query_duration_seconds",
		Help:    "Time of database operations by store method.",
		Buckets: dbBuckets,
	}, []string{"operation"})
	extractDur := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "aijudge_document_extraction_duration_seconds",
		Help:    "Time to extract text from an uploaded document, by type (pdf, docx, txt).",
		Buckets: extractBuckets,
	}, []string{"type"})
	extractFail := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "aijudge_document_extraction_failures_total",
		Help: "Documents whose text could not be extracted, by type and reason.",
	}, []string{"type", "reason"})
	judgments := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "aijudge_judgments_total",
		Help: "Judgments recorded, by kind (tentative, reconsidered, final).",
	}, []string{"kind"})
	citations := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "aijudge_citations_total",
		Help: "Provisions cited in judgments, by what the statute table says of them (verified, unknown_section, not_in_force, outside_table, unreadable).",
	}, []string{"status"})
	quotes := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "aijudge_quotes_total",
		Help: "Passages quoted by judgments' findings, by what the check against the named source found (found, close, missing).",
	}, []string{"status"})
	swaps := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "aijudge_position_swap_total",
		Help: "Tentative judgments checked by writing them again with the sides exchanged, by result (consistent, flipped, failed).",
	}, []string{"result"})
	arguments := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "aijudge_arguments_total",
		Help: "Follow-up arguments answered, by side (A, B).",
	}, []string{"side"})
	breaker := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "aijudge_circuit_breaker_state",
		Help: "State of the language-model circuit breaker per provider: 0 closed, 1 half-open, 2 open.",
	}, []string{"provider"})
	inFlight := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "aijudge_llm_calls_in_flight",
		Help: "Language-model calls holding one of this process's LLM_MAX_CONCURRENT slots, per provider: the signal to scale an LLM-bound service on.",
	}, []string{"provider"})
	waiting := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "aijudge_llm_calls_waiting",
		Help: "Language-model calls waiting in this process's LLM_QUEUE for a slot, per provider.",
	}, []string{"provider"})
	reg.MustRegister(httpDur, llmCalls, llmDur, llmTokens, llmCost, cacheReq, dbDur,
		extractDur, extractFail, judgments, citations, quotes, swaps, arguments, breaker, inFlight, waiting, &poolCollector{m: m})

	m.http = newFamily(maxChildren, httpKey{"OTHER", otherLabel, -1}, func(k httpKey) prometheus.Observer {
		return httpDur.WithLabelValues(k.method, k.route, statusLabel(k.status))
	})
	m.llm = newFamily(maxChildren/4, llmKey{otherLabel, otherLabel}, func(k llmKey) *llmSeries {
		return &llmSeries{
			duration: llmDur.WithLabelValues(k.provider, k.model),
			input:    llmTokens.WithLabelValues(k.provider, k.model, "input"),
			output:   llmTokens.WithLabelValues(k.provider, k.model, "output"),
			cost:     llmCost.WithLabelValues(k.provider, k.model),
			calls: newFamily(16, LLMStatusError, func(status string) prometheus.Counter {
				return llmCalls.WithLabelValues(k.provider, k.model, status)
			}),
		}
	})
	m.cache = newFamily(64, pairKey{otherLabel, otherLabel}, func(k pairKey) prometheus.Counter {
		return cacheReq.WithLabelValues(k.a, k.b)
	})
	m.db = newFamily(128, otherLabel, func(op string) prometheus.Observer { return dbDur.WithLabelValues(op) })
	m.extract = newFamily(16, otherLabel, func(t string) prometheus.Observer { return extractDur.WithLabelValues(t) })
	m.extractKO = newFamily(64, pairKey{otherLabel, otherLabel}, func(k pairKey) prometheus.Counter {
		return extractFail.WithLabelValues(k.a, k.b)
	})
	m.judgments = newFamily(16, otherLabel, func(k string) prometheus.Counter { return judgments.WithLabelValues(k) })
	m.citations = newFamily(8, otherLabel, func(k string) prometheus.Counter { return citations.WithLabelValues(k) })
	m.quotes = newFamily(4, otherLabel, func(k string) prometheus.Counter { return quotes.WithLabelValues(k) })
	m.swaps = newFamily(4, otherLabel, func(k string) prometheus.Counter { return swaps.WithLabelValues(k) })
	m.arguments = newFamily(8, otherLabel, func(s string) prometheus.Counter { return arguments.WithLabelValues(s) })
	m.breaker = newFamily(32, otherLabel, func(p string) prometheus.Gauge { return breaker.WithLabelValues(p) })
	m.inFlight = newFamily(32, otherLabel, func(p string) prometheus.Gauge { return inFlight.WithLabelValues(p) })
	m.waiting = newFamily(32, otherLabel, func(p string) prometheus.Gauge { return waiting.WithLabelValues(p) })
	return m
}

// Registry returns the registry the metrics live in, for tests and for
// adding collectors of other packages.
func (m *Metrics) Registry() *prometheus.Registry {
	if m == nil {
		return nil
	}
	return m.reg
}

// Handler serves the metrics in the Prometheus exposition formats, for
// GET /metrics. A nil *Metrics serves 404.
func (m *Metrics) Handler() http.Handler {
	if m == nil {
		return http.NotFoundHandler()
	}
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		Registry:          m.reg, // counts its own scrape errors
		EnableOpenMetrics: true,
		// A scrape must never compete with requests for long: two cores.
		MaxRequestsInFlight: 2,
		Timeout:             10 * time.Second,
	})
}

// ObserveHTTP records one request. route is the ServeMux pattern that
// matched (r.Pattern), never the raw path; "" counts as "unmatched".
// status 0 means the handler wrote nothing, which net/http sends as 200.
func (m *Metrics) ObserveHTTP(method, route string, status int, d time.Duration) {
	if m == nil {
		return
	}
	if route == "" {
		route = "unmatched"
	}
	if status == 0 {
		status = http.StatusOK
	} else if status < 100 || status > 599 {
		status = -1
	}
	m.http.get(httpKey{methodLabel(method), route, status}).Observe(d.Seconds())
}

// methodLabel keeps the methods of RFC 9110 and folds the rest, which any
// client can invent, into one value.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return m
	}
	return "OTHER"
}

func statusLabel(code int) string {
	if code < 100 || code > 599 {
		return otherLabel
	}
	return strconv.Itoa(code)
}

// ObserveLLMCall records one language-model call: its outcome, duration,
// tokens and cost.
func (m *Metrics) ObserveLLMCall(c LLMCall) {
	if m == nil {
		return
	}
	s := m.llm.get(llmKey{c.Provider, c.Model})
	s.calls.get(llmStatusLabel(c.Status)).Inc()
	s.duration.Observe(c.Duration.Seconds())
	if c.InputTokens > 0 {
		s.input.Add(float64(c.InputTokens))
	}
	if c.OutputTokens > 0 {
		s.output.Add(float64(c.OutputTokens))
	}
	if c.Cost > 0 {
		s.cost.Add(c.Cost)
	}
}

func llmStatusLabel(s string) string {
	switch s {
	case LLMStatusOK, LLMStatusError, LLMStatusTimeout, LLMStatusRateLimited,
		LLMStatusCircuitOpen, LLMStatusCanceled, LLMStatusInvalidAnswer:
		return s
	}
	return LLMStatusError
}

// CacheLookup counts one lookup in a cache layer. Its signature is that of
// cache.MemoryOptions.OnLookup and cache.RedisOptions.OnLookup, so the
// method value can be passed as it is.
func (m *Metrics) CacheLookup(layer, result string) {
	if m == nil {
		return
	}
	switch result {
	case "hit", "miss", "error":
	default:
		result = otherLabel
	}
	m.cache.get(pairKey{layer, result}).Inc()
}

// ObserveDBQuery records one database operation; operation names the store
// method ("create_case", "add_judgment" …), never the SQL.
func (m *Metrics) ObserveDBQuery(operation string, d time.Duration) {
	if m == nil {
		return
	}
	m.db.get(operation).Observe(d.Seconds())
}

// SetDBPoolStats sets the function that reports the connection pool at
// each scrape (from sql.DB.Stats or pgxpool.Pool.Stat), replacing any
// earlier one; nil stops reporting.
func (m *Metrics) SetDBPoolStats(stats func() DBPoolStats) {
	if m == nil {
		return
	}
	if stats == nil {
		m.pool.Store(nil)
		return
	}
	m.pool.Store(&stats)
}

// ObserveExtraction records the extraction of one document of docType
// (pdf, docx, txt). A non-empty failure counts it as failed for that
// reason, a short fixed word such as "too_large", "unsupported",
// "unreadable", "encrypted", "empty" or "timeout".
func (m *Metrics) ObserveExtraction(docType string, d time.Duration, failure string) {
	if m == nil {
		return
	}
	docType = docTypeLabel(docType)
	m.extract.get(docType).Observe(d.Seconds())
	if failure != "" {
		m.extractKO.get(pairKey{docType, failure}).Inc()
	}
}

func docTypeLabel(t string) string {
	switch t {
	case "pdf", "docx", "txt", "image":
		return t
	}
	return otherLabel
}

// JudgmentRecorded counts a judgment of kind "tentative", "reconsidered"
// or "final" when it has been stored (cache hits are not judgments).
func (m *Metrics) JudgmentRecorded(kind string) {
	if m == nil {
		return
	}
	m.judgments.get(kind).Inc()
}

// CitationChecked counts a cited provision by its status.
func (m *Metrics) CitationChecked(status string) {
	if m == nil {
		return
	}
	switch status {
	case "verified", "unknown_section", "not_in_force", "outside_table", "unreadable":
	default:
		status = otherLabel
	}
	m.citations.get(status).Inc()
}

// QuoteChecked counts a finding's quoted source by what the grounding
// check found.
func (m *Metrics) QuoteChecked(status string) {
	if m == nil {
		return
	}
	switch status {
	case "found", "close", "missing":
	default:
		status = otherLabel
	}
	m.quotes.get(status).Inc()
}

// SwapChecked counts a position-swap check by its result.
func (m *Metrics) SwapChecked(result string) {
	if m == nil {
		return
	}
	switch result {
	case "consistent", "flipped", "failed":
	default:
		result = otherLabel
	}
	m.swaps.get(result).Inc()
}

// ArgumentRecorded counts an argument answered for side "A" or "B".
func (m *Metrics) ArgumentRecorded(side string) {
	if m == nil {
		return
	}
	if side != "A" && side != "B" {
		side = otherLabel
	}
	m.arguments.get(side).Inc()
}

// SetCircuitBreakerState records the state the provider's breaker moved
// to; call it from the breaker's state-change callback.
func (m *Metrics) SetCircuitBreakerState(provider string, s BreakerState) {
	if m == nil {
		return
	}
	m.breaker.get(provider).Set(float64(s))
}

// LLMCallInFlight counts a call into (+1) or out of (−1) a concurrency
// slot of provider.
func (m *Metrics) LLMCallInFlight(provider string, delta float64) {
	if m == nil {
		return
	}
	m.inFlight.get(provider).Add(delta)
}

// LLMCallWaiting counts a call into (+1) or out of (−1) the queue for a
// slot of provider.
func (m *Metrics) LLMCallWaiting(provider string, delta float64) {
	if m == nil {
		return
	}
	m.waiting.get(provider).Add(delta)
}

// poolCollector asks for the pool's state at scrape time, so that the
// gauges are never stale and nothing polls between scrapes.
type poolCollector struct{ m *Metrics }

var poolDesc = prometheus.NewDesc("aijudge_db_pool_connections",
	"Database connections by state: idle, in_use, and max (the pool's limit).", []string{"state"}, nil)

func (c *poolCollector) Describe(ch chan<- *prometheus.Desc) { ch <- poolDesc }

func (c *poolCollector) Collect(ch chan<- prometheus.Metric) {
	f := c.m.pool.Load()
	if f == nil {
		return
	}
	s := (*f)()
	ch <- prometheus.MustNewConstMetric(poolDesc, prometheus.GaugeValue, float64(s.Idle), "idle")
	ch <- prometheus.MustNewConstMetric(poolDesc, prometheus.GaugeValue, float64(s.InUse), "in_use")
	ch <- prometheus.MustNewConstMetric(poolDesc, prometheus.GaugeValue, float64(s.Max), "max")
}
