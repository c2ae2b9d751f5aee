package web

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"time"
)

// drainTimeout bounds how long the rest of a refused body is read.
const drainTimeout = time.Minute

// drainBodies reads and discards what a handler left unread of a request
// body, up to the largest body any endpoint accepts, before the answer is
// sent and the connection closed. A client that writes its whole request
// before reading the answer (most do when they do not send Expect:
// 100-continue) would otherwise be writing into a connection the server
// has closed, and its kernel discards the 413 already received and
// reports "connection reset by peer". A body declared larger than the
// bound is not drained: the connection is closed as before.
//
// Draining costs reading the body at the network's speed into nothing:
// no memory beyond a copy buffer, and no more than an accepted request
// costs. A client that asked for 100-continue and was refused before any
// of its body was read is not asked for it.
func (s *Server) drainBodies(next http.Handler) http.Handler {
	limit := s.MaxCaseBytes*4/3 + 2*maxJSONBody
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
			next.ServeHTTP(w, r)
			return
		}
		body := &countingBody{ReadCloser: r.Body}
		r.Body = body
		next.ServeHTTP(w, r)
		switch {
		case body.eof || body.failed:
			return
		case body.n == 0 && strings.EqualFold(r.Header.Get("Expect"), "100-continue"):
			return
		case r.ContentLength > 0 && r.ContentLength-body.n > limit:
			return
		}
		// The deadline is optional: a writer that cannot set it (in tests)
		// still drains, within the server's ReadTimeout.
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(drainTimeout))
		io.CopyN(io.Discard, body.ReadCloser, limit+1)
	})
}

// countingBody counts what the handler read of a body and whether it
// reached the end.
type countingBody struct {
	io.ReadCloser
	n      int64
	eof    bool
	failed bool // a read failed other than at the end: nothing more to drain
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n += int64(n)
	if errors.Is(err, io.EOF) {
		b.eof = true
	} else if err != nil {
		b.failed = true
	}
	return n, err
}
