package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

func testPing(t *testing.T, s court.Store, _ *Clock) {
	must(t, s.Ping(ctx(t)))
}

func testCreateAndGet(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	want := newCase(ts)
	want.UpdatedAt = want.CreatedAt.Add(3 * time.Microsecond)
	must(t, createCase(t, s, want))

	got := get(t, s, want.ID)
	if d := diff(want, got); d != "" {
		t.Fatalf("case round-trip (-want +got):\n%s", d)
	}
	if got.Judgments == nil || got.Arguments == nil {
		t.Errorf("a new case must have empty (not nil) judgments and arguments: %#v %#v", got.Judgments, got.Arguments)
	}
	if got.CreatedAt.Location().String() != "UTC" {
		t.Errorf("CreatedAt comes back in %s; stores return UTC", got.CreatedAt.Location())
	}

	// A second case must not leak into the first.
	other := newCase(ts)
	must(t, createCase(t, s, other))
	if d := diff(want, get(t, s, want.ID)); d != "" {
		t.Fatalf("case changed after another was filed (-want +got):\n%s", d)
	}
}

func testCreateDuplicate(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, false)
	dup := newCase(ts)
	dup.ID = c.ID
	wantCode(t, createCase(t, s, dup), court.EConflict, "CreateCase with an existing id")
	if d := diff(c, get(t, s, c.ID)); d != "" {
		t.Fatalf("failed duplicate changed the case (-want +got):\n%s", d)
	}
}

func testNotFound(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	missing := court.NewID()
	_, err := s.Case(ctx(t), missing)
	wantCode(t, err, court.ENotFound, "Case")
	wantCode(t, addJudgment(t, s, newJudgment(ts, missing, court.Tentative)), court.ENotFound, "AddJudgment")
	wantCode(t, s.ReserveArgument(ctx(t), newArgument(ts, missing, court.SideA), minute), court.ENotFound, "ReserveArgument")
	d := newCase(ts).A.Documents[0]
	wantCode(t, addDocument(t, s, missing, &d), court.ENotFound, "AddDocument")
	_, err = deleteCase(t, s, missing)
	wantCode(t, err, court.ENotFound, "DeleteCase")
}

func testAddDocument(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	c := fixture(t, s, ts, true)
	d := court.Document{
		ID:         court.NewID(),
		Side:       court.SideB,
		Name:       "repairs.docx",
		MediaType:  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		Size:       4096,
		SHA256:     "dd44" + c.ID,
		Pages:      1,
		Chars:      18,
		Status:     court.DocExtracted,
		TextMethod: court.TextLayer,
		Text:       "Repair request #2.",
		CreatedAt:  ts.next(),
	}
	must(t, addDocument(t, s, c.ID, &d))
	got := get(t, s, c.ID)
	want := append(slices.Clone(c.B.Documents), d)
	if df := diff(want, got.B.Documents); df != "" {
		t.Fatalf("side B documents (-want +got):\n%s", df)
	}
	if df := diff(c.A.Documents, got.A.Documents); df != "" {
		t.Fatalf("side A documents changed (-want +got):\n%s", df)
	}
	if got.UpdatedAt.Before(d.CreatedAt) {
		t.Errorf("UpdatedAt %v is before the document's %v", got.UpdatedAt, d.CreatedAt)
	}

	must(t, addJudgment(t, s, newJudgment(ts, c.ID, court.Final)))
	late := d
	late.ID = court.NewID()
	wantCode(t, addDocument(t, s, c.ID, &late), court.EConflict, "AddDocument after the final verdict")
}

func testDeleteCase(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	first := newCase(ts)
	second := newCase(ts)
	// second shares first's lease.pdf; notice.pdf and photos.txt are
	// first's alone, and notice.pdf is filed twice within first.
	second.A.Documents[0].SHA256 = first.A.Documents[0].SHA256
	dupNotice := first.A.Documents[1]
	dupNotice.ID = court.NewID()
	dupNotice.Side = court.SideB
	first.B.Documents = append(first.B.Documents, dupNotice)
	must(t, createCase(t, s, first))
	must(t, createCase(t, s, second))
	// Judgments and arguments go with the case.
	must(t, addJudgment(t, s, newJudgment(ts, first.ID, court.Tentative)))
	a := newArgument(ts, first.ID, court.SideA)
	must(t, s.ReserveArgument(ctx(t), a, minute))
	answer(a)
	must(t, completeArgument(t, s, a, nil))
	must(t, s.ReserveArgument(ctx(t), newArgument(ts, first.ID, court.SideB), minute))

	orphans, err := deleteCase(t, s, first.ID)
	must(t, err)
	want := []string{first.A.Documents[1].BlobKey(), first.B.Documents[0].BlobKey()}
	slices.Sort(want)
	slices.Sort(orphans)
	if df := diff(want, orphans); df != "" {
		t.Fatalf("orphan blob keys (-want +got):\n%s", df)
	}
	_, err = s.Case(ctx(t), first.ID)
	wantCode(t, err, court.ENotFound, "Case after DeleteCase")
	_, err = deleteCase(t, s, first.ID)
	wantCode(t, err, court.ENotFound, "DeleteCase twice")
	if df := diff(second, get(t, s, second.ID)); df != "" {
		t.Fatalf("the other case changed (-want +got):\n%s", df)
	}

	orphans, err = deleteCase(t, s, second.ID)
	must(t, err)
	want = []string{second.A.Documents[0].BlobKey(), second.A.Documents[1].BlobKey(), second.B.Documents[0].BlobKey()}
	slices.Sort(want)
	slices.Sort(orphans)
	if df := diff(want, orphans); df != "" {
		t.Fatalf("orphan blob keys of the last case (-want +got):\n%s", df)
	}
}
