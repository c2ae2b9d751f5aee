package ui_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aijudge/aijudge/internal/cache"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/judge/offline"
	"github.com/aijudge/aijudge/internal/sqlite"
	"github.com/aijudge/aijudge/internal/web"
)

// hindi switches b to Hindi the way the language switch does.
func (b *browser) hindi() {
	b.t.Helper()
	res, _ := b.get("/cases?lang=hi")
	if !strings.Contains(res.Header.Get("Set-Cookie"), "aijudge_lang=hi") {
		b.t.Fatalf("no language cookie: %q", res.Header.Get("Set-Cookie"))
	}
}

// fileCaseWith files a case with one file for side A.
func (b *browser) fileCaseWith(name string, data []byte) (*http.Response, string) {
	b.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range map[string]string{"caseType": "property", "jurisdiction": "INDIA", "creatorSide": "A",
		"sideASummary": "The landlord kept the deposit.", "sideBSummary": "The tenant left without notice."} {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("sideADocs", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", b.base+"/cases/new", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

func TestHindiFilingErrorNextToField(t *testing.T) {
	t.Parallel()
	hs := newStack(t, true)
	b := newBrowser(t, hs.URL)
	b.hindi()
	b.signup("ravi@example.com")
	res, body := b.fileCase("   ")
	wantStatus(t, res, body, http.StatusBadRequest)
	m := regexp.MustCompile(`<p class="field-error" id="sideASummary-error">([^<]*)</p>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no error next to the summary:\n%s", body)
	}
	if want := "sideASummary (सारांश) भरना ज़रूरी है।"; m[1] != want {
		t.Errorf("summary error %q, want %q", m[1], want)
	}
}

func TestHindiLoginFailure(t *testing.T) {
	t.Parallel()
	hs := newStack(t, true)
	b := newBrowser(t, hs.URL)
	b.hindi()
	res, body := b.post("/login", url.Values{"email": {"nobody@example.com"}, "password": {"wrong password"}})
	wantStatus(t, res, body, http.StatusUnauthorized)
	if !strings.Contains(body, "ईमेल या पासवर्ड गलत है।") || strings.Contains(body, "The email or password is incorrect.") {
		t.Errorf("the login failure is not in Hindi:\n%s", body)
	}
}

func TestHindiFileRefusals(t *testing.T) {
	t.Parallel()
	hs := newStack(t, false)
	b := newBrowser(t, hs.URL)
	b.hindi()
	res, body := b.fileCaseWith("notes.exe", []byte("MZ"))
	wantStatus(t, res, body, http.StatusBadRequest)
	if want := "notes.exe: केवल PDF, DOCX और TXT फ़ाइलें और JPEG, PNG या WebP छवियाँ स्वीकार की जाती हैं।"; !strings.Contains(body, want) {
		t.Errorf("the file refusal is not in Hindi; want %q in:\n%s", want, body)
	}
}

// TestAPIErrorLanguage checks the rule for the API: Hindi only for the
// pages' language cookie or an Accept-Language whose first choice is
// Hindi; every other request gets the very bytes a server without
// translations sends.
func TestAPIErrorLanguage(t *testing.T) {
	t.Parallel()
	hs := newStack(t, false)
	plain := plainAPI(t)
	get := func(base string, header ...string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", base+"/api/cases/no-such-case", nil)
		req.Header.Set("X-Request-Id", "req-1")
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, body := newBrowser(t, base).do(req)
		return res.StatusCode, body
	}
	status, english := get(plain.URL)
	if status != http.StatusNotFound {
		t.Fatalf("status %d: %s", status, english)
	}
	for _, h := range [][]string{
		nil,
		{"Accept-Language", "en-IN,en;q=0.9,hi;q=0.8"},
		{"Accept-Language", "fr, hi;q=0.9"},
		{"Cookie", "aijudge_lang=en", "Accept-Language", "hi"},
		{"Cookie", "aijudge_lang=xx"},
	} {
		if _, got := get(hs.URL, h...); got != english {
			t.Errorf("%v: got\n%s\nwant the English\n%s", h, got, english)
		}
	}
	for _, h := range [][]string{
		{"Cookie", "aijudge_lang=hi"},
		{"Accept-Language", "hi-IN,hi;q=0.9,en;q=0.5"},
	} {
		status, got := get(hs.URL, h...)
		var p struct{ Error, Detail, Code string }
		if err := json.Unmarshal([]byte(got), &p); err != nil || status != http.StatusNotFound {
			t.Fatalf("%v: %d %v %s", h, status, err, got)
		}
		if p.Error != "यह मामला मौजूद नहीं है।" || p.Detail != p.Error || p.Code != "not_found" {
			t.Errorf("%v: %s", h, got)
		}
	}
}

// plainAPI is the API alone, without pages or translations.
func plainAPI(t *testing.T) *httptest.Server {
	t.Helper()
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "plain.db"), sqlite.Options{AutoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	mem := cache.NewMemory(cache.MemoryOptions{})
	t.Cleanup(func() { mem.Close() })
	svc := court.NewService(court.Options{Store: store, Judge: offline.New(), Cache: mem})
	hs := httptest.NewServer(web.New(web.Options{Service: svc}).Handler())
	t.Cleanup(hs.Close)
	return hs
}
