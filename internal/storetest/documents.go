package storetest

import (
	"fmt"
	"testing"

	"github.com/aijudge/aijudge/internal/court"
)

// someDocuments are n new documents for side, of size bytes each.
func someDocuments(ts *stamps, caseID string, side court.SideID, n int, size int64) []court.Document {
	docs := make([]court.Document, n)
	at := ts.next()
	for i := range docs {
		docs[i] = court.Document{
			ID: court.NewID(), Side: side, Name: fmt.Sprintf("exhibit-%d.txt", i+1), MediaType: "text/plain; charset=utf-8",
			Size: size, SHA256: fmt.Sprintf("%064x", i) + caseID, Chars: 4,
			Status: court.DocExtracted, Text: "text", CreatedAt: at,
		}
	}
	return docs
}

func addDocuments(t *testing.T, s court.Store, caseID string, docs []court.Document, lim court.DocumentLimits) error {
	return s.InTx(ctx(t), func(tx court.Tx) error { return tx.AddDocuments(caseID, docs, lim) })
}

func testDocumentLimits(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	c := newCase(ts)
	c.B.Documents = nil
	must(t, createCase(t, s, c))
	lim := court.DocumentLimits{PerSide: 10, CaseBytes: 1000}

	// Side A holds two documents already: eight more fit, nine do not,
	// and nothing of a refused request is kept.
	wantCode(t, addDocuments(t, s, c.ID, someDocuments(ts, c.ID, court.SideA, 9, 1), lim), court.ETooLarge, "AddDocuments over the per-side count")
	if n := len(get(t, s, c.ID).A.Documents); n != 2 {
		t.Fatalf("a refused request left side A with %d documents; want 2", n)
	}
	must(t, addDocuments(t, s, c.ID, someDocuments(ts, c.ID, court.SideA, 8, 1), lim))

	// The byte total counts both sides.
	held := int64(0)
	for _, d := range get(t, s, c.ID).A.Documents {
		held += d.Size
	}
	wantCode(t, addDocuments(t, s, c.ID, someDocuments(ts, c.ID, court.SideB, 1, 1000-held+1), lim), court.ETooLarge, "AddDocuments over the per-case bytes")
	must(t, addDocuments(t, s, c.ID, someDocuments(ts, c.ID, court.SideB, 1, 1000-held), lim))
	got := get(t, s, c.ID)
	if len(got.A.Documents) != 10 || len(got.B.Documents) != 1 {
		t.Fatalf("sides hold %d and %d documents; want 10 and 1", len(got.A.Documents), len(got.B.Documents))
	}
}

// testRaceDocuments: five requests of six files each race for a side
// whose limit is ten. One fits; the count is checked under the case's
// lock, so the others are refused whole and the side never holds more
// than ten.
func testRaceDocuments(t *testing.T, s court.Store, _ *Clock) {
	ts := newStamps()
	c := newCase(ts)
	c.B.Documents = nil
	must(t, createCase(t, s, c))
	const requests, files = 5, 6
	batches := make([][]court.Document, requests)
	for i := range batches {
		batches[i] = someDocuments(ts, c.ID, court.SideB, files, 100)
	}
	errs := make([]error, requests)
	start := make(chan struct{})
	done := make(chan int)
	for i := range requests {
		go func() {
			<-start
			errs[i] = addDocuments(t, s, c.ID, batches[i], court.DocumentLimits{PerSide: 10})
			done <- i
		}()
	}
	close(start)
	for range requests {
		<-done
	}
	ok := 0
	for _, err := range errs {
		switch court.ErrorCode(err) {
		case "":
			ok++
		case court.ETooLarge:
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	got := get(t, s, c.ID)
	if n := len(got.B.Documents); n > 10 || n != ok*files || ok != 1 {
		t.Fatalf("%d requests succeeded and side B holds %d documents; want 1 and 6", ok, n)
	}

	// The same for the bytes of the whole case.
	c2 := newCase(ts)
	c2.A.Documents, c2.B.Documents = nil, nil
	must(t, createCase(t, s, c2))
	for i := range batches {
		batches[i] = someDocuments(ts, c2.ID, []court.SideID{court.SideA, court.SideB}[i%2], 2, 400)
	}
	for i := range requests {
		go func() {
			<-start
			errs[i] = addDocuments(t, s, c2.ID, batches[i], court.DocumentLimits{CaseBytes: 2000})
			done <- i
		}()
	}
	for range requests {
		<-done
	}
	got = get(t, s, c2.ID)
	total := int64(0)
	for _, side := range []*court.Side{&got.A, &got.B} {
		for _, d := range side.Documents {
			total += d.Size
		}
	}
	if total > 2000 || total != 1600 {
		t.Fatalf("the case holds %d bytes of documents; want 1600 (two requests of 800 within 2000)", total)
	}
}
