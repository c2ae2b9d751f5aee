package ui

import (
	"bytes"
	"flag"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// fixedCase is a case at the end of a trial: a tentative judgment, two
// arguments (one reconsidered) and the final verdict.
func fixedCase() *court.Case {
	at := time.Date(2025, 3, 12, 10, 30, 0, 0, time.UTC)
	judge := court.JudgeInfo{Provider: "offline", Model: "rules-v1", PromptVersion: "offline-1"}
	return &court.Case{
		ID: "case0001", Type: court.Consumer, Jurisdiction: court.India, Status: court.Closed,
		A: court.Side{Summary: "I paid ₹45,000 for a phone that failed in a week.\nThe seller refused to repair it.",
			Evidence: []string{"Invoice of 3 January 2025", "Job sheet of 10 January 2025"},
			Documents: []court.Document{{ID: "doc1", Side: court.SideA, Name: "invoice.pdf", Pages: 1, Chars: 52, Status: court.DocExtracted,
				Text: "Tax invoice 3 January 2025.\nAmount Rs. 45,000 <paid>."}}},
		B: court.Side{Summary: "The phone was damaged by water, which the warranty excludes.", Evidence: []string{"Technician report"}},
		Judgments: []court.Judgment{
			{Version: 1, Kind: court.Tentative, Verdict: "Tentatively for Side A", Reasoning: "The invoice proves payment.",
				LegalBasis: []string{"Consumer Protection Act, 2019, s. 2(11)"}, Confidence: 55, Judge: judge, CreatedAt: at},
			{Version: 2, Kind: court.Reconsidered, Verdict: "For Side A", Reasoning: "The job sheet shows no liquid damage.",
				LegalBasis: []string{"Consumer Protection Act, 2019, s. 2(11)"}, Confidence: 68, Judge: judge, CreatedAt: at},
			{Version: 3, Kind: court.Final, Verdict: "Side A succeeds: refund of Rs. 45,000", Reasoning: "Payment and defect are proved.\nThe exclusion is not made out.",
				LegalBasis: []string{"Consumer Protection Act, 2019, s. 2(11)", "s. 39(1)(c)"}, Confidence: 74, Judge: judge, CreatedAt: at},
		},
		Arguments: []court.Argument{
			{Seq: 1, Side: court.SideA, Text: "The job sheet records no liquid damage.", Response: "That weighs against the exclusion.",
				Strengthens: "Side A", Weakens: "Side B", UncertaintyRemains: "Who opened the phone first.", Reconsidered: true,
				UpdatedReasoning: "The exclusion is doubtful.", Confidence: 68},
			{Seq: 2, Side: court.SideB, Text: "The technician saw corrosion.", Response: "Corrosion may be old.",
				Strengthens: "Neither", Weakens: "Neither", UncertaintyRemains: "When the corrosion began.", Confidence: 68},
		},
		CreatedAt: at, UpdatedAt: at,
	}
}

func testUI(t *testing.T) *UI {
	t.Helper()
	u, err := New(Options{MaxFileSize: 10 << 20})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// renderView renders a view as a visitor in lang with fixed data.
func renderView(t *testing.T, u *UI, lang, view, path string, p *page, user *auth.User) string {
	t.Helper()
	w := httptest.NewRecorder()
	r := httptest.NewRequest("GET", path, nil)
	q := &request{w: w, r: r, lang: lang, cat: u.catalogs[lang], ctx: r.Context(), user: user}
	u.render(q, 200, view, p)
	return w.Body.String()
}

func TestGolden(t *testing.T) {
	u := testUI(t)
	u.o.Auth = &auth.Service{} // accounts mode; never called by render
	user := &auth.User{ID: "u1", Name: "Ravi", Email: "ravi@example.com"}
	c := fixedCase()
	d := &caseData{Case: c, Latest: c.Latest(), Final: c.Latest(), Remaining: 0, CanA: true, Party: true, Owner: true, Role: "A",
		Offline: true, Timeline: newTimeline(c.Judgments)}
	open := fixedCase()
	open.Status, open.Judgments, open.Arguments = court.Judged, open.Judgments[:1], nil
	arguing := &caseData{Case: open, Latest: open.Latest(), Remaining: 5, CanA: true, Party: true, Role: "A", Cached: true,
		Offline: true, Timeline: newTimeline(open.Judgments), ArgSide: "A", ArgText: "x", ArgError: "argument is required."}
	cheque := chequeCase()
	structured := &caseData{Case: cheque, Latest: cheque.Latest(), Final: cheque.Latest(), CanA: true, Party: true, Owner: true, Role: "A",
		Offline: true, Timeline: newTimeline(cheque.Judgments)}
	filing := u.newFiling()
	filing.Errors["sideASummary"] = "sideASummary is required."
	filing.FileErrors["sideBDocs"] = []string{"photo.png: only PDF, DOCX and TXT files are accepted."}
	list := []auth.CaseSummary{{ID: "case0001", CaseType: court.Consumer, Jurisdiction: court.India, Status: court.Closed, Role: auth.RoleA, Owner: true, UpdatedAt: c.UpdatedAt}}
	tests := []struct {
		name, lang, view, path string
		p                      *page
		user                   *auth.User
	}{
		{"login", "en", "login", "/login", &page{Title: "Log in", Data: accountForm{Next: "/cases"}}, nil},
		{"signup", "en", "signup", "/signup", &page{Title: "Sign up", Error: "email is not a valid email address.", Data: accountForm{Email: "x", Name: "Ravi", Next: "/cases"}}, nil},
		{"invite", "en", "invite", "/invites/tok", &page{Title: "Join a case", Data: "tok"}, user},
		{"cases", "en", "cases", "/cases", &page{Title: "My cases", Data: list}, user},
		{"new", "en", "new", "/cases/new", &page{Title: "File a case", Error: "The case was not filed.", Data: filing}, user},
		{"case-closed", "en", "case", "/cases/case0001", &page{Title: "Case", Data: d}, user},
		{"case-arguing", "en", "case", "/cases/case0001", &page{Title: "Case", Data: arguing}, user},
		{"document", "en", "document", "/cases/case0001/documents/doc1", &page{Title: "invoice.pdf", Data: &documentData{Case: c, Document: &c.A.Documents[0]}}, user},
		{"document-no-text-hi", "hi", "document", "/cases/case0001/documents/doc2", &page{Title: "scan.pdf", Data: &documentData{Case: c,
			Document: &court.Document{ID: "doc2", Side: court.SideB, Name: "scan.pdf", Pages: 2, Status: court.DocNoText}}}, user},
		{"document-ocr", "en", "document", "/cases/case0001/documents/doc3", &page{Title: "notice-photo.jpg", Data: &documentData{Case: c,
			Document: &court.Document{ID: "doc3", Side: court.SideA, Name: "notice-photo.jpg", MediaType: "image/jpeg", Pages: 1, Chars: 32,
				Status: court.DocExtracted, TextMethod: court.TextOCR, OCRConfidence: 91, Text: "LEGAL NOTICE\nTo: Mr. Arvind Mehta"}}}, user},
		{"verdict", "en", "verdict", "/cases/case0001/verdict", &page{Title: "Verdict", Data: d}, user},
		{"verdict-hi", "hi", "verdict", "/cases/case0001/verdict", &page{Title: "फ़ैसला", Data: d}, user},
		{"verdict-structured", "en", "verdict", "/cases/case0138/verdict", &page{Title: "Verdict", Data: structured}, user},
		{"verdict-structured-hi", "hi", "verdict", "/cases/case0138/verdict", &page{Title: "फ़ैसला", Data: structured}, user},
		{"error", "en", "error", "/nope", &page{Title: "Something went wrong", Error: "This page does not exist."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := renderView(t, u, tt.lang, tt.view, tt.path, tt.p, tt.user)
			file := filepath.Join("testdata", tt.name+".golden")
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the golden file; run go test ./internal/ui -run TestGolden -update and review the diff.\n got: %s", file, got)
			}
		})
	}
}

// TestNoInlineScriptOrStyle guards the CSP: no page may need
// 'unsafe-inline'.
func TestNoInlineScriptOrStyle(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("templates/*.html")
	inline := regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]|\son[a-z]+=|\sstyle=|<style`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range inline.FindAllString(string(b), -1) {
			t.Errorf("%s: inline script or style %q", f, m)
		}
	}
	for _, s := range regexp.MustCompile(`<script[^>]*>`).FindAllString(mustRead(t, "templates/layout.html"), -1) {
		if !strings.Contains(s, "src=") {
			t.Errorf("layout.html: script without src: %s", s)
		}
	}
}

func mustRead(t *testing.T, name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestMissingViewFailsStartup: a view without its template, a template
// naming a static file that is not there, or a catalogue lacking a key
// stops New.
func TestMissingViewFailsStartup(t *testing.T) {
	t.Parallel()
	full := fstest.MapFS{}
	for _, dir := range []string{"templates", "locales", "static"} {
		entries, _ := filepath.Glob(dir + "/*")
		for _, e := range entries {
			if b, err := os.ReadFile(e); err == nil {
				full[e] = &fstest.MapFile{Data: b}
			}
		}
	}
	full["static/vendor/htmx/htmx.min.js"] = &fstest.MapFile{Data: []byte("x")}
	if _, err := newUI(Options{}, full); err != nil {
		t.Fatalf("the full set fails: %v", err)
	}
	for _, drop := range []string{"templates/verdict.html", "static/app.css", "locales/hi.json"} {
		fsys := fstest.MapFS{}
		for k, v := range full {
			if k != drop {
				fsys[k] = v
			}
		}
		if _, err := newUI(Options{}, fsys); err == nil {
			t.Errorf("without %s, New succeeded", drop)
		}
	}
	broken := fstest.MapFS{}
	for k, v := range full {
		broken[k] = v
	}
	broken["locales/hi.json"] = &fstest.MapFile{Data: []byte(`{"app.name":"x"}`)}
	if _, err := newUI(Options{}, broken); err == nil {
		t.Error("a catalogue lacking keys was accepted")
	}
}

// TestTemplatesUseKnownKeys: every message key a template names is in
// the English catalogue (and so, by loadCatalogs, in every language).
func TestTemplatesUseKnownKeys(t *testing.T) {
	t.Parallel()
	u := testUI(t)
	files, _ := filepath.Glob("templates/*.html")
	key := regexp.MustCompile(`\.T "([^"]+)"`)
	for _, f := range files {
		for _, m := range key.FindAllStringSubmatch(mustRead(t, f), -1) {
			if _, ok := u.catalogs["en"][m[1]]; !ok {
				t.Errorf("%s: message %q is not in locales/en.json", f, m[1])
			}
		}
	}
}

// TestPDF: the PDF prints the structure and the parties' words as
// written, rupee sign and Devanagari included, in either language.
func TestPDF(t *testing.T) {
	t.Parallel()
	u := testUI(t)
	hindi := chequeCase()
	hindi.B.Summary = "चेक केवल सुरक्षा के लिए दिया गया था; कोई ऋण नहीं लिया गया।"
	for _, tt := range []struct {
		name, lang string
		c          *court.Case
		want       []string
	}{
		{"old", "en", fixedCase(), []string{"IN THE AI JUDGE MOCK COURT", "₹45,000", "Consumer Protection Act, 2019, s. 2(11)"}},
		{"structured", "en", chequeCase(), []string{"Issues for determination", "[Contradicted]", "Cheque No. 004512",
			"₹3,00,000", "[Not verified: not in force", "Bharatiya Nyaya Sanhita, 2023, s. 318", "Side A (complainant)"}},
		{"hindi", "hi", hindi, []string{"विवाद्यक", "₹3,00,000", "ऋण", "सत्यापित नहीं"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := judgmentPDF(tt.c, tt.lang, u.catalogs[tt.lang])
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("/FontFile2")) {
				t.Fatalf("not a PDF with the font embedded: %.40q", b)
			}
			// Poppler reads the text back as a reader's viewer would.
			exe, err := exec.LookPath("pdftotext")
			if err != nil {
				t.Skip("pdftotext (poppler-utils) is not installed")
			}
			cmd := exec.CommandContext(t.Context(), exe, "-enc", "UTF-8", "-", "-")
			cmd.Stdin = bytes.NewReader(b)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			text := strings.Join(strings.Fields(string(out)), " ")
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("the PDF lacks %q; it reads %.600q", w, text)
				}
			}
		})
	}
}
