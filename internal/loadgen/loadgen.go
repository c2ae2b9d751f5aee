// Package loadgen plays realistic user sessions against an AI Judge
// server or fleet and measures it: open-loop arrivals (sessions start at a
// stated rate whether or not earlier ones have finished, as users do),
// per-endpoint latency percentiles and errors by status, judge calls and
// their queueing, and each replica's cache hits, CPU and memory from its
// /metrics. It sends traffic only to loopback addresses, and every run is
// bounded in duration and in sessions.
package loadgen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Config is one load run.
type Config struct {
	// Target is the base URL of the server or load balancer; it must be
	// on a loopback address.
	Target string
	// Replicas are the base URLs whose /metrics are scraped: each
	// replica's metrics listener (METRICS_ADDR), which the application's
	// port and the load balancer never serve; loopback only. Empty:
	// DefaultMetrics alone.
	Replicas []string
	// Rate is session arrivals per second (Poisson).
	Rate float64
	// Duration is how long sessions keep arriving; MaxSessions bounds how
	// many start. Drain is how long started sessions may take to finish
	// after that; what is still running then is cancelled and counted.
	Duration    time.Duration
	MaxSessions int
	Drain       time.Duration
	// Arguments is the number of follow-up arguments per session (0–5),
	// Revisits the number of times a session comes back to its case after
	// the final verdict.
	Arguments, Revisits int
	// Open skips registering and logging in, for a server in AUTH_MODE=open.
	Open bool
	// ThinkTime is the mean pause between a user's steps (exponential).
	ThinkTime time.Duration
	// RequestTimeout bounds each request; judge calls may take the
	// judge's deadline plus queueing, so it is generous.
	RequestTimeout time.Duration
	// Objectives to pass or fail.
	Objectives Objectives
	// Progress receives a line every ProgressEvery; nil is silent.
	Progress      io.Writer
	ProgressEvery time.Duration
	// Seed makes arrivals and think times repeatable.
	Seed uint64
	// RunID tells this run's accounts apart from earlier runs'.
	RunID string

	now func() time.Time
}

// Objectives are what a run must meet to pass.
type Objectives struct {
	// OrdinaryP99 bounds the p99 of every request that does not call the
	// judge (pages, reads, filing, logins, the PDF).
	OrdinaryP99 time.Duration
	// CachedJudgmentP99 bounds the p99 of judgments asked for again.
	CachedJudgmentP99 time.Duration
	// JudgeMax bounds the slowest judge request: nothing may hang past
	// the judge's deadline.
	JudgeMax time.Duration
	// MaxErrorRate is the share of requests that may fail (5xx, network
	// errors and timeouts); 429 refusals are reported but counted apart.
	MaxErrorRate float64
}

// DefaultObjectives are the deployment guide's: ordinary requests well
// under a second, cached judgments under 2 s, 99.9 % availability, no
// judge request longer than its deadline (LLM_TIMEOUT 90 s, three
// attempts bounded to 3×) plus a margin.
func DefaultObjectives() Objectives {
	return Objectives{OrdinaryP99: time.Second, CachedJudgmentP99: 2 * time.Second, JudgeMax: 5 * time.Minute, MaxErrorRate: 0.001}
}

// RateForUsers is the session arrival rate at the busiest hour for a
// number of daily users, each starting sessionsPerUser sessions a day,
// with peakFactor the busiest hour's rate over the day's average.
func RateForUsers(dailyUsers, sessionsPerUser, peakFactor float64) float64 {
	return dailyUsers * sessionsPerUser * peakFactor / 86400
}

func (c *Config) defaults() error {
	if c.Rate <= 0 || math.IsInf(c.Rate, 0) || math.IsNaN(c.Rate) {
		return errors.New("the session rate must be a positive number")
	}
	if c.Duration <= 0 || c.Duration > time.Hour {
		return errors.New("the duration must be between 1 s and 1 h")
	}
	if c.MaxSessions <= 0 || c.MaxSessions > 100000 {
		return errors.New("the session count must be between 1 and 100000")
	}
	if c.Arguments < 0 || c.Arguments > 5 {
		return errors.New("a case takes 0 to 5 arguments")
	}
	if c.Revisits < 0 || c.Revisits > 100 {
		return errors.New("revisits must be between 0 and 100")
	}
	if c.Drain <= 0 {
		c.Drain = 3 * time.Minute
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = 5 * time.Minute
	}
	if c.ProgressEvery <= 0 {
		c.ProgressEvery = 5 * time.Second
	}
	if c.Objectives == (Objectives{}) {
		c.Objectives = DefaultObjectives()
	}
	if c.RunID == "" {
		c.RunID = fmt.Sprintf("%x", time.Now().UnixNano())
	}
	if c.now == nil {
		c.now = time.Now
	}
	if err := CheckLoopback(c.Target); err != nil {
		return err
	}
	for _, r := range c.Replicas {
		if err := CheckLoopback(r); err != nil {
			return err
		}
	}
	return nil
}

// CheckLoopback refuses a URL whose host is not a loopback address (or a
// name that resolves only to loopback addresses): load is never sent
// anywhere but this machine.
func CheckLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http:// or https:// URL", raw)
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); ip != nil {
		if !ip.IsLoopback() {
			return fmt.Errorf("%s is not a loopback address: load runs only against this machine (127.0.0.1, ::1)", host)
		}
		return nil
	}
	if !strings.EqualFold(host, "localhost") {
		return fmt.Errorf("%s is not a loopback address: load runs only against this machine (127.0.0.1, ::1)", host)
	}
	ips, err := net.LookupIP(host)
	if err != nil || len(ips) == 0 {
		return fmt.Errorf("%s does not resolve: %v", host, err)
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("%s resolves to %s, not a loopback address", host, ip)
		}
	}
	return nil
}

// loopbackDialer refuses connections to anything but loopback, whatever
// a redirect or a DNS answer says. A non-nil source is the local address
// to dial from: each session has its own address in 127.0.0.0/8, as users
// have their own, so that per-address rate limits count per user.
func loopbackDialer(source net.IP) func(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		ip := net.ParseIP(host)
		if ip == nil {
			ips, err := net.DefaultResolver.LookupIP(ctx, "ip", host)
			if err != nil || len(ips) == 0 {
				return nil, fmt.Errorf("loadgen: %s does not resolve", host)
			}
			ip = ips[0]
		}
		if !ip.IsLoopback() {
			return nil, fmt.Errorf("loadgen: %s is not a loopback address", ip)
		}
		dd := *d
		if source != nil && ip.To4() != nil {
			dd.LocalAddr = &net.TCPAddr{IP: source}
		}
		return dd.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
	}
}

// sessionAddress is session n's own source address, 127.1.0.1 upwards.
func sessionAddress(n int) net.IP {
	return net.IPv4(127, byte(1+n/62500), byte(n/250%250), byte(n%250+1))
}

func newTransport(source net.IP) *http.Transport {
	return &http.Transport{DialContext: loopbackDialer(source), MaxIdleConnsPerHost: 64, IdleConnTimeout: 90 * time.Second}
}

// verify reads back, after the run, every case and argument the server
// acknowledged, each with its own session's login: an acknowledged write
// that is missing is lost.
func verify(ctx context.Context, sessions []*session) WriteCheck {
	var (
		mu  sync.Mutex
		out WriteCheck
		wg  sync.WaitGroup
	)
	work := make(chan *session)
	for range 8 {
		wg.Go(func() {
			for s := range work {
				cases, args, lost, unread := s.verify(ctx)
				mu.Lock()
				out.Cases += cases
				out.Arguments += args
				out.Lost += lost
				out.Unreadable += unread
				mu.Unlock()
			}
		})
	}
	for _, s := range sessions {
		if s.caseID != "" {
			work <- s
		}
	}
	close(work)
	wg.Wait()
	return out
}

// Run plays sessions as cfg says and returns the report. It returns
// early, with what it measured so far, when ctx ends.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	transport := newTransport(nil)
	defer transport.CloseIdleConnections()
	rec := newRecorder()
	scr := newScraper(cfg.Replicas, transport)
	docs, err := loadDocuments()
	if err != nil {
		return nil, err
	}

	start := cfg.now()
	cpu0 := selfCPUSeconds()
	before := scr.snapshot(ctx)
	samplerCtx, stopSampler := context.WithCancel(ctx)
	var samplerDone sync.WaitGroup
	samplerDone.Go(func() { scr.sample(samplerCtx, 2*time.Second) })

	runCtx, cancelRun := context.WithTimeout(ctx, cfg.Duration+cfg.Drain)
	defer cancelRun()
	var (
		wg                                     sync.WaitGroup
		started, done, failed, unfinished, act atomic.Int64
	)
	progressDone := make(chan struct{})
	go func() {
		defer close(progressDone)
		if cfg.Progress == nil {
			return
		}
		t := time.NewTicker(cfg.ProgressEvery)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				n, errs, judge := rec.totals()
				el := cfg.now().Sub(start)
				fmt.Fprintf(cfg.Progress, "%5.0fs  sessions %d started, %d done, %d failed, %d active  requests %d (%.1f/s)  errors %d  judge requests %d\n",
					el.Seconds(), started.Load(), done.Load(), failed.Load(), act.Load(), n, float64(n)/el.Seconds(), errs, judge)
			case <-samplerCtx.Done():
				return
			}
		}
	}()

	var all []*session
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x10ad))
	arrivalsEnd := start.Add(cfg.Duration)
	next := start
arrivals:
	for i := 0; i < cfg.MaxSessions; i++ {
		next = next.Add(time.Duration(rng.ExpFloat64() / cfg.Rate * float64(time.Second)))
		if next.After(arrivalsEnd) {
			break
		}
		select {
		case <-time.After(time.Until(next)):
		case <-runCtx.Done():
			break arrivals
		}
		s := newSession(cfg, i, newTransport(sessionAddress(i)), rec, docs, rand.New(rand.NewPCG(cfg.Seed, uint64(i)+1)))
		all = append(all, s)
		started.Add(1)
		act.Add(1)
		wg.Go(func() {
			defer act.Add(-1)
			if err := s.run(runCtx); err != nil {
				if runCtx.Err() != nil && ctx.Err() == nil {
					unfinished.Add(1)
					return
				}
				failed.Add(1)
				rec.sessionFailed(err)
				return
			}
			done.Add(1)
		})
	}
	arrived := cfg.now()
	wg.Wait()
	end := cfg.now()
	lost := verify(context.WithoutCancel(ctx), all)
	for _, s := range all {
		s.client.CloseIdleConnections()
	}
	stopSampler()
	samplerDone.Wait()
	<-progressDone
	after := scr.snapshot(context.WithoutCancel(ctx))

	r := rec.report(cfg, start, arrived, end)
	r.Sessions = SessionCounts{Started: started.Load(), Completed: done.Load(), Failed: failed.Load(), Unfinished: unfinished.Load()}
	r.Writes = lost
	r.ClientCPUSeconds = selfCPUSeconds() - cpu0
	r.Replicas = scr.replicaReports(before, after, end.Sub(start))
	r.Judge.finish(r)
	r.Judge.MaxInFlight, r.Judge.MaxWaiting = scr.fleetPeaks()
	r.evaluate(cfg.Objectives)
	return r, nil
}
