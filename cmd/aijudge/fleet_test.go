package main

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/testenv"
)

// TestFleetSmoke runs scripts/fleet.sh smoke: three replicas behind
// HAProxy on PostgreSQL and Redis, judged by the provider fake, a short
// bounded load run through the load balancer, and the clean stop. It
// checks that the run passed its objectives and that nothing was left:
// no process listening on the fleet's ports, no database, no directory.
func TestFleetSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("the fleet smoke run takes about a minute")
	}
	if _, err := exec.LookPath("haproxy"); err != nil {
		testenv.Missing(t, "haproxy (apt-get install haproxy)", err)
	}
	machineRedis(t)
	pg, err := url.Parse(testenv.PostgresURL())
	if err != nil {
		t.Fatal(err)
	}
	if c, err := net.DialTimeout("tcp", pg.Host, time.Second); err != nil {
		testenv.Missing(t, "PostgreSQL at "+pg.Host, err)
	} else {
		c.Close()
	}
	pg.Path, pg.RawQuery = "", ""
	// The load balancer, three replicas and their metrics listeners.
	ports := []int{0, 1, 2, 3, 201, 202, 203}
	port := freePortRun(t, ports...)
	dir := filepath.Join(t.TempDir(), "fleet")
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "../../scripts/fleet.sh", "smoke")
	cmd.Env = append(os.Environ(), "FLEET_DIR="+dir, fmt.Sprintf("FLEET_PORT=%d", port), "PGURL="+pg.String(),
		"REDIS_URL="+testenv.RedisURL(), "FLEET_LIFETIME=300")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("fleet.sh smoke: %v\n%s", err, out)
	}
	// Each replica's metrics were read on its own listener.
	for i := 1; i <= 3; i++ {
		if want := fmt.Sprintf("| http://127.0.0.1:%d | true |", port+200+i); !strings.Contains(string(out), want) {
			t.Errorf("replica %d's metrics were not read (no %q):\n%s", i, want, out)
		}
	}
	for _, want := range []string{"fleet up: ", ": PASS", "fleet down"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("no %q in the output:\n%s", want, out)
		}
	}
	for _, i := range ports {
		if c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port+i), 200*time.Millisecond); err == nil {
			c.Close()
			t.Errorf("port %d still listens after the stop", port+i)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s is still there: %v", dir, err)
	}
}

// freePortRun finds a port on 127.0.0.1 that is free, with base+off for
// every offset.
func freePortRun(t *testing.T, offsets ...int) int {
	t.Helper()
	for try := 0; try < 50; try++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		base := l.Addr().(*net.TCPAddr).Port
		l.Close()
		if base+slices.Max(offsets) > 65535 {
			continue
		}
		ok := true
		for _, off := range offsets {
			if off == 0 {
				continue
			}
			c, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", base+off))
			if err != nil {
				ok = false
				break
			}
			c.Close()
		}
		if ok {
			return base
		}
	}
	t.Fatal("no run of free ports")
	return 0
}
