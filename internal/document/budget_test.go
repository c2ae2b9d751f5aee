package document_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/document"
)

func TestBudget(t *testing.T) {
	t.Parallel()
	var long strings.Builder
	long.WriteString("LEASE between Kapoor Estates and Rohan Sharma, dated 1 March 2024.\n")
	for i := range 400 {
		fmt.Fprintf(&long, "Clause %d. The parties agree on routine matters of upkeep and cleaning of the common areas.\n", i)
		if i == 250 {
			long.WriteString("Clause 250a. The security deposit of Rs. 50,000 is refundable within thirty days of vacating.\n")
		}
	}
	short := "Receipt: Rs. 50,000 received as deposit."
	docs := []court.Document{
		{Name: "lease.pdf", Text: long.String()},
		{Name: "receipt.txt", Text: short},
	}
	summary := "The landlord withheld the security deposit of Rs. 50,000 after the tenant vacated."
	evidence := []string{"Receipt for the deposit", "Clause 250a of the lease: deposit refundable within thirty days"}

	const budget = 3000
	got := document.Budget(summary, evidence, docs, budget)
	if len(got) != 2 {
		t.Fatalf("%d excerpts", len(got))
	}
	total := 0
	for _, e := range got {
		total += utf8.RuneCountInString(e.Text)
	}
	if total > budget+100 {
		t.Errorf("excerpts total %d characters, budget %d", total, budget)
	}
	if got[1].Text != short || got[1].Omitted != 0 {
		t.Errorf("the short document should be whole: %+v", got[1])
	}
	lease := got[0]
	for _, want := range []string{
		"LEASE between Kapoor Estates",                                  // the beginning
		"Clause 250a. The security deposit of Rs. 50,000 is refundable", // the passage the filing refers to
		"characters omitted …]",
	} {
		if !strings.Contains(lease.Text, want) {
			t.Errorf("excerpt lacks %q:\n%s", want, lease.Text)
		}
	}
	omitted := utf8.RuneCountInString(docs[0].Text) - (utf8.RuneCountInString(lease.Text) - markers(lease.Text))
	if lease.Omitted < omitted-len("\n")*50 || lease.Omitted > omitted+50 {
		t.Errorf("Omitted = %d, about %d expected", lease.Omitted, omitted)
	}

	// Whole documents when they fit.
	all := document.Budget(summary, evidence, docs, 1<<20)
	if all[0].Text != docs[0].Text || all[0].Omitted != 0 {
		t.Error("a document within the budget was cut")
	}
}

// markers counts the characters of omission markers in s.
func markers(s string) int {
	n := 0
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "[… ") && strings.HasSuffix(line, " characters omitted …]") {
			n += utf8.RuneCountInString(line) + 1
		}
	}
	return n
}
