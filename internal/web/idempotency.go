package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/idempotency"
)

const (
	// idempotencyTTL is how long a key is remembered after its first use.
	idempotencyTTL = 24 * time.Hour
	// bodyInMemory is how much of a request body is fingerprinted in
	// memory; larger bodies (multipart filings) are spooled to a file.
	bodyInMemory = 1 << 20
)

var errBadIdempotencyKey = court.Errorf(court.EInvalid, "The Idempotency-Key header must be 1 to 255 printable ASCII characters.")

// idempotent makes h answer retries of a request with the same
// Idempotency-Key from the store. Requests without the header, or a
// server without a store, run h as they are.
//
// What is stored: every response below 500 except 429, so that a retry
// after a refusal (400, 404, 409 …) gets the same refusal and a retry
// after an outage (5xx) or a rate limit runs again. A streamed (SSE)
// response is stored as its final "result" event's JSON, served to
// retries as application/json, or as one "result" event to a retry that
// asks for a stream: the deltas are how the judge wrote, not what it
// decided, and replaying them would only slow the retry down.
//
// h gets the claim (nil without a key). The handlers that write (filing,
// arguing) record the response in the write's own transaction
// (recordWith): then a write that committed while the handler saw an
// error is replayed, not repeated, and the Finish here changes nothing.
// The response they record is byte for byte the one they write.
func (s *Server) idempotent(h func(http.ResponseWriter, *http.Request, *idempotency.Claim) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		keys := r.Header.Values("Idempotency-Key")
		if len(keys) == 0 || s.Idempotency == nil {
			return h(w, r, nil)
		}
		if len(keys) > 1 || !validIdempotencyKey(keys[0]) {
			return errBadIdempotencyKey
		}
		fp, cleanup, err := s.spoolBody(w, r)
		if err != nil {
			return err
		}
		defer cleanup()
		// A key is one of its user's keys in accounts mode (behind a
		// proxy many users share an address), of its address in open mode.
		scope := "client:" + s.clientIP(r)
		if id := userID(r); id != "" {
			scope = "user:" + id
		}
		if s.IdempotencyScope != nil {
			scope = s.IdempotencyScope(r)
		}
		key := sha256.Sum256([]byte(scope + "\x00" + keys[0]))
		req := &idempotency.Claim{
			Key: hex.EncodeToString(key[:]), Fingerprint: fp, Owner: court.NewID(),
			Lease: s.JudgeTimeout + time.Minute, TTL: idempotencyTTL,
		}
		replay, err := s.Idempotency.BeginIdempotent(r.Context(), req)
		if err != nil {
			if code := court.ErrorCode(err); code != court.EConflict && code != court.EUnprocessable {
				// The claim may have been committed even though the
				// answer was lost (a connection cut during COMMIT):
				// release it, or retries would wait for the lease.
				s.settleIdempotent(context.WithoutCancel(r.Context()), req, nil)
			}
			return err
		}
		if replay != nil {
			writeReplay(w, r, replay)
			return nil
		}

		// From here on the key is ours: it is finished or abandoned
		// whatever happens, even if h panics or the client goes away.
		c := &capture{ResponseWriter: w}
		var resp *idempotency.Response
		defer func() { s.settleIdempotent(context.WithoutCancel(r.Context()), req, resp) }()
		if err := h(c, r, req); err != nil {
			s.writeError(c, r, err)
		}
		resp = c.outcome()
		return nil
	}
}

// recordWith is the court.Then that records respond's answer as c's
// outcome in the transaction of the write that carries the request out;
// nil without a claim.
func recordWith[T any](c *idempotency.Claim, respond func(T) (*idempotency.Response, error)) court.Then[T] {
	if c == nil {
		return nil
	}
	return func(tx court.Tx, v T) error {
		resp, err := respond(v)
		if err != nil {
			return err
		}
		return idempotency.Record(tx, c, resp)
	}
}

// settleIdempotent records the attempt's outcome: its response (resp not
// nil) or the key's release. The request most likely failed because the
// database did, in which case recording fails too; until it is recorded
// retries get 409, so it is retried in the background, for as long as the
// lease would hold the key anyway, or until the server closes.
func (s *Server) settleIdempotent(ctx context.Context, req *idempotency.Claim, resp *idempotency.Response) {
	settle := func() error {
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		if resp != nil {
			return s.Idempotency.FinishIdempotent(ctx, req, resp)
		}
		return s.Idempotency.AbandonIdempotent(ctx, req)
	}
	if settle() == nil {
		return
	}
	s.bg.Go(func() {
		deadline := time.Now().Add(req.Lease)
		for wait := 250 * time.Millisecond; time.Now().Before(deadline); wait = min(2*wait, 5*time.Second) {
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-s.stop:
				t.Stop()
				if settle() != nil {
					s.log.WarnContext(ctx, "idempotency key not settled at shutdown; it is released when its lease ends")
				}
				return
			}
			if settle() == nil {
				return
			}
		}
		s.log.WarnContext(ctx, "idempotency key not settled; it is released when its lease ends")
	})
}

// validIdempotencyKey accepts 1 to 255 printable ASCII characters.
func validIdempotencyKey(k string) bool {
	if k == "" || len(k) > 255 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x20 || k[i] > 0x7e {
			return false
		}
	}
	return true
}

// spoolBody reads the request body once to fingerprint the request
// (method, path, content type, body) and gives the handler a copy to read:
// from memory when small, from a temporary file when large. The body is
// bounded by the largest filing any endpoint accepts; the handler still
// applies its own, smaller limits to the copy.
func (s *Server) spoolBody(w http.ResponseWriter, r *http.Request) (fingerprint string, cleanup func(), err error) {
	cleanup = func() {}
	hash := sha256.New()
	io.WriteString(hash, r.Method+"\n"+r.URL.Path+"\n"+r.Header.Get("Content-Type")+"\n")
	body := http.MaxBytesReader(w, r.Body, s.MaxCaseBytes*4/3+2*maxJSONBody)
	var mem bytes.Buffer
	n, err := io.Copy(io.MultiWriter(&mem, hash), io.LimitReader(body, bodyInMemory))
	if err != nil {
		return "", cleanup, bodyError(err)
	}
	if n < bodyInMemory {
		r.Body = io.NopCloser(&mem)
		return hex.EncodeToString(hash.Sum(nil)), cleanup, nil
	}
	f, err := os.CreateTemp("", "aijudge-body-*")
	if err != nil {
		return "", cleanup, court.Wrap(court.EUnavailable, err, "The request could not be buffered; try again.")
	}
	cleanup = func() { f.Close(); os.Remove(f.Name()) }
	if _, err := f.Write(mem.Bytes()); err != nil {
		return "", cleanup, court.Wrap(court.EUnavailable, err, "The request could not be buffered; try again.")
	}
	if _, err := io.Copy(io.MultiWriter(f, hash), body); err != nil {
		return "", cleanup, bodyError(err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", cleanup, court.Wrap(court.EUnavailable, err, "The request could not be buffered; try again.")
	}
	r.Body = f
	return hex.EncodeToString(hash.Sum(nil)), cleanup, nil
}

func bodyError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return errBodyTooLarge
	}
	return court.Wrap(court.EInvalid, err, "The request body could not be read.")
}

// jsonResponse is v as the API sends it: status, JSON and a newline. A
// handler that records its response with its write (recordWith) builds
// it with jsonResponse and sends it with writeResponse, so that a replay
// is byte-identical to the first answer.
func jsonResponse(status int, location string, v any) (*idempotency.Response, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, court.Wrap(court.EInternal, err, "The response could not be encoded.")
	}
	return &idempotency.Response{Status: status, ContentType: "application/json",
		Location: location, Body: append(b, '\n')}, nil
}

// writeResponse sends resp, as built by jsonResponse.
func writeResponse(w http.ResponseWriter, resp *idempotency.Response) {
	h := w.Header()
	if resp.Location != "" {
		h.Set("Location", resp.Location)
	}
	h.Set("Content-Type", resp.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(resp.Body)))
	w.WriteHeader(resp.Status)
	w.Write(resp.Body)
}

// writeReplay answers a retry with the stored response.
func writeReplay(w http.ResponseWriter, r *http.Request, resp *idempotency.Response) {
	h := w.Header()
	h.Set("Idempotent-Replayed", "true")
	h.Set("Cache-Control", "no-store")
	if resp.Location != "" {
		h.Set("Location", resp.Location)
	}
	if ev := newEvents(w, r); ev != nil && resp.Status == http.StatusOK {
		ev.result(bytes.TrimRight(resp.Body, "\n"))
		return
	}
	h.Set("Content-Type", resp.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(resp.Body)))
	w.WriteHeader(resp.Status)
	w.Write(resp.Body)
}

// capture passes a response through to the client and keeps what a retry
// should get: the body of a plain response, or the final event of a
// stream. Unwrap lets http.ResponseController reach Flush and deadlines.
type capture struct {
	http.ResponseWriter
	status int
	sse    bool
	body   bytes.Buffer
	// The stream's last event: result (status 200) or error.
	eventStatus int
	eventData   []byte
}

func (c *capture) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
		c.sse = c.Header().Get("Content-Type") == "text/event-stream"
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *capture) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.WriteHeader(http.StatusOK)
	}
	if !c.sse {
		c.body.Write(b)
	}
	return c.ResponseWriter.Write(b)
}

func (c *capture) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// streamEnded records the final event of a stream; events calls it.
func (c *capture) streamEnded(status int, data []byte) {
	c.eventStatus, c.eventData = status, bytes.Clone(data)
}

// outcome is the response to store, or nil when a retry should run the
// request again.
func (c *capture) outcome() *idempotency.Response {
	status, contentType, body := c.status, c.Header().Get("Content-Type"), c.body.Bytes()
	if c.sse {
		status, body = c.eventStatus, append(c.eventData, '\n')
		contentType = "application/json"
		if status != http.StatusOK {
			contentType = "application/problem+json"
		}
	}
	if status == 0 || status >= 500 || status == http.StatusTooManyRequests {
		return nil
	}
	return &idempotency.Response{Status: status, ContentType: contentType,
		Location: c.Header().Get("Location"), Body: body}
}
