package law_test

import (
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/law"
)

func TestChecker(t *testing.T) {
	t.Parallel()
	filed := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	offence := time.Date(2024, 6, 15, 0, 0, 0, 0, time.UTC)
	got := law.Checker{}.Check(court.India, []string{
		"Negotiable Instruments Act, 1881, s. 138",
		"NI Act s.999",
		"IPC s. 420",
		"BNS s. 318",
		"Indian Partnership Act, 1932, s. 16",
	}, offence, filed)
	want := []court.CitationStatus{court.CitationVerified, court.CitationUnknownSection,
		court.CitationVerified, court.CitationNotInForce, court.CitationOutsideTable}
	if len(got) != len(want) {
		t.Fatalf("%d citations, want %d", len(got), len(want))
	}
	for i, c := range got {
		if c.Status != want[i] {
			t.Errorf("%q: %s, want %s (%+v)", c.Text, c.Status, want[i], c)
		}
	}
	// An offence of 15 June 2024 is tried under the IPC; BNS s. 318 is not
	// yet law for it, and the IPC provision is named instead.
	if got[3].Instead == "" {
		t.Errorf("BNS s. 318 for a June 2024 offence names nothing instead: %+v", got[3])
	}
	// Without the date of the events, the filing date decides.
	late := law.Checker{}.Check(court.India, []string{"IPC s. 420"}, time.Time{}, filed)
	if late[0].Status != court.CitationNotInForce {
		t.Errorf("IPC s. 420 on a 2025 filing: %s, want not_in_force", late[0].Status)
	}
}
