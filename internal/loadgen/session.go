package loadgen

import (
	"bufio"
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"path"
	"strconv"
	"strings"
	"time"
)

//go:embed testdata/docs
var docFS embed.FS

type document struct {
	name string
	data []byte
}

// loadDocuments reads the documents every session files: a lease as PDF
// and DOCX for Side A, a bank statement, a memo and a reply as text.
func loadDocuments() ([]document, error) {
	entries, err := docFS.ReadDir("testdata/docs")
	if err != nil {
		return nil, err
	}
	var out []document
	for _, e := range entries {
		b, err := docFS.ReadFile(path.Join("testdata/docs", e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, document{e.Name(), b})
	}
	return out, nil
}

// The endpoints a session calls, named as the report shows them. Judge
// endpoints are those that may call the judge.
const (
	epRegister    = "POST /api/auth/register"
	epLogin       = "POST /api/auth/login"
	epFile        = "POST /api/cases (multipart, 5 documents)"
	epCasePage    = "GET /cases/{id} (page)"
	epJudgment    = "POST /api/cases/{id}/judgment (stream)"
	epArgue       = "POST /api/cases/{id}/arguments"
	epArguments   = "GET /api/cases/{id}/arguments"
	epFinal       = "POST /api/cases/{id}/final-verdict"
	epPDF         = "GET /cases/{id}/verdict.pdf"
	epCase        = "GET /api/cases/{id}"
	epCachedJudge = "POST /api/cases/{id}/judgment (cached)"
	epVerdictPage = "GET /cases/{id}/verdict (page)"
)

func isJudge(ep string) bool { return ep == epJudgment || ep == epArgue || ep == epFinal }

// session is one user's visit: an account, a case, its trial, revisits.
type session struct {
	cfg    Config
	n      int
	client *http.Client
	rec    *recorder
	docs   []document
	rng    *rand.Rand
	caseID string
	// acked counts the arguments the server acknowledged.
	acked int
}

func newSession(cfg Config, n int, t http.RoundTripper, rec *recorder, docs []document, rng *rand.Rand) *session {
	jar, _ := cookiejar.New(nil)
	return &session{cfg: cfg, n: n, rec: rec, docs: docs, rng: rng, client: &http.Client{
		Transport: t, Jar: jar, Timeout: cfg.RequestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// stepError is a step that did not get the status it needed.
type stepError struct {
	endpoint string
	status   int
	err      error
}

func (e *stepError) Error() string {
	if e.err != nil {
		return fmt.Sprintf("%s: %v", e.endpoint, e.err)
	}
	return fmt.Sprintf("%s: status %d", e.endpoint, e.status)
}

func (s *session) run(ctx context.Context) error {
	if !s.cfg.Open {
		email := fmt.Sprintf("load-%s-%d@example.test", s.cfg.RunID, s.n)
		creds := fmt.Sprintf(`{"email":%q,"password":"load-test-password-%d","name":"Load User %d"}`, email, s.n, s.n)
		if _, err := s.do(ctx, epRegister, "POST", "/api/auth/register", "application/json", []byte(creds), 201); err != nil {
			return err
		}
		if _, err := s.do(ctx, epLogin, "POST", "/api/auth/login", "application/json", []byte(creds), 200); err != nil {
			return err
		}
	}
	body, ctype := s.filing()
	b, err := s.do(ctx, epFile, "POST", "/api/cases", ctype, body, 201)
	if err != nil {
		return err
	}
	var filed struct {
		CaseID string `json:"caseId"`
	}
	if json.Unmarshal(b, &filed) != nil || filed.CaseID == "" {
		return &stepError{endpoint: epFile, err: fmt.Errorf("no caseId in %.200s", b)}
	}
	s.caseID = filed.CaseID
	s.rec.filedBytes(int64(len(body)))
	c := "/cases/" + s.caseID
	api := "/api/cases/" + s.caseID
	if _, err := s.do(ctx, epCasePage, "GET", c, "", nil, 200); err != nil {
		return err
	}
	s.think(ctx)
	if err := s.stream(ctx, epJudgment, api+"/judgment"); err != nil {
		return err
	}
	for i := range s.cfg.Arguments {
		s.think(ctx)
		side := []string{"A", "B"}[i%2]
		arg := fmt.Sprintf(`{"side":%q,"argument":"Argument %d of session %d: the bank statement of 12 March 2024 shows the payment of Rs. 2,00,000, and the reply does not explain it."}`, side, i+1, s.n)
		if _, err := s.do(ctx, epArgue, "POST", api+"/arguments", "application/json", []byte(arg), 200); err != nil {
			return err
		}
		s.acked++
		if _, err := s.do(ctx, epArguments, "GET", api+"/arguments", "", nil, 200); err != nil {
			return err
		}
	}
	s.think(ctx)
	if _, err := s.do(ctx, epFinal, "POST", api+"/final-verdict", "", nil, 200); err != nil {
		return err
	}
	if _, err := s.do(ctx, epPDF, "GET", c+"/verdict.pdf", "", nil, 200); err != nil {
		return err
	}
	for range s.cfg.Revisits {
		s.think(ctx)
		for _, st := range []struct{ ep, method, path string }{
			{epCasePage, "GET", c}, {epVerdictPage, "GET", c + "/verdict"}, {epCase, "GET", api}, {epCachedJudge, "POST", api + "/judgment"},
		} {
			if _, err := s.do(ctx, st.ep, st.method, st.path, "", nil, 200); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

// verify reads the case and its arguments back: cases and arguments
// found, acknowledged arguments missing (lost: 1 for a missing case, and
// each missing argument), and 1 if the case could not be read at all.
func (s *session) verify(ctx context.Context) (cases, args, lost, unreadable int) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", strings.TrimRight(s.cfg.Target, "/")+"/api/cases/"+s.caseID+"/arguments", nil)
	res, err := s.client.Do(req)
	if err != nil {
		return 0, 0, 0, 1
	}
	defer res.Body.Close()
	switch res.StatusCode {
	case 200:
	case 404:
		return 0, 0, 1 + s.acked, 0
	default:
		return 0, 0, 0, 1
	}
	var v struct {
		Count int `json:"count"`
	}
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil {
		return 0, 0, 0, 1
	}
	return 1, v.Count, max(0, s.acked-v.Count), 0
}

// filing is a multipart case with every document attached; the summaries
// name the session so that no two cases share a judgment cache key.
func (s *session) filing() ([]byte, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	field := func(k, v string) { _ = w.WriteField(k, v) }
	field("caseType", "civil")
	field("jurisdiction", "INDIA")
	field("sideASummary", fmt.Sprintf("Ravi Kumar lent Suresh Patel Rs. 2,00,000 on 12 March 2024, repayable within six months; a cheque given for it was returned unpaid and the legal notice went unanswered. (Case %d of load run %s.)", s.n, s.cfg.RunID))
	field("sideAEvidence", `["Bank statement of 12 March 2024 showing the transfer","Cheque return memo","Lease of the premises where the loan was discussed"]`)
	field("sideBSummary", "Suresh Patel says the cheque was a signed blank given as security in 2022, that he never borrowed Rs. 2,00,000, and that the notice went to an old address.")
	field("sideBEvidence", `["Reply to the notice","Proof of residence in Pune since 2021"]`)
	for i, d := range s.docs {
		side := "sideADocs"
		if strings.HasPrefix(d.name, "reply") || i%4 == 3 {
			side = "sideBDocs"
		}
		fw, _ := w.CreateFormFile(side, d.name)
		_, _ = fw.Write(d.data)
	}
	_ = w.Close()
	return b.Bytes(), w.FormDataContentType()
}

// think pauses as a user reading the page would: exponential with the
// configured mean, at most four times it.
func (s *session) think(ctx context.Context) {
	if s.cfg.ThinkTime <= 0 {
		return
	}
	d := time.Duration(min(s.rng.ExpFloat64(), 4) * float64(s.cfg.ThinkTime))
	select {
	case <-time.After(d):
	case <-ctx.Done():
	}
}

// retryLater is how long a refused request (429 or 503 with
// Retry-After) waits before its one retry; a longer hint ends the
// session, as a user would give up.
const retryLater = 30 * time.Second

// do sends one request and records it; a 429 or 503 with a short
// Retry-After is retried once after waiting as told, as the page tells
// its user to.
func (s *session) do(ctx context.Context, ep, method, p, ctype string, body []byte, want int) ([]byte, error) {
	for attempt := 0; ; attempt++ {
		status, b, hdr, err := s.send(ctx, ep, method, p, ctype, body, nil)
		if err != nil {
			return nil, &stepError{endpoint: ep, err: err}
		}
		if status == want {
			return b, nil
		}
		if ra, ok := retryAfter(hdr); ok && attempt == 0 && (status == 429 || status == 503) && ra <= retryLater {
			s.rec.retried(ep, status)
			select {
			case <-time.After(ra):
				continue
			case <-ctx.Done():
				return nil, &stepError{endpoint: ep, err: ctx.Err()}
			}
		}
		return nil, &stepError{endpoint: ep, status: status}
	}
}

func retryAfter(h http.Header) (time.Duration, bool) {
	v := h.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return 0, false
	}
	return time.Duration(n) * time.Second, true
}

// countingReader counts the bytes of a response, for egress.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// send makes one request and records its latency and status (0 for a
// network error or timeout). With stream, the body is a server-sent
// event stream, read up to its result or error event.
func (s *session) send(ctx context.Context, ep, method, p, ctype string, body []byte, stream *streamResult) (int, []byte, http.Header, error) {
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(s.cfg.Target, "/")+p, bytes.NewReader(body))
	if err != nil {
		return 0, nil, nil, err
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if stream != nil {
		req.Header.Set("Accept", "text/event-stream")
	}
	start := time.Now()
	res, err := s.client.Do(req)
	if err != nil {
		if ctx.Err() == nil {
			s.rec.observe(ep, 0, time.Since(start))
		}
		return 0, nil, nil, err
	}
	defer res.Body.Close()
	var b []byte
	cr := &countingReader{r: res.Body}
	if stream != nil && res.StatusCode == 200 {
		err = stream.read(cr, start)
	} else {
		b, err = io.ReadAll(io.LimitReader(cr, 32<<20))
	}
	s.rec.received(cr.n)
	took := time.Since(start)
	if err != nil {
		if ctx.Err() == nil {
			s.rec.observe(ep, 0, took)
		}
		return 0, nil, nil, err
	}
	status := res.StatusCode
	if stream != nil && status == 200 && stream.errored {
		status = stream.errStatus
	}
	s.rec.observe(ep, status, took)
	if stream != nil && stream.first > 0 {
		s.rec.firstByte(ep, stream.first)
	}
	return status, b, res.Header, nil
}

// stream asks for a judgment as server-sent events, retrying once on a
// short Retry-After like do.
func (s *session) stream(ctx context.Context, ep, p string) error {
	for attempt := 0; ; attempt++ {
		var st streamResult
		status, _, hdr, err := s.send(ctx, ep, "POST", p, "", nil, &st)
		if err != nil {
			return &stepError{endpoint: ep, err: err}
		}
		if status == 200 {
			return nil
		}
		if ra, ok := retryAfter(hdr); ok && attempt == 0 && (status == 429 || status == 503) && ra <= retryLater {
			s.rec.retried(ep, status)
			select {
			case <-time.After(ra):
				continue
			case <-ctx.Done():
				return &stepError{endpoint: ep, err: ctx.Err()}
			}
		}
		return &stepError{endpoint: ep, status: status}
	}
}

// streamResult is what a judgment stream said.
type streamResult struct {
	first     time.Duration // to the first event
	result    bool
	errored   bool
	errStatus int
}

// read consumes an event stream up to its result or error event. An
// error event's data carries the problem's status.
func (st *streamResult) read(r io.Reader, start time.Time) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 8<<20)
	event := ""
	for sc.Scan() {
		line := sc.Text()
		if st.first == 0 && line != "" {
			st.first = time.Since(start)
		}
		switch {
		case strings.HasPrefix(line, "event:"):
			event = strings.TrimSpace(line[len("event:"):])
		case strings.HasPrefix(line, "data:") && event == "result":
			st.result = true
			return nil
		case strings.HasPrefix(line, "data:") && event == "error":
			st.errored = true
			var p struct {
				Status int `json:"status"`
			}
			_ = json.Unmarshal([]byte(strings.TrimSpace(line[len("data:"):])), &p)
			st.errStatus = p.Status
			if st.errStatus < 400 {
				st.errStatus = 500
			}
			return nil
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return io.ErrUnexpectedEOF
}
