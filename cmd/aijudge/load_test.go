package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/llm/llmtest"
	"github.com/aijudge/aijudge/internal/loadgen"
)

// TestLoadSessions plays a few whole sessions of `aijudge load` against
// one real server in accounts mode, judged through the OpenAI wire
// protocol by a fake with a short latency, and checks that every step of
// a session succeeded and was measured, and that the replica's own
// metrics were read.
func TestLoadSessions(t *testing.T) {
	t.Parallel()
	fake := llmtest.NewOpenAI(llmtest.Key)
	t.Cleanup(fake.Close)
	fake.SetRecording(false)
	fake.SetLoad(&llmtest.Load{MinLatency: 50 * time.Millisecond, MaxLatency: 150 * time.Millisecond, OutputTokens: llmtest.DefaultOutputTokens()})
	base, _ := startServer(t, map[string]string{
		"LLM_PROVIDER": "openai", "OPENAI_API_KEY": llmtest.Key, "OPENAI_BASE_URL": fake.BaseURL(), "OPENAI_MODEL": "gpt-4o-mini",
		"RATE_LIMIT_MAX_REQUESTS": "100000", "JUDGE_RATE_LIMIT_MAX_REQUESTS": "100000", "LLM_REQUESTS_PER_MINUTE": "100000",
		"LOG_LEVEL": "warn",
	})
	base = strings.Replace(base, "[::]", "127.0.0.1", 1)
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), &env{args: []string{"load", "-target", base, "-replicas", metricsBase(t, base), "-rate", "4", "-duration", "2s", "-sessions", "4",
		"-arguments", "2", "-revisits", "1", "-think", "20ms", "-drain", "60s", "-slo-p99", "1m", "-json", filepath.Join(dir, "r.json")},
		getenv: environ(nil), stdout: &stdout, stderr: &stderr})
	if err != nil {
		t.Fatalf("load: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, "r.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r loadgen.Report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	if r.Sessions.Started == 0 || r.Sessions.Completed != r.Sessions.Started || r.Errors != 0 || !r.Pass {
		t.Fatalf("sessions %+v, %d errors, pass %v\n%s", r.Sessions, r.Errors, r.Pass, stdout.String())
	}
	want := map[string]int64{
		"POST /api/auth/register": 1, "POST /api/auth/login": 1, "POST /api/cases (multipart, 5 documents)": 1,
		"GET /cases/{id} (page)": 2, "POST /api/cases/{id}/judgment (stream)": 1, "POST /api/cases/{id}/arguments": 2,
		"GET /api/cases/{id}/arguments": 2, "POST /api/cases/{id}/final-verdict": 1, "GET /cases/{id}/verdict.pdf": 1,
		"GET /api/cases/{id}": 1, "POST /api/cases/{id}/judgment (cached)": 1, "GET /cases/{id}/verdict (page)": 1,
	}
	for _, e := range r.Endpoints {
		n, ok := want[e.Endpoint]
		if !ok {
			t.Errorf("unexpected endpoint %q", e.Endpoint)
			continue
		}
		delete(want, e.Endpoint)
		if e.Latency.Count != n*r.Sessions.Started || e.Latency.P99ms <= 0 {
			t.Errorf("%s: %+v, want %d per session", e.Endpoint, e.Latency, n)
		}
	}
	for ep := range want {
		t.Errorf("%s was not called", ep)
	}
	j := r.Judge
	if j.Calls["ok"] != float64(4*r.Sessions.Started) || j.OutputTokensPerCase < 3000 || j.InputTokensPerCase <= 0 {
		t.Errorf("judge: %+v", j)
	}
	if r.Writes.Cases != int(r.Sessions.Started) || r.Writes.Arguments != 2*r.Writes.Cases || r.Writes.Lost != 0 {
		t.Errorf("writes read back: %+v", r.Writes)
	}
	if r.ReceivedBytesPerSession < 10000 || r.FiledBytesPerCase < 8000 {
		t.Errorf("bytes: %.0f received per session, %.0f filed per case", r.ReceivedBytesPerSession, r.FiledBytesPerCase)
	}
	if rep := r.Replicas[0]; !rep.Up || rep.CPUSeconds <= 0 || rep.MaxRSSBytes <= 0 || rep.Cache["memory/hit"] == 0 {
		t.Errorf("replica: %+v", rep)
	}
	if !strings.Contains(stdout.String(), "| objective |") {
		t.Errorf("no Markdown report:\n%s", stdout.String())
	}
}

func TestLoadRefusesOtherHosts(t *testing.T) {
	t.Parallel()
	for _, target := range []string{"http://10.0.0.1:8080", "http://example.com", "http://192.168.1.2", "ftp://127.0.0.1"} {
		err := run(context.Background(), &env{args: []string{"load", "-target", target, "-rate", "1", "-duration", "1s"},
			getenv: environ(nil), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}})
		if err == nil || exitCode(err) != 2 {
			t.Errorf("%s: %v, want a usage error", target, err)
		}
	}
}
