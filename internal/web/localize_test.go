package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aijudge/aijudge/internal/cache"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/document"
	"github.com/aijudge/aijudge/internal/judge/offline"
	"github.com/aijudge/aijudge/internal/sqlite"
	"github.com/aijudge/aijudge/internal/web"
)

// pseudoHindi stands in for the pages' translations: it answers requests
// that ask for "hi" with the format and arguments, so that the test sees
// what the server handed it.
func pseudoHindi(r *http.Request, e *court.Error) string {
	if r.Header.Get("Accept-Language") != "hi" {
		return e.Message
	}
	return fmt.Sprintf("hi:%s%v", e.Format, e.Args)
}

// cutOffJudge streams a little of a judgment, then fails, as a provider
// that breaks off mid-answer does.
type cutOffJudge struct{ court.Judge }

func (cutOffJudge) Tentative(_ context.Context, _ *court.Case, out court.Stream) (*court.Ruling, error) {
	if out != nil {
		out("The court has considered ")
	}
	return nil, court.Wrap(court.EUpstream, errors.New("stream cut"),
		"The judge's answer was incomplete or malformed, even after it was asked to correct it. Nothing was saved; a retry may help.")
}

// localizedServer is the API with localize as Options.Localize (nil for
// none) and a judge that breaks off.
func localizedServer(t *testing.T, localize func(*http.Request, *court.Error) string) *testServer {
	t.Helper()
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), sqlite.Options{AutoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	mem := cache.NewMemory(cache.MemoryOptions{})
	t.Cleanup(func() { mem.Close() })
	svc := court.NewService(court.Options{Store: store, Judge: cutOffJudge{offline.New()}, Cache: mem,
		Reader: document.NewReader(document.Options{MaxFileSize: 1 << 20})})
	hs := httptest.NewServer(web.New(web.Options{Service: svc, Localize: localize}).Handler())
	t.Cleanup(hs.Close)
	return &testServer{Server: hs, t: t, store: store}
}

func TestErrorLocalization(t *testing.T) {
	t.Parallel()
	plain := localizedServer(t, nil)
	s := localizedServer(t, pseudoHindi)

	// Without a language, the body is byte for byte what a server
	// without translations sends.
	want := plain.do("GET", "/api/cases/nope", "", nil, "X-Request-Id", "r1").Raw
	if got := s.do("GET", "/api/cases/nope", "", nil, "X-Request-Id", "r1").Raw; got != want {
		t.Errorf("English changed:\n got %s\nwant %s", got, want)
	}
	r := s.do("GET", "/api/cases/nope", "", nil, "Accept-Language", "hi")
	if r.Status != http.StatusNotFound || r.Body["error"] != "hi:This case does not exist.[]" || r.Body["detail"] != r.Body["error"] || r.Body["code"] != "not_found" {
		t.Errorf("translated error: %d %s", r.Status, r.Raw)
	}

	// The arguments reach the translation.
	id := s.file()
	r = s.do("POST", "/api/cases/"+id+"/arguments", "application/json", strings.NewReader(`{"side":"C","argument":"x"}`), "Accept-Language", "hi")
	if r.Body["error"] != `hi:side %q must be "A" or "B".[C]` {
		t.Errorf("translated error with arguments: %s", r.Raw)
	}

	// A stream that fails after it started ends with a translated event.
	r = s.do("POST", "/api/cases/"+id+"/judgment", "", nil, "Accept", "text/event-stream", "Accept-Language", "hi")
	_, data, ok := strings.Cut(r.Raw, "event: error\ndata: ")
	if !ok {
		t.Fatalf("no error event: %s", r.Raw)
	}
	var p map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(data)), &p); err != nil {
		t.Fatal(err)
	}
	if msg, _ := p["error"].(string); !strings.HasPrefix(msg, "hi:The judge's answer was incomplete") || p["code"] != "upstream_error" {
		t.Errorf("error event: %s", data)
	}
}
