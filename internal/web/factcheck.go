package web

import (
	"net/http"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/factcheck"
)

// maxFactText bounds the text the fact-check endpoints read.
const maxFactText = 1 << 20

func (s *Server) extractFacts(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		DocumentText *string `json:"documentText"`
	}
	if err := decodeJSON(w, r, &in, maxFactText+4096); err != nil {
		return err
	}
	if in.DocumentText == nil {
		return court.Errorf(court.EInvalid, "documentText is required.")
	}
	ok(w, http.StatusOK, map[string]any{"success": true, "facts": factcheck.Extract(*in.DocumentText)})
	return nil
}

func (s *Server) validateFacts(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Argument      *string          `json:"argument"`
		DocumentFacts *factcheck.Facts `json:"documentFacts"`
	}
	if err := decodeJSON(w, r, &in, maxFactText+4096); err != nil {
		return err
	}
	if in.Argument == nil || in.DocumentFacts == nil {
		return court.Errorf(court.EInvalid, "argument and documentFacts are required.")
	}
	if len(*in.Argument) > 4*court.MaxArgumentChars {
		return court.Errorf(court.ETooLarge, "argument is longer than %d characters.", court.MaxArgumentChars)
	}
	ok(w, http.StatusOK, map[string]any{"success": true, "validation": factcheck.Validate(*in.Argument, *in.DocumentFacts)})
	return nil
}
