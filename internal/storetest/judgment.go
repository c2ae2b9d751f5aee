package storetest

import (
	"testing"

	"github.com/aijudge/aijudge/internal/court"
)

func testJudgmentRules(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, false)
	add := func(kind court.Kind) error { return addJudgment(t, s, newJudgment(ts, c.ID, kind)) }

	wantCode(t, add(court.Reconsidered), court.EConflict, "reconsidered before any judgment")
	wantCode(t, add(court.Final), court.EConflict, "final before any judgment")
	wantCode(t, add("verdict-ish"), court.EInvalid, "unknown kind")
	if got := get(t, s, c.ID); got.Status != court.Filed || len(got.Judgments) != 0 {
		t.Fatalf("refused judgments changed the case: status %s, %d judgments", got.Status, len(got.Judgments))
	}

	must(t, add(court.Tentative))
	wantCode(t, add(court.Tentative), court.EConflict, "a second tentative judgment")
	must(t, add(court.Reconsidered))
	must(t, add(court.Final))
	for _, k := range []court.Kind{court.Tentative, court.Reconsidered, court.Final} {
		wantCode(t, add(k), court.EConflict, string(k)+" after the final verdict")
	}
	got := get(t, s, c.ID)
	if got.Status != court.Closed || len(got.Judgments) != 3 {
		t.Fatalf("after the final verdict: status %s, %d judgments; want closed, 3", got.Status, len(got.Judgments))
	}

	dup := newJudgment(ts, fixture(t, s, ts, true).ID, court.Reconsidered)
	dup.ID = got.Judgments[0].ID
	wantCode(t, addJudgment(t, s, dup), court.EConflict, "a judgment with an existing id")
}

// testJudgmentVersions follows a case through its life and checks every
// version number, every status and the full round-trip of judgments.
func testJudgmentVersions(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, false)
	var want []court.Judgment
	step := func(j *court.Judgment, status court.Status) {
		t.Helper()
		if j.Version != len(want)+1 {
			t.Fatalf("%s judgment got version %d, want %d", j.Kind, j.Version, len(want)+1)
		}
		want = append(want, *j)
		got := get(t, s, c.ID)
		if got.Status != status {
			t.Fatalf("after %s judgment v%d: status %s, want %s", j.Kind, j.Version, got.Status, status)
		}
		if d := diff(want, got.Judgments); d != "" {
			t.Fatalf("judgments (-want +got):\n%s", d)
		}
		if got.UpdatedAt.Before(j.CreatedAt) {
			t.Errorf("UpdatedAt %v is before the judgment's %v", got.UpdatedAt, j.CreatedAt)
		}
	}

	j := newJudgment(ts, c.ID, court.Tentative)
	j.LegalBasis, j.Flags = nil, nil // empty lists round-trip as empty
	must(t, addJudgment(t, s, j))
	step(j, court.Judged)

	j = newJudgment(ts, c.ID, court.Reconsidered)
	must(t, addJudgment(t, s, j))
	step(j, court.Judged)

	a := newArgument(ts, c.ID, court.SideB)
	must(t, s.ReserveArgument(ctx(t), a, minute))
	answer(a)
	j = newJudgment(ts, c.ID, court.Reconsidered)
	must(t, completeArgument(t, s, a, j))
	step(j, court.Arguing)

	j = newJudgment(ts, c.ID, court.Reconsidered)
	must(t, addJudgment(t, s, j))
	step(j, court.Arguing)

	j = newJudgment(ts, c.ID, court.Final)
	must(t, addJudgment(t, s, j))
	step(j, court.Closed)
}
