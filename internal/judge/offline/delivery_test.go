package offline

import (
	"strings"
	"testing"

	"github.com/aijudge/aijudge/internal/court"
)

// The day fixed for delivery and the day of delivery, both in documents,
// decide whether the seller delivered late: three weeks after the day
// fixed is a breach proved; a day before it is no breach, whatever the
// buyer says.
func TestLateDeliveryByCalendar(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		delivered string
		status    court.FindingStatus
		forA      bool
	}{
		{"22 November 2024", court.Proved, true},
		{"31 October 2024", court.Contradicted, false},
	} {
		c := &court.Case{ID: "ld", Type: court.Contract, Jurisdiction: court.International, CreatedAt: filed2025,
			A: court.Side{Summary: "The buyer paid EUR 96,000 in advance for olive oil to be delivered by 1 November 2024. The delivery was late and the buyer had to buy elsewhere. It claims damages of EUR 7,500.",
				Documents: []court.Document{
					doc("c", court.SideA, "contract.txt", "20 tonnes of olive oil, price EUR 96,000, paid in advance. Delivery by 1 November 2024."),
					doc("n", court.SideA, "note.txt", "The seller delivered 20 tonnes of olive oil to the buyer on "+tc.delivered+"."),
				}},
			B: court.Side{Summary: "The seller admits the contract and the delivery."}}
		r := read(c, 0)
		if r.d != buyerDelivery {
			t.Fatalf("read as %q, want %q", r.d, buyerDelivery)
		}
		i := r.issueIndex("breach")
		if i < 0 {
			t.Fatal("no breach issue")
		}
		f := r.issues[i].issue.Findings[0]
		if f.Status != tc.status || (r.issues[i].forSide == court.SideA) != tc.forA {
			t.Errorf("delivered %s: %s, for %s (%s), want %s", tc.delivered, f.Status, r.issues[i].forSide, f.Fact, tc.status)
		}
		if !strings.Contains(f.Fact, "due by 1 November 2024") {
			t.Errorf("the finding does not give the day fixed: %s", f.Fact)
		}
	}
}
