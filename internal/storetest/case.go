package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

func testPing(t *testing.T, s court.Store) {
	must(t, s.Ping(ctx(t)))
}

func testCreateAndGet(t *testing.T, s court.Store) {
	clk := newClock()
	want := newCase(clk)
	want.UpdatedAt = want.CreatedAt.Add(3 * time.Microsecond)
	must(t, s.CreateCase(ctx(t), want))

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
	other := newCase(clk)
	must(t, s.CreateCase(ctx(t), other))
	if d := diff(want, get(t, s, want.ID)); d != "" {
		t.Fatalf("case changed after another was filed (-want +got):\n%s", d)
	}
}

func testCreateDuplicate(t *testing.T, s court.Store) {
	clk := newClock()
	c := fixture(t, s, clk, false)
	dup := newCase(clk)
	dup.ID = c.ID
	wantCode(t, s.CreateCase(ctx(t), dup), court.EConflict, "CreateCase with an existing id")
	if d := diff(c, get(t, s, c.ID)); d != "" {
		t.Fatalf("failed duplicate changed the case (-want +got):\n%s", d)
	}
}

func testNotFound(t *testing.T, s court.Store) {
	clk := newClock()
	missing := court.NewID()
	_, err := s.Case(ctx(t), missing)
	wantCode(t, err, court.ENotFound, "Case")
	wantCode(t, s.AddJudgment(ctx(t), newJudgment(clk, missing, court.Tentative)), court.ENotFound, "AddJudgment")
	wantCode(t, s.ReserveArgument(ctx(t), newArgument(clk, missing, court.SideA), minute), court.ENotFound, "ReserveArgument")
	d := newCase(clk).A.Documents[0]
	wantCode(t, s.AddDocument(ctx(t), missing, &d), court.ENotFound, "AddDocument")
	_, err = s.DeleteCase(ctx(t), missing)
	wantCode(t, err, court.ENotFound, "DeleteCase")
}

func testAddDocument(t *testing.T, s court.Store) {
	clk := newClock()
	c := fixture(t, s, clk, true)
	d := court.Document{
		ID:        court.NewID(),
		Side:      court.SideB,
		Name:      "repairs.docx",
		MediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		Size:      4096,
		SHA256:    "dd44" + c.ID,
		Pages:     1,
		Chars:     18,
		Status:    court.DocExtracted,
		Text:      "Repair request #2.",
		CreatedAt: clk.now(),
	}
	must(t, s.AddDocument(ctx(t), c.ID, &d))
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

	must(t, s.AddJudgment(ctx(t), newJudgment(clk, c.ID, court.Final)))
	late := d
	late.ID = court.NewID()
	wantCode(t, s.AddDocument(ctx(t), c.ID, &late), court.EConflict, "AddDocument after the final verdict")
}

func testDeleteCase(t *testing.T, s court.Store) {
	clk := newClock()
	first := newCase(clk)
	second := newCase(clk)
	// second shares first's lease.pdf; notice.pdf and photos.txt are
	// first's alone, and notice.pdf is filed twice within first.
	second.A.Documents[0].SHA256 = first.A.Documents[0].SHA256
	dupNotice := first.A.Documents[1]
	dupNotice.ID = court.NewID()
	dupNotice.Side = court.SideB
	first.B.Documents = append(first.B.Documents, dupNotice)
	must(t, s.CreateCase(ctx(t), first))
	must(t, s.CreateCase(ctx(t), second))
	// Judgments and arguments go with the case.
	must(t, s.AddJudgment(ctx(t), newJudgment(clk, first.ID, court.Tentative)))
	a := newArgument(clk, first.ID, court.SideA)
	must(t, s.ReserveArgument(ctx(t), a, minute))
	answer(a)
	must(t, s.CompleteArgument(ctx(t), a, nil))
	must(t, s.ReserveArgument(ctx(t), newArgument(clk, first.ID, court.SideB), minute))

	orphans, err := s.DeleteCase(ctx(t), first.ID)
	must(t, err)
	want := []string{first.A.Documents[1].BlobKey(), first.B.Documents[0].BlobKey()}
	slices.Sort(want)
	slices.Sort(orphans)
	if df := diff(want, orphans); df != "" {
		t.Fatalf("orphan blob keys (-want +got):\n%s", df)
	}
	_, err = s.Case(ctx(t), first.ID)
	wantCode(t, err, court.ENotFound, "Case after DeleteCase")
	_, err = s.DeleteCase(ctx(t), first.ID)
	wantCode(t, err, court.ENotFound, "DeleteCase twice")
	if df := diff(second, get(t, s, second.ID)); df != "" {
		t.Fatalf("the other case changed (-want +got):\n%s", df)
	}

	orphans, err = s.DeleteCase(ctx(t), second.ID)
	must(t, err)
	want = []string{second.A.Documents[0].BlobKey(), second.A.Documents[1].BlobKey(), second.B.Documents[0].BlobKey()}
	slices.Sort(want)
	slices.Sort(orphans)
	if df := diff(want, orphans); df != "" {
		t.Fatalf("orphan blob keys of the last case (-want +got):\n%s", df)
	}
}
