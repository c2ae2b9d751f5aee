package main

import (
	"log/slog"
	"os/exec"
	"strings"
	"testing"

	"github.com/aijudge/aijudge/internal/config"
	"github.com/aijudge/aijudge/internal/testenv"
)

// TestNewOCR: OCR=off uses no OCR even where Tesseract is installed;
// OCR=auto uses it when installed, and a language without its data stops
// start-up with a line naming OCR_LANGS.
func TestNewOCR(t *testing.T) {
	t.Parallel()
	log := slog.New(slog.DiscardHandler)
	if o, err := newOCR(t.Context(), &config.Config{OCR: "off", OCRLangs: "eng"}, log); o != nil || err != nil {
		t.Errorf("OCR=off: %v, %v; want none", o, err)
	}
	if _, err := exec.LookPath("tesseract"); err != nil {
		testenv.Missing(t, "tesseract (tesseract-ocr)", err)
	}
	o, err := newOCR(t.Context(), &config.Config{OCR: "auto", OCRLangs: "eng+hin"}, log)
	if o == nil || err != nil {
		t.Fatalf("OCR=auto with Tesseract: %v, %v; want it on", o, err)
	}
	_, err = newOCR(t.Context(), &config.Config{OCR: "auto", OCRLangs: "eng+qqq"}, log)
	if err == nil || !strings.HasPrefix(err.Error(), `OCR_LANGS="eng+qqq": `) || !strings.Contains(err.Error(), "tesseract-ocr-qqq") {
		t.Errorf("a language without data: %v", err)
	}
}
