package web

import (
	"net/http"
	"strings"

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

// maxClaimTexts bounds the documents' texts one claim is checked against.
const maxClaimTexts = 2 * court.MaxDocumentsPerSide

// checkClaim is POST /api/fact-check/claim as the reference client sends
// it: {claim, documentFacts, allDocumentTexts} → {success, result}.
func (s *Server) checkClaim(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Claim            *string          `json:"claim"`
		DocumentFacts    *factcheck.Facts `json:"documentFacts"`
		AllDocumentTexts []string         `json:"allDocumentTexts"`
	}
	if err := decodeJSON(w, r, &in, 2*maxFactText+4096); err != nil {
		return err
	}
	if in.Claim == nil || strings.TrimSpace(*in.Claim) == "" {
		return court.Errorf(court.EInvalid, "claim is required.").On("claim")
	}
	if len(*in.Claim) > 4*court.MaxArgumentChars {
		return court.Errorf(court.ETooLarge, "claim is longer than %d characters.", court.MaxArgumentChars).On("claim")
	}
	if in.DocumentFacts == nil && len(in.AllDocumentTexts) == 0 {
		return court.Errorf(court.EInvalid, "documentFacts or allDocumentTexts is required.").On("documentFacts")
	}
	if len(in.AllDocumentTexts) > maxClaimTexts {
		return court.Errorf(court.ETooLarge, "allDocumentTexts has %d texts; at most %d are accepted.", len(in.AllDocumentTexts), maxClaimTexts).On("allDocumentTexts")
	}
	var facts factcheck.Facts
	if in.DocumentFacts != nil {
		facts = *in.DocumentFacts
	}
	ok(w, http.StatusOK, map[string]any{"success": true, "result": factcheck.CheckClaim(*in.Claim, facts, in.AllDocumentTexts)})
	return nil
}
