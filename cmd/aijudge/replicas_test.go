package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/aijudge/aijudge/internal/cache"
	"github.com/aijudge/aijudge/internal/testenv"
)

// The replica tests run the real binary as separate processes rather than
// three in-process servers: each replica then has its own in-process
// cache, metrics registry, pools and goroutines, as pods do, so nothing a
// replica shares by accident in one address space (a package variable, a
// default client) can hide a coherence bug. Building costs a link step
// (the packages are already compiled for the test binary).

var (
	buildOnce sync.Once
	binDir    string
	binErr    error
)

// TestMain removes the binary the replica tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// buildBinary builds cmd/aijudge once for all tests of the run.
func buildBinary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		if binDir, binErr = os.MkdirTemp("", "aijudge-bin-"); binErr != nil {
			return
		}
		out, err := exec.Command("go", "build", "-o", filepath.Join(binDir, "aijudge"), ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return filepath.Join(binDir, "aijudge")
}

// replica is one aijudge process.
type replica struct {
	base    string
	metrics string // the base URL of its metrics listener
	cmd     *exec.Cmd
	logs    *logLines
}

type logLines struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logLines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logLines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// startReplicas starts n processes of bin with vars (plus PORT=0, a
// metrics port of its own and a
// data directory each) and waits until each listens.
func startReplicas(t testing.TB, bin string, n int, vars map[string]string) []*replica {
	t.Helper()
	out := make([]*replica, n)
	for i := range out {
		env := []string{"PORT=0", "DATA_DIR=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "METRICS_ADDR=127.0.0.1:0"}
		for k, v := range vars {
			env = append(env, k+"="+v)
		}
		cmd := exec.Command(bin, "serve")
		cmd.Env = env
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		r := &replica{cmd: cmd, logs: &logLines{}}
		cmd.Stderr = r.logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			cmd.Process.Signal(syscall.SIGTERM)
			done := make(chan struct{})
			go func() { cmd.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				<-done
			}
			if t.Failed() {
				logs := r.logs.String()
				t.Logf("replica %d (%s) log tail:\n%s", i+1, r.base, logs[max(0, len(logs)-3000):])
			}
		})
		addr, metricsAddr := make(chan string, 1), make(chan string, 1)
		go func() {
			sc := bufio.NewScanner(stdout)
			sc.Buffer(make([]byte, 64<<10), 1<<20)
			sent, sentMetrics := false, false
			for sc.Scan() {
				line := sc.Text()
				r.logs.Write([]byte(line + "\n"))
				var m struct{ Msg, Addr string }
				json.Unmarshal([]byte(line), &m)
				switch {
				case !sentMetrics && m.Msg == "metrics listening":
					metricsAddr <- m.Addr
					sentMetrics = true
				case !sent && m.Msg == "listening":
					addr <- m.Addr
					sent = true
				}
			}
		}()
		select {
		case a := <-addr:
			_, port, _ := net.SplitHostPort(a)
			r.base = "http://127.0.0.1:" + port
			select { // logged before the application's address
			case m := <-metricsAddr:
				r.metrics = "http://" + m
			default:
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("replica %d did not start:\n%s", i+1, r.logs.String())
		}
		out[i] = r
	}
	return out
}

// redisPrefix is a key prefix of the test's own, so that replicas share
// the machine's Redis without touching anyone else's keys.
func redisPrefix() string { return "aijudge-test:" + strings.ToLower(rand.Text()[:12]) + ":" }

// machineRedis returns the test Redis, stopping t if it does not answer.
func machineRedis(t testing.TB) string {
	t.Helper()
	u := testenv.RedisURL()
	rdb, err := cache.NewRedisClient(u, cache.ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		testenv.Missing(t, "Redis at "+u, err)
	}
	return u
}

// privateRedis starts a redis-server of the test's own on a free port,
// without persistence, and returns its URL and a function that kills it.
func privateRedis(t testing.TB) (string, func()) {
	t.Helper()
	path, err := exec.LookPath("redis-server")
	if err != nil {
		testenv.Missing(t, "redis-server", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	cmd := exec.Command(path, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	kill := sync.OnceFunc(func() { cmd.Process.Kill(); cmd.Wait() })
	t.Cleanup(kill)
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", "127.0.0.1:"+port); err == nil {
			c.Close()
			break
		}
		if time.Since(start) > 5*time.Second {
			t.Fatal("redis-server did not start")
		}
	}
	return "redis://127.0.0.1:" + port + "/0", kill
}

// replicaVars are the settings every replica of a test shares.
func replicaVars(dbURL, redisURL, prefix string) map[string]string {
	return map[string]string{
		"DATABASE_URL": dbURL, "AUTO_MIGRATE": "true", "AUTH_MODE": "open",
		"REDIS_URL": redisURL, "REDIS_KEY_PREFIX": prefix, "LOG_LEVEL": "info",
		"RATE_LIMIT_MAX_REQUESTS": "1000000", "JUDGE_RATE_LIMIT_MAX_REQUESTS": "1000000",
	}
}

var replicaClient = &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

type sent struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

func send(method, url, body string, header ...string) (sent, error) {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		return sent{}, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := replicaClient.Do(req)
	if err != nil {
		return sent{}, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	r := sent{status: res.StatusCode, header: res.Header, raw: string(raw)}
	json.Unmarshal(raw, &r.body)
	return r, err
}

// mustSend sends and fails t unless the status is want.
func mustSend(t testing.TB, want int, method, url, body string, header ...string) sent {
	t.Helper()
	r, err := send(method, url, body, header...)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	if r.status != want {
		t.Fatalf("%s %s: %d %s, want %d", method, url, r.status, r.raw, want)
	}
	return r
}

const replicaFiling = `{"caseType":"contract","jurisdiction":"INDIA",
 "sideASummary":"The buyer paid Rs. 5,00,000 on 12/03/2024 for machinery that never arrived.",
 "sideAEvidence":["Bank transfer of 12/03/2024 for Rs. 5,00,000"],
 "sideBSummary":"The seller says the machinery was dispatched on 20/03/2024.",
 "sideBEvidence":["Courier receipt of 20/03/2024"]}`

func fileAndJudge(t testing.TB, base string) string {
	t.Helper()
	id := mustSend(t, 201, "POST", base+"/api/cases", replicaFiling).body["caseId"].(string)
	mustSend(t, 200, "POST", base+"/api/cases/"+id+"/judgment", "")
	return id
}

// TestReplicas runs three replicas on one PostgreSQL database and the
// machine's Redis (under a key prefix of the test's own): a judgment made
// on one is served from the cache by the others, a change on one reaches
// the others within 100 ms, and the five-argument rule holds across them.
func TestReplicas(t *testing.T) {
	t.Parallel()
	redisURL := machineRedis(t)
	dbURL := freshPostgres(t).String()
	rs := startReplicas(t, buildBinary(t), 3, replicaVars(dbURL, redisURL, redisPrefix()))

	// A judgment made through replica 1 is served from the cache by 2 and 3.
	id := mustSend(t, 201, "POST", rs[0].base+"/api/cases", replicaFiling).body["caseId"].(string)
	first := mustSend(t, 200, "POST", rs[0].base+"/api/cases/"+id+"/judgment", "")
	if first.body["cached"] != false {
		t.Fatalf("first judgment: cached=%v", first.body["cached"])
	}
	for _, r := range rs[1:] {
		got := mustSend(t, 200, "POST", r.base+"/api/cases/"+id+"/judgment", "")
		if got.body["cached"] != true || got.body["verdict"] != first.body["verdict"] || got.body["version"] != first.body["version"] {
			t.Fatalf("judgment on %s: %s; want replica 1's, cached", r.base, got.raw)
		}
	}

	// Every replica now holds the case in memory. An argument through
	// replica 2 adds a judgment version or at least an argument; replicas
	// 1 and 3 must show it within 100 ms of the answer.
	for _, r := range rs {
		mustSend(t, 200, "GET", r.base+"/api/cases/"+id, "")
		mustSend(t, 200, "GET", r.base+"/api/cases/"+id, "")
	}
	mustSend(t, 200, "POST", rs[1].base+"/api/cases/"+id+"/arguments",
		`{"side":"A","argument":"The bank transfer of 12/03/2024 shows Rs. 5,00,000 was paid and no delivery note exists."}`)
	answered := time.Now()
	for _, r := range []*replica{rs[0], rs[2]} {
		for {
			got := mustSend(t, 200, "GET", r.base+"/api/cases/"+id, "")
			c := got.body
			if args, _ := c["arguments"].([]any); len(args) == 1 {
				break
			}
			if time.Since(answered) > 100*time.Millisecond {
				t.Fatalf("%s still serves the case without the argument %v after it was answered", r.base, time.Since(answered))
			}
			time.Sleep(2 * time.Millisecond)
		}
	}
	t.Logf("replicas 1 and 3 showed the argument %v after replica 2 answered", time.Since(answered).Round(time.Microsecond))

	// 100 concurrent arguments over three replicas: exactly five win.
	id = fileAndJudge(t, rs[2].base)
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[int]int{}
	for i := range 100 {
		wg.Go(func() {
			side := []string{"A", "B"}[i%2]
			r, err := send("POST", rs[i%3].base+"/api/cases/"+id+"/arguments",
				fmt.Sprintf(`{"side":%q,"argument":"Argument number %d about the courier receipt."}`, side, i))
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				t.Errorf("argument %d: %v", i, err)
				return
			}
			counts[r.status]++
		})
	}
	wg.Wait()
	if counts[200] != 5 || counts[409] != 95 || len(counts) != 2 {
		t.Fatalf("statuses %v; want 5×200 and 95×409", counts)
	}
	got := mustSend(t, 200, "GET", rs[0].base+"/api/cases/"+id+"/arguments", "")
	if got.body["count"] != 5.0 {
		t.Fatalf("stored arguments: %v, want 5", got.body["count"])
	}
}

// TestReplicasSurviveOutages runs three replicas on a private Redis and a
// PostgreSQL database behind a proxy, under traffic: killing Redis fails
// no request (the cache falls back to memory), and cutting PostgreSQL for
// a second loses no acknowledged write. Clients retry a filing that got
// 503 or 409 with the same Idempotency-Key on the next replica, as a
// client behind a load balancer would; each key must yield one case.
func TestReplicasSurviveOutages(t *testing.T) {
	t.Parallel()
	redisURL, killRedis := privateRedis(t)
	dbURL, proxy := proxiedPostgres(t)
	directURL := freshDirect(dbURL, proxy)
	rs := startReplicas(t, buildBinary(t), 3, replicaVars(dbURL, redisURL, "aijudge:"))
	ids := []string{fileAndJudge(t, rs[0].base), fileAndJudge(t, rs[1].base), fileAndJudge(t, rs[2].base)}

	// Phase 1: Redis dies in the middle of reads, cached judgments and
	// filings; every request still succeeds.
	var (
		failures    atomic.Int64
		served      atomic.Int64
		phase1Filed atomic.Int64
		stop        atomic.Bool
		wg          sync.WaitGroup
	)
	for w := range 6 {
		wg.Go(func() {
			for i := 0; !stop.Load(); i++ {
				r := rs[(w+i)%3]
				id := ids[i%3]
				var res sent
				var err error
				switch i % 3 {
				case 0:
					res, err = send("GET", r.base+"/api/cases/"+id, "")
				case 1:
					res, err = send("POST", r.base+"/api/cases/"+id+"/judgment", "")
				default:
					res, err = send("POST", r.base+"/api/cases", replicaFiling)
					if err == nil && res.status == http.StatusCreated {
						phase1Filed.Add(1)
					}
				}
				served.Add(1)
				if err != nil || res.status >= 300 {
					failures.Add(1)
					t.Errorf("with Redis dying: %v %d %s", err, res.status, res.raw)
				}
			}
		})
	}
	time.Sleep(700 * time.Millisecond)
	killRedis()
	time.Sleep(1500 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	t.Logf("Redis killed mid-traffic: %d requests, %d failed", served.Load(), failures.Load())
	for _, r := range rs {
		ready := mustSend(t, 200, "GET", r.base+"/readyz", "")
		if d, _ := ready.body["details"].(map[string]any); !strings.Contains(fmt.Sprint(d["redis"]), "degraded") {
			t.Errorf("%s /readyz without Redis: %s; want ready, redis degraded", r.base, ready.raw)
		}
	}

	// Phase 2: PostgreSQL goes away for a second under filings. Every
	// filing is retried with its key until acknowledged; afterwards every
	// acknowledged case is there, once.
	stop.Store(false)
	var (
		mu      sync.Mutex
		acked   = map[string]string{} // key → case id
		retried atomic.Int64
	)
	for w := range 6 {
		wg.Go(func() {
			for n := 0; !stop.Load(); n++ {
				key := fmt.Sprintf("outage-%d-%d", w, n)
				deadline := time.Now().Add(15 * time.Second)
				for i := 0; ; i++ {
					res, err := send("POST", rs[(w+n+i)%3].base+"/api/cases", replicaFiling, "Idempotency-Key", key)
					if err == nil && res.status == http.StatusCreated {
						mu.Lock()
						acked[key] = res.body["caseId"].(string)
						mu.Unlock()
						break
					}
					if err != nil || res.status != 503 && res.status != 409 || time.Now().After(deadline) {
						t.Errorf("filing %s: %v %d %s", key, err, res.status, res.raw)
						return
					}
					retried.Add(1)
					time.Sleep(100 * time.Millisecond)
				}
			}
		})
	}
	time.Sleep(500 * time.Millisecond)
	proxy.Cut()
	time.Sleep(time.Second)
	proxy.Restore()
	time.Sleep(1500 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	t.Logf("PostgreSQL cut for 1 s under filings: %d acknowledged, %d retries", len(acked), retried.Load())
	if retried.Load() == 0 {
		t.Error("no filing was refused while PostgreSQL was cut; the test did not test the outage")
	}
	seen := map[string]bool{}
	for _, id := range acked {
		if seen[id] {
			t.Errorf("two keys acknowledged the same case %s", id)
		}
		seen[id] = true
		mustSend(t, 200, "GET", rs[len(seen)%3].base+"/api/cases/"+id, "")
	}
	// No key filed twice: the database holds the acknowledged cases, the
	// three judged ones and the phase-1 filings, and nothing else.
	conn, err := pgx.Connect(t.Context(), directURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var stored, keysFinished int
	if err := conn.QueryRow(t.Context(), `SELECT count(*) FROM cases`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRow(t.Context(), `SELECT count(*) FROM idempotency_keys WHERE status = 201`).Scan(&keysFinished); err != nil {
		t.Fatal(err)
	}
	// A connection cut during COMMIT leaves the server unsure whether the
	// case was stored and the client gets 503; the filing's transaction
	// recorded the key's answer with the case, so the retry is answered
	// with that case instead of filing another.
	want := len(ids) + int(phase1Filed.Load()) + len(acked)
	if stored != want || keysFinished != len(acked) {
		t.Fatalf("%d cases stored, want %d (%d judged, %d filed with Redis dying, %d acknowledged keys); %d keys finished",
			stored, want, len(ids), phase1Filed.Load(), len(acked), keysFinished)
	}
}

// freshDirect is the proxied database's URL without the proxy, for the
// test's own checks.
func freshDirect(proxied string, p *tcpProxy) string {
	return strings.Replace(proxied, p.addr, p.target, 1)
}
