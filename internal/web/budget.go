package web

import (
	"context"
	"mime"
	"net/http"
	"strings"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/aijudge/aijudge/internal/court"
)

// maxInlineBytes bounds the documents a JSON filing carries inline, both
// sides together, once decoded. Inline documents are for short texts and
// small files; larger files go through multipart, which streams them.
const maxInlineBytes = 2 << 20

// maxInlineJSONBody is the largest JSON filing: the fields plus the
// inline documents as base64 (a third larger than the files) and some
// room for names and JSON.
const maxInlineJSONBody = maxJSONBody + maxInlineBytes*4/3 + 64<<10

// bodyBudget bounds the bytes that filings and uploads hold in memory
// across the process: each request reserves what its body may cost
// before reading it, waits up to wait for the reservation, and is told
// to come back (503 with Retry-After) when the budget stays spent.
type bodyBudget struct {
	sem  *semaphore.Weighted
	size int64
	wait time.Duration
}

func newBodyBudget(size int64, wait time.Duration) *bodyBudget {
	return &bodyBudget{sem: semaphore.NewWeighted(size), size: size, wait: wait}
}

// errBusy is the refusal of a request the budget could not take in time.
func errBusy() error {
	e := court.Errorf(court.EUnavailable, "The server is busy reading other documents; send the request again in a few seconds.")
	e.RetryAfter = 5 * time.Second
	return e
}

// acquire reserves what r's body may cost: its declared length, or the
// route's limit when it declares none, times what reading it costs
// (cost). A request larger than the whole budget takes the whole budget.
func (b *bodyBudget) acquire(ctx context.Context, r *http.Request, limit, cost int64) (release func(), err error) {
	n := limit
	if r.ContentLength > 0 && r.ContentLength < limit {
		n = r.ContentLength
	}
	weight := min(n*cost, b.size)
	ctx, cancel := context.WithTimeout(ctx, b.wait)
	defer cancel()
	if err := b.sem.Acquire(ctx, weight); err != nil {
		return nil, errBusy()
	}
	return func() { b.sem.Release(weight) }, nil
}

// bodyCost is what a filing's or upload's body may cost in memory, by its
// type, and the largest body of that type the route reads: a JSON body
// is held whole as it is decoded and its inline documents once more when
// they are; a multipart body's files are held once, and their text (at
// most as large) once more.
func (s *Server) bodyCost(r *http.Request) (limit, cost int64) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		return s.MaxCaseBytes + maxJSONBody, 2
	}
	return maxInlineJSONBody, 2
}

// budgeted runs h once the budget holds r's body.
func (s *Server) budgeted(h func(http.ResponseWriter, *http.Request) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		limit, cost := s.bodyCost(r)
		release, err := s.budget.acquire(r.Context(), r, limit, cost)
		if err != nil {
			return err
		}
		defer release()
		return h(w, r)
	}
}

// budgetForms is budgeted for the pages: a form posted with files waits
// for the budget like an API upload.
func (s *Server) budgetForms(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
			next.ServeHTTP(w, r)
			return
		}
		release, err := s.budget.acquire(r.Context(), r, s.MaxCaseBytes+maxJSONBody, 2)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		defer release()
		next.ServeHTTP(w, r)
	})
}
