package loadgen

import (
	"math"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

func TestCheckLoopback(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:3001", true},
		{"http://127.5.6.7", true},
		{"http://[::1]:8080", true},
		{"http://localhost:3001", true},
		{"https://127.0.0.1", true},
		{"http://10.0.0.1", false},
		{"http://192.168.1.1:80", false},
		{"http://172.16.0.1", false},
		{"http://8.8.8.8", false},
		{"http://[::]:80", false},
		{"http://0.0.0.0:80", false},
		{"http://example.com", false},
		{"http://127.0.0.1.example.com", false},
		{"ftp://127.0.0.1", false},
		{"127.0.0.1:3001", false},
		{"", false},
	} {
		if err := CheckLoopback(tt.url); (err == nil) != tt.ok {
			t.Errorf("%q: %v, want ok=%v", tt.url, err, tt.ok)
		}
	}
}

func TestRateForUsers(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ dau, per, peak, want float64 }{
		{10000, 1, 3, 0.347},
		{86400, 1, 1, 1},
		{1e6, 2, 4, 92.6},
	} {
		if got := RateForUsers(tt.dau, tt.per, tt.peak); math.Abs(got-tt.want) > 0.001*tt.want {
			t.Errorf("RateForUsers(%v, %v, %v) = %v, want %v", tt.dau, tt.per, tt.peak, got, tt.want)
		}
	}
}

func TestConfigBounds(t *testing.T) {
	t.Parallel()
	ok := Config{Target: "http://127.0.0.1:1", Rate: 1, Duration: time.Second, MaxSessions: 1}
	for name, change := range map[string]func(*Config){
		"no rate":        func(c *Config) { c.Rate = 0 },
		"endless":        func(c *Config) { c.Duration = 2 * time.Hour },
		"no sessions":    func(c *Config) { c.MaxSessions = 0 },
		"six arguments":  func(c *Config) { c.Arguments = 6 },
		"remote replica": func(c *Config) { c.Replicas = []string{"http://10.1.2.3:80"} },
	} {
		c := ok
		change(&c)
		if err := c.defaults(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if err := ok.defaults(); err != nil {
		t.Errorf("a good config: %v", err)
	}
}

func TestStreamRead(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		body   string
		result bool
		status int
		err    bool
	}{
		{"event: delta\ndata: {\"text\":\"a\"}\n\nevent: result\ndata: {}\n\n", true, 0, false},
		{"event: error\ndata: {\"status\":429,\"error\":\"busy\"}\n\n", false, 429, false},
		{"event: error\ndata: not json\n\n", false, 500, false},
		{"event: delta\ndata: {}\n\n", false, 0, true},
	} {
		var st streamResult
		err := st.read(strings.NewReader(tt.body), time.Now())
		if st.result != tt.result || st.errStatus != tt.status || (err != nil) != tt.err {
			t.Errorf("%q: %+v %v", tt.body, st, err)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	for v, want := range map[string]time.Duration{"5": 5 * time.Second, " 0 ": 0} {
		h := http.Header{"Retry-After": {v}}
		if got, ok := retryAfter(h); !ok || got != want {
			t.Errorf("%q: %v %v", v, got, ok)
		}
	}
	for _, v := range []string{"", "-1", "soon", "Wed, 21 Oct 2015 07:28:00 GMT"} {
		if _, ok := retryAfter(http.Header{"Retry-After": {v}}); ok {
			t.Errorf("%q accepted", v)
		}
	}
}

// FuzzStreamRead feeds the event-stream reader whatever a server might
// send: it must end without panicking.
func FuzzStreamRead(f *testing.F) {
	f.Add("event: result\ndata: {}\n\n")
	f.Add("event: error\ndata: {\"status\":503}\n\n")
	f.Add("data: x\n")
	f.Fuzz(func(t *testing.T, body string) {
		var st streamResult
		_ = st.read(strings.NewReader(body), time.Now())
		if st.errored && st.errStatus < 400 {
			t.Fatalf("error event with status %d", st.errStatus)
		}
	})
}

func TestSessionAddress(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for n := range 70000 {
		ip := sessionAddress(n)
		if !ip.IsLoopback() || seen[ip.String()] {
			t.Fatalf("session %d: %s", n, ip)
		}
		seen[ip.String()] = true
	}
}

func TestSelfCPUSeconds(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc")
	}
	a := selfCPUSeconds()
	for x, i := 0, 0; i < 50_000_000; i++ {
		x += i
		_ = x
	}
	if b := selfCPUSeconds(); a <= 0 && b <= 0 || b < a {
		t.Errorf("CPU %v then %v", a, b)
	}
}
