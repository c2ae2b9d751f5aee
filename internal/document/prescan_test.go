package document

import "testing"

// TestPrescanWidths: the field widths of a cross-reference stream are
// bounded, but a font's glyph widths, also written /W, are not theirs.
func TestPrescanWidths(t *testing.T) {
	t.Parallel()
	font := []byte("%PDF-1.7\n5 0 obj\n<< /Type /Font /Subtype /CIDFontType2 /W [32 126 500 200 [278 556]] >>\nendobj\n")
	if err := prescanPDF(font, 1000); err != nil {
		t.Errorf("a font's widths were refused: %v", err)
	}
	xref := []byte("%PDF-1.7\n9 0 obj\n<< /Type /XRef /Size 10 /W [1 200 1] >>\nstream\n")
	if err := prescanPDF(xref, 1000); err == nil {
		t.Error("a cross-reference stream with 200-byte fields was accepted")
	}
}
