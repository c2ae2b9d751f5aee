package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/config"
	"github.com/aijudge/aijudge/internal/testenv"
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
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(base, "http://"))
	v6 := "http://[::1]:" + port
	if hasIPv6(t) {
		if res, err := http.Get(v6 + "/livez"); err != nil || res.StatusCode != 200 {
			t.Errorf("the default does not serve ::1 on the same port: %v %v", res, err)
		} else {
			res.Body.Close()
		}
	}
	quick := &http.Client{Timeout: time.Second}
	if res, err := quick.Get(strings.Replace(base, "127.0.0.1", firstAddress(t), 1) + "/livez"); err == nil {
		res.Body.Close()
		t.Errorf("the default answers on a network address: %d", res.StatusCode)
	}
	stop()

	// HOST=127.0.0.1 is that address alone.
	base, stop = startServer(t, map[string]string{"AUTH_MODE": "open", "HOST": "127.0.0.1"})
	_, port, _ = net.SplitHostPort(strings.TrimPrefix(base, "http://"))
	if res, err := http.Get("http://[::1]:" + port + "/livez"); err == nil {
		res.Body.Close()
		t.Errorf("HOST=127.0.0.1 also serves ::1")
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

// /metrics is served on METRICS_ADDR alone, never on the application's
// port, also when the listener is off.
func TestMetricsListener(t *testing.T) {
	t.Parallel()
	base, stop := startServer(t, map[string]string{"AUTH_MODE": "open"})
	defer stop()
	if res, err := http.Get(base + "/metrics"); err != nil || res.StatusCode != http.StatusNotFound {
		t.Fatalf("/metrics on the application's port: %v %v", res, err)
	}
	res, err := http.Get(metricsBase(t, base) + "/metrics")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("/metrics on METRICS_ADDR: %v %v", res, err)
	}
	res.Body.Close()

	var logs testenv.Buffer
	base, stop = startServerLogs(t, map[string]string{"AUTH_MODE": "open", "METRICS_ADDR": "off"}, &logs)
	defer stop()
	if res, err := http.Get(base + "/metrics"); err != nil || res.StatusCode != http.StatusNotFound {
		t.Fatalf("/metrics on the application's port with METRICS_ADDR=off: %v %v", res, err)
	}
	if _, ok := metricsOf.Load(base); ok || strings.Contains(logs.String(), "metrics listening") {
		t.Errorf("METRICS_ADDR=off started a metrics listener:\n%s", logs.String())
	}
}

// The default METRICS_ADDR, 127.0.0.1:9090, may be taken on a developer's
// machine (by Prometheus itself): the service starts without metrics and
// says so. An address asked for by name that cannot be had stops it.
func TestMetricsAddrTaken(t *testing.T) {
	// Not parallel: it holds 127.0.0.1:9090 for a moment.
	held, err := net.Listen("tcp", config.DefaultMetricsAddr)
	if err != nil {
		t.Skipf("%s is in use here: %v", config.DefaultMetricsAddr, err)
	}
	defer held.Close()
	var logs testenv.Buffer
	_, stop := startServerLogs(t, map[string]string{"AUTH_MODE": "open", "METRICS_ADDR": config.DefaultMetricsAddr}, &logs)
	stop()
	if !strings.Contains(logs.String(), `"level":"WARN","msg":"metrics not served: METRICS_ADDR=127.0.0.1:9090`) {
		t.Errorf("no warning for a taken default:\n%s", logs.String())
	}

	other, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	vars := map[string]string{"AUTH_MODE": "open", "PORT": "0", "DATA_DIR": t.TempDir(), "METRICS_ADDR": other.Addr().String()}
	err = run(context.Background(), &env{getenv: environ(vars), stdout: io.Discard, stderr: io.Discard})
	if err == nil || !strings.HasPrefix(err.Error(), "METRICS_ADDR="+other.Addr().String()) {
		t.Errorf("a taken METRICS_ADDR asked for by name: %v", err)
	}
}

// hasIPv6 reports whether this machine can listen on ::1; without it the
// default serves 127.0.0.1 alone, as it should.
func hasIPv6(t *testing.T) bool {
	ln, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		t.Logf("no ::1 here (%v): its half of the check is skipped", err)
		return false
	}
	ln.Close()
	return true
}

// firstAddress returns an address of this machine that is not loopback,
// or one nothing answers on.
func firstAddress(t *testing.T) string {
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			return n.IP.String()
		}
	}
	return "192.0.2.1" // TEST-NET-1: nothing answers
}
