package court

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		parse   func(string) (string, error)
		in      string
		want    string
		wantErr Code
	}{
		{"case type lower", parseType, "consumer", "consumer", ""},
		{"case type upper", parseType, "CRIMINAL", "criminal", ""},
		{"case type labor", parseType, "Labor", "labour", ""},
		{"case type Commercial", parseType, "Commercial", "commercial", ""},
		{"case type Tort", parseType, " Tort ", "tort", ""},
		{"case type unknown", parseType, "divorce-ish", "", EInvalid},
		{"case type empty", parseType, "", "", EInvalid},
		{"jurisdiction lower", parseJur, "india", "INDIA", ""},
		{"jurisdiction default", parseJur, "", "INDIA", ""},
		{"jurisdiction unknown", parseJur, "MARS", "", EInvalid},
		{"side A", parseSide, "A", "A", ""},
		{"side b lower", parseSide, "b", "B", ""},
		{"side label", parseSide, "Side B", "B", ""},
		{"side unknown", parseSide, "C", "", EInvalid},
		{"side empty", parseSide, "", "", EInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.parse(tt.in)
			if ErrorCode(err) != tt.wantErr {
				t.Fatalf("err = %v, want code %q", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func parseType(s string) (string, error) { t, err := ParseCaseType(s); return string(t), err }
func parseJur(s string) (string, error)  { j, err := ParseJurisdiction(s, India); return string(j), err }
func parseSide(s string) (string, error) { x, err := ParseSide(s); return string(x), err }

func validFiling() *Filing {
	return &Filing{
		CaseType: "contract",
		A:        SideFiling{Summary: "The buyer paid Rs. 5,00,000 and got nothing.", Evidence: []string{"Bank transfer on 12 March 2024"}},
		B:        SideFiling{Summary: "The goods were delivered.", Evidence: []string{"Delivery receipt"}},
	}
}

func TestFilingValidation(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", MaxSummaryChars+1)
	tests := []struct {
		name    string
		edit    func(f *Filing)
		wantErr Code
		inMsg   string
	}{
		{"valid", func(f *Filing) {}, "", ""},
		{"missing case type", func(f *Filing) { f.CaseType = "" }, EInvalid, "caseType"},
		{"unknown jurisdiction", func(f *Filing) { f.Jurisdiction = "Narnia" }, EInvalid, "jurisdiction"},
		{"missing side A summary", func(f *Filing) { f.A.Summary = "  " }, EInvalid, "sideASummary"},
		{"missing side B summary", func(f *Filing) { f.B.Summary = "" }, EInvalid, "sideBSummary"},
		{"summary too long", func(f *Filing) { f.A.Summary = long }, ETooLarge, "sideASummary"},
		{"control characters", func(f *Filing) { f.B.Summary = "nul\x00byte" }, EInvalid, "control"},
		{"invalid utf-8", func(f *Filing) { f.B.Summary = "bad \xff" }, EInvalid, "UTF-8"},
		{"too many evidence points", func(f *Filing) { f.A.Evidence = make([]string, MaxEvidencePoints+1) }, ETooLarge, "sideAEvidence"},
		{"evidence point too long", func(f *Filing) { f.B.Evidence = []string{strings.Repeat("y", MaxEvidenceChars+1)} }, ETooLarge, "sideBEvidence"},
		{"too many documents", func(f *Filing) { f.A.Uploads = make([]Upload, MaxDocumentsPerSide+1) }, ETooLarge, "sideADocs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := validFiling()
			tt.edit(f)
			c, err := f.normalize(India)
			if ErrorCode(err) != tt.wantErr {
				t.Fatalf("err = %v, want code %q", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(ErrorMessage(err), tt.inMsg) {
				t.Errorf("message %q does not mention %q", ErrorMessage(err), tt.inMsg)
			}
			if err == nil && (c.Status != Filed || c.Jurisdiction != India) {
				t.Errorf("case = %+v", c)
			}
		})
	}
}

func TestFilingDropsBlankEvidence(t *testing.T) {
	t.Parallel()
	f := validFiling()
	f.A.Evidence = []string{"  one ", "", "   ", "two"}
	c, err := f.normalize(India)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.A.Evidence, "|"); got != "one|two" {
		t.Errorf("evidence = %q", got)
	}
}

func TestRemainingArguments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status Status
		args   int
		want   int
	}{
		{Judged, 0, 5}, {Arguing, 3, 2}, {Arguing, 5, 0}, {Closed, 2, 0},
	}
	for _, tt := range tests {
		c := &Case{Status: tt.status, Arguments: make([]Argument, tt.args)}
		if got := c.RemainingArguments(); got != tt.want {
			t.Errorf("%s with %d arguments: remaining %d, want %d", tt.status, tt.args, got, tt.want)
		}
	}
}

func TestContentHash(t *testing.T) {
	t.Parallel()
	a, _ := validFiling().normalize(India)
	b, _ := validFiling().normalize(India)
	b.ID = "another-id" // ids and times are not content
	if ContentHash(a) != ContentHash(b) {
		t.Fatal("the same content hashes differently")
	}
	// Moving text between fields must change the hash.
	b.A.Evidence = []string{"Bank transfer on 12", " March 2024"}
	if ContentHash(a) == ContentHash(b) {
		t.Fatal("different evidence hashes alike")
	}
	c, _ := validFiling().normalize(India)
	c.B.Documents = []Document{{Name: "r.txt", SHA256: "00", Text: "receipt"}}
	if ContentHash(a) == ContentHash(c) {
		t.Fatal("a document does not change the hash")
	}
}

func TestValidID(t *testing.T) {
	t.Parallel()
	if !validID(NewID()) {
		t.Fatal("NewID is not a valid id")
	}
	for _, id := range []string{"", "../etc", "a b", strings.Repeat("a", 65), "ABC", "x;drop"} {
		if validID(id) {
			t.Errorf("validID(%q) = true", id)
		}
	}
	if NewID() == NewID() {
		t.Fatal("ids repeat")
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	inner := Errorf(EConflict, "No.")
	wrapped := Wrap(EUnavailable, inner, "Down.")
	if ErrorCode(wrapped) != EUnavailable || ErrorMessage(wrapped) != "Down." {
		t.Errorf("wrapped: %q %q", ErrorCode(wrapped), ErrorMessage(wrapped))
	}
	plain := strings.NewReader("").UnreadByte()
	if ErrorCode(plain) != EInternal || strings.Contains(ErrorMessage(plain), "strings") {
		t.Errorf("a plain error leaks: %q", ErrorMessage(plain))
	}
	if ErrorCode(nil) != "" {
		t.Error("nil has a code")
	}
}
