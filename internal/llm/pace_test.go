package llm_test

import (
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/aijudge/aijudge/internal/llm"
)

// maxInMinute is the most of the allowed instants that any 60 seconds
// hold, wherever the 60 seconds start.
func maxInMinute(at []time.Time) int {
	most, j := 0, 0
	for i := range at {
		for at[i].Sub(at[j]) >= time.Minute {
			j++
		}
		most = max(most, i-j+1)
	}
	return most
}

// A client that asks every 10 ms for ten minutes never gets more than the
// budget in any minute, and gets most of it.
func TestPaceHoldsAnyMinute(t *testing.T) {
	for _, perMinute := range []int{1, 2, 9, 10, 60, 600, 3000} {
		burst, every := llm.Pace(perMinute)
		lim := rate.NewLimiter(rate.Every(every), burst)
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		var at []time.Time
		for tm := start; tm.Before(start.Add(10 * time.Minute)); tm = tm.Add(10 * time.Millisecond) {
			if lim.AllowN(tm, 1) {
				at = append(at, tm)
			}
		}
		if got := maxInMinute(at); got > perMinute {
			t.Errorf("%d a minute: %d calls in one minute (burst %d, every %v)", perMinute, got, burst, every)
		}
		if floor := perMinute * 8 / 10 * 10; len(at) < floor {
			t.Errorf("%d a minute: only %d calls in ten minutes, want at least %d", perMinute, len(at), floor)
		}
	}
}
