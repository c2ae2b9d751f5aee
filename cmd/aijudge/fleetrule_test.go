package main

import (
	"context"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/ratelimit"
)

// The fleet's shared limiter, with the rule a budget of N calls a minute
// becomes, never allows more than N in any 60 seconds. Before the rule
// was paced, 60 a minute allowed 60 at once and then one a second: 250
// calls in 190 s of a capacity run, and 119 in its first minute.
func TestFleetRuleHoldsAnyMinute(t *testing.T) {
	for _, perMinute := range []int{1, 7, 60, 1000} {
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		lim := ratelimit.NewMemory(t.Context(), ratelimit.MemoryOptions{Now: func() time.Time { return now }})
		rule := fleetRule(perMinute)
		var at []time.Time
		for end := now.Add(5 * time.Minute); now.Before(end); now = now.Add(10 * time.Millisecond) {
			d, err := lim.Allow(context.Background(), "llm:openai", rule)
			if err != nil {
				t.Fatal(err)
			}
			if d.Allowed {
				at = append(at, now)
			}
		}
		most, j := 0, 0
		for i := range at {
			for at[i].Sub(at[j]) >= time.Minute {
				j++
			}
			most = max(most, i-j+1)
		}
		if most > perMinute {
			t.Errorf("%d a minute (rule %+v): %d calls in one minute", perMinute, rule, most)
		}
		if floor := perMinute * 8 / 10 * 5; len(at) < floor {
			t.Errorf("%d a minute: only %d calls in five minutes, want at least %d", perMinute, len(at), floor)
		}
	}
}
