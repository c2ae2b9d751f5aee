package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/document"
	"github.com/aijudge/aijudge/internal/testenv"
	"github.com/aijudge/aijudge/internal/web"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "document", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// zipBomb is a .docx whose document.xml expands to 200 MB of zeros.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for range 200 {
		w.Write(zeros)
	}
	zw.Close()
	return buf.Bytes()
}

// TestHostileDocuments files each hostile file while other requests keep
// arriving: each gets its documented status within 2 s, the server keeps
// answering, and nothing is stored.
func TestHostileDocuments(t *testing.T) {
	t.Parallel()
	s := newServer(t, webOption(func(o *web.Options) { o.MaxFileSize, o.MaxCaseBytes = 10<<20, 40<<20 }))
	big := bytes.Repeat([]byte("fifteen megabytes of text. "), 15<<20/27+1)
	tests := []struct {
		name string
		data []byte
		want int
	}{
		{"truncated.pdf", fixture(t, "truncated.pdf"), 422},
		{"broken-xref.pdf", fixture(t, "broken-xref.pdf"), 422},
		{"elf.pdf", fixture(t, "elf.pdf"), 415},
		{"bomb.docx", zipBomb(t), 422},
		{"not-a-zip.docx", fixture(t, "not-a-zip.docx"), 422},
		{"nul.txt", fixture(t, "nul.txt"), 415},
		{"big.txt", big, 413},
	}

	// A steady stream of other requests that must keep succeeding.
	stop := make(chan struct{})
	var served, failed atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			res, err := http.Get(s.URL + "/livez")
			if err != nil || res.StatusCode != 200 {
				failed.Add(1)
			} else {
				served.Add(1)
				res.Body.Close()
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields := map[string]string{"caseType": "civil", "sideASummary": "Side A's case.", "sideBSummary": "Side B's case."}
			ct, body := multipartBody(t, fields, map[string][]byte{tt.name: tt.data}, "sideADocs")
			start := time.Now()
			r := s.do("POST", "/api/cases", ct, body)
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("took %s", took)
			}
			if r.Status != tt.want {
				t.Fatalf("status %d, want %d: %s", r.Status, tt.want, r.Raw)
			}
			if msg, _ := r.Body["error"].(string); msg == "" {
				t.Fatalf("no error message: %s", r.Raw)
			}
		})
	}
	close(stop)
	wg.Wait()
	if failed.Load() > 0 || served.Load() == 0 {
		t.Fatalf("other requests: %d served, %d failed", served.Load(), failed.Load())
	}
}

// TestDocumentRoundTrip files real documents, sees their text in the case
// and downloads the originals byte for byte.
func TestDocumentRoundTrip(t *testing.T) {
	t.Parallel()
	s := newServer(t, withBlobs(t))
	files := map[string][]byte{
		"lease.pdf":  fixture(t, "lease.pdf"),
		"lease.docx": fixture(t, "lease.docx"),
		"notes.txt":  fixture(t, "notes-utf16le.txt"),
	}
	fields := map[string]string{"caseType": "property", "sideASummary": "The tenant paid the deposit.", "sideBSummary": "The landlord kept it for damage."}
	ct, body := multipartBody(t, fields, files, "sideADocs")
	r := s.do("POST", "/api/cases", ct, body)
	if r.Status != http.StatusCreated {
		t.Fatalf("%d %s", r.Status, r.Raw)
	}
	id := r.Body["caseId"].(string)
	c := s.get("/api/cases/" + id).Body
	docs := c["sideA"].(map[string]any)["documents"].([]any)
	if len(docs) != 3 {
		t.Fatalf("documents: %v", docs)
	}
	for _, d := range docs {
		d := d.(map[string]any)
		name := d["name"].(string)
		if d["chars"].(float64) == 0 || d["extractionStatus"] != court.DocExtracted {
			t.Errorf("%s: no text extracted: %v", name, d)
		}
		res, err := http.Get(s.URL + "/api/cases/" + id + "/documents/" + d["id"].(string))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !bytes.Equal(got, files[name]) {
			t.Errorf("%s: the download differs from the upload", name)
		}
		sum := sha256.Sum256(got)
		if d["sha256"] != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: sha256 %v", name, d["sha256"])
		}
		if res.Header.Get("Content-Type") != d["type"] || res.Header.Get("X-Content-Type-Options") != "nosniff" ||
			res.Header.Get("Content-Disposition") == "" {
			t.Errorf("%s: headers %v", name, res.Header)
		}
	}
	if r := s.get("/api/cases/" + id + "/documents/" + court.NewID()); r.Status != 404 {
		t.Errorf("unknown document: %d", r.Status)
	}

	// A document added later, before the final verdict.
	ct, body = multipartBody(t, map[string]string{"side": "B"}, map[string][]byte{"reply.txt": []byte("The landlord's reply of 3 May 2024.")}, "documents")
	if r := s.do("POST", "/api/cases/"+id+"/documents", ct, body); r.Status != http.StatusCreated {
		t.Fatalf("add document: %d %s", r.Status, r.Raw)
	}
	c = s.get("/api/cases/" + id).Body
	if n := len(c["sideB"].(map[string]any)["documents"].([]any)); n != 1 {
		t.Fatalf("side B documents: %d", n)
	}
}

// TestCaseByteLimit refuses documents added after filing once the case's
// documents together would pass the limit per case.
func TestCaseByteLimit(t *testing.T) {
	t.Parallel()
	s := newServer(t, webOption(func(o *web.Options) { o.MaxFileSize, o.MaxCaseBytes = 1<<20, 3<<20/2 }))
	id := s.file()
	add := func(name string) response {
		ct, body := multipartBody(t, map[string]string{"side": "A"}, map[string][]byte{name: bytes.Repeat([]byte("evidence text. "), (1<<20)/15)}, "documents")
		return s.do("POST", "/api/cases/"+id+"/documents", ct, body)
	}
	if r := add("first.txt"); r.Status != http.StatusCreated {
		t.Fatalf("first: %d %s", r.Status, r.Raw)
	}
	if r := add("second.txt"); r.Status != http.StatusRequestEntityTooLarge {
		t.Fatalf("second: %d %s", r.Status, r.Raw)
	}
}

// TestDocumentText: the case's members see what the judge reads of each
// document, how it was read, and a sentence when nothing could be read.
func TestDocumentText(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	f := chequeCase()
	f["sideBDocs"] = []map[string]string{{"name": "scan.pdf", "contentBase64": base64.StdEncoding.EncodeToString(fixture(t, "scanned.pdf"))}}
	r := s.postJSON("/api/cases", f)
	if r.Status != http.StatusCreated {
		t.Fatalf("filing: %d %s", r.Status, r.Raw)
	}
	id := r.Body["caseId"].(string)
	c := s.get("/api/cases/" + id).Body
	docID := func(side string) string {
		return c[side].(map[string]any)["documents"].([]any)[0].(map[string]any)["id"].(string)
	}

	got := s.get("/api/cases/" + id + "/documents/" + docID("sideA") + "/text")
	if got.Status != http.StatusOK || !strings.Contains(got.Body["text"].(string), "funds insufficient") ||
		got.Body["method"].(map[string]any)["kind"] != "text_layer" || got.Header.Get("Cache-Control") != "private, no-store" {
		t.Fatalf("text of memo.txt: %d %s", got.Status, got.Raw)
	}
	got = s.get("/api/cases/" + id + "/documents/" + docID("sideB") + "/text")
	if got.Status != http.StatusOK || got.Body["text"] != "" || got.Body["method"].(map[string]any)["kind"] != "none" ||
		!strings.Contains(got.Body["note"].(string), "Upload a PDF with a text layer") || got.Body["pages"] != float64(1) {
		t.Fatalf("text of scan.pdf: %d %s", got.Status, got.Raw)
	}
	if got := s.get("/api/cases/" + id + "/documents/nosuchdocument/text"); got.Status != http.StatusNotFound {
		t.Fatalf("an unknown document: %d %s", got.Status, got.Raw)
	}
}

// TestDocumentTextOCR: a photo and a scanned PDF uploaded through the API
// are read by OCR, and the text endpoint says so with the confidence.
func TestDocumentTextOCR(t *testing.T) {
	// Not parallel: recognition takes the CPUs for seconds, and other
	// tests here have time bounds.
	ocr, err := document.NewOCR(context.Background(), document.OCROptions{Langs: "eng+hin"})
	if err != nil {
		testenv.Missing(t, "tesseract with eng and hin (tesseract-ocr, tesseract-ocr-eng, tesseract-ocr-hin)", err)
	}
	s := newServer(t, func(st *setup) { st.ocr = ocr })
	id := s.file()
	ct, body := multipartBody(t, map[string]string{"side": "A"}, map[string][]byte{
		"notice-photo.jpg": fixture(t, "producers/notice-en-photo.jpg"),
		"notice-scan.pdf":  fixture(t, "producers/notice-hi-scan.pdf"),
	}, "documents")
	r := s.do("POST", "/api/cases/"+id+"/documents", ct, body)
	if r.Status != http.StatusCreated {
		t.Fatalf("upload: %d %s", r.Status, r.Raw)
	}
	for _, d := range r.Body["documents"].([]any) {
		d := d.(map[string]any)
		got := s.get("/api/cases/" + id + "/documents/" + d["id"].(string) + "/text")
		m := got.Body["method"].(map[string]any)
		conf, _ := m["confidence"].(float64)
		want := map[string]string{"notice-photo.jpg": "LEGAL NOTICE", "notice-scan.pdf": "अनादरित"}[d["name"].(string)]
		if got.Status != http.StatusOK || m["kind"] != "ocr" || conf < 80 || conf > 100 || got.Body["pages"] != float64(1) ||
			!strings.Contains(got.Body["text"].(string), want) || d["textMethod"] != "ocr" || d["extractionStatus"] != "extracted" {
			t.Errorf("%s: %d %s", d["name"], got.Status, got.Raw)
		}
	}
	if mt := r.Body["documents"].([]any)[0].(map[string]any)["type"]; mt != "image/jpeg" && mt != "application/pdf" {
		t.Errorf("media type %v", mt)
	}
}

// TestImageWithoutOCR: without OCR a photo is kept without text, and the
// party is told to file a text PDF or ask for OCR.
func TestImageWithoutOCR(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	id := s.file()
	ct, body := multipartBody(t, map[string]string{"side": "B"}, map[string][]byte{"photo.jpg": fixture(t, "producers/notice-en-photo.jpg")}, "documents")
	r := s.do("POST", "/api/cases/"+id+"/documents", ct, body)
	if r.Status != http.StatusCreated {
		t.Fatalf("upload: %d %s", r.Status, r.Raw)
	}
	d := r.Body["documents"].([]any)[0].(map[string]any)
	got := s.get("/api/cases/" + id + "/documents/" + d["id"].(string) + "/text")
	if d["type"] != "image/jpeg" || d["extractionStatus"] != "no_text" || got.Body["method"].(map[string]any)["kind"] != "none" ||
		!strings.Contains(got.Body["note"].(string), "ask the operator to enable OCR") {
		t.Errorf("%s\n%s", r.Raw, got.Raw)
	}
}
