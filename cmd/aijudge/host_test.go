package main

import (
	"bytes"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// The embedded default listens on this machine only; open mode on every
// interface says loudly that every case is open to the network.
func TestListenAddress(t *testing.T) {
	t.Parallel()
	var quiet bytes.Buffer
	base, stop := startServerLogs(t, map[string]string{"AUTH_MODE": "open"}, &quiet)
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Errorf("the default listens on %s, want 127.0.0.1", base)
	}
	stop()
	if strings.Contains(quiet.String(), "AUTH_MODE=open on a network address") {
		t.Error("warned about open mode on loopback")
	}

	var loud bytes.Buffer
	_, stop = startServerLogs(t, map[string]string{"AUTH_MODE": "open", "HOST": "0.0.0.0"}, &loud)
	stop()
	if !strings.Contains(loud.String(), `"level":"WARN","msg":"AUTH_MODE=open on a network address`) {
		t.Errorf("no warning for open mode on 0.0.0.0:\n%s", loud.String())
	}
}

// With METRICS_ADDR, /metrics is served there and not on the
// application's port.
func TestMetricsListener(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	base, stop := startServerLogs(t, map[string]string{"AUTH_MODE": "open", "METRICS_ADDR": "127.0.0.1:0"}, &logs)
	defer stop()
	if res, err := http.Get(base + "/metrics"); err != nil || res.StatusCode != http.StatusNotFound {
		t.Fatalf("/metrics on the application's port: %v %v", res, err)
	}
	re := regexp.MustCompile(`"msg":"metrics listening","addr":"([^"]+)"`)
	m := re.FindStringSubmatch(logs.String())
	for deadline := time.Now().Add(5 * time.Second); m == nil && time.Now().Before(deadline); m = re.FindStringSubmatch(logs.String()) {
		time.Sleep(20 * time.Millisecond) // the log is written in batches
	}
	if m == nil {
		t.Fatalf("no metrics listener in the logs:\n%s", logs.String())
	}
	res, err := http.Get("http://" + m[1] + "/metrics")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("/metrics on METRICS_ADDR: %v %v", res, err)
	}
	res.Body.Close()
}

// syncBuffer is a log destination the server and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }
