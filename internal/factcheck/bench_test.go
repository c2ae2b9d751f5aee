package factcheck

import (
	"fmt"
	"strings"
	"testing"
)

// legalText builds a case file of about n bytes from the test fixtures,
// varied so that deduplication does not make the later parts free: the
// sums, dates and names change from paragraph to paragraph, as they do in
// a real bundle of pleadings, receipts and correspondence.
func legalText(n int) string {
	first := []string{"Rajesh", "Priya", "Anil", "Sunita", "Vikram", "Meena", "Arjun", "Kavita", "Suresh", "Anita"}
	last := []string{"Kumar", "Sharma", "Verma", "Mehta", "Desai", "Patel", "Iyer", "Reddy", "Nair", "Gupta"}
	titles := []string{"Mr.", "Smt.", "Dr.", "Ms.", "Shri"}
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	places := []string{"New Delhi", "Mumbai", "Pune", "Bengaluru", "Chennai", "Kolkata", "Jaipur", "Lucknow"}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		who := titles[i%len(titles)] + " " + first[i%len(first)] + " " + last[(i/3)%len(last)]
		other := first[(i+4)%len(first)] + " " + last[(i+7)%len(last)]
		d, m, y := 1+i%28, 1+i%12, 2019+i%6
		fmt.Fprintf(&b, "%d. That on %02d/%02d/%d the complainant %s issued cheque No. %06d for Rs. %d,%02d,000/- drawn on State Bank of India in favour of %s, which was returned unpaid on %d %s %d with the remark \"funds insufficient\".\n",
			i+1, d, m, y, who, 100000+i*37, 1+i%9, i%100, other, d, months[(m)%12], y)
		fmt.Fprintf(&b, "The complainant bought a phone from ABC Electronics Pvt. Ltd. at %s on %d %s %d for ₹%d,%03d and paid an advance of Rs %d; the balance of %d lakh remained due under the agreement dated %s %d, %d.\n",
			places[i%len(places)], d, months[(m+1)%12], y, 10+i%90, (i*7)%1000, 500+i*11, 1+i%5, months[(m+2)%12], d, y)
		b.WriteString("The Hon'ble Court should allow the complaint under Section 138 of the Negotiable Instruments Act, 1881 and direct the opposite party to refund the amount with interest at 9% per annum. The learned counsel for the respondent submitted that the notice was never served and that the liability, if any, stood discharged.\n")
		if i%7 == 3 {
			fmt.Fprintf(&b, "Sunita Devi met Anil Mehta at Laxmi Nagar, New Delhi on %d April %d. Goods shipped from London to Dubai were insured for $%d,200 and £%d.\n", d, y, 1+i%9, 300+i)
		}
	}
	return b.String()
}

func BenchmarkExtract100KB(b *testing.B) {
	text := legalText(100 << 10)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		ExtractDetails(text)
	}
}

// BenchmarkExtractMax is the worst an uploaded document can cost.
func BenchmarkExtractMax(b *testing.B) {
	text := legalText(MaxInputBytes)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		ExtractDetails(text)
	}
}

// BenchmarkExtractKinds splits the cost by extractor.
func BenchmarkExtractKinds(b *testing.B) {
	text := prepare(legalText(100 << 10))
	_, spans := findDates(text)
	for _, k := range []struct {
		name string
		f    func()
	}{
		{"dates", func() { findDates(text) }},
		{"amounts", func() { findAmounts(text, spans) }},
		{"names", func() { findNames(text) }},
		{"locations", func() { findLocations(text) }},
	} {
		b.Run(k.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				k.f()
			}
		})
	}
}
