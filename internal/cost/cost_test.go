package cost

import (
	"math"
	"os"
	"strings"
	"testing"
)

func testPrices(t *testing.T) *PriceList {
	t.Helper()
	f, err := os.Open("testdata/prices.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := ReadPrices(f)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// usage is 86,400 daily users with round per-session figures: one
// session a second on average, 30.4 × 86,400 = 2,626,560 a month.
func usage() Usage {
	return Usage{
		DailyUsers: 86400, SessionsPerUser: 1, PeakFactor: 2,
		RequestsPerSession: 10, JudgeCallsPerSession: 4, JudgeCallSeconds: 10,
		InputTokensPerCase: 1000, OutputTokensPerCase: 100, CPUSecondsPerSession: 0.5,
		DocumentBytesPerCase: 1e6, DatabaseBytesPerCase: 1e4, EgressBytesPerSess: 1e5,
		StaticBytesPerSession: 1e5, LogBytesPerRequest: 100, RetentionMonths: 1,
	}
}

func pod() Pod {
	return Pod{JudgeSlots: 10, SlotTarget: 0.5, CPU: 0.5, MemoryGB: 1, CPUTarget: 0.5, MinPods: 2, MinNodes: 2,
		SeriesPerPod: 100, ScrapeSeconds: 30, HA: true}
}

func line(t *testing.T, b *Bill, item string) float64 {
	t.Helper()
	for _, l := range b.Lines {
		if l.Item == item {
			return l.Monthly
		}
	}
	t.Fatalf("no line %q in %+v", item, b.Lines)
	return 0
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }

func TestCompute(t *testing.T) {
	t.Parallel()
	p := testPrices(t)
	const sessions = 86400 * 30.4
	for _, tt := range []struct {
		name   string
		change func(*Usage, *Pod)
		pods   int
		bound  string
		nodes  int
		lines  map[string]float64
	}{
		{
			// 2 sessions/s at the peak × 4 calls × 10 s = 80 in flight;
			// 80 / (10 × 0.5) = 16 pods. CPU: 2 × 0.5 / 0.25 = 4 pods.
			// 16 pods of 0.5 vCPU / 1 GB: medium fits min(3, 6) = 3.
			name: "judge-bound", pods: 16, bound: "judge slots (LLM_MAX_CONCURRENT)", nodes: 6,
			lines: map[string]float64{
				"Kubernetes control plane":   100,
				"nodes":                      6 * 0.1 * 1000,
				"PostgreSQL (managed)":       0.1 * 1000 * 2,                           // 20 req/s: the small size, HA
				"PostgreSQL storage":         math.Max(20, sessions*1e4/1e9) * 0.1 * 2, // 26.3 GB
				"Redis (managed)":            10,
				"object storage (documents)": sessions * 1e6 / 1e9 * 0.02,
				"egress":                     sessions * 1e5 / 1e9 * 0.1,
				"load balancer":              20 + (sessions*1e5/1e9+sessions*1e6/1e9)*0.01,
				"CDN (static assets)":        sessions * 1e5 / 1e9 * 0.1,
				"logs":                       sessions * 10 * 100 / 1e9 * 0.5,
				"metrics":                    16 * 100 * 86400 * 30.4 / 30 / 1e6 * 0.1,
				"LLM (m)":                    sessions * (1000*1 + 100*10) / 1e6,
			},
		},
		{
			name: "CPU-bound", change: func(u *Usage, _ *Pod) { u.CPUSecondsPerSession = 5 },
			pods: 40, bound: "CPU", nodes: 14,
		},
		{
			name: "minimum", change: func(u *Usage, _ *Pod) { u.DailyUsers = 100 },
			pods: 2, bound: "the minimum for availability", nodes: 2,
			lines: map[string]float64{"PostgreSQL storage": 20 * 0.1 * 2},
		},
		{
			name: "no standby, large nodes", change: func(_ *Usage, p *Pod) { p.HA = false; p.Node = "large" },
			pods: 16, bound: "judge slots (LLM_MAX_CONCURRENT)", nodes: 3, // 4 vCPU: min(7, 12) = 7 a node
			lines: map[string]float64{"PostgreSQL (managed)": 100, "nodes": 3 * 0.2 * 1000},
		},
		{
			// 100× the users: 2,000 req/s at the peak picks the middle
			// database; over 2,000 the large one and the large Redis.
			name: "big", change: func(u *Usage, _ *Pod) { u.DailyUsers = 86400 * 101 },
			pods: 1616, bound: "judge slots (LLM_MAX_CONCURRENT)", nodes: 539,
			lines: map[string]float64{"PostgreSQL (managed)": 0.4 * 1000 * 2, "Redis (managed)": 100},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			u, pd := usage(), pod()
			if tt.change != nil {
				tt.change(&u, &pd)
			}
			b, err := Compute(p, "test", "m", u, pd)
			if err != nil {
				t.Fatal(err)
			}
			if b.Capacity.Pods != tt.pods || b.Capacity.Bound != tt.bound || b.Capacity.Nodes != tt.nodes {
				t.Errorf("capacity %+v, want %d pods bound by %s on %d nodes", b.Capacity, tt.pods, tt.bound, tt.nodes)
			}
			for item, want := range tt.lines {
				if got := line(t, b, item); !near(got, want) {
					t.Errorf("%s: %.4f, want %.4f", item, got, want)
				}
			}
			var total float64
			for _, l := range b.Lines {
				total += l.Monthly
			}
			if !near(b.Total, total) || !near(b.Infrastructure, total-line(t, b, "LLM (m)")) {
				t.Errorf("total %.2f, infrastructure %.2f, lines %.2f", b.Total, b.Infrastructure, total)
			}
		})
	}
}

func TestComputeRefuses(t *testing.T) {
	t.Parallel()
	p := testPrices(t)
	for name, f := range map[string]func(*Usage, *Pod) (string, string){
		"unknown cloud": func(*Usage, *Pod) (string, string) { return "moon", "m" },
		"unknown model": func(*Usage, *Pod) (string, string) { return "test", "gpt-9" },
		"no users":      func(u *Usage, _ *Pod) (string, string) { u.DailyUsers = 0; return "test", "m" },
		"NaN users":     func(u *Usage, _ *Pod) (string, string) { u.DailyUsers = math.NaN(); return "test", "m" },
		"peak below 1":  func(u *Usage, _ *Pod) (string, string) { u.PeakFactor = 0.5; return "test", "m" },
		"no slots":      func(_ *Usage, p *Pod) (string, string) { p.JudgeSlots = 0; return "test", "m" },
		"pod too big":   func(_ *Usage, p *Pod) (string, string) { p.CPU = 3; return "test", "m" },
		"unknown node":  func(_ *Usage, p *Pod) (string, string) { p.Node = "huge"; return "test", "m" },
	} {
		u, pd := usage(), pod()
		cloud, model := f(&u, &pd)
		if _, err := Compute(p, cloud, model, u, pd); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestReadPricesRefuses(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"not JSON":      "{",
		"unknown field": `{"date":"x","currency":"USD","clouds":{},"models":{},"extra":1}`,
		"undated":       `{"currency":"USD","clouds":{"a":{}},"models":{"m":{}}}`,
		"no sizes":      `{"date":"x","currency":"USD","clouds":{"a":{"name":"A"}},"models":{"m":{}}}`,
	} {
		if _, err := ReadPrices(strings.NewReader(body)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestDefaultPrices(t *testing.T) {
	t.Parallel()
	p := DefaultPrices()
	for _, c := range []string{"aws", "gcp", "azure"} {
		b, err := Compute(p, c, "gpt-4o-mini", withUsers(MeasuredUsage(), 10000), DefaultPod())
		if err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		if b.Total <= b.Infrastructure || b.Infrastructure <= 0 || len(p.Clouds[c].Sources) == 0 {
			t.Errorf("%s: %+v", c, b)
		}
	}
}

func withUsers(u Usage, n float64) Usage { u.DailyUsers = n; return u }

// FuzzReadPrices: a price list is a file users supply; any bytes must
// give a list or an error, never a panic, and a list that reads must
// price a bill or refuse it.
func FuzzReadPrices(f *testing.F) {
	b, _ := os.ReadFile("testdata/prices.json")
	f.Add(string(b))
	f.Add(`{"date":"x","currency":"USD","clouds":{"a":{"nodes":[{"name":"n","vcpu":-1,"memoryGB":1,"perHour":1}],"postgres":[{}],"redis":[{}]}},"models":{"m":{}}}`)
	f.Fuzz(func(t *testing.T, body string) {
		p, err := ReadPrices(strings.NewReader(body))
		if err != nil {
			return
		}
		for c := range p.Clouds {
			for m := range p.Models {
				_, _ = Compute(p, c, m, withUsers(MeasuredUsage(), 1000), DefaultPod())
			}
		}
	})
}
