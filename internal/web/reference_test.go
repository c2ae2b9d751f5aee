package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"testing"
)

// The reference implementation's own web client, unmodified, must work
// against this server. These are its requests as it sends them (the
// multipart fields in its order, its capitalised case types, its
// fact-check calls), and each check is a field it reads.

// referenceFiling is the reference client's FormData: text fields first,
// then each side's files under sideADocs and sideBDocs.
func referenceFiling(t *testing.T, caseType string) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, kv := range [][2]string{
		{"caseType", caseType},
		{"jurisdiction", "INDIA"},
		{"sideASummary", "Mr. Ravi Kumar supplied goods worth Rs. 2,00,000 to Patel Traders on 15/01/2024; the cheque given for them was dishonoured for insufficient funds."},
		{"sideAEvidence", `["Invoice dated 15/01/2024 for Rs. 2,00,000","Bank return memo of 18/01/2024"]`},
		{"sideBSummary", "Patel Traders says the goods were defective and the cheque was a security cheque."},
		{"sideBEvidence", `["Letter complaining of defects"]`},
	} {
		mw.WriteField(kv[0], kv[1])
	}
	for _, f := range []struct{ field, name, typ, path string }{
		{"sideADocs", "memo.txt", "text/plain", "notes-utf8.txt"},
		{"sideADocs", "lease.pdf", "application/pdf", "lease.pdf"},
		{"sideBDocs", "letter.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "lease.docx"},
	} {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="`+f.field+`"; filename="`+f.name+`"`)
		h.Set("Content-Type", f.typ)
		w, err := mw.CreatePart(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(fixture(t, f.path))
	}
	mw.Close()
	return mw.FormDataContentType(), &buf
}

// has fails the test unless every field is present in m.
func has(t *testing.T, what string, m map[string]any, fields ...string) {
	t.Helper()
	for _, f := range fields {
		if _, ok := m[f]; !ok {
			t.Errorf("%s lacks %q: %v", what, f, m)
		}
	}
}

func TestReferenceClient(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ sent, stored string }{
		{"Commercial", "commercial"},
		{"Tort", "tort"},
		{"Criminal", "criminal"},
		{"Civil", "civil"},
		{"Consumer", "consumer"},
		{"Labor", "labour"},
	} {
		t.Run(tc.sent, func(t *testing.T) {
			t.Parallel()
			s := newServer(t)
			ct, body := referenceFiling(t, tc.sent)
			r := s.do("POST", "/api/cases", ct, body)
			if r.Status != http.StatusCreated || r.Body["success"] != true {
				t.Fatalf("filing %q: %d %s", tc.sent, r.Status, r.Raw)
			}
			id, _ := r.Body["caseId"].(string)

			// GET /api/cases/{id}: the case object at the top level.
			c := s.get("/api/cases/" + id)
			if c.Status != 200 || c.Body["success"] != true || c.Body["id"] != id {
				t.Fatalf("case: %d %s", c.Status, c.Raw)
			}
			has(t, "case", c.Body, "id", "caseType", "jurisdiction", "status", "sideA", "sideB", "createdAt", "judgments", "arguments", "remainingArguments")
			if _, nested := c.Body["case"]; nested {
				t.Errorf("the case is still nested under \"case\": %s", c.Raw)
			}
			if c.Body["caseType"] != tc.stored || c.Body["jurisdiction"] != "INDIA" || c.Body["status"] != "filed" {
				t.Errorf("case type %v (want %q), jurisdiction %v, status %v", c.Body["caseType"], tc.stored, c.Body["jurisdiction"], c.Body["status"])
			}
			for _, side := range []string{"sideA", "sideB"} {
				sd, _ := c.Body[side].(map[string]any)
				has(t, side, sd, "summary", "evidence", "documents")
			}
			if docs, _ := c.Body["sideA"].(map[string]any)["documents"].([]any); len(docs) != 2 {
				t.Errorf("side A has %d documents, want 2", len(docs))
			}

			// The judgment, then again: only the second is "cached".
			j := s.post("/api/cases/" + id + "/judgment")
			if j.Status != 200 {
				t.Fatalf("judgment: %d %s", j.Status, j.Raw)
			}
			has(t, "judgment", j.Body, "success", "verdict", "reasoning", "legalBasis", "confidence", "cached")
			if j.Body["cached"] != false || j.Body["reused"] != false {
				t.Errorf("first judgment: cached %v, reused %v", j.Body["cached"], j.Body["reused"])
			}
			if again := s.post("/api/cases/" + id + "/judgment"); again.Body["cached"] != true {
				t.Errorf("second judgment: cached %v", again.Body["cached"])
			}

			a := s.postJSON("/api/cases/"+id+"/arguments", map[string]string{"side": "A", "argument": "The invoice of 15/01/2024 shows Rs. 2,00,000 was due."})
			if a.Status != 200 {
				t.Fatalf("argument: %d %s", a.Status, a.Raw)
			}
			has(t, "argument", a.Body, "response", "strengthens", "weakens", "uncertaintyRemains", "reconsidered", "updatedReasoning", "provisionalNote", "confidence", "remainingArguments")
			l := s.get("/api/cases/" + id + "/arguments")
			has(t, "arguments", l.Body, "arguments", "count", "remainingArguments")
			if args, _ := l.Body["arguments"].([]any); len(args) == 1 {
				has(t, "listed argument", args[0].(map[string]any), "id", "side", "argument", "response", "strengthens", "weakens", "uncertaintyRemains", "provisionalNote", "reconsidered", "sequenceNumber")
			} else {
				t.Errorf("arguments: %s", l.Raw)
			}
			f := s.post("/api/cases/" + id + "/final-verdict")
			if f.Status != 200 {
				t.Fatalf("final verdict: %d %s", f.Status, f.Raw)
			}
			has(t, "final verdict", f.Body, "verdict", "reasoning", "legalBasis", "confidence")
		})
	}
}

// A case never judged before whose content equals an earlier case's gets
// its first judgment from the memo: not "cached", which the reference
// client shows as "Retrieved from cache", but "reused".
func TestReusedIsNotCached(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.judged()
	id := s.file()
	first := s.post("/api/cases/" + id + "/judgment")
	if first.Status != 200 || first.Body["cached"] != false || first.Body["reused"] != true {
		t.Fatalf("first judgment of a case like another: cached %v, reused %v: %s", first.Body["cached"], first.Body["reused"], first.Raw)
	}
	second := s.post("/api/cases/" + id + "/judgment")
	if second.Body["cached"] != true || second.Body["reused"] != false {
		t.Fatalf("second judgment: cached %v, reused %v", second.Body["cached"], second.Body["reused"])
	}
}

func TestReferenceFactCheck(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	text := "Invoice dated 15/01/2024 for Rs. 2,00,000 issued by Ravi Kumar at Mumbai."
	e := s.postJSON("/api/fact-check/extract", map[string]string{"documentText": text})
	facts, _ := e.Body["facts"].(map[string]any)
	has(t, "facts", facts, "dates", "amounts", "names", "locations", "rawText")

	v := s.postJSON("/api/fact-check/validate", map[string]any{"argument": "Rs. 5,00,000 was invoiced on 15/01/2024.", "documentFacts": facts})
	val, _ := v.Body["validation"].(map[string]any)
	has(t, "validation", val, "hasIssues", "issues", "overallScore")
	issues, _ := val["issues"].([]any)
	if len(issues) == 0 {
		t.Fatalf("no issue for a contradicted amount: %s", v.Raw)
	}
	is := issues[0].(map[string]any)
	has(t, "issue", is, "claim", "isValid", "confidence", "evidence", "suggestion", "category")
	if is["isValid"] != false || is["category"] != "amount" {
		t.Errorf("issue: %v", is)
	}

	for _, tc := range []struct {
		claim string
		valid bool
		cat   string
	}{
		{"The invoice was for Rs. 2,00,000.", true, "amount"},
		{"The invoice is dated 20/01/2024.", false, "date"},
		{"The goods were good.", false, "general"},
	} {
		r := s.postJSON("/api/fact-check/claim", map[string]any{"claim": tc.claim, "documentFacts": facts, "allDocumentTexts": []string{text}})
		if r.Status != 200 || r.Body["success"] != true {
			t.Fatalf("claim %q: %d %s", tc.claim, r.Status, r.Raw)
		}
		res, _ := r.Body["result"].(map[string]any)
		has(t, "result", res, "claim", "isValid", "confidence", "evidence", "suggestion", "category")
		if res["isValid"] != tc.valid || res["category"] != tc.cat {
			t.Errorf("claim %q: isValid %v category %v, want %v %v", tc.claim, res["isValid"], res["category"], tc.valid, tc.cat)
		}
	}
	for _, body := range []string{`{}`, `{"claim":"x"}`, `{"claim":"  ","documentFacts":{}}`, `{"claim":"x","allDocumentTexts":"not a list"}`} {
		if r := s.do("POST", "/api/fact-check/claim", "application/json", bytes.NewBufferString(body)); r.Status != 400 {
			t.Errorf("%s: %d %s", body, r.Status, r.Raw)
		}
	}
}
