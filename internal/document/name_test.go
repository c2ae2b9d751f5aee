package document_test

import (
	"testing"

	"github.com/aijudge/aijudge/internal/document"
)

func TestDownloadName(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, media, want string }{
		{"evil.html", document.MediaText, "evil.html.txt"},
		{"x.svg", document.MediaText, "x.svg.txt"},
		{"notes.txt", document.MediaText, "notes.txt"},
		{"NOTES.TXT", document.MediaText, "NOTES.TXT"},
		{"lease.pdf", document.MediaPDF, "lease.pdf"},
		{"lease.docx", document.MediaPDF, "lease.docx.pdf"},
		{"letter", document.MediaDOCX, "letter.docx"},
		{"Mr. Kumar letter", document.MediaText, "Mr. Kumar letter.txt"},
	} {
		if got := document.DownloadName(tc.name, tc.media); got != tc.want {
			t.Errorf("DownloadName(%q, %s) = %q, want %q", tc.name, tc.media, got, tc.want)
		}
	}
	for name, want := range map[string]bool{"a.pdf": true, "a.DOCX": true, "a.txt": true, "Mr. Kumar letter": true, "a": true,
		"evil.html": false, "x.svg": false, "a.exe": false, "a.pdf.html": false} {
		if document.AcceptedName(name) != want {
			t.Errorf("AcceptedName(%q) = %v", name, !want)
		}
	}
}
