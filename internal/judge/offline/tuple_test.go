package offline

import (
	"testing"

	"github.com/aijudge/aijudge/internal/court"
)

// A claim that joins two events in one sentence, an invoice and a part
// payment of it, is not contradicted by the invoice, which bears out the
// one sum it shares; and a sum a party says it paid is a payment, not a
// price the contract puts at another figure.
func TestClaimPartPayment(t *testing.T) {
	t.Parallel()
	c := &court.Case{ID: "pp", Type: court.Contract, Jurisdiction: court.USA,
		A: court.Side{Summary: "Its invoice of March 3, 2025 for $8,000 is unpaid except $4,000 paid on March 20, 2025.",
			Documents: []court.Document{
				doc("d1", court.SideA, "invoice.txt", "Website design and build, delivered March 3, 2025 — $8,000.00"),
				doc("d2", court.SideA, "contract.txt", "Price: $8,000, payable within 14 days of delivery."),
			}},
		B: court.Side{Summary: "It says it paid $4,000 and the price was too high."}}
	r := read(c, 0)
	for _, ps := range [][]passage{r.filed[0], r.filed[1]} {
		for i := range ps {
			if !ps[i].hasFacts() {
				continue
			}
			if cc := checkClaim(&ps[i], r.docs, r.keys); cc.status == claimContradicted {
				t.Errorf("%q is read as contradicted: %s", ps[i].src.Quote, cc.note)
			}
		}
	}
	// The same sentence with the invoice's sum wrong is still caught.
	c.A.Summary = "Its invoice of March 3, 2025 for $9,500 is unpaid."
	r = read(c, 0)
	if cc := checkClaim(&r.filed[0][0], r.docs, r.keys); cc.status != claimContradicted {
		t.Errorf("a wrong invoice sum is not caught: %+v", cc.status)
	}
}
