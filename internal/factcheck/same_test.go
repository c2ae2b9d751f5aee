package factcheck

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// findAllPlain lets the regexp engine search each chunk whole, the
// simplest reading of findAll. findAll must agree with it.
func findAllPlain(p *pattern, text string) [][]int {
	var out [][]int
	for off := 0; off < len(text); {
		end := chunkEnd(text, off)
		for _, m := range p.re.FindAllStringSubmatchIndex(text[off:end], -1) {
			out = append(out, shift(m, off))
		}
		off = end
	}
	return out
}

var allPatterns = map[string]*pattern{
	"date": datePattern, "amount": amountPattern, "person": personPattern,
	"org": orgPattern, "plain": plainPattern, "atPlace": atPlacePattern,
}

func checkSame(t *testing.T, text string) {
	t.Helper()
	text = prepare(text)
	for name, p := range allPatterns {
		got, want := findAll(p, text), findAllPlain(p, text)
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("%s matches of %q:\n got %v\nwant %v", name, text, got, want)
		}
	}
}

// fragments are the pieces random texts are made of: the words, figures
// and signs the patterns begin with and look for, in several cases, and
// the characters at their edges.
var fragments = []string{
	"Rs.", "rs", "RS", "Rs", "INR", "inr", "rupees", "Rupees", "USD", "usd", "US$", "us$", "GBP", "EUR", "₹", "$", "£", "€",
	"5,00,000", "500000", "45,000.50", "1.2", "2.5", "12", "3", "2023", "1881", "/-", "lakh", "Lakhs", "crore", "million",
	"amount", "Amount", "sum", "paid", "PAID", "payment", "price", "fees", "refunded", "rent", "deposit", "of", "is", "was",
	"12/03/2024", "12-03-24", "2024-03-12", "12.03.2024", "31/02/2024", "1st", "12th", "day", "March", "MAR", "mar", "may",
	"May", "Sept.", "sep", "January", "dec", "june", ",", ".", ":", "-", "/", " ", " ", " ", "  ", "\n", "\t", "_", "x",
	"Mr.", "Mr", "Mrs.", "Smt.", "Dr.", "Shri", "Justice", "Adv.", "Advocate", "R.", "K.", "Rajesh", "Kumar", "Priya",
	"Sharma", "ABC", "Electronics", "Pvt.", "Ltd", "Ltd.", "Limited", "Bank", "State", "of", "India", "Municipal",
	"Corporation", "Greater", "Mumbai", "&", "and", "Co.", "Trust", "at", "in", "near", "from", "At", "Laxmi", "Nagar",
	"Rampur", "district", "New", "Delhi", "The", "Court", "é", "\u212a", "\u017f", "\u00a0", "’", "'",
}

func randomText(rng *rand.Rand) string {
	var b strings.Builder
	for range 1 + rng.IntN(60) {
		b.WriteString(fragments[rng.IntN(len(fragments))])
		if rng.IntN(3) > 0 {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func TestFindAllMatchesPatterns(t *testing.T) {
	t.Parallel()
	texts := []string{legalText(16 << 10), chequeDoc, "xſep 2024 and ſum 5,000", "\u212aumar paid Rs. 5", "Ms. Late Entry paid Rs. 7,77,777."}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 1000 {
		texts = append(texts, randomText(rng))
	}
	for _, text := range texts {
		checkSame(t, text)
	}
}

func FuzzFindAllMatchesPatterns(f *testing.F) {
	f.Add(chequeDoc)
	f.Add("₹5,00,000 on 31/12/1999 at Laxmi Nagar, Delhi by Smt. Priya")
	f.Add("paid 15000 on 1st day of April, 2023 to M/s. Sharma Traders")
	f.Fuzz(func(t *testing.T, s string) {
		checkSame(t, s)
	})
}
