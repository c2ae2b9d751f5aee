package main

import (
	"bytes"
	"strings"
	"testing"
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
