package web_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/idempotency"
	"github.com/aijudge/aijudge/internal/sqlite"
	"github.com/aijudge/aijudge/internal/web"
)

func withIdempotency(s *setup) { s.idempotent = true }

func TestIdempotentFiling(t *testing.T) {
	t.Parallel()
	s := newServer(t, withIdempotency)
	body, _ := json.Marshal(chequeCase())
	file := func(key string, b []byte) response {
		return s.do("POST", "/api/cases", "application/json", bytes.NewReader(b), "Idempotency-Key", key)
	}
	first := file("filing-1", body)
	if first.Status != http.StatusCreated || first.Header.Get("Idempotent-Replayed") != "" {
		t.Fatalf("first: %d %v %s", first.Status, first.Header, first.Raw)
	}
	again := file("filing-1", body)
	if again.Status != http.StatusCreated || again.Raw != first.Raw ||
		again.Header.Get("Idempotent-Replayed") != "true" || again.Header.Get("Location") != first.Header.Get("Location") {
		t.Fatalf("retry: %d %v %s; first %s", again.Status, again.Header, again.Raw, first.Raw)
	}
	if other := file("filing-2", body); other.Body["caseId"] == first.Body["caseId"] {
		t.Fatalf("another key got the same case")
	}
	if plain := s.postJSON("/api/cases", chequeCase()); plain.Body["caseId"] == first.Body["caseId"] {
		t.Fatalf("a request without a key got a replay")
	}

	changed := bytes.Replace(body, []byte("Ravi"), []byte("Ravindra"), 1)
	r := file("filing-1", changed)
	if r.Status != http.StatusUnprocessableEntity || r.Body["error"] == "" {
		t.Fatalf("same key, other body: %d %s", r.Status, r.Raw)
	}
	r = s.do("POST", "/api/cases/"+first.Body["caseId"].(string)+"/judgment", "", nil, "Idempotency-Key", "filing-1")
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("same key, other path: %d %s", r.Status, r.Raw)
	}
}

func TestIdempotencyKeyValidation(t *testing.T) {
	t.Parallel()
	s := newServer(t, withIdempotency)
	for _, key := range []string{"", strings.Repeat("k", 256), "caf\u00e9", "tab\there"} {
		r := s.do("POST", "/api/cases", "application/json", strings.NewReader(`{}`), "Idempotency-Key", key)
		if r.Status != http.StatusBadRequest {
			t.Errorf("key %q: %d %s", key, r.Status, r.Raw)
		}
	}
	if r := s.do("POST", "/api/cases", "application/json", strings.NewReader(`{}`), "Idempotency-Key", strings.Repeat("k", 255)); r.Status != http.StatusBadRequest || r.Body["code"] != "invalid" {
		// A valid key passes through to the handler, whose 400 for the
		// empty filing is then stored.
		t.Errorf("255-character key: %d %s", r.Status, r.Raw)
	}
}

// TestIdempotentRefusalsAndStreams: a 4xx is stored and replayed; a
// streamed judgment is replayed as its result event.
func TestIdempotentRefusalsAndStreams(t *testing.T) {
	t.Parallel()
	s := newServer(t, withIdempotency)
	id := s.file()
	arg := `{"side":"A","argument":"The cheque bounced."}`
	argue := func() response {
		return s.do("POST", "/api/cases/"+id+"/arguments", "application/json", strings.NewReader(arg), "Idempotency-Key", "arg-1")
	}
	if r := argue(); r.Status != http.StatusConflict {
		t.Fatalf("argument before judgment: %d %s", r.Status, r.Raw)
	}
	s.post("/api/cases/" + id + "/judgment")
	if r := argue(); r.Status != http.StatusConflict || r.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("retry after the judgment: %d %s; want the stored 409", r.Status, r.Raw)
	}

	stream := s.do("POST", "/api/cases/"+id+"/arguments", "application/json", strings.NewReader(arg),
		"Idempotency-Key", "arg-2", "Accept", "text/event-stream")
	i := strings.LastIndex(stream.Raw, "event: result\ndata: ")
	if stream.Status != 200 || i < 0 {
		t.Fatalf("streamed argument: %d %s", stream.Status, stream.Raw)
	}
	result := strings.TrimSpace(stream.Raw[i+len("event: result\ndata: "):])
	plain := s.do("POST", "/api/cases/"+id+"/arguments", "application/json", strings.NewReader(arg),
		"Idempotency-Key", "arg-2", "Accept", "text/event-stream, application/json;q=0.5")
	if strings.TrimSpace(strings.TrimPrefix(plain.Raw, "event: result\ndata: ")) != result || plain.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("streamed retry: %s, want one result event %s", plain.Raw, result)
	}
	// A retry that does not ask for a stream gets the result as JSON. The
	// fingerprint ignores Accept, so this is the same request.
	asJSON := s.do("POST", "/api/cases/"+id+"/arguments", "application/json", strings.NewReader(arg), "Idempotency-Key", "arg-2")
	if strings.TrimSpace(asJSON.Raw) != result || asJSON.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("JSON retry: %v %s, want %s", asJSON.Header, asJSON.Raw, result)
	}
	if r := s.get("/api/cases/" + id + "/arguments"); r.Body["count"] != 1.0 {
		t.Fatalf("arguments stored: %v, want 1", r.Body["count"])
	}
}

// TestIdempotencyInFlight: while the first attempt holds the key, a retry
// gets 409 with Retry-After.
func TestIdempotencyInFlight(t *testing.T) {
	t.Parallel()
	s := newServer(t, withIdempotency)
	id := s.judged()
	path := "/api/cases/" + id + "/final-verdict"
	// Claim the key as the server would for this request from 127.0.0.1.
	key := sha256.Sum256([]byte("client:127.0.0.1\x00final-1"))
	fp := sha256.Sum256([]byte("POST\n" + path + "\n\n"))
	store := s.store.(idempotency.Store)
	req := &idempotency.Claim{Key: hex.EncodeToString(key[:]), Fingerprint: hex.EncodeToString(fp[:]),
		Owner: "other-replica", Lease: time.Minute, TTL: time.Hour}
	if _, err := store.BeginIdempotent(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	r := s.do("POST", path, "", nil, "Idempotency-Key", "final-1")
	if r.Status != http.StatusConflict || r.Header.Get("Retry-After") == "" {
		t.Fatalf("in flight: %d %v %s", r.Status, r.Header, r.Raw)
	}
	store.AbandonIdempotent(context.Background(), req)
	if r := s.do("POST", path, "", nil, "Idempotency-Key", "final-1"); r.Status != http.StatusOK || r.Body["kind"] != "final" {
		t.Fatalf("after the other attempt failed: %d %s", r.Status, r.Raw)
	}
}

// TestIdempotencyScope: keys are per client (per user once accounts
// exist): two clients using one key do not see each other's results.
func TestIdempotencyScope(t *testing.T) {
	t.Parallel()
	s := newServer(t, withIdempotency, webOption(func(o *web.Options) {
		o.IdempotencyScope = func(r *http.Request) string { return "user:" + r.Header.Get("X-Test-User") }
	}))
	body, _ := json.Marshal(chequeCase())
	ids := map[any]bool{}
	for _, user := range []string{"ann", "bob", "ann"} {
		r := s.do("POST", "/api/cases", "application/json", bytes.NewReader(body), "Idempotency-Key", "same", "X-Test-User", user)
		if r.Status != http.StatusCreated {
			t.Fatalf("%s: %d %s", user, r.Status, r.Raw)
		}
		ids[r.Body["caseId"]] = true
	}
	if len(ids) != 2 {
		t.Fatalf("%d distinct cases, want 2 (one per user)", len(ids))
	}
}

// lostAnswers is a store whose writes commit and then report the
// database unavailable, once each, as when the connection drops while
// COMMIT is acknowledged.
type lostAnswers struct {
	court.Store
	mu      sync.Mutex
	lost    map[string]bool
	written map[string]int
}

func (l *lostAnswers) lose(method string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.written[method]++
	if l.lost[method] {
		return nil
	}
	l.lost[method] = true
	return court.Errorf(court.EUnavailable, "The database is unavailable.")
}

// InTx commits fn's writes and then reports a lost answer for each
// filing or answered argument among them.
func (l *lostAnswers) InTx(ctx context.Context, fn func(court.Tx) error) error {
	var did []string
	if err := l.Store.InTx(ctx, func(tx court.Tx) error { return fn(&noting{Tx: tx, did: &did}) }); err != nil {
		return err
	}
	for _, method := range did {
		if err := l.lose(method); err != nil {
			return err
		}
	}
	return nil
}

// noting is a transaction that notes the writes lostAnswers loses the
// answers of; the rest passes through.
type noting struct {
	court.Tx
	did *[]string
}

func (n *noting) CreateCase(c *court.Case) error {
	*n.did = append(*n.did, "CreateCase")
	return n.Tx.CreateCase(c)
}

func (n *noting) CompleteArgument(a *court.Argument, revised *court.Judgment) error {
	*n.did = append(*n.did, "CompleteArgument")
	return n.Tx.CompleteArgument(a, revised)
}

func (n *noting) RecordOutcome(c *idempotency.Claim, resp *idempotency.Response) error {
	return idempotency.Record(n.Tx, c, resp)
}

// TestIdempotentLostAnswer: a filing or an argument that committed while
// the server answered 503 is not carried out again by the client's retry
// with the same key; the retry gets the answer the first attempt would
// have given.
func TestIdempotentLostAnswer(t *testing.T) {
	t.Parallel()
	lost := &lostAnswers{lost: map[string]bool{}, written: map[string]int{}}
	s := newServer(t, withIdempotency, func(st *setup) {
		st.wrap = func(s court.Store) court.Store { lost.Store = s; return lost }
	})
	body, _ := json.Marshal(chequeCase())
	file := func() response {
		return s.do("POST", "/api/cases", "application/json", bytes.NewReader(body), "Idempotency-Key", "lost-filing")
	}
	if r := file(); r.Status != http.StatusServiceUnavailable {
		t.Fatalf("filing whose answer was lost: %d %s, want 503", r.Status, r.Raw)
	}
	r := file()
	if r.Status != http.StatusCreated || r.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("retry: %d %v %s, want the filing's 201 replayed", r.Status, r.Header, r.Raw)
	}
	id, _ := r.Body["caseId"].(string)
	if r.Header.Get("Location") != "/api/cases/"+id || r.Body["status"] != "filed" {
		t.Fatalf("replayed filing: %v %s", r.Header, r.Raw)
	}
	if got := s.get("/api/cases/" + id); got.Status != http.StatusOK {
		t.Fatalf("the filed case: %d %s", got.Status, got.Raw)
	}
	if n := lost.written["CreateCase"]; n != 1 {
		t.Fatalf("%d cases stored, want 1", n)
	}

	if r := s.post("/api/cases/" + id + "/judgment"); r.Status != http.StatusOK {
		t.Fatalf("judgment: %d %s", r.Status, r.Raw)
	}
	arg := `{"side":"A","argument":"The cheque bounced twice."}`
	argue := func() response {
		return s.do("POST", "/api/cases/"+id+"/arguments", "application/json", strings.NewReader(arg), "Idempotency-Key", "lost-argument")
	}
	if r := argue(); r.Status != http.StatusServiceUnavailable {
		t.Fatalf("argument whose answer was lost: %d %s, want 503", r.Status, r.Raw)
	}
	r = argue()
	if r.Status != http.StatusOK || r.Header.Get("Idempotent-Replayed") != "true" ||
		r.Body["sequenceNumber"] != 1.0 || r.Body["remainingArguments"] != float64(court.MaxArguments-1) {
		t.Fatalf("retry: %d %v %s, want the first argument's answer replayed", r.Status, r.Header, r.Raw)
	}
	if got := s.get("/api/cases/" + id + "/arguments"); got.Body["count"] != 1.0 {
		t.Fatalf("arguments stored: %v, want 1", got.Body["count"])
	}
}

// In accounts mode a key is the user's: a second user sending the same
// key from the same address files their own case instead of getting the
// first user's filing replayed; the first user's retry is replayed.
func TestIdempotencyKeyIsTheUsers(t *testing.T) {
	t.Parallel()
	s := newAccountsServerWith(t, nil, func(o *web.Options, st *sqlite.Store) { o.Idempotency = st })
	ann, bob := s.register("ann@example.com"), s.register("bob@example.com")
	first := s.as(ann, "POST", "/api/cases", chequeCase(), "Idempotency-Key", "same-key")
	other := s.as(bob, "POST", "/api/cases", chequeCase(), "Idempotency-Key", "same-key")
	again := s.as(ann, "POST", "/api/cases", chequeCase(), "Idempotency-Key", "same-key")
	if first.Status != 201 || other.Status != 201 || again.Status != 201 {
		t.Fatalf("statuses %d %d %d: %s %s", first.Status, other.Status, again.Status, other.Raw, again.Raw)
	}
	if other.Body["caseId"] == first.Body["caseId"] || other.Header.Get("Idempotent-Replayed") != "" {
		t.Errorf("bob got ann's filing replayed: %s", other.Raw)
	}
	if again.Body["caseId"] != first.Body["caseId"] || again.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("ann's retry was not replayed: %s", again.Raw)
	}
	if c := s.as(bob, "GET", "/api/cases/"+other.Body["caseId"].(string), nil); c.Status != 200 {
		t.Errorf("bob cannot read the case he filed: %d", c.Status)
	}
}
