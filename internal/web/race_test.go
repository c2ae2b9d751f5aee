package web_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// slowReads makes the next armed reads of a case wait, up to a second,
// until all of them have read it.
type slowReads struct {
	court.Store
	wg    sync.WaitGroup
	armed atomic.Int32
}

func (s *slowReads) arm(n int) { s.wg.Add(n); s.armed.Store(int32(n)) }

func (s *slowReads) Case(ctx context.Context, id string) (*court.Case, error) {
	c, err := s.Store.Case(ctx, id)
	if s.armed.Add(-1) >= 0 {
		s.wg.Done()
		waitAtMost(&s.wg, time.Second)
	}
	return c, err
}

func waitAtMost(wg *sync.WaitGroup, d time.Duration) {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
	}
}

// TestFiveArgumentRace sends 100 arguments at once: exactly five are
// accepted, every other one gets 409, and five are stored.
func TestFiveArgumentRace(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	id := s.judged()
	const n = 100
	statuses := make([]int, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			side := "A"
			if i%2 == 1 {
				side = "B"
			}
			statuses[i] = s.argue(id, side, fmt.Sprintf("Argument number %d about the cheque.", i)).Status
		}()
	}
	close(start)
	wg.Wait()
	count := map[int]int{}
	for _, st := range statuses {
		count[st]++
	}
	if count[http.StatusOK] != 5 || count[http.StatusConflict] != n-5 {
		t.Fatalf("statuses: %v", count)
	}
	list := s.get("/api/cases/" + id + "/arguments")
	if list.Body["count"] != float64(5) {
		t.Fatalf("stored: %s", list.Raw)
	}
	seen := map[float64]bool{}
	for _, a := range list.Body["arguments"].([]any) {
		seen[a.(map[string]any)["sequenceNumber"].(float64)] = true
	}
	for i := 1; i <= 5; i++ {
		if !seen[float64(i)] {
			t.Errorf("sequence number %d missing: %v", i, seen)
		}
	}
}

// TestUploadRace sends five uploads of six files each to one side at
// once. The side's limit is ten: one upload is stored, the others get
// 413, and the side never holds more than ten documents.
func TestUploadRace(t *testing.T) {
	t.Parallel()
	// Every upload reads the case before the others write, as uploads
	// whose files take a while to read do.
	slow := &slowReads{}
	s := newServer(t, func(st *setup) {
		st.wrap = func(s court.Store) court.Store { slow.Store = s; return slow }
	})
	id := s.file()
	const requests, files = 5, 6
	slow.arm(requests)
	statuses := make([]int, requests)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range requests {
		docs := map[string][]byte{}
		for j := range files {
			docs[fmt.Sprintf("exhibit-%d-%d.txt", i, j)] = fmt.Appendf(nil, "Exhibit %d of upload %d: a receipt for Rs. %d.", j, i, 1000*(j+1))
		}
		ct, body := multipartBody(t, map[string]string{"side": "B"}, docs, "documents")
		wg.Go(func() {
			<-start
			statuses[i] = s.do("POST", "/api/cases/"+id+"/documents", ct, body).Status
		})
	}
	close(start)
	wg.Wait()
	count := map[int]int{}
	for _, st := range statuses {
		count[st]++
	}
	got := s.get("/api/cases/" + id)
	docs := got.Body["sideB"].(map[string]any)["documents"].([]any)
	if len(docs) > 10 || count[http.StatusCreated] != 1 || count[http.StatusRequestEntityTooLarge] != requests-1 {
		t.Fatalf("statuses %v and %d documents on side B; want one 201, four 413 and 6 documents", count, len(docs))
	}
}
