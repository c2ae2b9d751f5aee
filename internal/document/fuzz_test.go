package document

import (
	"bytes"
	"context"
	"image"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// The seed corpora live in testdata/fuzz/<Name>/ and are written by
// testdata/gen. Under plain `go test` the seeds run as regression tests.

func FuzzSniff(f *testing.F) {
	f.Add([]byte("%PDF-1.4\n"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		k, why := sniff(data)
		if (k == KindUnknown) == (why == sniffOK) {
			t.Fatalf("kind %v with result %v", k, why)
		}
		if k == KindText {
			if _, ok := textEncoding(data); !ok {
				t.Fatal("text that textEncoding refuses")
			}
		}
	})
}

// fuzzLimits keep each input cheap, so the fuzzer explores instead of
// decompressing.
func fuzzCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func checkText(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("invalid UTF-8: %q", s)
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7F {
			t.Fatalf("control character %U in %q", r, s)
		}
	}
}

func FuzzPDF(f *testing.F) {
	// A real producer's file, with Type0 fonts, ToUnicode maps and
	// ActualText, seeds the mutations beside the corpus.
	for _, name := range []string{"notice-hi-chromium.pdf", "notice-hi-libreoffice.pdf"} {
		if b, err := os.ReadFile("testdata/producers/" + name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out := newTextBuf(10_000)
		// extractPDF must turn every parser panic into an error itself:
		// a panic here fails the fuzz target.
		_, err := extractPDF(fuzzCtx(t), data, pdfLimits{maxPages: 50, maxObjects: 10_000, maxInflated: 4 << 20}, out)
		if err != nil {
			if _, ok := err.(*failure); !ok && err != errFull && err != context.DeadlineExceeded {
				t.Fatalf("error is no *failure: %T %v", err, err)
			}
		}
		checkText(t, out.String())
	})
}

func FuzzDOCX(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		out := newTextBuf(10_000)
		err := extractDOCX(fuzzCtx(t), data, docxLimits{maxEntries: 100, maxUncompressed: 4 << 20, maxRatio: 100}, out)
		if err != nil {
			if _, ok := err.(*failure); !ok && err != errFull && err != context.DeadlineExceeded {
				t.Fatalf("error is no *failure: %T %v", err, err)
			}
		}
		checkText(t, out.String())
	})
}

func FuzzText(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, ok := textEncoding(data); !ok {
			return
		}
		out := newTextBuf(100_000)
		if err := extractText(context.Background(), data, out); err != nil && err != errFull {
			t.Fatal(err)
		}
		s := out.String()
		checkText(t, s)
		if strings.Contains(s, "\r") || strings.Contains(s, "\n\n\n") {
			t.Fatalf("not normalised: %q", s)
		}
	})
}

// FuzzImage: the header checks of images never panic, and whatever they
// let through has dimensions within the limits.
func FuzzImage(f *testing.F) {
	if b, err := os.ReadFile("testdata/producers/notice-en-photo.jpg"); err == nil {
		f.Add(b[:4096])
		f.Add(b)
	}
	f.Add([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x10\x00\x00\x00\x10\x00\x08\x00\x00\x00\x00"))
	f.Add([]byte("RIFF\x10\x00\x00\x00WEBPVP8 \x04\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		k := sniffImage(data)
		if k == KindUnknown {
			return
		}
		if err := checkImage(k, data); err == nil {
			cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
			if err != nil || cfg.Width*cfg.Height > maxImagePixels {
				t.Fatalf("accepted %v: %+v", err, cfg)
			}
		}
	})
}
