package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"sync"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/idempotency"
)

func (s *Server) judgment(w http.ResponseWriter, r *http.Request, _ *idempotency.Claim) error {
	ev := newEvents(w, r)
	v, cached, reused, err := s.judgmentView(r, ev.stream())
	if err != nil {
		return ev.fail(s, err)
	}
	// cached: this case's answer was served without asking the judge
	// again; reused: a first judgment of this case taken from the judge's
	// answer to a case of the same content.
	prefix := judgmentPrefix[[2]bool{cached, reused}]
	if ev != nil {
		ev.result(append([]byte(prefix), v[1:]...))
		return nil
	}
	writeView(w, http.StatusOK, prefix, v[1:], "")
	return nil
}

var judgmentPrefix = map[[2]bool]string{
	{false, false}: `{"success":true,"cached":false,"reused":false,`,
	{true, false}:  `{"success":true,"cached":true,"reused":false,`,
	{false, true}:  `{"success":true,"cached":false,"reused":true,`,
}

type argumentRequest struct {
	Side     string `json:"side"`
	Argument string `json:"argument"`
}

func (s *Server) argue(w http.ResponseWriter, r *http.Request, claim *idempotency.Claim) error {
	var in argumentRequest
	if err := decodeJSON(w, r, &in, 64<<10); err != nil {
		return err
	}
	side, err := court.ParseSide(in.Side)
	if err != nil {
		return err
	}
	ev := newEvents(w, r)
	// An idempotent argument request is answered by the transaction that
	// stores the answer, where the argument gets its number; the slots
	// left follow from it as in court.Service.Argue.
	a, remaining, err := s.clerk.Argue(r.Context(), s.seat(r), side, in.Argument, ev.stream(),
		recordWith(claim, func(a *court.Argument) (*idempotency.Response, error) {
			return argued(a, a.RemainingAfter())
		}))
	if err != nil {
		return ev.fail(s, err)
	}
	resp, err := argued(a, remaining)
	if err != nil {
		return ev.fail(s, err)
	}
	if ev != nil {
		ev.result(bytes.TrimSuffix(resp.Body, []byte("\n")))
		return nil
	}
	writeResponse(w, resp)
	return nil
}

// argued is the answer to an argument.
func argued(a *court.Argument, remaining int) (*idempotency.Response, error) {
	return jsonResponse(http.StatusOK, "", struct {
		Success bool `json:"success"`
		*court.Argument
		RemainingArguments int    `json:"remainingArguments"`
		Notice             string `json:"notice"`
	}{true, a, remaining, court.Notice})
}

func (s *Server) finalVerdict(w http.ResponseWriter, r *http.Request, _ *idempotency.Claim) error {
	ev := newEvents(w, r)
	j, cached, err := s.clerk.FinalVerdict(r.Context(), s.seat(r), ev.stream())
	if err != nil {
		return ev.fail(s, err)
	}
	body := struct {
		Success bool `json:"success"`
		Cached  bool `json:"cached"`
		Reused  bool `json:"reused"`
		judgmentView
	}{true, cached, j.Reused && !cached, newJudgmentView(j)}
	if ev != nil {
		b, _ := json.Marshal(body)
		ev.result(b)
		return nil
	}
	ok(w, http.StatusOK, body)
	return nil
}

type appealRequest struct {
	Side string `json:"side"`
}

// appeal asks the appellate judge to review the final verdict for the
// side that appeals; an idempotent request is answered by the
// transaction that stores the appeal.
func (s *Server) appeal(w http.ResponseWriter, r *http.Request, claim *idempotency.Claim) error {
	var in appealRequest
	if err := decodeJSON(w, r, &in, 4<<10); err != nil {
		return err
	}
	side, err := court.ParseSide(in.Side)
	if err != nil {
		return err
	}
	ev := newEvents(w, r)
	j, err := s.clerk.Appeal(r.Context(), s.seat(r), side, ev.stream(), recordWith(claim, appealed))
	if err != nil {
		return ev.fail(s, err)
	}
	resp, err := appealed(j)
	if err != nil {
		return err
	}
	if ev != nil {
		ev.result(bytes.TrimSuffix(resp.Body, []byte("\n")))
		return nil
	}
	writeResponse(w, resp)
	return nil
}

// appealed is the answer to an appeal: the appeal judgment.
func appealed(j *court.Judgment) (*idempotency.Response, error) {
	return jsonResponse(http.StatusOK, "", struct {
		Success bool `json:"success"`
		judgmentView
	}{true, newJudgmentView(j)})
}

// events streams the judge's text as server-sent events: "delta" events
// while it writes, then one "result" event with the validated answer, or
// one "error" event. A nil *events means the client did not ask for a
// stream.
type events struct {
	w       http.ResponseWriter
	r       *http.Request
	rc      *http.ResponseController
	mu      sync.Mutex
	started bool
}

func newEvents(w http.ResponseWriter, r *http.Request) *events {
	if !strings.Contains(r.Header.Get("Accept"), "text/event-stream") {
		return nil
	}
	return &events{w: w, r: r, rc: http.NewResponseController(w)}
}

func (e *events) stream() court.Stream {
	if e == nil {
		return nil
	}
	return func(delta string) {
		b, _ := json.Marshal(struct {
			Text string `json:"text"`
		}{delta})
		e.send("delta", b)
	}
}

// send writes one event; the judge may call from its own goroutine.
func (e *events) send(name string, data []byte) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.started {
		h := e.w.Header()
		h.Set("Content-Type", "text/event-stream")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Accel-Buffering", "no")
		e.w.WriteHeader(http.StatusOK)
		e.started = true
	}
	buf := make([]byte, 0, len(name)+len(data)+16)
	buf = append(append(append(append(buf, "event: "...), name...), "\ndata: "...), data...)
	e.w.Write(append(buf, "\n\n"...))
	e.rc.Flush()
}

func (e *events) result(data []byte) {
	e.send("result", data)
	e.ended(http.StatusOK, data)
}

// ended tells an idempotency capture around the response how the stream
// ended, so that retries get the final event.
func (e *events) ended(status int, data []byte) {
	if c, ok := e.w.(*capture); ok {
		c.streamEnded(status, data)
	}
}

// fail reports err: as an ordinary error response while nothing has been
// streamed, as an "error" event after.
func (e *events) fail(s *Server, err error) error {
	if e == nil {
		return err
	}
	e.mu.Lock()
	started := e.started
	e.mu.Unlock()
	if !started {
		return err
	}
	p := s.problemOf(e.r, err, "")
	b, _ := json.Marshal(p)
	e.send("error", b)
	e.ended(p.Status, b)
	return nil
}
