package court

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func newCallsService() *Service {
	return &Service{deadline: time.Minute, stop: make(chan struct{})}
}

// TestOnceCallerGivesUp: a caller that gives up fails nobody else; the
// call goes on and every remaining waiter gets its answer.
func TestOnceCallerGivesUp(t *testing.T) {
	t.Parallel()
	s := newCallsService()
	release := make(chan struct{})
	var runs atomic.Int32
	fn := func(ctx context.Context, out Stream) (any, error) {
		runs.Add(1)
		out.Send("The judge ")
		select {
		case <-release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		out.Send("decides.")
		return "ruling", nil
	}

	impatient, giveUp := context.WithCancel(context.Background())
	started := make(chan struct{})
	first := make(chan error, 1)
	var once sync.Once
	var wg sync.WaitGroup
	wg.Go(func() {
		_, err := s.once(impatient, "k", func(string) { once.Do(func() { close(started) }) }, fn)
		first <- err
	})
	<-started // the call runs and has written

	var mu sync.Mutex
	var seen string
	second := make(chan any, 1)
	wg.Go(func() {
		v, err := s.once(context.Background(), "k", func(d string) { mu.Lock(); seen += d; mu.Unlock() }, fn)
		if err != nil {
			t.Errorf("second waiter: %v", err)
		}
		second <- v
	})
	// The second waiter joined late: it got what was written so far.
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return seen == "The judge " })

	giveUp()
	if err := <-first; ErrorCode(err) != EUnavailable {
		t.Fatalf("the caller that gave up got %v, want EUnavailable", err)
	}
	close(release)
	if v := <-second; v != "ruling" {
		t.Fatalf("second waiter got %v", v)
	}
	wg.Wait()
	if n := runs.Load(); n != 1 {
		t.Fatalf("the judge was called %d times, want 1", n)
	}
	if seen != "The judge decides." {
		t.Fatalf("second waiter saw %q", seen)
	}
	if err := s.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestOnceClose: Close cancels a call nobody waits for and waits for it.
func TestOnceClose(t *testing.T) {
	t.Parallel()
	s := newCallsService()
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	ended := make(chan struct{})
	go s.once(ctx, "k", nil, func(ctx context.Context, _ Stream) (any, error) {
		close(started)
		<-ctx.Done()
		close(ended)
		return nil, ctx.Err()
	})
	<-started
	cancel()
	if err := s.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ended:
	default:
		t.Fatal("Close returned before the call ended")
	}
}

// waitFor polls cond, which other goroutines make true, for up to 5 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not reached in 5 s")
}
