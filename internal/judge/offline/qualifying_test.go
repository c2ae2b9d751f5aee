package offline

import (
	"testing"

	"github.com/aijudge/aijudge/internal/court"
)

// TestQualifyingPeriod: a dismissal before the forum's qualifying period
// of employment defeats the claim on the employment issue; one after it
// does not, and a forum without the rule in the engine is not affected.
func TestQualifyingPeriod(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		j        court.Jurisdiction
		start    string
		employee court.SideID
	}{
		{"Great Britain, eleven months", court.UK, "8 January 2024", court.SideB},
		{"Great Britain, five years", court.UK, "8 January 2019", court.SideA},
		{"Great Britain, one day short of two years", court.UK, "7 December 2022", court.SideB},
		{"Great Britain, two years to the day", court.UK, "6 December 2022", court.SideA},
		{"Canada, eleven months", court.Canada, "8 January 2024", court.SideB},
		{"Canada, thirteen months", court.Canada, "8 November 2023", court.SideA},
		{"Australia, not applied", court.Australia, "8 January 2024", court.SideA},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := &court.Case{ID: "q", Type: court.Labour, Jurisdiction: tc.j, CreatedAt: filed2025,
				A: court.Side{Summary: "I worked for Harbour Print Ltd as a machine operator from " + tc.start + " until I was dismissed on 6 December 2024 without a hearing. My claim was presented on 20 January 2025."},
				B: court.Side{Summary: "Harbour Print Ltd accepts that it dismissed the claimant on 6 December 2024."}}
			r := read(c, 0)
			i := r.issueIndex("employee")
			if i < 0 {
				t.Fatal("no employment issue framed")
			}
			if got := r.issues[i].forSide; got != tc.employee {
				t.Errorf("employment issue for %s, want %s: %s", got, tc.employee, r.issues[i].issue.Answer)
			}
		})
	}
}

// TestBareSectionInCaseActs: a section cited without its act is read as
// a section of the act the case's issues rest on, and only then.
func TestBareSectionInCaseActs(t *testing.T) {
	t.Parallel()
	r := read(goldenCases()[1].c, 0)
	on := r.proc
	if c := r.inCaseActs("section 142 requires the complaint within one month", on); c.Act != "Negotiable Instruments Act, 1881" || c.Section != "s. 142" {
		t.Errorf("section 142 read as %q %q", c.Act, c.Section)
	}
	if c := r.inCaseActs("section 999 says so", on); c.Act != "" {
		t.Errorf("section 999 read as %q %q", c.Act, c.Section)
	}
}
