package web

import (
	"errors"
	"github.com/aijudge/aijudge/internal/document"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/aijudge/aijudge/internal/court"
)

// addDocuments takes a multipart form with a "side" field and files in
// "documents" (or "sideADocs"/"sideBDocs").
func (s *Server) addDocuments(w http.ResponseWriter, r *http.Request) error {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "multipart/form-data" {
		return court.Errorf(court.EUnsupported, "Send documents as multipart/form-data.")
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.MaxCaseBytes+maxJSONBody)
	mr, err := r.MultipartReader()
	if err != nil {
		return court.Errorf(court.EInvalid, "The multipart form is malformed.")
	}
	var (
		side    court.SideID
		uploads []court.Upload
		total   int64
	)
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return multipartError(err)
		}
		if p.FileName() == "" {
			v, err := readField(p)
			if err != nil {
				return err
			}
			if p.FormName() == "side" {
				if side, err = court.ParseSide(v); err != nil {
					return err
				}
			}
			continue
		}
		switch p.FormName() {
		case "sideADocs":
			side = court.SideA
		case "sideBDocs":
			side = court.SideB
		}
		if len(uploads) == court.MaxDocumentsPerSide {
			return court.Errorf(court.ETooLarge, "At most %d files are accepted per side.", court.MaxDocumentsPerSide)
		}
		u, err := s.readFilePart(p)
		if err != nil {
			return err
		}
		if total += int64(len(u.Data)); total > s.MaxCaseBytes {
			return court.Errorf(court.ETooLarge, "The documents together are larger than the %s limit per case.", humanBytes(s.MaxCaseBytes))
		}
		uploads = append(uploads, u)
	}
	if side == "" {
		return court.Errorf(court.EInvalid, "side is required and must be \"A\" or \"B\".")
	}
	if len(uploads) == 0 {
		return court.Errorf(court.EInvalid, "No files were sent; put them in the \"documents\" field.")
	}
	docs, err := s.clerk.AddDocuments(r.Context(), s.seat(r), side, uploads)
	if err != nil {
		return err
	}
	ok(w, http.StatusCreated, map[string]any{"success": true, "documents": docs})
	return nil
}

// getDocument returns an original byte for byte, as an attachment of its
// sniffed type.
func (s *Server) getDocument(w http.ResponseWriter, r *http.Request) error {
	d, body, err := s.clerk.Document(r.Context(), s.seat(r), r.PathValue("docId"))
	if err != nil {
		return err
	}
	defer body.Close()
	h := w.Header()
	h.Set("Content-Type", d.MediaType)
	h.Set("Content-Length", strconv.FormatInt(d.Size, 10))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": document.DownloadName(d.Name, d.MediaType)}))
	h.Set("Cache-Control", "private, no-store")
	h.Set("ETag", `"`+d.SHA256+`"`)
	w.WriteHeader(http.StatusOK)
	_, err = io.Copy(w, body)
	if err != nil {
		s.log.WarnContext(r.Context(), "document download interrupted", "err", err)
	}
	return nil
}

// documentText is what the judge reads of a document, for the case's
// members to check before they argue.
type documentText struct {
	Success  bool            `json:"success"`
	Document *court.Document `json:"document"`
	Text     string          `json:"text"`
	Pages    int             `json:"pages"`
	Method   textMethod      `json:"method"`
	// Note says in a sentence why there is no text, when there is none.
	Note string `json:"note,omitempty"`
}

// textMethod is how the text was read: "text_layer" (the file's own
// text), "ocr" (recognised from images: scanned pages, photos; in a PDF,
// the pages without text, the others read from their text layer) or
// "none"; Confidence is the recognised words' mean confidence, 0–100,
// for "ocr".
type textMethod struct {
	Kind       string `json:"kind"`
	Confidence *int   `json:"confidence,omitempty"`
}

// The sentences a party is told of a document without text: OCR is not
// available on this server, or it found no words.
const (
	noTextNote    = "No text could be read from this file (a scan or a photo has none, and this server does not recognise text in images): the judge does not see its content. Upload a PDF with a text layer, a DOCX or a text file instead, or ask the operator to enable OCR."
	noOCRTextNote = "No words could be recognised in this file's images: the judge does not see its content. Upload a sharper scan or photo, or a PDF with a text layer, a DOCX or a text file."
)

// methodOf is how d's text was read, as the text endpoint shows it, and
// the note for a document without text.
func methodOf(d *court.Document) (textMethod, string) {
	m := textMethod{Kind: "text_layer"}
	switch d.Method() {
	case court.TextOCR:
		conf := d.OCRConfidence
		m = textMethod{Kind: "ocr", Confidence: &conf}
	case court.TextNone:
		m.Kind = "none"
	}
	note := ""
	if d.Status == court.DocNoText {
		note = noTextNote
		if m.Kind == "ocr" {
			note = noOCRTextNote
		}
	}
	return m, note
}

// getDocumentText returns the extracted text of one document.
func (s *Server) getDocumentText(w http.ResponseWriter, r *http.Request) error {
	c, err := s.clerk.Case(r.Context(), s.seat(r))
	if err != nil {
		return err
	}
	id := r.PathValue("docId")
	for _, side := range []*court.Side{&c.A, &c.B} {
		for i := range side.Documents {
			d := &side.Documents[i]
			if d.ID != id {
				continue
			}
			out := documentText{Success: true, Document: d, Text: d.Text, Pages: d.Pages}
			out.Method, out.Note = methodOf(d)
			w.Header().Set("Cache-Control", "private, no-store")
			ok(w, http.StatusOK, out)
			return nil
		}
	}
	return court.Errorf(court.ENotFound, "No document with that id exists in this case.")
}
