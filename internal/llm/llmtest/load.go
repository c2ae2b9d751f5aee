package llmtest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
)

// Load makes a fake behave like a busy real provider for load tests:
// each answer takes a latency drawn from a stated distribution, answers
// are as long as a real model's, and a per-minute quota is enforced with
// 429 and Retry-After, as providers do.
type Load struct {
	// MinLatency and MaxLatency bound each successful answer's latency,
	// drawn uniformly between them (5–15 s is what the deployment guide
	// assumes of a hosted model). Equal values give a fixed latency.
	MinLatency, MaxLatency time.Duration
	// OutputTokens is the length of the answer per stage, in the fake's
	// tokens (four bytes each): the reasoning is lengthened to reach it.
	// A stage not named keeps the short canned answer.
	OutputTokens map[string]int
	// RequestsPerMinute is the provider's quota: requests beyond it within
	// any sliding minute get 429 with Retry-After. Zero is no quota.
	RequestsPerMinute int
	// Seed makes the latencies repeatable.
	Seed uint64

	mu  sync.Mutex
	rng *rand.Rand
}

// DefaultOutputTokens are answer lengths of a hosted model judging a case
// of a few pages: a tentative judgment and a final verdict with reasoning
// on each issue, and a shorter answer to one argument.
func DefaultOutputTokens() map[string]int {
	return map[string]int{StageTentative: 1200, StageArgument: 450, StageFinal: 1500}
}

func (l *Load) latency() time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rng == nil {
		l.rng = rand.New(rand.NewPCG(l.Seed, 0x5eed))
	}
	if l.MaxLatency <= l.MinLatency {
		return l.MinLatency
	}
	return l.MinLatency + time.Duration(l.rng.Int64N(int64(l.MaxLatency-l.MinLatency)))
}

// SetLoad makes the server behave as l says; nil restores instant,
// unlimited answers.
func (s *Server) SetLoad(l *Load) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.load = l
	s.window = nil
}

// overQuota reports whether a request at now exceeds the quota, and
// counts it if not. Called with s.mu held.
func (s *Server) overQuota(now time.Time) bool {
	rpm := s.load.RequestsPerMinute
	if rpm <= 0 {
		return false
	}
	cut := now.Add(-time.Minute)
	i := 0
	for i < len(s.window) && !s.window[i].After(cut) {
		i++
	}
	s.window = s.window[i:]
	if len(s.window) >= rpm {
		return true
	}
	s.window = append(s.window, now)
	return false
}

// quotaRetryAfter is when the oldest request of the window leaves it.
// Called with s.mu held, after overQuota said true.
func (s *Server) quotaRetryAfter(now time.Time) time.Duration {
	if len(s.window) == 0 {
		return time.Second
	}
	return max(time.Second, s.window[0].Add(time.Minute).Sub(now))
}

// Stats is what a fake has served.
type Stats struct {
	Requests, RateLimited     int64
	InputTokens, OutputTokens int64
	InFlight, MaxInFlight     int64
}

// Stats returns the counts so far.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// SizedAnswer returns Answer(stage) with its reasoning (or, for an
// argument, its response) lengthened to about outTokens tokens. A value
// not above the canned answer's length returns that answer.
func SizedAnswer(stage string, outTokens int) string {
	a := Answer(stage)
	need := outTokens*4 - len(a)
	if need <= 0 {
		return a
	}
	field := `"reasoning":"`
	if stage == StageArgument {
		field = `"response":"`
	}
	var b strings.Builder
	for i := 1; b.Len() < need; i++ {
		fmt.Fprintf(&b, " On the %d%s point, the record read as a whole supports the finding stated above, and nothing in the other side's documents displaces it.", i, ordinal(i))
	}
	pad := b.String()[:need]
	k := strings.Index(a, field)
	if k < 0 {
		return a
	}
	// Insert at the end of the field's string value: find its closing
	// quote (the canned texts contain no escaped quotes).
	start := k + len(field)
	end := start + strings.IndexByte(a[start:], '"')
	return a[:end] + pad + a[end:]
}

func ordinal(n int) string {
	if n%100 >= 11 && n%100 <= 13 {
		return "th"
	}
	switch n % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}
