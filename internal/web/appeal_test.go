package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestAppeal: a party appeals the final verdict once; the appeal is a
// judgment version of kind appeal, its outcome stated; a retry with the
// same Idempotency-Key gets the same answer without a second appeal.
func TestAppeal(t *testing.T) {
	t.Parallel()
	s := newServer(t, func(st *setup) { st.idempotent = true })
	filed := s.postJSON("/api/cases", chequeCase())
	id, _ := filed.Body["caseId"].(string)
	if filed.Status != http.StatusCreated || id == "" {
		t.Fatalf("filing: %d %s", filed.Status, filed.Raw)
	}
	appeal := func(body, key string) response {
		h := []string{}
		if key != "" {
			h = append(h, "Idempotency-Key", key)
		}
		return s.do("POST", "/api/cases/"+id+"/appeal", "application/json", strings.NewReader(body), h...)
	}
	if r := appeal(`{"side":"B"}`, ""); r.Status != http.StatusConflict || !strings.Contains(r.Raw, "final verdict") {
		t.Fatalf("appeal before any judgment: %d %s", r.Status, r.Raw)
	}
	s.post("/api/cases/" + id + "/judgment")
	if r := appeal(`{"side":"B"}`, ""); r.Status != http.StatusConflict {
		t.Fatalf("appeal before the final verdict: %d %s", r.Status, r.Raw)
	}
	final := s.post("/api/cases/" + id + "/final-verdict")
	if final.Status != http.StatusOK {
		t.Fatalf("final: %d %s", final.Status, final.Raw)
	}
	for _, bad := range []string{`{"side":"C"}`, `{}`, `[`} {
		if r := appeal(bad, ""); r.Status != http.StatusBadRequest {
			t.Errorf("appeal %s: %d %s", bad, r.Status, r.Raw)
		}
	}
	r := appeal(`{"side":"B"}`, "appeal-1")
	if r.Status != http.StatusOK || r.Body["kind"] != "appeal" || r.Body["version"] != final.Body["version"].(float64)+1 {
		t.Fatalf("appeal: %d %s", r.Status, r.Raw)
	}
	if g, _ := r.Body["grounding"].(map[string]any); g == nil || g["quoted"].(float64) < 1 || g["found"] != g["quoted"] {
		t.Errorf("grounding %v: the offline engine quotes only what is there", r.Body["grounding"])
	}
	a, _ := r.Body["appeal"].(map[string]any)
	if a["by"] != "B" || a["from"] != final.Body["version"] || a["outcome"] != "affirmed" {
		t.Errorf("appeal record %v", a)
	}
	if v, _ := r.Body["verdict"].(string); !strings.HasPrefix(v, "On appeal by Side B, the final verdict is affirmed.") {
		t.Errorf("verdict %q", v)
	}
	if again := appeal(`{"side":"B"}`, "appeal-1"); again.Status != http.StatusOK || again.Body["id"] != r.Body["id"] {
		t.Errorf("retry: %d %s", again.Status, again.Raw)
	}
	if second := appeal(`{"side":"A"}`, "appeal-2"); second.Status != http.StatusConflict || !strings.Contains(second.Raw, "already been appealed") {
		t.Errorf("second appeal: %d %s", second.Status, second.Raw)
	}
	if j := s.post("/api/cases/" + id + "/judgment"); j.Body["kind"] != "appeal" {
		t.Errorf("the latest judgment is not the appeal: %s", j.Raw)
	}
}
