package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// environ returns a getenv over vars only, so tests never see the
// machine's environment.
func environ(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// startServer runs the real program in-process on a free port and returns
// its base URL and a function that stops it and returns run's error.
func startServer(t *testing.T, vars map[string]string) (string, func() error) {
	t.Helper()
	return startServerLogs(t, vars, io.Discard)
}

// startServerLogs is startServer with the server's log lines going to logs.
func startServerLogs(t *testing.T, vars map[string]string, logs io.Writer) (string, func() error) {
	t.Helper()
	if vars == nil {
		vars = map[string]string{}
	}
	vars["PORT"] = "0"
	if vars["DATA_DIR"] == "" {
		vars["DATA_DIR"] = t.TempDir()
	}
	// Tests run in parallel: each its own metrics port, never 9090.
	if _, ok := vars["METRICS_ADDR"]; !ok {
		vars["METRICS_ADDR"] = "127.0.0.1:0"
	}
	ctx, cancel := context.WithCancel(context.Background())
	listening, metricsAt := make(chan string, 1), make(chan string, 1)
	done := make(chan error, 1)
	e := &env{getenv: environ(vars), stdout: &syncWriter{w: logs}, stderr: io.Discard, listening: listening, metricsListening: metricsAt}
	go func() { done <- run(ctx, e) }()
	select {
	case addr := <-listening:
		select { // sent before the application's address, when at all
		case m := <-metricsAt:
			metricsOf.Store("http://"+addr, "http://"+m)
		default:
		}
		stop := sync.OnceValue(func() error {
			cancel()
			select {
			case err := <-done:
				return err
			case <-time.After(30 * time.Second):
				return errors.New("the server did not stop within 30 s")
			}
		})
		t.Cleanup(func() { stop() })
		return "http://" + addr, stop
	case err := <-done:
		cancel()
		t.Fatalf("the server did not start: %v", err)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("the server did not start in time")
	}
	return "", nil
}

func TestServeEndToEnd(t *testing.T) {
	t.Parallel()
	base, stop := startServer(t, map[string]string{"AUTH_MODE": "open"})
	post := func(path, body string) map[string]any {
		t.Helper()
		res, err := http.Post(base+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var out map[string]any
		json.NewDecoder(res.Body).Decode(&out)
		if res.StatusCode >= 300 {
			t.Fatalf("POST %s: %d %v", path, res.StatusCode, out)
		}
		return out
	}
	b, _ := os.ReadFile("testdata/cheque.json")
	var cf caseFile
	json.Unmarshal(b, &cf)
	filing, _ := json.Marshal(map[string]any{
		"caseType": cf.CaseType, "jurisdiction": cf.Jurisdiction,
		"sideASummary": cf.SideA.Summary, "sideAEvidence": cf.SideA.Evidence,
		"sideBSummary": cf.SideB.Summary, "sideBEvidence": cf.SideB.Evidence,
		"sideADocs": []map[string]string{{"name": "memo.txt", "text": "Return memo dated 18/01/2024: funds insufficient."}},
	})
	id := post("/api/cases", string(filing))["caseId"].(string)
	j := post("/api/cases/"+id+"/judgment", "")
	if j["verdict"] == "" || j["kind"] != "tentative" {
		t.Fatalf("judgment: %v", j)
	}
	for i, a := range cf.Arguments {
		body, _ := json.Marshal(a)
		r := post("/api/cases/"+id+"/arguments", string(body))
		if r["remainingArguments"] != float64(4-i) {
			t.Fatalf("argument %d: %v", i+1, r)
		}
	}
	res, _ := http.Post(base+"/api/cases/"+id+"/arguments", "application/json", strings.NewReader(`{"side":"B","argument":"A sixth."}`))
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("sixth argument: %d", res.StatusCode)
	}
	res.Body.Close()
	f := post("/api/cases/"+id+"/final-verdict", "")
	if f["kind"] != "final" {
		t.Fatalf("final: %v", f)
	}
	if res, err := http.Get(base + "/api/cases/" + id); err != nil || res.StatusCode != 200 {
		t.Fatalf("GET case: %v %v", res, err)
	} else {
		// Read to the end, so the connection is reused and the scrape
		// below is served only after this request has been recorded.
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	checkMetrics(t, base, map[string]bool{
		`aijudge_http_request_duration_seconds_count{method="POST",route="POST /api/cases/{id}/arguments",status_code="200"} 5`: true,
		`aijudge_http_request_duration_seconds_count{method="POST",route="POST /api/cases/{id}/arguments",status_code="409"} 1`: true,
		`aijudge_judgments_total{kind="tentative"} 1`:                             true,
		`aijudge_judgments_total{kind="final"} 1`:                                 true,
		`aijudge_arguments_total{side="A"} 3`:                                     true,
		`aijudge_arguments_total{side="B"} 2`:                                     true,
		`aijudge_cache_requests_total{layer="memory",result="miss"}`:              false,
		`aijudge_db_query_duration_seconds_count{operation="reserve_argument"} 5`: true,
		`aijudge_db_pool_connections{state="max"}`:                                false,
		`aijudge_document_extraction_duration_seconds_count{type="txt"} 1`:        true,
		`go_goroutines`:                 false,
		`process_resident_memory_bytes`: false,
		`aijudge_http_request_duration_seconds_bucket{method="GET",route="GET /api/cases/{id}"`: false,
	})
	if err := stop(); err != nil {
		t.Fatalf("run returned %v after a clean shutdown", err)
	}
}

// metricsOf maps a server's base URL (startServer's) to the base URL of
// its metrics listener.
var metricsOf sync.Map

// metricsBase returns the base URL of the metrics listener of the server
// at base.
func metricsBase(t testing.TB, base string) string {
	t.Helper()
	m, ok := metricsOf.Load(base)
	if !ok {
		t.Fatalf("%s has no metrics listener", base)
	}
	return m.(string)
}

// checkMetrics scrapes /metrics and checks each series: exact lines where
// the value is true, series present where it is false. No series may carry
// a case id.
func checkMetrics(t *testing.T, base string, want map[string]bool) {
	t.Helper()
	res, err := http.Get(metricsBase(t, base) + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	text := string(b)
	for series, exact := range want {
		found := false
		for _, line := range strings.Split(text, "\n") {
			if exact && line == series || !exact && strings.HasPrefix(line, series) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("/metrics lacks %s", series)
		}
	}
	if strings.Contains(text, "/api/cases/0") || strings.Contains(text, "caseId") {
		t.Error("/metrics carries ids")
	}
}

// TestGracefulShutdown stops the server while a request is in flight: the
// request still finishes.
func TestGracefulShutdown(t *testing.T) {
	t.Parallel()
	base, stop := startServer(t, map[string]string{"AUTH_MODE": "open"})
	body, _ := json.Marshal(map[string]any{"caseType": "civil", "sideASummary": "A lent money.", "sideBSummary": "B denies it."})
	pr, pw := io.Pipe()
	type result struct {
		status int
		err    error
	}
	got := make(chan result, 1)
	go func() {
		res, err := http.Post(base+"/api/cases", "application/json", pr)
		if err != nil {
			got <- result{err: err}
			return
		}
		res.Body.Close()
		got <- result{status: res.StatusCode}
	}()
	pw.Write(body[:10]) // the request is now in flight
	time.Sleep(100 * time.Millisecond)
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	time.Sleep(200 * time.Millisecond)
	pw.Write(body[10:])
	pw.Close()
	r := <-got
	if r.err != nil || r.status != http.StatusCreated {
		t.Fatalf("in-flight request: %d %v", r.status, r.err)
	}
	if err := <-stopped; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
}

func TestJudgeCommandGolden(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	e := &env{args: []string{"judge", "testdata/cheque.json"}, getenv: environ(map[string]string{}), stdout: &out, stderr: os.Stderr}
	if err := run(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "cheque.golden")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if out.String() != string(want) {
		t.Errorf("aijudge judge output differs from %s (run with -update if the change is intended):\n%s", golden, out.String())
	}
	for _, s := range []string{"TENTATIVE JUDGMENT", "ARGUMENT 5", "FINAL VERDICT", "not legal advice"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("output lacks %q", s)
		}
	}
}

func TestJudgeCommandJSON(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	e := &env{args: []string{"judge", "--json", "testdata/cheque.json"}, getenv: environ(map[string]string{}), stdout: &out, stderr: io.Discard}
	if err := run(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	var tr trial
	if err := json.Unmarshal(out.Bytes(), &tr); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if tr.Tentative == nil || len(tr.Arguments) != 5 || tr.Final == nil || tr.Case.Status != "closed" {
		t.Fatalf("trial: %+v", tr)
	}
}

func TestCommandErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		vars    map[string]string
		inError string
		code    int
	}{
		{"unknown command", []string{"dance"}, nil, "unknown command", 2},
		{"bad port", []string{"serve"}, map[string]string{"PORT": "abc"}, "PORT", 1},
		{"provider without key", []string{"serve"}, map[string]string{"LLM_PROVIDER": "anthropic"}, "ANTHROPIC_API_KEY", 1},
		{"bad database url", []string{"serve"}, map[string]string{"DATABASE_URL": "mysql://x"}, "DATABASE_URL", 1},
		{"unknown provider", []string{"serve"}, map[string]string{"LLM_PROVIDER": "oracle"}, "LLM_PROVIDER", 1},
		{"judge without a file", []string{"judge"}, nil, "exactly one", 2},
		{"judge missing file", []string{"judge", "testdata/none.json"}, nil, "none.json", 1},
		{"bad flag", []string{"serve", "--nope"}, nil, "nope", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := &env{args: tt.args, getenv: environ(tt.vars), stdout: io.Discard, stderr: io.Discard}
			err := run(context.Background(), e)
			if err == nil || !strings.Contains(err.Error(), tt.inError) {
				t.Fatalf("err = %v, want one naming %q", err, tt.inError)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
			if got := exitCode(err); got != tt.code {
				t.Errorf("exit code %d, want %d", got, tt.code)
			}
		})
	}
}

func TestVersionAndHelp(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := run(context.Background(), &env{args: []string{"version"}, getenv: environ(nil), stdout: &out, stderr: io.Discard}); err != nil || !strings.HasPrefix(out.String(), "aijudge ") {
		t.Fatalf("version: %v %q", err, out.String())
	}
	for _, cmd := range []string{"serve", "migrate", "judge", "eval", "audit", "probe", "load", "cost", "version"} {
		var help bytes.Buffer
		err := run(context.Background(), &env{args: []string{cmd, "--help"}, getenv: environ(nil), stdout: io.Discard, stderr: &help})
		if !strings.Contains(help.String(), "Usage: aijudge "+cmd) || !strings.Contains(help.String(), "Example") || exitCode(err) != 2 {
			t.Errorf("%s --help: %v %q", cmd, err, help.String())
		}
	}
	// --help and -h list every command, as "aijudge help" does.
	for _, flag := range []string{"--help", "-h", "-help"} {
		var out bytes.Buffer
		if err := run(context.Background(), &env{args: []string{flag}, getenv: environ(nil), stdout: &out, stderr: io.Discard}); err != nil {
			t.Errorf("%s: %v", flag, err)
		}
		for _, cmd := range []string{"serve", "migrate", "judge", "eval", "audit", "probe", "load", "cost", "version", "help"} {
			if !strings.Contains(out.String(), "\n  "+cmd+" ") {
				t.Errorf("%s does not list %s:\n%s", flag, cmd, out.String())
			}
		}
	}
}

func TestMigrate(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	e := &env{args: []string{"migrate"}, getenv: environ(map[string]string{"DATA_DIR": t.TempDir()}), stdout: &out, stderr: io.Discard}
	if err := run(context.Background(), e); err != nil || !strings.Contains(out.String(), "up to date") {
		t.Fatalf("migrate: %v %q", err, out.String())
	}

	// A migration needs the database settings only: no LLM key, while
	// serve refuses the same settings.
	vars := map[string]string{"DATA_DIR": t.TempDir(), "LLM_PROVIDER": "gemini"}
	out.Reset()
	e = &env{args: []string{"migrate"}, getenv: environ(vars), stdout: &out, stderr: io.Discard}
	if err := run(context.Background(), e); err != nil {
		t.Errorf("migrate without an LLM key: %v", err)
	}
	e = &env{args: []string{"serve"}, getenv: environ(vars), stdout: io.Discard, stderr: io.Discard}
	if err := run(context.Background(), e); err == nil || !strings.Contains(err.Error(), "GEMINI_API_KEY") {
		t.Errorf("serve without an LLM key: %v", err)
	}
}
