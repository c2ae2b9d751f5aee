package cache_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/aijudge/aijudge/internal/cache"
	"github.com/aijudge/aijudge/internal/testenv"
)

// redisURL returns the test Redis, stopping t if it does not answer.
func redisURL(t testing.TB) string {
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

// namespace gives each test its own keys and channel, so parallel tests
// (and earlier runs) do not see each other.
func namespace() (prefix, channel string) {
	b := make([]byte, 6)
	rand.Read(b)
	id := hex.EncodeToString(b)
	return "aijudge-test:" + id + ":", "aijudge-test:" + id + ":invalidate"
}

// logBuffer is a concurrency-safe sink for a test's logger.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) count(substr string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Count(l.buf.String(), substr)
}

func (l *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type replicaOpts struct {
	url, prefix, channel, name string
	log                        *logBuffer
}

func newReplica(t testing.TB, o replicaOpts) *cache.TwoLayer {
	t.Helper()
	if o.log == nil {
		o.log = &logBuffer{}
	}
	c, err := cache.NewRedis(context.Background(), o.url, cache.RedisOptions{
		Prefix:        o.prefix,
		Channel:       o.channel,
		ProbeInterval: 100 * time.Millisecond,
		Client:        cache.ClientOptions{Timeout: 200 * time.Millisecond, ClientName: o.name},
		Logger:        o.log.logger(),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func waitFor(t testing.TB, within time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > within {
			t.Fatalf("%s: not within %v", what, within)
		}
		time.Sleep(time.Millisecond)
	}
	return time.Since(start)
}

func subscribed(c *cache.TwoLayer) func() bool {
	return func() bool { up, _ := c.Status(); return up }
}

func TestTwoLayerSetGetDelete(t *testing.T) {
	t.Parallel()
	u := redisURL(t)
	prefix, channel := namespace()
	ctx := context.Background()
	var mu sync.Mutex
	lookups := map[string]int{}
	c, err := cache.NewRedis(ctx, u, cache.RedisOptions{
		Prefix: prefix, Channel: channel, Logger: (&logBuffer{}).logger(),
		OnLookup: func(layer, result string) { mu.Lock(); lookups[layer+"/"+result]++; mu.Unlock() },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	raw := redis.NewClient(mustParse(t, u))
	defer raw.Close()
	waitFor(t, 2*time.Second, "subscription", subscribed(c))

	c.Set(ctx, "k", []byte("judgment"))
	if v, err := raw.Get(ctx, prefix+"k").Result(); err != nil || v != "judgment" {
		t.Fatalf("redis holds %q, %v", v, err)
	}
	if ttl := raw.TTL(ctx, prefix+"k").Val(); ttl < 59*time.Minute || ttl > time.Hour {
		t.Errorf("redis TTL = %v, want about 1h", ttl)
	}
	if v, ok := c.Get(ctx, "k"); !ok || string(v) != "judgment" {
		t.Fatalf("Get = %q, %v", v, ok)
	}

	// A memory miss falls through to Redis and fills memory.
	c.Memory().Clear()
	if v, ok := c.Get(ctx, "k"); !ok || string(v) != "judgment" {
		t.Fatalf("Get from redis = %q, %v", v, ok)
	}
	if _, ok := c.Memory().Get(ctx, "k"); !ok {
		t.Error("a redis hit did not fill the memory layer")
	}

	c.Delete(ctx, "k")
	if _, ok := c.Get(ctx, "k"); ok {
		t.Error("Get after Delete found the key")
	}
	if n := raw.Exists(ctx, prefix+"k").Val(); n != 0 {
		t.Error("Delete left the key in redis")
	}
	mu.Lock()
	defer mu.Unlock()
	want := map[string]int{"memory/hit": 1, "memory/miss": 2, "redis/hit": 1, "redis/miss": 1}
	for k, n := range want {
		if lookups[k] != n {
			t.Errorf("lookups = %v, want %v", lookups, want)
			break
		}
	}
}

func mustParse(t testing.TB, u string) *redis.Options {
	t.Helper()
	o, err := redis.ParseURL(u)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestTwoLayerInvalidatesOtherReplicas(t *testing.T) {
	t.Parallel()
	u := redisURL(t)
	prefix, channel := namespace()
	ctx := context.Background()
	a := newReplica(t, replicaOpts{url: u, prefix: prefix, channel: channel})
	b := newReplica(t, replicaOpts{url: u, prefix: prefix, channel: channel})
	waitFor(t, 2*time.Second, "subscriptions", func() bool { return subscribed(a)() && subscribed(b)() })

	for i := range 5 {
		a.Set(ctx, "judgment", []byte("v1"))
		if v, ok := b.Get(ctx, "judgment"); !ok || string(v) != "v1" {
			t.Fatalf("replica b: Get = %q, %v", v, ok)
		}
		if _, ok := b.Memory().Get(ctx, "judgment"); !ok {
			t.Fatal("replica b did not cache the value in memory")
		}
		a.Delete(ctx, "judgment")
		took := waitFor(t, 100*time.Millisecond, "invalidation reaching replica b", func() bool {
			_, ok := b.Memory().Get(ctx, "judgment")
			return !ok
		})
		t.Logf("round %d: invalidation reached the other replica in %v", i, took)
		if _, ok := b.Get(ctx, "judgment"); ok {
			t.Fatal("replica b still serves the deleted value")
		}
	}
}

func TestTwoLayerRedisDown(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	logs := &logBuffer{}
	c := newReplica(t, replicaOpts{url: "redis://127.0.0.1:1/0", prefix: "p:", channel: "c", log: logs})

	for i := range 50 {
		start := time.Now()
		c.Set(ctx, "k", []byte("v"))
		v, ok := c.Get(ctx, "k")
		c.Get(ctx, "missing")
		c.Delete(ctx, "other")
		if !ok || string(v) != "v" {
			t.Fatalf("Get = %q, %v; want the value from memory", v, ok)
		}
		if d := time.Since(start); d > 500*time.Millisecond {
			t.Fatalf("round %d blocked for %v with redis down", i, d)
		}
	}
	if up, detail := c.Status(); up {
		t.Errorf("Status() = up, %q with redis down", detail)
	} else {
		t.Logf("Status() = %q", detail)
	}
	time.Sleep(300 * time.Millisecond) // several probes and resubscriptions
	if n := logs.count("redis unavailable"); n != 1 {
		t.Errorf("logged redis unavailable %d times, want once:\n%s", n, logs.buf.String())
	}
}

func TestNewRedisRejectsBadURL(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"", "http://x", "redis+sentinel://h1:26379", "redis://:secret@[bad"} {
		_, err := cache.NewRedis(context.Background(), u, cache.RedisOptions{})
		if err == nil {
			t.Errorf("NewRedis(%q) = nil error", u)
			continue
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("error leaks the password: %v", err)
		}
	}
}

// proxy forwards TCP to Redis and can be cut and restored, to simulate an
// outage between one replica and Redis.
type proxy struct {
	t      testing.TB
	target string
	addr   string
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func newProxy(t testing.TB, target string) *proxy {
	p := &proxy{t: t, target: target}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.addr = ln.Addr().String()
	p.serve(ln)
	t.Cleanup(p.cut)
	return p
}

func (p *proxy) serve(ln net.Listener) {
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
}

// cut closes the listener and every connection: Redis is "down".
func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// restore listens on the same address again.
func (p *proxy) restore() {
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		p.t.Fatal(err)
	}
	p.serve(ln)
}

func TestTwoLayerOutageAndRecovery(t *testing.T) {
	t.Parallel()
	u := redisURL(t)
	opts := mustParse(t, u)
	prefix, channel := namespace()
	ctx := context.Background()
	px := newProxy(t, opts.Addr)
	a := newReplica(t, replicaOpts{url: u, prefix: prefix, channel: channel})
	blog := &logBuffer{}
	b := newReplica(t, replicaOpts{url: "redis://" + px.addr + "/" + "0", prefix: prefix, channel: channel, log: blog})
	waitFor(t, 2*time.Second, "subscriptions", func() bool { return subscribed(a)() && subscribed(b)() })

	a.Set(ctx, "stale", []byte("v1"))
	a.Set(ctx, "deleted-by-b", []byte("v1"))
	b.Get(ctx, "stale")        // now in b's memory
	a.Get(ctx, "deleted-by-b") // in a's memory

	px.cut()
	a.Delete(ctx, "stale") // b misses this invalidation
	// b keeps serving from memory, quickly and without errors; what it
	// serves may be stale for at most the memory TTL.
	start := time.Now()
	b.Set(ctx, "local", []byte("x"))
	if v, ok := b.Get(ctx, "local"); !ok || string(v) != "x" {
		t.Fatalf("b.Get(local) = %q, %v during the outage", v, ok)
	}
	b.Get(ctx, "stale")
	b.Delete(ctx, "deleted-by-b") // must be replayed once Redis is back
	if d := time.Since(start); d > time.Second {
		t.Errorf("operations during the outage took %v", d)
	}
	waitFor(t, 2*time.Second, "b noticing the outage", func() bool { up, _ := b.Status(); return !up })

	px.restore()
	took := waitFor(t, 3*time.Second, "b recovering", subscribed(b))
	t.Logf("b recovered %v after Redis came back", took)
	// Resubscribing cleared b's memory, so the missed invalidation is moot.
	if _, ok := b.Get(ctx, "stale"); ok {
		t.Error("b serves a key deleted while its subscription was down")
	}
	if _, ok := b.Memory().Get(ctx, "local"); ok {
		t.Error("resubscribing did not clear the memory layer")
	}
	// b's delete during the outage reached Redis and replica a.
	waitFor(t, 2*time.Second, "the replayed delete", func() bool {
		_, ok := a.Get(ctx, "deleted-by-b")
		return !ok
	})
	if n := blog.count("redis unavailable"); n != 1 {
		t.Errorf("b logged the outage %d times, want once:\n%s", n, blog.buf.String())
	}
	if n := blog.count("redis available again"); n != 1 {
		t.Errorf("b logged the recovery %d times, want once:\n%s", n, blog.buf.String())
	}
}

func TestTwoLayerClientKill(t *testing.T) {
	t.Parallel()
	u := redisURL(t)
	prefix, channel := namespace()
	ctx := context.Background()
	name := strings.ReplaceAll(prefix, ":", "-") + "victim"
	a := newReplica(t, replicaOpts{url: u, prefix: prefix, channel: channel})
	b := newReplica(t, replicaOpts{url: u, prefix: prefix, channel: channel, name: name})
	waitFor(t, 2*time.Second, "subscriptions", func() bool { return subscribed(a)() && subscribed(b)() })
	b.Set(ctx, "warm", []byte("v"))

	admin := redis.NewClient(mustParse(t, u))
	defer admin.Close()
	list, err := admin.ClientList(ctx).Result()
	if err != nil {
		t.Fatal(err)
	}
	killed := 0
	for line := range strings.Lines(list) {
		if !strings.Contains(line, " name="+name+" ") {
			continue
		}
		for f := range strings.FieldsSeq(line) {
			if id, ok := strings.CutPrefix(f, "id="); ok {
				if err := admin.Do(ctx, "CLIENT", "KILL", "ID", id).Err(); err != nil {
					t.Fatal(err)
				}
				killed++
			}
		}
	}
	if killed == 0 {
		t.Fatalf("no connection named %s in CLIENT LIST", name)
	}
	// The subscription comes back by itself and clears the memory layer.
	waitFor(t, 3*time.Second, "resubscription clearing memory", func() bool {
		_, ok := b.Memory().Get(ctx, "warm")
		return !ok && subscribed(b)()
	})
	a.Set(ctx, "k", []byte("v"))
	b.Get(ctx, "k")
	a.Delete(ctx, "k")
	waitFor(t, 100*time.Millisecond, "invalidation after resubscription", func() bool {
		_, ok := b.Memory().Get(ctx, "k")
		return !ok
	})
}

func TestRedisURLForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url     string
		wantErr bool
		kind    string
	}{
		{"redis://127.0.0.1:6379/0", false, "*redis.Client"},
		{"rediss://:pw@redis.example:6380/2", false, "*redis.Client"},
		{"redis://user:pw@h:6379/0?dial_timeout=1s", false, "*redis.Client"},
		{"redis+cluster://:pw@h1:6379,h2:6379,h3:6379", false, "*redis.ClusterClient"},
		{"rediss+cluster://h1:6379,h2:6379?read_timeout=1s", false, "*redis.ClusterClient"},
		{"redis+sentinel://mymaster@h1:26379,h2:26379/1", false, "*redis.Client"},
		{"redis+sentinel://mymaster:sentinelpw@h1:26379/0", false, "*redis.Client"},
		{"redis+sentinel://h1:26379?master_name=m", false, "*redis.Client"},
		{"redis+sentinel://h1:26379", true, ""},
		{"redis+cluster://", true, ""},
		{"memcached://h", true, ""},
	}
	for _, tt := range tests {
		c, err := cache.NewRedisClient(tt.url, cache.ClientOptions{})
		if (err != nil) != tt.wantErr {
			t.Errorf("NewRedisClient(%q) error = %v, wantErr %v", tt.url, err, tt.wantErr)
			continue
		}
		if err != nil {
			continue
		}
		if got := typeName(c); got != tt.kind {
			t.Errorf("NewRedisClient(%q) = %s, want %s", tt.url, got, tt.kind)
		}
		c.Close()
	}
}

func typeName(c redis.UniversalClient) string {
	switch c.(type) {
	case *redis.Client:
		return "*redis.Client"
	case *redis.ClusterClient:
		return "*redis.ClusterClient"
	}
	return "other"
}

var errSink error

func BenchmarkTwoLayerGet(b *testing.B) {
	u := redisURL(b)
	prefix, channel := namespace()
	ctx := context.Background()
	c := newReplica(b, replicaOpts{url: u, prefix: prefix, channel: channel})
	value := bytes.Repeat([]byte("j"), 2048)
	c.Set(ctx, "judgment", value)
	b.Run("memory-hit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := c.Get(ctx, "judgment"); !ok {
				b.Fatal("miss")
			}
		}
	})
	b.Run("redis-hit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c.Memory().Delete(ctx, "judgment")
			if _, ok := c.Get(ctx, "judgment"); !ok {
				b.Fatal(errors.New("miss"))
			}
		}
	})
}
