package web

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// StatusClientClosed is the status logged and counted for a request whose
// client went away before the answer (nginx's 499).
const StatusClientClosed = 499

// statusOf is the one table from domain error codes to HTTP statuses.
var statusOf = map[court.Code]int{
	court.EInvalid:       http.StatusBadRequest,
	court.EUnauthorized:  http.StatusUnauthorized,
	court.EForbidden:     http.StatusForbidden,
	court.ENotFound:      http.StatusNotFound,
	court.EConflict:      http.StatusConflict,
	court.ETooLarge:      http.StatusRequestEntityTooLarge,
	court.EUnsupported:   http.StatusUnsupportedMediaType,
	court.EUnprocessable: http.StatusUnprocessableEntity,
	court.ERateLimited:   http.StatusTooManyRequests,
	court.EInternal:      http.StatusInternalServerError,
	court.EUpstream:      http.StatusBadGateway,
	court.EUnavailable:   http.StatusServiceUnavailable,
}

// problem is an error body: the reference API's "error" field alongside
// the RFC 9457 problem-details fields.
type problem struct {
	Success bool   `json:"success"`
	Error   string `json:"error"`
	Type    string `json:"type"`
	Title   string `json:"title"`
	Status  int    `json:"status"`
	Detail  string `json:"detail"`
	Code    string `json:"code"`
	// Retryable tells clients whether the same request may succeed later.
	Retryable bool `json:"retryable"`
	// Field names the input the error is about (caseType, sideADocs …),
	// for forms to mark; absent when it is about no one field.
	Field     string `json:"field,omitempty"`
	RequestID string `json:"requestId,omitempty"`
}

func (s *Server) problemOf(r *http.Request, err error, requestID string) problem {
	code := court.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	msg := s.message(r, err)
	return problem{
		Error: msg, Detail: msg, Status: status, Code: string(code),
		Type: "urn:aijudge:problem:" + string(code), Title: http.StatusText(status),
		Retryable: status == 429 || status >= 500, Field: court.FieldOf(err), RequestID: requestID,
	}
}

// message is err's client-safe message in the language r asks for.
func (s *Server) message(r *http.Request, err error) string {
	e := court.AsError(err)
	if s.Localize == nil {
		return e.Message
	}
	return s.Localize(r, e)
}

// writeError answers a failed request. Internal causes go to the log,
// never to the client.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	// A client that went away is no server error and sees no answer: it
	// is logged at INFO and counted as 499, nginx's "client closed
	// request", never as the 503 its cancelled database call would give.
	// A deadline of the server's own stays what it is.
	if errors.Is(r.Context().Err(), context.Canceled) {
		s.log.InfoContext(r.Context(), "client closed the request", "route", r.Pattern, "status", StatusClientClosed, "err", err)
		w.WriteHeader(StatusClientClosed)
		return
	}
	p := s.problemOf(r, err, requestIDOf(r))
	switch {
	case p.Status >= 500:
		s.log.ErrorContext(r.Context(), "request failed", "route", r.Pattern, "status", p.Status, "err", err)
	case errors.Is(err, errBodyTooLarge), p.Status == http.StatusRequestEntityTooLarge:
		// The rest of a too-large body is not read: close the connection.
		w.Header().Set("Connection", "close")
	}
	if d := court.RetryAfter(err); d > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int((d+time.Second-1)/time.Second)))
	} else if p.Status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "5")
	}
	writeJSON(w, p.Status, p, "application/problem+json")
}

func writeJSON(w http.ResponseWriter, status int, v any, contentType string) {
	b, err := json.Marshal(v)
	if err != nil {
		slog.Error("encoding a response failed", "err", err)
		status, b = http.StatusInternalServerError, []byte(`{"success":false,"error":"An internal error occurred."}`)
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(b)+1))
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

func ok(w http.ResponseWriter, status int, v any) {
	writeJSON(w, status, v, "application/json")
}

var errBodyTooLarge = court.Errorf(court.ETooLarge, "The request body is larger than this endpoint accepts.")
