package web_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

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
