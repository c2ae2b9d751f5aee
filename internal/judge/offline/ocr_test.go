package offline

import (
	"testing"

	"github.com/aijudge/aijudge/internal/court"
)

// TestOCRConfidence: a text recognised by OCR is read for facts when the
// recognition was confident, and left unread when it was not.
func TestOCRConfidence(t *testing.T) {
	t.Parallel()
	text := "Cheque No. 448120 dated 15/01/2024 for Rs. 3,20,000 returned unpaid on 18/01/2024: funds insufficient."
	for _, tc := range []struct {
		method string
		conf   int
		read   int
	}{
		{court.TextLayer, 0, 1},
		{court.TextOCR, 91, 1},
		{court.TextOCR, 49, 0},
	} {
		c := &court.Case{A: court.Side{Documents: []court.Document{{ID: "d", Side: court.SideA, Name: "memo.jpg", Text: text,
			Status: court.DocExtracted, TextMethod: tc.method, OCRConfidence: tc.conf}}}}
		var flags []court.Flag
		out, n := documentPassages(c, court.SideA, &flags, nil, sentenceMemo{})
		if n != tc.read || (n == 0) != (len(out) == 0) {
			t.Errorf("%s, confidence %d: %d documents and %d passages read; want %d documents", tc.method, tc.conf, n, len(out), tc.read)
		}
	}
}
