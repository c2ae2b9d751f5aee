package auth_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/ratelimit"
	"github.com/aijudge/aijudge/internal/sqlite"
	"github.com/aijudge/aijudge/internal/testenv"
)

var (
	cheap      = auth.Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}
	testSecret = []byte("test-only-secret-not-for-production-0123456789")
)

// clock is a settable time for the in-process limiter.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Failed logins cannot lock the owner out: they slow down the address
// they come from on that account, a success from it clears them, and only
// the per-account cap, far larger, stops everyone. On both limiters, the
// in-process one and the fleet's in Redis.
func TestLoginThrottleCannotLockOut(t *testing.T) {
	t.Parallel()
	t.Run("memory", func(t *testing.T) {
		t.Parallel()
		c := &clock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
		l := ratelimit.NewMemory(context.Background(), ratelimit.MemoryOptions{Now: c.Now})
		t.Cleanup(func() { l.Close() })
		loginScenario(t, l, 15*time.Minute, c.Add)
	})
	t.Run("redis", func(t *testing.T) {
		t.Parallel()
		l := ratelimit.NewRedis(context.Background(), testenv.Redis(t), ratelimit.RedisOptions{Prefix: "aijudge-test:login:" + court.NewID() + ":", Timeout: 2 * time.Second})
		t.Cleanup(func() { l.Close() })
		// Redis keeps its own clock: a short window, and real waits.
		loginScenario(t, l, 8*time.Second, time.Sleep)
	})
}

func loginScenario(t *testing.T, l ratelimit.Limiter, window time.Duration, wait func(time.Duration)) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "auth.db"), sqlite.Options{AutoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	const perPair, capN = 10, 40
	s := auth.NewService(auth.Options{Store: store, Secret: testSecret, Limiter: l, Params: cheap,
		LoginsPerAccount: perPair, LoginsPerAccountCap: capN, LoginsPerAddress: 1000, LoginWindow: window})
	const email, right = "owner@example.com", "correct horse battery"
	if _, err := s.Register(ctx, email, right, "Owner", "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	attempt := func(password, addr string) error {
		_, err := s.Login(ctx, email, password, addr, "")
		return err
	}
	const x, y = "203.0.113.66", "198.51.100.10"
	attempts := 0 // counted on the account
	for i := range perPair {
		attempts++
		if err := attempt("wrong password", x); court.ErrorCode(err) != court.EUnauthorized {
			t.Fatalf("failure %d from X: %v", i+1, err)
		}
	}
	err = attempt("wrong password", x)
	var refused *court.Error
	if court.ErrorCode(err) != court.ERateLimited || !errors.As(err, &refused) || refused.RetryAfter <= 0 {
		t.Fatalf("failure %d from X was not slowed down: %v", perPair+1, err)
	}
	if err := attempt(right, x); court.ErrorCode(err) != court.ERateLimited {
		t.Fatalf("the right password from X during its backoff: %v", err)
	}
	attempts++
	if err := attempt(right, y); err != nil {
		t.Fatalf("the owner, from Y, after ten failures from X: %v", err)
	}
	wait(refused.RetryAfter)
	attempts++
	if err := attempt(right, x); err != nil {
		t.Fatalf("the right password from X after its backoff: %v", err)
	}
	// The success cleared X's failures: ten more before it waits again.
	for i := range perPair {
		attempts++
		if err := attempt("wrong password", x); court.ErrorCode(err) != court.EUnauthorized {
			t.Fatalf("failure %d from X after its success: %v", i+1, err)
		}
	}
	// Guessing spread over addresses, a few each, meets the account's cap.
	capped := false
	for n := 0; !capped && attempts < 2*capN; n++ {
		for range perPair / 2 {
			err := attempt("wrong password", fmt.Sprintf("192.0.2.%d", 10+n))
			if court.ErrorCode(err) == court.ERateLimited {
				capped = true
				break
			}
			attempts++
		}
	}
	if !capped {
		t.Fatalf("%d failures over many addresses never met the per-account cap of %d", attempts, capN)
	}
	if attempts < capN {
		t.Errorf("the per-account cap of %d applied after %d attempts", capN, attempts)
	}
}

// The wait of one address guessing one account grows: one more attempt
// every 90 s after ten failures, one every half hour or so after fifty in
// a day; a success clears both counts.
func TestLoginBackoffGrows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := &clock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	l := ratelimit.NewMemory(ctx, ratelimit.MemoryOptions{Now: c.Now})
	t.Cleanup(func() { l.Close() })
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "auth.db"), sqlite.Options{AutoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	s := auth.NewService(auth.Options{Store: store, Secret: testSecret, Limiter: l, Params: cheap,
		LoginsPerAddress: 100000, LoginsPerAccountCap: 100000})
	const email, right, x = "owner@example.com", "correct horse battery", "203.0.113.66"
	if _, err := s.Register(ctx, email, right, "Owner", "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	// fail guesses wrong from x, waiting whenever told to, until n
	// guesses were answered; it returns the longest wait.
	fail := func(n int) time.Duration {
		var longest time.Duration
		for answered := 0; answered < n; {
			_, err := s.Login(ctx, email, "wrong password", x, "")
			var e *court.Error
			switch {
			case court.ErrorCode(err) == court.EUnauthorized:
				answered++
			case court.ErrorCode(err) == court.ERateLimited && errors.As(err, &e):
				longest = max(longest, e.RetryAfter)
				c.Add(e.RetryAfter)
			default:
				t.Fatalf("guess %d: %v", answered+1, err)
			}
		}
		return longest
	}
	if w := fail(10); w != 0 {
		t.Fatalf("the first ten failures waited %v", w)
	}
	if w := fail(40); w <= 0 || w > 90*time.Second {
		t.Errorf("failures 11 to 50 waited up to %v, want up to 90 s", w)
	}
	if w := fail(3); w < 20*time.Minute {
		t.Errorf("failures after fifty waited up to %v, want about half an hour", w)
	}
	// The owner, from x, once the wait is over, logs in and clears both.
	for {
		_, err := s.Login(ctx, email, right, x, "")
		var e *court.Error
		if errors.As(err, &e) && e.Code == court.ERateLimited {
			c.Add(e.RetryAfter)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		break
	}
	if w := fail(10); w != 0 {
		t.Errorf("after the success, ten failures waited %v", w)
	}
}
