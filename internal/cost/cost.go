// Package cost turns a number of daily users into pods, nodes and a
// monthly bill: the capacity model measured by `aijudge load`, and a
// dated, sourced price list (prices.json, or the operator's own).
package cost

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

//go:embed prices.json
var defaultPrices []byte

// PriceList is a dated, sourced price list.
type PriceList struct {
	Date          string           `json:"date"`
	Currency      string           `json:"currency"`
	About         string           `json:"about"`
	HoursPerMonth float64          `json:"hoursPerMonth"`
	Clouds        map[string]Cloud `json:"clouds"`
	Models        map[string]Model `json:"models"`
}

// Cloud is one cloud's prices in one region.
type Cloud struct {
	Name                     string     `json:"name"`
	Region                   string     `json:"region"`
	Sources                  []string   `json:"sources"`
	ClusterPerHour           float64    `json:"clusterPerHour"`
	Nodes                    []Instance `json:"nodes"`
	Postgres                 []Instance `json:"postgres"`
	PostgresHAFactor         float64    `json:"postgresHAFactor"`
	PostgresStorageGBMonth   float64    `json:"postgresStorageGBMonth"`
	Redis                    []Instance `json:"redis"`
	ObjectStorageGBMonth     float64    `json:"objectStorageGBMonth"`
	EgressPerGB              float64    `json:"egressPerGB"`
	LoadBalancerPerHour      float64    `json:"loadBalancerPerHour"`
	LoadBalancerPerGB        float64    `json:"loadBalancerPerGB"`
	CDNPerGB                 float64    `json:"cdnPerGB"`
	LogsPerGB                float64    `json:"logsPerGB"`
	MetricsPerMillionSamples float64    `json:"metricsPerMillionSamples"`
	// Notes, and the prices to verify before relying on a bill.
	ClusterNote  string `json:"clusterNote,omitempty"`
	PostgresNote string `json:"postgresNote,omitempty"`
	EgressCheck  bool   `json:"egressCheck,omitempty"`
	CDNCheck     bool   `json:"cdnCheck,omitempty"`
	LogsCheck    bool   `json:"logsCheck,omitempty"`
	MetricsCheck bool   `json:"metricsCheck,omitempty"`
}

// Instance is a machine size and its hourly price.
type Instance struct {
	Name     string  `json:"name"`
	VCPU     float64 `json:"vcpu"`
	MemoryGB float64 `json:"memoryGB"`
	PerHour  float64 `json:"perHour"`
	Check    bool    `json:"check"`
}

// Model is a language model's price per million tokens.
type Model struct {
	Provider         string  `json:"provider"`
	InputPerMillion  float64 `json:"inputPerMillion"`
	OutputPerMillion float64 `json:"outputPerMillion"`
	Source           string  `json:"source"`
	Note             string  `json:"note,omitempty"`
}

// DefaultPrices returns the price list shipped with this release.
func DefaultPrices() *PriceList {
	p, err := ReadPrices(strings.NewReader(string(defaultPrices)))
	if err != nil {
		panic("cost: the embedded price list does not parse: " + err.Error())
	}
	return p
}

// ReadPrices reads a price list and checks that it can price a bill.
func ReadPrices(r io.Reader) (*PriceList, error) {
	var p PriceList
	dec := json.NewDecoder(io.LimitReader(r, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("the price list is not valid JSON of the expected shape: %w", err)
	}
	if p.Date == "" || p.Currency == "" {
		return nil, errors.New("the price list must state its date and currency")
	}
	if p.HoursPerMonth <= 0 {
		p.HoursPerMonth = 730
	}
	if len(p.Clouds) == 0 || len(p.Models) == 0 {
		return nil, errors.New("the price list names no cloud or no model")
	}
	for k, c := range p.Clouds {
		if len(c.Nodes) == 0 || len(c.Postgres) == 0 || len(c.Redis) == 0 {
			return nil, fmt.Errorf("cloud %q needs nodes, postgres and redis sizes", k)
		}
		for _, in := range slices.Concat(c.Nodes, c.Postgres, c.Redis) {
			if !(in.PerHour >= 0) || math.IsInf(in.PerHour, 0) {
				return nil, fmt.Errorf("cloud %q: %q has no valid hourly price", k, in.Name)
			}
		}
		for _, in := range c.Nodes {
			if !(in.VCPU > 0) || !(in.MemoryGB > 0) {
				return nil, fmt.Errorf("cloud %q: node %q needs vcpu and memoryGB", k, in.Name)
			}
		}
	}
	return &p, nil
}

// Usage is what users do and what it costs per session, from a load run.
type Usage struct {
	DailyUsers      float64 `json:"dailyUsers"`
	SessionsPerUser float64 `json:"sessionsPerUser"`
	// PeakFactor is the busiest hour's session rate over the day's mean.
	PeakFactor float64 `json:"peakFactor"`
	// Per session (one session files one case).
	RequestsPerSession   float64 `json:"requestsPerSession"`
	JudgeCallsPerSession float64 `json:"judgeCallsPerSession"`
	JudgeCallSeconds     float64 `json:"judgeCallSeconds"`
	InputTokensPerCase   float64 `json:"inputTokensPerCase"`
	OutputTokensPerCase  float64 `json:"outputTokensPerCase"`
	CPUSecondsPerSession float64 `json:"cpuSecondsPerSession"`
	DocumentBytesPerCase float64 `json:"documentBytesPerCase"`
	DatabaseBytesPerCase float64 `json:"databaseBytesPerCase"`
	EgressBytesPerSess   float64 `json:"egressBytesPerSession"`
	// StaticBytesPerSession is what the CDN serves a session (scripts,
	// styles, fonts on a first visit).
	StaticBytesPerSession float64 `json:"staticBytesPerSession"`
	LogBytesPerRequest    float64 `json:"logBytesPerRequest"`
	// RetentionMonths is how long documents are kept.
	RetentionMonths float64 `json:"retentionMonths"`
}

// Pod is how a pod is sized and scaled.
type Pod struct {
	// JudgeSlots is LLM_MAX_CONCURRENT; SlotTarget the share of them the
	// autoscaler keeps busy at the peak.
	JudgeSlots int     `json:"judgeSlots"`
	SlotTarget float64 `json:"slotTarget"`
	// CPU (vCPU) and MemoryGB are the pod's requests; CPUTarget the share
	// of its CPU request the autoscaler keeps busy.
	CPU       float64 `json:"cpu"`
	MemoryGB  float64 `json:"memoryGB"`
	CPUTarget float64 `json:"cpuTarget"`
	MinPods   int     `json:"minPods"`
	MinNodes  int     `json:"minNodes"`
	// Node names the node size in the cloud's list; empty takes the
	// second (2 vCPU, 8 GB in the shipped list).
	Node string `json:"node"`
	// SeriesPerPod and ScrapeSeconds size the metrics bill.
	SeriesPerPod  float64 `json:"seriesPerPod"`
	ScrapeSeconds float64 `json:"scrapeSeconds"`
	// HA doubles the managed database for a standby in another zone.
	HA bool `json:"ha"`
}

// Capacity is what the peak asks of the fleet.
type Capacity struct {
	PeakSessionsPerSecond float64 `json:"peakSessionsPerSecond"`
	PeakRequestsPerSecond float64 `json:"peakRequestsPerSecond"`
	PeakJudgeCallsPerSec  float64 `json:"peakJudgeCallsPerSecond"`
	// LLMRequestsPerMinute is what LLM_REQUESTS_PER_MINUTE (and the
	// provider's quota) must allow at the peak.
	LLMRequestsPerMinute float64 `json:"llmRequestsPerMinute"`
	PeakJudgeInFlight    float64 `json:"peakJudgeInFlight"`
	PodsForJudge         int     `json:"podsForJudge"`
	PodsForCPU           int     `json:"podsForCpu"`
	Pods                 int     `json:"pods"`
	// Bound names what decided the pod count: judge slots, CPU or the
	// minimum.
	Bound        string  `json:"bound"`
	Node         string  `json:"node"`
	PodsPerNode  int     `json:"podsPerNode"`
	Nodes        int     `json:"nodes"`
	SessionsMo   float64 `json:"sessionsPerMonth"`
	PostgresSize string  `json:"postgres"`
	RedisSize    string  `json:"redis"`
}

// Line is one item of the bill.
type Line struct {
	Item    string  `json:"item"`
	Detail  string  `json:"detail"`
	Monthly float64 `json:"monthly"`
	// Check is set when a price in it is one to verify.
	Check bool `json:"check,omitempty"`
}

// Bill is a month at one cloud with one model.
type Bill struct {
	Cloud    string   `json:"cloud"`
	Region   string   `json:"region"`
	Model    string   `json:"model"`
	Currency string   `json:"currency"`
	Prices   string   `json:"pricesDate"`
	Usage    Usage    `json:"usage"`
	Pod      Pod      `json:"pod"`
	Capacity Capacity `json:"capacity"`
	Lines    []Line   `json:"lines"`
	Total    float64  `json:"total"`
	// Infrastructure is the total without the LLM.
	Infrastructure float64 `json:"infrastructure"`
}

const (
	secondsPerDay  = 86400
	daysPerMonth   = 30.4
	secondsPerMoth = secondsPerDay * daysPerMonth
	gb             = 1e9
)

// Compute prices the month for u on cloud with model.
func Compute(p *PriceList, cloud, model string, u Usage, pod Pod) (*Bill, error) {
	c, ok := p.Clouds[cloud]
	if !ok {
		return nil, fmt.Errorf("the price list has no cloud %q (it has %s)", cloud, strings.Join(slices.Sorted(mapKeys(p.Clouds)), ", "))
	}
	m, ok := p.Models[model]
	if !ok {
		return nil, fmt.Errorf("the price list has no model %q (it has %s)", model, strings.Join(slices.Sorted(mapKeys(p.Models)), ", "))
	}
	if !(u.DailyUsers > 0) || u.DailyUsers > 1e9 {
		return nil, errors.New("daily users must be between 1 and 1,000,000,000")
	}
	if !(u.SessionsPerUser > 0) || !(u.PeakFactor >= 1) {
		return nil, errors.New("sessions per user must be positive and the peak factor at least 1")
	}
	if pod.JudgeSlots <= 0 || !(pod.SlotTarget > 0) || !(pod.CPU > 0) || !(pod.MemoryGB > 0) || !(pod.CPUTarget > 0) {
		return nil, errors.New("the pod needs judge slots, a slot target, CPU, memory and a CPU target")
	}
	node := c.Nodes[min(1, len(c.Nodes)-1)]
	if pod.Node != "" {
		i := slices.IndexFunc(c.Nodes, func(n Instance) bool { return n.Name == pod.Node })
		if i < 0 {
			return nil, fmt.Errorf("cloud %q has no node size %q", cloud, pod.Node)
		}
		node = c.Nodes[i]
	}
	h := p.HoursPerMonth
	b := &Bill{Cloud: c.Name, Region: c.Region, Model: model, Currency: p.Currency, Prices: p.Date, Usage: u, Pod: pod}
	k := &b.Capacity

	sessionsMo := u.DailyUsers * u.SessionsPerUser * daysPerMonth
	k.SessionsMo = sessionsMo
	k.PeakSessionsPerSecond = u.DailyUsers * u.SessionsPerUser * u.PeakFactor / secondsPerDay
	k.PeakRequestsPerSecond = k.PeakSessionsPerSecond * u.RequestsPerSession
	k.PeakJudgeCallsPerSec = k.PeakSessionsPerSecond * u.JudgeCallsPerSession
	k.LLMRequestsPerMinute = k.PeakJudgeCallsPerSec * 60
	// Little's law: calls in flight = arrival rate × time in the system.
	k.PeakJudgeInFlight = k.PeakJudgeCallsPerSec * u.JudgeCallSeconds
	k.PodsForJudge = int(math.Ceil(k.PeakJudgeInFlight / (float64(pod.JudgeSlots) * pod.SlotTarget)))
	k.PodsForCPU = int(math.Ceil(k.PeakSessionsPerSecond * u.CPUSecondsPerSession / (pod.CPU * pod.CPUTarget)))
	k.Pods, k.Bound = max(pod.MinPods, 1), "the minimum for availability"
	if k.PodsForJudge > k.Pods {
		k.Pods, k.Bound = k.PodsForJudge, "judge slots (LLM_MAX_CONCURRENT)"
	}
	if k.PodsForCPU > k.Pods {
		k.Pods, k.Bound = k.PodsForCPU, "CPU"
	}
	// A node keeps about 10 % of its CPU and 25 % of its memory for the
	// kubelet, the system pods and the eviction threshold.
	perNode := int(math.Min(math.Floor(node.VCPU*0.9/pod.CPU), math.Floor(node.MemoryGB*0.75/pod.MemoryGB)))
	if perNode < 1 {
		return nil, fmt.Errorf("a pod of %g vCPU and %g GB does not fit on a %s", pod.CPU, pod.MemoryGB, node.Name)
	}
	k.Node, k.PodsPerNode = node.Name, perNode
	k.Nodes = max(pod.MinNodes, int(math.Ceil(float64(k.Pods)/float64(perNode))), 1)

	add := func(item, detail string, monthly float64, check bool) {
		b.Lines = append(b.Lines, Line{item, detail, monthly, check})
	}
	add("Kubernetes control plane", fmt.Sprintf("1 cluster × %s/h", money(c.ClusterPerHour)), c.ClusterPerHour*h, false)
	add("nodes", fmt.Sprintf("%d × %s (%g vCPU, %g GB) × %s/h, for %d pods of %g vCPU / %g GB (%d per node)",
		k.Nodes, node.Name, node.VCPU, node.MemoryGB, money(node.PerHour), k.Pods, pod.CPU, pod.MemoryGB, perNode), float64(k.Nodes)*node.PerHour*h, node.Check)

	// The database and Redis grow a size with the peak: the smallest
	// sizes serve well past 100 requests/s of this mix (docs/CAPACITY.md).
	tier := 0
	switch {
	case k.PeakRequestsPerSecond > 2000:
		tier = 2
	case k.PeakRequestsPerSecond > 200:
		tier = 1
	}
	pg := c.Postgres[min(tier, len(c.Postgres)-1)]
	ha, haNote := 1.0, "single zone"
	if pod.HA && c.PostgresHAFactor > 0 {
		ha, haNote = c.PostgresHAFactor, "with a standby in another zone"
	}
	k.PostgresSize = pg.Name
	add("PostgreSQL (managed)", fmt.Sprintf("%s, %s, × %s/h", pg.Name, haNote, money(pg.PerHour)), pg.PerHour*h*ha, pg.Check)
	dbGB := math.Max(20, sessionsMo*u.RetentionMonths*u.DatabaseBytesPerCase/gb)
	add("PostgreSQL storage", fmt.Sprintf("%.0f GB (%s a case for %g months, at least 20 GB) × %s", dbGB, bytes(u.DatabaseBytesPerCase), u.RetentionMonths, money(c.PostgresStorageGBMonth)),
		dbGB*c.PostgresStorageGBMonth*ha, false)
	rtier := 0
	if k.PeakRequestsPerSecond > 2000 {
		rtier = 1
	}
	rd := c.Redis[min(rtier, len(c.Redis)-1)]
	k.RedisSize = rd.Name
	add("Redis (managed)", fmt.Sprintf("%s × %s/h", rd.Name, money(rd.PerHour)), rd.PerHour*h, rd.Check)

	docGB := sessionsMo * u.RetentionMonths * u.DocumentBytesPerCase / gb
	add("object storage (documents)", fmt.Sprintf("%.1f GB stored (%s a case, kept %g months) × %s", docGB, bytes(u.DocumentBytesPerCase), u.RetentionMonths, money(c.ObjectStorageGBMonth)),
		docGB*c.ObjectStorageGBMonth, false)
	egressGB := sessionsMo * u.EgressBytesPerSess / gb
	add("egress", fmt.Sprintf("%.1f GB (%s a session) × %s", egressGB, bytes(u.EgressBytesPerSess), money(c.EgressPerGB)), egressGB*c.EgressPerGB, c.EgressCheck)
	lbGB := egressGB + sessionsMo*u.DocumentBytesPerCase/gb
	add("load balancer", fmt.Sprintf("1 × %s/h + %.1f GB processed × %s", money(c.LoadBalancerPerHour), lbGB, money(c.LoadBalancerPerGB)),
		c.LoadBalancerPerHour*h+lbGB*c.LoadBalancerPerGB, false)
	cdnGB := sessionsMo * u.StaticBytesPerSession / gb
	add("CDN (static assets)", fmt.Sprintf("%.1f GB (%s a session) × %s", cdnGB, bytes(u.StaticBytesPerSession), money(c.CDNPerGB)), cdnGB*c.CDNPerGB, c.CDNCheck)
	logGB := sessionsMo * u.RequestsPerSession * u.LogBytesPerRequest / gb
	add("logs", fmt.Sprintf("%.1f GB (%.0f requests a session, %s a request) × %s", logGB, u.RequestsPerSession, bytes(u.LogBytesPerRequest), money(c.LogsPerGB)), logGB*c.LogsPerGB, c.LogsCheck)
	samples := float64(k.Pods) * pod.SeriesPerPod * secondsPerMoth / pod.ScrapeSeconds / 1e6
	add("metrics", fmt.Sprintf("%.0f M samples (%d pods × %.0f series every %gs) × %s per million", samples, k.Pods, pod.SeriesPerPod, pod.ScrapeSeconds, money(c.MetricsPerMillionSamples)),
		samples*c.MetricsPerMillionSamples, c.MetricsCheck)
	b.Infrastructure = sum(b.Lines)
	in, out := sessionsMo*u.InputTokensPerCase/1e6, sessionsMo*u.OutputTokensPerCase/1e6
	add("LLM ("+model+")", fmt.Sprintf("%.0f M input tokens × %s + %.0f M output tokens × %s per million (%.0f cases)",
		in, money(m.InputPerMillion), out, money(m.OutputPerMillion), sessionsMo), in*m.InputPerMillion+out*m.OutputPerMillion, false)
	b.Total = sum(b.Lines)
	return b, nil
}

func sum(ls []Line) float64 {
	var t float64
	for _, l := range ls {
		t += l.Monthly
	}
	return t
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func money(v float64) string {
	if v < 1 {
		return fmt.Sprintf("$%.4g", v)
	}
	return fmt.Sprintf("$%.2f", v)
}

func bytes(v float64) string {
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%.1f MB", v/1e6)
	case v >= 1e3:
		return fmt.Sprintf("%.0f kB", v/1e3)
	}
	return fmt.Sprintf("%.0f B", v)
}

// WriteText writes the bill as a Markdown table with the capacity that
// sized it.
func (b *Bill) WriteText(w io.Writer) error {
	var s strings.Builder
	k := b.Capacity
	fmt.Fprintf(&s, "%s, %s, %s — %.0f daily users, prices of %s (%s)\n\n", b.Cloud, b.Region, b.Model, b.Usage.DailyUsers, b.Prices, b.Currency)
	fmt.Fprintf(&s, "Peak hour: %.3g sessions/s, %.3g requests/s, %.3g judge calls/s (LLM_REQUESTS_PER_MINUTE ≥ %.0f), %.0f judge calls in flight.\n",
		k.PeakSessionsPerSecond, k.PeakRequestsPerSecond, k.PeakJudgeCallsPerSec, math.Ceil(k.LLMRequestsPerMinute), math.Ceil(k.PeakJudgeInFlight))
	fmt.Fprintf(&s, "Pods: %d (judge slots need %d, CPU needs %d; bound by %s) on %d × %s.\n\n", k.Pods, k.PodsForJudge, k.PodsForCPU, k.Bound, k.Nodes, k.Node)
	s.WriteString("| item | detail | per month |\n|---|---|---|\n")
	for _, l := range b.Lines {
		mark := ""
		if l.Check {
			mark = " (price to check)"
		}
		fmt.Fprintf(&s, "| %s | %s%s | $%s |\n", l.Item, l.Detail, mark, thousands(l.Monthly))
	}
	fmt.Fprintf(&s, "| **infrastructure** | | **$%s** |\n| **total** | | **$%s** |\n", thousands(b.Infrastructure), thousands(b.Total))
	_, err := io.WriteString(w, s.String())
	return err
}

// thousands formats a whole amount with thousands separators.
func thousands(v float64) string {
	n := int64(math.Round(v))
	neg := n < 0
	if neg {
		n = -n
	}
	d := fmt.Sprint(n)
	var out []byte
	for i, c := range []byte(d) {
		if i > 0 && (len(d)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, c)
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
