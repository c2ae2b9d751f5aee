package court

import (
	"context"
	"io"
	"time"
)

// Extraction statuses of a document.
const (
	DocExtracted = "extracted" // text was read
	DocNoText    = "no_text"   // the file is valid but holds no text (a scanned PDF, say)
)

// How a document's text was read (Document.TextMethod).
const (
	TextLayer = "text" // the file's own text: a PDF's text layer, a DOCX, a text file
	TextOCR   = "ocr"  // recognised from images (scanned pages, photos), in part or whole
	TextNone  = "none" // not read: no text layer, and no OCR to recognise one
)

// Document is a file a party filed: its metadata, and the text the judge
// reads. The original bytes live in Blobs under BlobKey.
type Document struct {
	ID        string `json:"id"`
	Side      SideID `json:"side"`
	Name      string `json:"name"`
	MediaType string `json:"type"`
	Size      int64  `json:"size"`
	SHA256    string `json:"sha256"`
	Pages     int    `json:"pages"`
	Chars     int    `json:"chars"`
	Status    string `json:"extractionStatus"`
	// TextMethod is TextLayer, TextOCR or TextNone. OCRConfidence is the
	// mean confidence (0–100) of the words recognised, for TextOCR.
	TextMethod    string    `json:"textMethod"`
	OCRConfidence int       `json:"ocrConfidence,omitempty"`
	Text          string    `json:"-"`
	CreatedAt     time.Time `json:"createdAt"`
}

// Method is how d's text was read: its TextMethod, or for a document
// made without one (stored before OCR existed, or built by hand)
// TextLayer, or TextNone when it has no text.
func (d *Document) Method() string {
	switch {
	case d.TextMethod != "":
		return d.TextMethod
	case d.Status == DocNoText:
		return TextNone
	}
	return TextLayer
}

// BlobKey is where the original is kept: content-addressed, so the same
// file filed twice is stored once.
func (d *Document) BlobKey() string { return "documents/" + d.SHA256 }

// Upload is a file as it arrived from a party, before it is read.
type Upload struct {
	Name string
	Data []byte
}

// Reader sniffs an upload's type from its content, enforces the limits
// and extracts its text. It returns EUnsupported, ETooLarge or
// EUnprocessable errors that name the file.
type Reader interface {
	Read(ctx context.Context, u Upload) (*Document, error)
}

// Blobs keeps the original bytes of documents.
type Blobs interface {
	Put(ctx context.Context, key string, data []byte, mediaType string) error
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	Delete(ctx context.Context, key string) error
}
