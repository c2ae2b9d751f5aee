package document

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/testenv"
)

// newTestOCR is OCR with English and Hindi, as .ci/services installs it:
// a skip without Tesseract locally, a failure under CI=true.
//
// The tests that run Tesseract are not parallel: they run before the
// package's parallel tests, whose time bounds (hostile files refused
// within 2 s) would otherwise share two CPUs with recognition.
func newTestOCR(t testing.TB, opts OCROptions) *OCR {
	t.Helper()
	if opts.Langs == "" {
		opts.Langs = "eng+hin"
	}
	o, err := NewOCR(context.Background(), opts)
	if err != nil {
		testenv.Missing(t, "tesseract with eng and hin (tesseract-ocr, tesseract-ocr-eng, tesseract-ocr-hin)", err)
	}
	if !o.CanRender() {
		testenv.Missing(t, "pdftoppm (poppler-utils)", errors.New("not on PATH"))
	}
	return o
}

func producer(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "producers", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestOCRFixtures reads the scans and the photo of the notices (see
// testdata/producers/README.md) and holds the recognised text to the
// source by character error rate. The bounds are the rates measured,
// with a margin: Tesseract's results vary a little between versions.
func TestOCRFixtures(t *testing.T) {
	r := NewReader(Options{OCR: newTestOCR(t, OCROptions{})})
	tests := []struct {
		file, source, media string
		maxCER              float64
		minConfidence       int
	}{
		{"notice-en-scan.pdf", "notice-en.txt", MediaPDF, 0.02, 85},
		{"notice-hi-scan.pdf", "notice-hi.txt", MediaPDF, 0.06, 80},
		{"notice-en-photo.jpg", "notice-en.txt", MediaJPEG, 0.04, 80},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d, err := r.Read(t.Context(), court.Upload{Name: tt.file, Data: producer(t, tt.file)})
			if err != nil {
				t.Fatal(err)
			}
			if d.MediaType != tt.media || d.Status != court.DocExtracted || d.TextMethod != court.TextOCR || d.Pages != 1 {
				t.Errorf("read as %s, %s, method %s, %d pages; want %s, extracted, ocr, 1 page", d.MediaType, d.Status, d.TextMethod, d.Pages, tt.media)
			}
			cer := charErrorRate(string(producer(t, tt.source)), d.Text)
			t.Logf("%s: character error rate %.2f %%, confidence %d", tt.file, 100*cer, d.OCRConfidence)
			if cer > tt.maxCER {
				t.Errorf("character error rate %.1f %%; want at most %.0f %%\n got: %q", 100*cer, 100*tt.maxCER, d.Text)
			}
			if d.OCRConfidence < tt.minConfidence || d.OCRConfidence > 100 {
				t.Errorf("confidence %d; want %d to 100", d.OCRConfidence, tt.minConfidence)
			}
		})
	}
}

// TestScanWithoutOCR: without Tesseract a scan and a photo are kept, as
// no text, not read, and not refused.
func TestScanWithoutOCR(t *testing.T) {
	t.Parallel()
	r := NewReader(Options{})
	for _, f := range []string{"notice-en-scan.pdf", "notice-en-photo.jpg"} {
		d, err := r.Read(t.Context(), court.Upload{Name: f, Data: producer(t, f)})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if d.Status != court.DocNoText || d.TextMethod != court.TextNone || d.Text != "" {
			t.Errorf("%s: status %s, method %s, %d chars; want no_text, none, no text", f, d.Status, d.TextMethod, d.Chars)
		}
	}
}

// TestMixedPDF: a PDF of a text page and a scanned page keeps the text
// layer of the first and the recognised text of the second, in order,
// and says so.
func TestMixedPDF(t *testing.T) {
	r := NewReader(Options{OCR: newTestOCR(t, OCROptions{})})
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetFont("Helvetica", "", 12)
	pdf.AddPage()
	pdf.MultiCell(0, 16, "Annexure 1. The notice served on the respondent follows on the next page.", "", "L", false)
	pdf.AddPage()
	opt := fpdf.ImageOptions{ImageType: "JPG"}
	pdf.RegisterImageOptionsReader("photo", opt, bytes.NewReader(producer(t, "notice-en-photo.jpg")))
	pdf.ImageOptions("photo", 0, 0, 595, 0, false, opt, 0, "")
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	d, err := r.Read(t.Context(), court.Upload{Name: "annexure.pdf", Data: b.Bytes()})
	if err != nil {
		t.Fatal(err)
	}
	first, second := strings.Index(d.Text, "Annexure 1."), strings.Index(d.Text, "LEGAL NOTICE")
	if first != 0 || second < first || d.TextMethod != court.TextOCR || d.Pages != 2 {
		t.Errorf("read as %d pages, method %s:\n%s", d.Pages, d.TextMethod, d.Text)
	}
}

// TestOCRTimeout: a run that takes longer than its timeout is stopped,
// and the image is refused as too slow instead of holding the request.
func TestOCRTimeout(t *testing.T) {
	o := newTestOCR(t, OCROptions{})
	o.opts.PageTimeout = 50 * time.Millisecond
	r := NewReader(Options{OCR: o})
	start := time.Now()
	_, err := r.Read(t.Context(), court.Upload{Name: "photo.jpg", Data: producer(t, "notice-en-photo.jpg")})
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("took %v; the run should have been stopped after 50 ms", took)
	}
	if court.ErrorCode(err) != court.EUnprocessable || !strings.Contains(court.ErrorMessage(err), "took too long to read by OCR") {
		t.Errorf("err = %v; want 422 took too long", err)
	}
}

// TestOCRMemoryLimit: a run whose memory limit is too small for
// Tesseract fails cleanly (the image is refused) rather than taking the
// memory.
func TestOCRMemoryLimit(t *testing.T) {
	o := newTestOCR(t, OCROptions{})
	o.opts.MemoryLimit = 64 << 20
	r := NewReader(Options{OCR: o})
	_, err := r.Read(t.Context(), court.Upload{Name: "photo.jpg", Data: producer(t, "notice-en-photo.jpg")})
	if court.ErrorCode(err) != court.EUnprocessable {
		t.Errorf("err = %v; want 422", err)
	}
}

// TestOCRCancelled: a request that ends stops its run.
func TestOCRCancelled(t *testing.T) {
	o := newTestOCR(t, OCROptions{})
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := o.image(ctx, producer(t, "notice-en-photo.jpg"))
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 3*time.Second {
		t.Errorf("err = %v after %v; want the deadline, promptly", err, time.Since(start))
	}
}

func TestParseTSV(t *testing.T) {
	t.Parallel()
	tsv := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t10\t10\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tLegal\n" +
		"5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t80\tnotice\n" +
		"5\t1\t1\t1\t2\t1\t0\t0\t1\t1\t70\tunder\n" +
		"5\t1\t2\t1\t1\t1\t0\t0\t1\t1\t60\tहिंदी\n" +
		"5\t1\t2\t1\t1\t2\t0\t0\t1\t1\t-1\t \n"
	got := parseTSV([]byte(tsv))
	if want := "Legal notice\nunder\n\nहिंदी"; got.text != want || got.words != 4 || got.confidence != 75 {
		t.Errorf("parseTSV = %q, %d words, %v; want %q, 4 words, 75", got.text, got.words, got.confidence, want)
	}
}

func TestValidLangs(t *testing.T) {
	t.Parallel()
	for l, want := range map[string]bool{"eng": true, "eng+hin": true, "chi_sim+eng": true, "": false, "eng+": false,
		"eng hin": false, "ENG": false, "eng;rm": false, "../eng": false, "eng++hin": false} {
		if ValidLangs(l) != want {
			t.Errorf("ValidLangs(%q) = %v", l, !want)
		}
	}
}

func TestPageRanges(t *testing.T) {
	t.Parallel()
	if got := pageRanges([]int{9, 3, 5, 6, 7, 8}); got != "3, 5–9" {
		t.Errorf("pageRanges = %q", got)
	}
}

// TestOCRBusy: runs wait for a slot of the semaphore; a file that finds
// them all taken for longer than a run may last gets 503 with
// Retry-After.
func TestOCRBusy(t *testing.T) {
	o := newTestOCR(t, OCROptions{MaxConcurrent: 1})
	o.opts.PageTimeout = 100 * time.Millisecond
	o.slots <- struct{}{} // a run in progress
	defer func() { <-o.slots }()
	_, err := NewReader(Options{OCR: o}).Read(t.Context(), court.Upload{Name: "photo.jpg", Data: producer(t, "notice-en-photo.jpg")})
	var e *court.Error
	if court.ErrorCode(err) != court.EUnavailable || !errors.As(err, &e) || e.RetryAfter == 0 {
		t.Errorf("err = %v; want 503 with Retry-After", err)
	}
}
