package storetest

import (
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// minute is a lease no test outlives; tiny leases (1ms, then lapse)
// stand for a judge that crashed mid-answer.
const minute = time.Minute

// lapse moves the store's clock past the end of a lease of 1ms, not of a
// minute.
func lapse(clock *Clock) { clock.Advance(time.Second) }

func testReserveRules(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, false)
	reserve := func() (*court.Argument, error) {
		a := newArgument(ts, c.ID, court.SideA)
		return a, s.ReserveArgument(ctx(t), a, minute)
	}
	_, err := reserve()
	wantCode(t, err, court.EConflict, "an argument before any judgment")

	must(t, addJudgment(t, s, newJudgment(ts, c.ID, court.Tentative)))
	// Three answered and two live reservations fill the five slots.
	for range 3 {
		a, err := reserve()
		must(t, err)
		answer(a)
		must(t, completeArgument(t, s, a, nil))
	}
	for range 2 {
		_, err := reserve()
		must(t, err)
	}
	_, err = reserve()
	wantCode(t, err, court.EConflict, "a sixth argument with two reserved")
	if got := get(t, s, c.ID); len(got.Arguments) != 3 {
		t.Fatalf("Case lists %d arguments; want only the 3 answered", len(got.Arguments))
	}

	closed := fixture(t, s, ts, true)
	must(t, addJudgment(t, s, newJudgment(ts, closed.ID, court.Final)))
	err = s.ReserveArgument(ctx(t), newArgument(ts, closed.ID, court.SideB), minute)
	wantCode(t, err, court.EConflict, "an argument after the final verdict")
}

// testCompleteOrder answers five arguments in an order other than the one
// they were reserved in: sequence numbers follow completion.
func testCompleteOrder(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, true)
	args := make([]*court.Argument, court.MaxArguments)
	for i := range args {
		side := court.SideA
		if i%2 == 1 {
			side = court.SideB
		}
		args[i] = newArgument(ts, c.ID, side)
		must(t, s.ReserveArgument(ctx(t), args[i], minute))
		if args[i].Seq != 0 {
			t.Fatalf("a reservation got sequence number %d; numbers are given on completion", args[i].Seq)
		}
	}
	var want []court.Argument
	versions := 1
	for n, i := range []int{3, 1, 4, 0, 2} {
		a := args[i]
		answer(a)
		var revised *court.Judgment
		if n%2 == 0 {
			revised = newJudgment(ts, c.ID, court.Reconsidered)
			versions++
		} else {
			a.Reconsidered = false
		}
		must(t, completeArgument(t, s, a, revised))
		if a.Seq != n+1 {
			t.Fatalf("completion %d got sequence number %d", n+1, a.Seq)
		}
		if revised != nil && revised.Version != versions {
			t.Fatalf("revised judgment got version %d, want %d", revised.Version, versions)
		}
		want = append(want, *a)
	}
	got := get(t, s, c.ID)
	if d := diff(want, got.Arguments); d != "" {
		t.Fatalf("arguments (-want +got):\n%s", d)
	}
	if len(got.Judgments) != versions || got.Status != court.Arguing {
		t.Fatalf("%d judgments, status %s; want %d, arguing", len(got.Judgments), got.Status, versions)
	}
	if got.RemainingArguments() != 0 {
		t.Fatalf("RemainingArguments = %d after five", got.RemainingArguments())
	}
	err := s.ReserveArgument(ctx(t), newArgument(ts, c.ID, court.SideA), minute)
	wantCode(t, err, court.EConflict, "a sixth argument")
}

func testCompleteLost(t *testing.T, s court.Store, clock *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, true)

	// Released: the reservation is gone, and so is the revised judgment.
	a := newArgument(ts, c.ID, court.SideA)
	must(t, s.ReserveArgument(ctx(t), a, minute))
	must(t, s.ReleaseArgument(ctx(t), c.ID, a.ID))
	answer(a)
	wantCode(t, completeArgument(t, s, a, newJudgment(ts, c.ID, court.Reconsidered)), court.EConflict, "completing a released argument")
	if got := get(t, s, c.ID); len(got.Arguments) != 0 || len(got.Judgments) != 1 {
		t.Fatalf("a refused completion left %d arguments, %d judgments", len(got.Arguments), len(got.Judgments))
	}

	// Answered already.
	a = newArgument(ts, c.ID, court.SideA)
	must(t, s.ReserveArgument(ctx(t), a, minute))
	answer(a)
	must(t, completeArgument(t, s, a, nil))
	wantCode(t, completeArgument(t, s, a, nil), court.EConflict, "completing an argument twice")

	// A lapsed lease whose slot nobody took may still complete.
	late := newArgument(ts, c.ID, court.SideB)
	must(t, s.ReserveArgument(ctx(t), late, time.Millisecond))
	lapse(clock)
	answer(late)
	must(t, completeArgument(t, s, late, nil))
	if late.Seq != 2 {
		t.Fatalf("late completion got sequence number %d, want 2", late.Seq)
	}

	// A lapsed lease whose slot was taken may not: that would be a sixth.
	for range 2 {
		a := newArgument(ts, c.ID, court.SideA)
		must(t, s.ReserveArgument(ctx(t), a, minute))
		answer(a)
		must(t, completeArgument(t, s, a, nil))
	}
	lost := newArgument(ts, c.ID, court.SideB)
	must(t, s.ReserveArgument(ctx(t), lost, time.Millisecond))
	lapse(clock)
	taker := newArgument(ts, c.ID, court.SideA)
	must(t, s.ReserveArgument(ctx(t), taker, minute))
	answer(lost)
	wantCode(t, completeArgument(t, s, lost, nil), court.EConflict, "completing an argument whose slot was taken")
	answer(taker)
	must(t, completeArgument(t, s, taker, nil))
	if got := get(t, s, c.ID); len(got.Arguments) != court.MaxArguments {
		t.Fatalf("%d arguments, want %d", len(got.Arguments), court.MaxArguments)
	}

	// Closed while the judge was answering (the lease lapsed first).
	d := fixture(t, s, ts, true)
	a = newArgument(ts, d.ID, court.SideA)
	must(t, s.ReserveArgument(ctx(t), a, time.Millisecond))
	lapse(clock)
	must(t, addJudgment(t, s, newJudgment(ts, d.ID, court.Final)))
	answer(a)
	wantCode(t, completeArgument(t, s, a, nil), court.EConflict, "completing an argument after the final verdict")
}

func testRelease(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, true)
	var held []*court.Argument
	for range court.MaxArguments {
		a := newArgument(ts, c.ID, court.SideA)
		must(t, s.ReserveArgument(ctx(t), a, minute))
		held = append(held, a)
	}
	wantCode(t, s.ReserveArgument(ctx(t), newArgument(ts, c.ID, court.SideB), minute), court.EConflict, "a sixth reservation")

	must(t, s.ReleaseArgument(ctx(t), c.ID, held[2].ID))
	must(t, s.ReleaseArgument(ctx(t), c.ID, held[2].ID)) // releasing twice is harmless
	must(t, s.ReserveArgument(ctx(t), newArgument(ts, c.ID, court.SideB), minute))
	wantCode(t, s.ReserveArgument(ctx(t), newArgument(ts, c.ID, court.SideB), minute), court.EConflict, "a sixth reservation after a release")

	// Releasing an answered argument does not unanswer it.
	answer(held[0])
	must(t, completeArgument(t, s, held[0], nil))
	must(t, s.ReleaseArgument(ctx(t), c.ID, held[0].ID))
	if got := get(t, s, c.ID); len(got.Arguments) != 1 {
		t.Fatalf("%d arguments after releasing an answered one, want 1", len(got.Arguments))
	}
}

func testLeaseExpiry(t *testing.T, s court.Store, clock *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, true)
	for range court.MaxArguments {
		must(t, s.ReserveArgument(ctx(t), newArgument(ts, c.ID, court.SideA), time.Millisecond))
	}
	lapse(clock)
	for range court.MaxArguments {
		must(t, s.ReserveArgument(ctx(t), newArgument(ts, c.ID, court.SideB), minute))
	}
	wantCode(t, s.ReserveArgument(ctx(t), newArgument(ts, c.ID, court.SideA), minute), court.EConflict, "a sixth live reservation")
}

func testFinalWaitsForArgument(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, true)
	a := newArgument(ts, c.ID, court.SideA)
	must(t, s.ReserveArgument(ctx(t), a, minute))
	wantCode(t, addJudgment(t, s, newJudgment(ts, c.ID, court.Final)), court.EConflict, "final while an argument is answered")
	// A reconsideration is not held up by a pending argument.
	must(t, addJudgment(t, s, newJudgment(ts, c.ID, court.Reconsidered)))
	answer(a)
	must(t, completeArgument(t, s, a, nil))
	final := newJudgment(ts, c.ID, court.Final)
	must(t, addJudgment(t, s, final))
	if final.Version != 3 {
		t.Fatalf("final verdict got version %d, want 3", final.Version)
	}
	if got := get(t, s, c.ID); got.Status != court.Closed || got.RemainingArguments() != 0 {
		t.Fatalf("status %s, %d remaining; want closed, 0", got.Status, got.RemainingArguments())
	}
}

// testLeaseClock: reservations lapse by the store's clock, not by the
// time that passed: a lease of a minute holds its slot until the clock
// has moved a minute on, and no longer.
func testLeaseClock(t *testing.T, s court.Store, clock *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, true)
	for range court.MaxArguments {
		must(t, s.ReserveArgument(ctx(t), newArgument(ts, c.ID, court.SideA), minute))
	}
	clock.Advance(minute - time.Millisecond)
	wantCode(t, s.ReserveArgument(ctx(t), newArgument(ts, c.ID, court.SideB), minute), court.EConflict, "a sixth reservation before the leases ran out")
	wantCode(t, addJudgment(t, s, newJudgment(ts, c.ID, court.Final)), court.EConflict, "final while the reservations are live")
	clock.Advance(2 * time.Millisecond)
	// The lapsed reservations no longer hold up the final verdict.
	must(t, addJudgment(t, s, newJudgment(ts, c.ID, court.Final)))

	d := fixture(t, s, ts, true)
	for range court.MaxArguments {
		must(t, s.ReserveArgument(ctx(t), newArgument(ts, d.ID, court.SideA), minute))
	}
	clock.Advance(minute + time.Millisecond)
	must(t, s.ReserveArgument(ctx(t), newArgument(ts, d.ID, court.SideB), minute))
}
