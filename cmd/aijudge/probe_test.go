package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
)

// TestProbe asks a running server, a port nobody listens on, and a
// malformed PORT: exit statuses 0, 1 and 2.
func TestProbe(t *testing.T) {
	t.Parallel()
	base, _ := startServer(t, map[string]string{"AUTH_MODE": "open"})
	port := base[strings.LastIndex(base, ":")+1:]
	probeWith := func(port string, args ...string) (string, error) {
		var out bytes.Buffer
		err := run(context.Background(), &env{args: append([]string{"probe"}, args...),
			getenv: environ(map[string]string{"PORT": port}), stdout: &out, stderr: io.Discard})
		return out.String(), err
	}
	if out, err := probeWith(port); err != nil || !strings.Contains(out, "200 OK") {
		t.Errorf("probe of a ready server: %v %q", err, out)
	}
	if _, err := probeWith(port, "--path", "/livez"); err != nil {
		t.Errorf("probe --path /livez: %v", err)
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	if _, err := probeWith(closed); err == nil || exitCode(err) != 1 {
		t.Errorf("probe of a closed port: %v", err)
	}
	if _, err := probeWith(port, "--path", "/no/such/page"); err == nil || exitCode(err) != 1 {
		t.Errorf("probe of a path that answers 404: %v", err)
	}
	if _, err := probeWith("http"); exitCode(err) != 2 {
		t.Errorf("probe with PORT=http: %v", err)
	}
}
