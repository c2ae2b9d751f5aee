package web

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/document"
	"github.com/aijudge/aijudge/internal/idempotency"
)

// filingJSON is POST /api/cases as a JSON body. Documents may come inline
// as text or base64; multipart is the way for large files.
type filingJSON struct {
	CaseType      string          `json:"caseType"`
	Jurisdiction  string          `json:"jurisdiction"`
	SideASummary  string          `json:"sideASummary"`
	SideBSummary  string          `json:"sideBSummary"`
	SideAEvidence json.RawMessage `json:"sideAEvidence"`
	SideBEvidence json.RawMessage `json:"sideBEvidence"`
	SideADocs     []inlineDoc     `json:"sideADocs"`
	SideBDocs     []inlineDoc     `json:"sideBDocs"`
	// CreatorSide is the side the filer takes in AUTH_MODE=accounts.
	CreatorSide string `json:"creatorSide"`
}

type inlineDoc struct {
	Name          string     `json:"name"`
	Text          string     `json:"text"`
	ContentBase64 base64Body `json:"contentBase64"`
}

// base64Body is a base64 string decoded straight from the JSON that
// carries it, as a stream: the encoded text is never copied into a string
// of its own (unless it holds JSON escapes, as "\/" from some encoders).
type base64Body struct {
	data []byte
	set  bool
	bad  bool // not base64
	over bool // longer than maxInlineBytes, whatever it holds
}

func (b *base64Body) UnmarshalJSON(raw []byte) error {
	if string(raw) == "null" {
		return nil
	}
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return &json.UnmarshalTypeError{Value: "non-string", Type: reflect.TypeFor[string]()}
	}
	enc := raw[1 : len(raw)-1]
	b.set = len(enc) > 0
	if base64.StdEncoding.DecodedLen(len(enc)) > maxInlineBytes {
		b.over = true
		return nil
	}
	if bytes.IndexByte(enc, '\\') >= 0 {
		// Some encoders escape "/" as "\/": unescape first (rare, and
		// the string is within the limit).
		var unq string
		if err := json.Unmarshal(raw, &unq); err != nil {
			b.bad = true
			return nil
		}
		enc = []byte(unq)
	}
	buf := bytes.NewBuffer(make([]byte, 0, base64.StdEncoding.DecodedLen(len(enc))))
	if _, err := io.Copy(buf, base64.NewDecoder(base64.StdEncoding, bytes.NewReader(enc))); err != nil {
		b.bad = true
		return nil
	}
	b.data = buf.Bytes()
	return nil
}

func (s *Server) fileCase(w http.ResponseWriter, r *http.Request, claim *idempotency.Claim) error {
	var (
		f   *court.Filing
		err error
	)
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		f, err = s.readMultipartFiling(w, r)
	} else {
		f, err = s.readJSONFiling(w, r)
	}
	if err != nil {
		return err
	}
	// The filing, the filer's membership and the answer to an idempotent
	// request are stored in one transaction.
	c, err := s.clerk.File(r.Context(), userID(r), f, recordWith(claim, func(c *court.Case) (*idempotency.Response, error) {
		return filed(c.ID)
	}))
	if err != nil {
		return err
	}
	resp, err := filed(c.ID)
	if err != nil {
		return err
	}
	writeResponse(w, resp)
	return nil
}

// filed is the answer to a filing; a new case is always filed.
func filed(caseID string) (*idempotency.Response, error) {
	return jsonResponse(http.StatusCreated, "/api/cases/"+caseID,
		map[string]any{"success": true, "caseId": caseID, "status": court.Filed})
}

func (s *Server) readJSONFiling(w http.ResponseWriter, r *http.Request) (*court.Filing, error) {
	var in filingJSON
	// Inline documents are base64, a third larger than the files, and
	// small: large files come as multipart.
	if err := decodeJSON(w, r, &in, maxInlineJSONBody); err != nil {
		if court.ErrorCode(err) == court.ETooLarge {
			return nil, court.Errorf(court.ETooLarge, "A JSON filing may carry at most %s of documents inline; send larger files as multipart/form-data.", humanBytes(maxInlineBytes))
		}
		return nil, err
	}
	f := &court.Filing{CaseType: in.CaseType, Jurisdiction: in.Jurisdiction}
	f.A.Summary, f.B.Summary = in.SideASummary, in.SideBSummary
	var err error
	if f.CreatorSide, err = creatorSide(in.CreatorSide); err != nil {
		return nil, err
	}
	if f.A.Evidence, err = evidenceList("sideAEvidence", in.SideAEvidence); err != nil {
		return nil, err
	}
	if f.B.Evidence, err = evidenceList("sideBEvidence", in.SideBEvidence); err != nil {
		return nil, err
	}
	inline := int64(0)
	if f.A.Uploads, err = s.inlineUploads("sideADocs", in.SideADocs, &inline); err != nil {
		return nil, err
	}
	if f.B.Uploads, err = s.inlineUploads("sideBDocs", in.SideBDocs, &inline); err != nil {
		return nil, err
	}
	return f, nil
}

// inlineUploads are a side's inline documents; inline counts their bytes
// across both sides against maxInlineBytes.
func (s *Server) inlineUploads(field string, docs []inlineDoc, inline *int64) ([]court.Upload, error) {
	if len(docs) > court.MaxDocumentsPerSide {
		return nil, court.Errorf(court.ETooLarge, "%s has %d files; at most %d are accepted.", field, len(docs), court.MaxDocumentsPerSide)
	}
	out := make([]court.Upload, 0, len(docs))
	for i, d := range docs {
		data := []byte(d.Text)
		if d.ContentBase64.set {
			if d.ContentBase64.bad {
				return nil, court.Errorf(court.EInvalid, "%s[%d].contentBase64 is not valid base64.", field, i)
			}
			data = d.ContentBase64.data
		}
		if d.ContentBase64.over {
			*inline = maxInlineBytes + 1
		} else {
			*inline += int64(len(data))
		}
		if int64(len(data)) > s.MaxFileSize {
			return nil, court.Errorf(court.ETooLarge, "%q is larger than the %s limit per file.", d.Name, humanBytes(s.MaxFileSize))
		}
		if err := acceptedName(d.Name); err != nil {
			return nil, err
		}
		if *inline > maxInlineBytes {
			return nil, court.Errorf(court.ETooLarge, "A JSON filing may carry at most %s of documents inline; send larger files as multipart/form-data.", humanBytes(maxInlineBytes)).On(field)
		}
		out = append(out, court.Upload{Name: d.Name, Data: data})
	}
	return out, nil
}

// readMultipartFiling streams the form part by part, so that a file over
// the limit is refused without reading the rest of the body.
func (s *Server) readMultipartFiling(w http.ResponseWriter, r *http.Request) (*court.Filing, error) {
	r.Body = http.MaxBytesReader(w, r.Body, s.MaxCaseBytes+maxJSONBody)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, court.Errorf(court.EInvalid, "The multipart form is malformed.")
	}
	f := &court.Filing{}
	var total int64
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, multipartError(err)
		}
		name := p.FormName()
		if p.FileName() != "" {
			side := &f.A
			switch name {
			case "sideADocs":
			case "sideBDocs":
				side = &f.B
			default:
				return nil, court.Errorf(court.EInvalid, "Files go in sideADocs or sideBDocs, not %q.", clipName(name))
			}
			if len(side.Uploads) == court.MaxDocumentsPerSide {
				return nil, court.Errorf(court.ETooLarge, "%s has more than %d files; at most %d are accepted.", name, court.MaxDocumentsPerSide, court.MaxDocumentsPerSide)
			}
			u, err := s.readFilePart(p)
			if err != nil {
				return nil, err
			}
			if total += int64(len(u.Data)); total > s.MaxCaseBytes {
				return nil, court.Errorf(court.ETooLarge, "The documents together are larger than the %s limit per case.", humanBytes(s.MaxCaseBytes))
			}
			side.Uploads = append(side.Uploads, u)
			continue
		}
		v, err := readField(p)
		if err != nil {
			return nil, err
		}
		switch name {
		case "caseType":
			f.CaseType = v
		case "jurisdiction":
			f.Jurisdiction = v
		case "sideASummary":
			f.A.Summary = v
		case "sideBSummary":
			f.B.Summary = v
		case "sideAEvidence":
			if f.A.Evidence, err = evidenceList(name, []byte(v)); err != nil {
				return nil, err
			}
		case "sideBEvidence":
			if f.B.Evidence, err = evidenceList(name, []byte(v)); err != nil {
				return nil, err
			}
		case "creatorSide":
			if f.CreatorSide, err = creatorSide(v); err != nil {
				return nil, err
			}
		}
	}
	return f, nil
}

// readFilePart reads one uploaded file, refusing it as soon as it passes
// the size limit.
func (s *Server) readFilePart(p *multipart.Part) (court.Upload, error) {
	if err := acceptedName(p.FileName()); err != nil {
		return court.Upload{}, err
	}
	data, err := io.ReadAll(io.LimitReader(p, s.MaxFileSize+1))
	if err != nil {
		return court.Upload{}, multipartError(err)
	}
	if int64(len(data)) > s.MaxFileSize {
		return court.Upload{}, court.Errorf(court.ETooLarge, "%q is larger than the %s limit per file.", clipName(p.FileName()), humanBytes(s.MaxFileSize))
	}
	return court.Upload{Name: p.FileName(), Data: data}, nil
}

// acceptedName refuses, as the pages do, a file whose name ends in an
// extension other than those of the accepted kinds (.pdf, .docx, .txt,
// .jpg, .png, .webp): a document filed as
// "evil.html" is not one (the reader still decides by its content).
func acceptedName(name string) error {
	if n := document.CleanName(name); !document.AcceptedName(n) {
		return court.Errorf(court.EUnsupported, "%s: only PDF, DOCX and TXT files and JPEG, PNG or WebP images are accepted.", clipName(n))
	}
	return nil
}

// maxField bounds a non-file form field.
const maxField = 1 << 20

func readField(p *multipart.Part) (string, error) {
	b, err := io.ReadAll(io.LimitReader(p, maxField+1))
	if err != nil {
		return "", multipartError(err)
	}
	if len(b) > maxField {
		return "", court.Errorf(court.ETooLarge, "The form field %q is larger than %s.", clipName(p.FormName()), humanBytes(maxField))
	}
	return string(b), nil
}

func multipartError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return court.Errorf(court.ETooLarge, "The request body is larger than the %s this endpoint accepts.", humanBytes(tooLarge.Limit))
	}
	return court.Errorf(court.EInvalid, "The multipart form is malformed.")
}

// creatorSide reads the optional creatorSide field: "A" when absent.
func creatorSide(v string) (court.SideID, error) {
	if v == "" {
		return court.SideA, nil
	}
	side, err := court.ParseSide(v)
	if err != nil {
		return "", court.Errorf(court.EInvalid, "creatorSide must be \"A\" or \"B\".")
	}
	return side, nil
}

// clipName shortens a client-supplied name before it is quoted back.
func clipName(s string) string {
	if len(s) > 80 {
		s = s[:80]
	}
	return strings.ToValidUTF8(s, "")
}

func (s *Server) getCase(w http.ResponseWriter, r *http.Request) error {
	v, err := s.caseView(r)
	if err != nil {
		return err
	}
	// The case object itself at the top level, as the reference returns
	// it, with the reference's success field first.
	writeView(w, http.StatusOK, `{"success":true,`, v[1:], ``)
	return nil
}

func (s *Server) deleteCase(w http.ResponseWriter, r *http.Request) error {
	if err := s.clerk.Delete(r.Context(), s.seat(r)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) listArguments(w http.ResponseWriter, r *http.Request) error {
	c, err := s.clerk.Case(r.Context(), s.seat(r))
	if err != nil {
		return err
	}
	ok(w, http.StatusOK, map[string]any{
		"success":            true,
		"arguments":          c.Arguments,
		"count":              len(c.Arguments),
		"remainingArguments": c.RemainingArguments(),
	})
	return nil
}

// writeView writes a cached JSON view between a prefix and a suffix
// without decoding or copying it.
func writeView(w http.ResponseWriter, status int, prefix string, view []byte, suffix string) {
	h := w.Header()
	h["Content-Type"] = jsonContentType
	h["Cache-Control"] = noStore
	h["Content-Length"] = []string{strconv.Itoa(len(prefix) + len(view) + len(suffix) + 1)}
	w.WriteHeader(status)
	io.WriteString(w, prefix)
	w.Write(view)
	io.WriteString(w, suffix+"\n")
}

// Shared header values: the hot path sets them without allocating.
var (
	jsonContentType = []string{"application/json"}
	noStore         = []string{"no-store"}
)
