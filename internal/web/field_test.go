package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
)

// TestErrorNamesItsField: a refusal about one input names it, so that a
// form can mark that field without reading the message.
func TestErrorNamesItsField(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	for field, change := range map[string]func(map[string]any){
		"caseType":      func(c map[string]any) { c["caseType"] = "piracy" },
		"jurisdiction":  func(c map[string]any) { c["jurisdiction"] = "MARS" },
		"sideBSummary":  func(c map[string]any) { c["sideBSummary"] = "" },
		"sideAEvidence": func(c map[string]any) { c["sideAEvidence"] = []string{"bad \x01 point"} },
	} {
		c := chequeCase()
		change(c)
		body, _ := json.Marshal(c)
		r := s.do("POST", "/api/cases", "application/json", bytes.NewReader(body))
		if r.Status != http.StatusBadRequest || r.Body["field"] != field {
			t.Errorf("%s: %d field %v (%s), want 400 naming %s", field, r.Status, r.Body["field"], r.Raw, field)
		}
	}
	if r := s.post("/api/cases/no-such-case/judgment"); r.Body["field"] != nil {
		t.Errorf("a missing case names field %v", r.Body["field"])
	}
}
