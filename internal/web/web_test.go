package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/blob"
	"github.com/aijudge/aijudge/internal/cache"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/document"
	"github.com/aijudge/aijudge/internal/judge/offline"
	"github.com/aijudge/aijudge/internal/ratelimit"
	"github.com/aijudge/aijudge/internal/sqlite"
	"github.com/aijudge/aijudge/internal/web"
)

// testServer is the real stack on a fresh SQLite database: the offline
// judge, the document reader, the in-process cache and rate limiter.
type testServer struct {
	*httptest.Server
	t     testing.TB
	store court.Store
}

// setup is what a test may change about the stack.
type setup struct {
	web   web.Options
	blobs court.Blobs
	// idempotent keeps Idempotency-Key outcomes in the test's store.
	idempotent bool
	// wrap, if set, wraps the store the service uses.
	wrap func(court.Store) court.Store
	// ocr, if set, reads scans and photos.
	ocr *document.OCR
}

type serverOption func(*setup)

// webOption adapts a change of the web options.
func webOption(f func(*web.Options)) serverOption { return func(s *setup) { f(&s.web) } }

// withBlobs keeps originals in a temporary directory.
func withBlobs(t testing.TB) serverOption {
	return func(s *setup) {
		b, err := blob.Open(context.Background(), "file://"+filepath.ToSlash(t.TempDir()))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { b.Close() })
		s.blobs = b
	}
}

func newServer(t testing.TB, opts ...serverOption) *testServer {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "test.db"), sqlite.Options{AutoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	mem := cache.NewMemory(cache.MemoryOptions{})
	t.Cleanup(func() { mem.Close() })
	limiter := ratelimit.NewMemory(ctx, ratelimit.MemoryOptions{})
	t.Cleanup(func() { limiter.Close() })
	st := setup{web: web.Options{
		Limiter: limiter, MaxFileSize: 1 << 20, MaxCaseBytes: 4 << 20,
		RateWindow: time.Minute, APILimit: 10_000, JudgeLimit: 10_000,
	}}
	for _, f := range opts {
		f(&st)
	}
	if st.idempotent {
		st.web.Idempotency = store
	}
	var svcStore court.Store = store
	if st.wrap != nil {
		svcStore = st.wrap(store)
	}
	st.web.Service = court.NewService(court.Options{
		Store: svcStore, Judge: offline.New(), Cache: mem, Blobs: st.blobs, MaxCaseBytes: st.web.MaxCaseBytes,
		Reader: document.NewReader(document.Options{MaxFileSize: st.web.MaxFileSize, OCR: st.ocr}),
	})
	hs := httptest.NewServer(web.New(st.web).Handler())
	t.Cleanup(hs.Close)
	return &testServer{Server: hs, t: t, store: store}
}

// response is a decoded answer.
type response struct {
	Status int
	Header http.Header
	Body   map[string]any
	Raw    string
}

func (s *testServer) do(method, path, contentType string, body io.Reader, header ...string) response {
	s.t.Helper()
	req, err := http.NewRequest(method, s.URL+path, body)
	if err != nil {
		s.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1] // the client sends Request.Host, not the header
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := response{Status: res.StatusCode, Header: res.Header, Raw: string(raw)}
	json.Unmarshal(raw, &r.Body)
	return r
}

func (s *testServer) postJSON(path string, v any) response {
	s.t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		s.t.Fatal(err)
	}
	return s.do("POST", path, "application/json", bytes.NewReader(b))
}

func (s *testServer) post(path string) response { return s.do("POST", path, "", nil) }
func (s *testServer) get(path string) response  { return s.do("GET", path, "", nil) }

func chequeCase() map[string]any {
	return map[string]any{
		"caseType":      "criminal",
		"jurisdiction":  "INDIA",
		"sideASummary":  "Mr. Ravi Kumar lent Rs. 2,00,000 to Mr. Suresh Patel, who repaid with a cheque dated 15/01/2024 that was dishonoured for insufficient funds. A legal notice was sent on 01/02/2024 and no payment followed.",
		"sideAEvidence": []string{"Cheque dated 15/01/2024 for Rs. 2,00,000", "Bank return memo of 18/01/2024", "Legal notice dated 01/02/2024"},
		"sideBSummary":  "Mr. Suresh Patel says the cheque was a blank security cheque and that no loan of Rs. 2,00,000 was ever given.",
		"sideBEvidence": []string{"The cheque was given as security only"},
		"sideADocs": []map[string]string{{"name": "memo.txt",
			"text": "Return memo dated 18/01/2024. Cheque dated 15/01/2024 for Rs. 2,00,000 drawn by Suresh Patel returned unpaid: funds insufficient. Payee: Ravi Kumar."}},
	}
}

// file files the cheque case and returns its id.
func (s *testServer) file() string {
	s.t.Helper()
	r := s.postJSON("/api/cases", chequeCase())
	if r.Status != http.StatusCreated {
		s.t.Fatalf("filing: %d %s", r.Status, r.Raw)
	}
	return r.Body["caseId"].(string)
}

// judged files a case and gets its tentative judgment.
func (s *testServer) judged() string {
	s.t.Helper()
	id := s.file()
	if r := s.post("/api/cases/" + id + "/judgment"); r.Status != http.StatusOK {
		s.t.Fatalf("judgment: %d %s", r.Status, r.Raw)
	}
	return id
}

func (s *testServer) argue(id, side, text string) response {
	s.t.Helper()
	return s.postJSON("/api/cases/"+id+"/arguments", map[string]string{"side": side, "argument": text})
}

func multipartBody(t *testing.T, fields map[string]string, files map[string][]byte, fileField string) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for name, data := range files {
		fw, err := mw.CreateFormFile(fileField, name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
	}
	mw.Close()
	return mw.FormDataContentType(), &buf
}

func TestFullTrial(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	id := s.file()

	first := s.post("/api/cases/" + id + "/judgment")
	if first.Status != 200 || first.Body["cached"] != false {
		t.Fatalf("first judgment: %d %s", first.Status, first.Raw)
	}
	for _, f := range []string{"verdict", "reasoning", "legalBasis", "confidence", "notice"} {
		if _, ok := first.Body[f]; !ok {
			t.Errorf("judgment lacks %q: %s", f, first.Raw)
		}
	}
	second := s.post("/api/cases/" + id + "/judgment")
	if second.Body["cached"] != true || second.Body["verdict"] != first.Body["verdict"] {
		t.Fatalf("second judgment not served from cache: %s", second.Raw)
	}

	arguments := []struct{ side, text string }{
		{"A", "The return memo of 18/01/2024 shows the cheque for Rs. 2,00,000 was dishonoured."},
		{"B", "The cheque was for Rs. 5,00,000, not Rs. 2,00,000."},
		{"A", "A legal notice was sent on 01/02/2024 and no payment was made within fifteen days."},
		{"B", "No loan agreement was ever signed."},
		{"A", "Suresh Patel signed the cheque himself."},
	}
	for i, a := range arguments {
		r := s.argue(id, a.side, a.text)
		if r.Status != 200 {
			t.Fatalf("argument %d: %d %s", i+1, r.Status, r.Raw)
		}
		if got := r.Body["remainingArguments"]; got != float64(4-i) {
			t.Errorf("argument %d: remainingArguments = %v", i+1, got)
		}
		for _, f := range []string{"strengthens", "weakens"} {
			if v := r.Body[f]; !court.ValidEffect(v.(string)) {
				t.Errorf("argument %d: %s = %v", i+1, f, v)
			}
		}
	}
	if r := s.argue(id, "B", "One more."); r.Status != http.StatusConflict {
		t.Fatalf("sixth argument: %d %s", r.Status, r.Raw)
	}
	list := s.get("/api/cases/" + id + "/arguments")
	if list.Body["count"] != float64(5) || list.Body["remainingArguments"] != float64(0) {
		t.Fatalf("arguments list: %s", list.Raw)
	}
	final := s.post("/api/cases/" + id + "/final-verdict")
	if final.Status != 200 || final.Body["kind"] != "final" {
		t.Fatalf("final verdict: %d %s", final.Status, final.Raw)
	}
	if again := s.post("/api/cases/" + id + "/final-verdict"); again.Status != 200 || again.Body["verdict"] != final.Body["verdict"] {
		t.Fatalf("final verdict again: %d %s", again.Status, again.Raw)
	}
	if r := s.post("/api/cases/" + id + "/judgment"); r.Body["kind"] != "final" {
		t.Fatalf("judgment after the final verdict is not the final one: %s", r.Raw)
	}
	c := s.get("/api/cases/" + id)
	cs := c.Body
	if cs["status"] != "closed" || cs["remainingArguments"] != float64(0) {
		t.Fatalf("case after final: %s", c.Raw)
	}
	docs := cs["sideA"].(map[string]any)["documents"].([]any)
	if len(docs) != 1 || docs[0].(map[string]any)["name"] != "memo.txt" {
		t.Fatalf("documents: %v", docs)
	}
	if r := s.argue(id, "A", "After the end."); r.Status != http.StatusConflict {
		t.Fatalf("argument after final: %d", r.Status)
	}
}

func TestMultipartFiling(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	fields := map[string]string{
		"caseType": "consumer", "jurisdiction": "india",
		"sideASummary": "The phone bought for Rs. 45,000 failed in a week.", "sideAEvidence": `["Invoice of 3 January 2025"]`,
		"sideBSummary": "Water damage is not covered.", "sideBEvidence": `["Technician report"]`,
	}
	ct, body := multipartBody(t, fields, map[string][]byte{"invoice.txt": []byte("Invoice 3 January 2025, Rs. 45,000, Bright Mobiles Pvt. Ltd.")}, "sideADocs")
	r := s.do("POST", "/api/cases", ct, body)
	if r.Status != http.StatusCreated {
		t.Fatalf("%d %s", r.Status, r.Raw)
	}
	c := s.get("/api/cases/" + r.Body["caseId"].(string)).Body
	if c["jurisdiction"] != "INDIA" || c["caseType"] != "consumer" {
		t.Fatalf("case: %v", c)
	}
	a := c["sideA"].(map[string]any)
	if ev := a["evidence"].([]any); len(ev) != 1 || ev[0] != "Invoice of 3 January 2025" {
		t.Errorf("evidence: %v", ev)
	}
	if docs := a["documents"].([]any); len(docs) != 1 || docs[0].(map[string]any)["chars"].(float64) == 0 {
		t.Errorf("documents: %v", docs)
	}
}

// TestStatusCodes sends one bad request per row and checks its status and
// that the answer is one plain sentence in the problem format.
func TestStatusCodes(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	filed := s.file()
	judged := s.judged()
	closed := s.judged()
	if r := s.post("/api/cases/" + closed + "/final-verdict"); r.Status != 200 {
		t.Fatal(r.Raw)
	}
	full := s.judged()
	for i := 0; i < court.MaxArguments; i++ {
		if r := s.argue(full, "A", "Point number "+string(rune('1'+i))); r.Status != 200 {
			t.Fatal(r.Raw)
		}
	}
	withField := func(k string, v any) map[string]any {
		c := chequeCase()
		c[k] = v
		return c
	}
	without := func(k string) map[string]any {
		c := chequeCase()
		delete(c, k)
		return c
	}
	jsonBody := func(v any) io.Reader { b, _ := json.Marshal(v); return bytes.NewReader(b) }
	bigFile := bytes.Repeat([]byte("a"), 2<<20)
	ct, bigUpload := multipartBody(t, map[string]string{"caseType": "civil", "sideASummary": "a", "sideBSummary": "b"}, map[string][]byte{"big.txt": bigFile}, "sideADocs")
	ctBin, binUpload := multipartBody(t, map[string]string{"caseType": "civil", "sideASummary": "a", "sideBSummary": "b"}, map[string][]byte{"evil.pdf": {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0}}, "sideADocs")

	tests := []struct {
		name        string
		method      string
		path        string
		contentType string
		body        io.Reader
		want        int
		inError     string
	}{
		{"not JSON", "POST", "/api/cases", "application/json", strings.NewReader("{not json"), 400, "not valid JSON"},
		{"empty body", "POST", "/api/cases", "application/json", strings.NewReader(""), 400, "empty"},
		{"JSON array body", "POST", "/api/cases", "application/json", strings.NewReader("[1,2]"), 400, "JSON object"},
		{"missing summary", "POST", "/api/cases", "application/json", jsonBody(without("sideBSummary")), 400, "sideBSummary"},
		{"missing case type", "POST", "/api/cases", "application/json", jsonBody(without("caseType")), 400, "caseType"},
		{"unknown case type", "POST", "/api/cases", "application/json", jsonBody(withField("caseType", "piracy")), 400, "caseType"},
		{"unknown jurisdiction", "POST", "/api/cases", "application/json", jsonBody(withField("jurisdiction", "ATLANTIS")), 400, "jurisdiction"},
		{"evidence not an array", "POST", "/api/cases", "application/json", jsonBody(withField("sideAEvidence", map[string]int{"a": 1})), 400, "JSON array of strings"},
		{"evidence array of numbers", "POST", "/api/cases", "application/json", jsonBody(withField("sideBEvidence", []int{1, 2})), 400, "JSON array of strings"},
		{"evidence string not an array", "POST", "/api/cases", "application/json", jsonBody(withField("sideAEvidence", "just words")), 400, "JSON array of strings"},
		{"wrong type", "POST", "/api/cases", "application/json", jsonBody(withField("caseType", 7)), 400, "caseType"},
		{"summary too long", "POST", "/api/cases", "application/json", jsonBody(withField("sideASummary", strings.Repeat("w", court.MaxSummaryChars+1))), 413, "limit"},
		{"form body", "POST", "/api/cases", "application/x-www-form-urlencoded", strings.NewReader("caseType=civil"), 415, "application/json"},
		{"file over the limit", "POST", "/api/cases", ct, bigUpload, 413, "big.txt"},
		{"binary named .pdf", "POST", "/api/cases", ctBin, binUpload, 415, "evil.pdf"},
		{"unknown case", "GET", "/api/cases/" + court.NewID(), "", nil, 404, "exist"},
		{"malformed id", "GET", "/api/cases/..%2f..%2fetc", "", nil, 404, ""},
		{"judgment of unknown case", "POST", "/api/cases/" + court.NewID() + "/judgment", "", nil, 404, "exist"},
		{"unknown endpoint", "GET", "/api/nothing-here", "", nil, 404, "endpoint"},
		{"unknown side", "POST", "/api/cases/" + judged + "/arguments", "application/json", jsonBody(map[string]string{"side": "C", "argument": "x"}), 400, "side"},
		{"empty argument", "POST", "/api/cases/" + judged + "/arguments", "application/json", jsonBody(map[string]string{"side": "A", "argument": "  "}), 400, "argument"},
		{"argument too long", "POST", "/api/cases/" + judged + "/arguments", "application/json", jsonBody(map[string]string{"side": "A", "argument": strings.Repeat("z", court.MaxArgumentChars+1)}), 413, "limit"},
		{"argument body not JSON", "POST", "/api/cases/" + judged + "/arguments", "application/json", strings.NewReader("side=A"), 400, "JSON"},
		{"argument before judgment", "POST", "/api/cases/" + filed + "/arguments", "application/json", jsonBody(map[string]string{"side": "A", "argument": "x"}), 409, "judgment"},
		{"sixth argument", "POST", "/api/cases/" + full + "/arguments", "application/json", jsonBody(map[string]string{"side": "B", "argument": "x"}), 409, "five arguments"},
		{"argument after final", "POST", "/api/cases/" + closed + "/arguments", "application/json", jsonBody(map[string]string{"side": "B", "argument": "x"}), 409, "final verdict"},
		{"final before judgment", "POST", "/api/cases/" + filed + "/final-verdict", "", nil, 409, "judgment"},
		{"fact-check without text", "POST", "/api/fact-check/extract", "application/json", strings.NewReader("{}"), 400, "documentText"},
		{"validate without facts", "POST", "/api/fact-check/validate", "application/json", strings.NewReader(`{"argument":"x"}`), 400, "documentFacts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := s.do(tt.method, tt.path, tt.contentType, tt.body)
			if r.Status != tt.want {
				t.Fatalf("status %d, want %d: %s", r.Status, tt.want, r.Raw)
			}
			msg, _ := r.Body["error"].(string)
			if msg == "" || r.Body["detail"] != msg || r.Body["status"] != float64(tt.want) {
				t.Fatalf("not a problem body: %s", r.Raw)
			}
			if !strings.Contains(msg, tt.inError) {
				t.Errorf("error %q does not mention %q", msg, tt.inError)
			}
			if strings.Count(strings.TrimSuffix(msg, "."), ". ") > 1 {
				t.Errorf("error is not one plain sentence: %q", msg)
			}
		})
	}

	// Nothing the bad requests sent changed what was stored.
	for id, want := range map[string]string{filed: "filed", judged: "judged", closed: "closed", full: "arguing"} {
		c := s.get("/api/cases/" + id).Body
		if c["status"] != want {
			t.Errorf("case %s: status %v, want %s", id, c["status"], want)
		}
	}
	if n := len(s.get("/api/cases/" + judged).Body["arguments"].([]any)); n != 0 {
		t.Errorf("bad arguments were stored: %d", n)
	}
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	s := newServer(t, webOption(func(o *web.Options) { o.APILimit = 3 }))
	for i := 0; i < 3; i++ {
		if r := s.get("/api/cases/" + court.NewID()); r.Status != 404 {
			t.Fatalf("request %d: %d", i, r.Status)
		}
	}
	r := s.get("/api/cases/" + court.NewID())
	if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" {
		t.Fatalf("fourth request: %d Retry-After=%q %s", r.Status, r.Header.Get("Retry-After"), r.Raw)
	}
	if r := s.get("/livez"); r.Status != 200 {
		t.Fatalf("probes are rate limited: %d", r.Status)
	}
}

func TestJudgeRateLimitIsStricter(t *testing.T) {
	t.Parallel()
	s := newServer(t, webOption(func(o *web.Options) { o.JudgeLimit = 2 }))
	id := s.file()
	for i := 0; i < 2; i++ {
		if r := s.post("/api/cases/" + id + "/judgment"); r.Status != 200 {
			t.Fatalf("judgment %d: %d", i, r.Status)
		}
	}
	if r := s.post("/api/cases/" + id + "/judgment"); r.Status != 429 {
		t.Fatalf("third judgment: %d", r.Status)
	}
	if r := s.get("/api/cases/" + id); r.Status != 200 {
		t.Fatalf("reads share the judge limit: %d", r.Status)
	}
}

func TestCrossOrigin(t *testing.T) {
	t.Parallel()
	s := newServer(t, webOption(func(o *web.Options) { o.CORSOrigins = []string{"https://client.example"} }))
	body, _ := json.Marshal(chequeCase())
	r := s.do("POST", "/api/cases", "application/json", bytes.NewReader(body), "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
	if r.Status != http.StatusForbidden {
		t.Fatalf("foreign origin: %d %s", r.Status, r.Raw)
	}
	r = s.do("POST", "/api/cases", "application/json", bytes.NewReader(body), "Sec-Fetch-Site", "cross-site", "Origin", "https://client.example")
	if r.Status != http.StatusCreated || r.Header.Get("Access-Control-Allow-Origin") != "https://client.example" {
		t.Fatalf("allowed origin: %d %v", r.Status, r.Header)
	}
	r = s.do("OPTIONS", "/api/cases", "", nil, "Origin", "https://client.example", "Access-Control-Request-Method", "POST")
	if r.Status != http.StatusNoContent || r.Header.Get("Access-Control-Allow-Methods") == "" {
		t.Fatalf("preflight: %d %v", r.Status, r.Header)
	}
}

func TestProbes(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	h := s.get("/health")
	if h.Status != 200 || h.Body["status"] != "ok" || h.Body["timestamp"] == nil || h.Body["uptime"] == nil {
		t.Fatalf("health: %s", h.Raw)
	}
	if r := s.get("/readyz"); r.Status != 200 {
		t.Fatalf("readyz: %s", r.Raw)
	}
	s.store.Close()
	if r := s.get("/readyz"); r.Status != http.StatusServiceUnavailable {
		t.Fatalf("readyz with the store closed: %d %s", r.Status, r.Raw)
	}
	if r := s.get("/livez"); r.Status != 200 {
		t.Fatalf("livez: %d", r.Status)
	}
}

func TestStreaming(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	id := s.file()
	r := s.do("POST", "/api/cases/"+id+"/judgment", "", nil, "Accept", "text/event-stream")
	if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("%d %v", r.Status, r.Header)
	}
	if !strings.Contains(r.Raw, "event: delta\n") || !strings.Contains(r.Raw, "event: result\n") {
		t.Fatalf("stream: %s", r.Raw)
	}
	last := r.Raw[strings.LastIndex(r.Raw, "event: result\ndata: ")+len("event: result\ndata: "):]
	var result map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(last)), &result); err != nil || result["verdict"] == "" {
		t.Fatalf("result event: %v %s", err, last)
	}
}

func TestFactCheck(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	r := s.postJSON("/api/fact-check/extract", map[string]string{"documentText": "Paid Rs. 2,00,000 on 15/01/2024 to Ravi Kumar at Mumbai."})
	if r.Status != 200 || r.Body["success"] != true {
		t.Fatalf("extract: %s", r.Raw)
	}
	facts := r.Body["facts"].(map[string]any)
	for _, k := range []string{"dates", "amounts", "names", "locations", "rawText"} {
		if _, ok := facts[k]; !ok {
			t.Errorf("facts lack %q", k)
		}
	}
	v := s.postJSON("/api/fact-check/validate", map[string]any{"argument": "Rs. 5,00,000 was paid on 15/01/2024.", "documentFacts": facts})
	if v.Status != 200 {
		t.Fatalf("validate: %s", v.Raw)
	}
	val := v.Body["validation"].(map[string]any)
	if val["hasIssues"] != true {
		t.Errorf("a contradicted amount is not an issue: %s", v.Raw)
	}
}
