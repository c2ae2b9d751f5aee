package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
)

// maxJSONBody bounds a JSON request: two sides' summaries and evidence at
// their limits, as UTF-8, fit well within it.
const maxJSONBody = 2 << 20

// decodeJSON reads a JSON body of at most limit bytes into v.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any, limit int64) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return court.Errorf(court.EUnsupported, "Send the request body as application/json.")
		}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return court.Errorf(court.EInvalid, "The request body must hold a single JSON object.")
	}
	return nil
}

// jsonError turns a decoding failure into one plain sentence.
func jsonError(err error) error {
	var tooLarge *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &tooLarge):
		return court.Errorf(court.ETooLarge, "The request body is larger than the %d bytes this endpoint accepts.", tooLarge.Limit)
	case errors.As(err, &typeErr):
		if typeErr.Field == "" {
			return court.Errorf(court.EInvalid, "The request body must be a JSON object.")
		}
		return court.Errorf(court.EInvalid, "The field %s has the wrong type: a JSON %s was sent.", typeErr.Field, typeErr.Value)
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return court.Errorf(court.EInvalid, "The request body is not valid JSON.")
	case errors.Is(err, io.EOF):
		return court.Errorf(court.EInvalid, "The request body is empty; a JSON object is expected.")
	}
	return court.Errorf(court.EInvalid, "The request body is not valid JSON.")
}

// evidenceList accepts evidence as a JSON array of strings, or as a string
// holding one (what the reference's multipart form sends). Empty means
// none.
func evidenceList(field string, raw []byte) ([]string, error) {
	raw = []byte(strings.TrimSpace(string(raw)))
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, badEvidence(field)
		}
		return evidenceList(field, []byte(s))
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, badEvidence(field)
	}
	return list, nil
}

func badEvidence(field string) error {
	return court.Errorf(court.EInvalid, "%s must be a JSON array of strings.", field)
}

// humanBytes writes a byte count the way the limits are documented.
func humanBytes(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	if n >= 1<<10 && n%(1<<10) == 0 {
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
