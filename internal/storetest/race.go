package storetest

import (
	"sync"
	"testing"

	"github.com/aijudge/aijudge/internal/court"
)

// contenders is how many requests race for the five slots: far more than
// any connection pool, so that requests queue inside the store as they
// would under load.
const contenders = 100

func testRaceReserve(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, true)
	args := make([]*court.Argument, contenders)
	for i := range args {
		args[i] = newArgument(ts, c.ID, court.SideA)
	}
	errs := race(func(i int) error { return s.ReserveArgument(ctx(t), args[i], minute) })
	countCodes(t, errs)
}

func testRaceReserveComplete(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, true)
	args := make([]*court.Argument, contenders)
	revised := make([]*court.Judgment, contenders)
	for i := range args {
		args[i] = newArgument(ts, c.ID, court.SideB)
		answer(args[i])
		revised[i] = newJudgment(ts, c.ID, court.Reconsidered)
	}
	errs := race(func(i int) error {
		if err := s.ReserveArgument(ctx(t), args[i], minute); err != nil {
			return err
		}
		return completeArgument(t, s, args[i], revised[i])
	})
	countCodes(t, errs)

	got := get(t, s, c.ID)
	if len(got.Arguments) != court.MaxArguments || len(got.Judgments) != 1+court.MaxArguments {
		t.Fatalf("%d arguments and %d judgments; want %d and %d", len(got.Arguments), len(got.Judgments), court.MaxArguments, 1+court.MaxArguments)
	}
	for i, a := range got.Arguments {
		if a.Seq != i+1 {
			t.Fatalf("argument %d has sequence number %d", i, a.Seq)
		}
	}
	for i, j := range got.Judgments {
		if j.Version != i+1 {
			t.Fatalf("judgment %d has version %d", i, j.Version)
		}
	}
}

// race runs fn(0) … fn(contenders-1) at once and returns their errors.
func race(fn func(i int) error) []error {
	errs := make([]error, contenders)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range contenders {
		done.Go(func() {
			start.Wait()
			errs[i] = fn(i)
		})
	}
	start.Done()
	done.Wait()
	return errs
}

func countCodes(t *testing.T, errs []error) {
	t.Helper()
	ok, conflict := 0, 0
	for _, err := range errs {
		switch court.ErrorCode(err) {
		case "":
			ok++
		case court.EConflict:
			conflict++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != court.MaxArguments || conflict != contenders-court.MaxArguments {
		t.Fatalf("%d succeeded and %d got EConflict; want %d and %d", ok, conflict, court.MaxArguments, contenders-court.MaxArguments)
	}
}
