package court

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func groundCase() *Case {
	return &Case{
		A: Side{
			Summary:  "Mr. Kumar lent Rs. 2,00,000 on 10 November 2023.",
			Evidence: []string{"Cheque No. 004512 dated 15/01/2024", "Return memo dated 18/01/2024"},
			Documents: []Document{
				{ID: "memo", Name: "memo.txt", Text: "STATE BANK OF INDIA\nCheque No. 004512 returned unpaid.\nReason: FUNDS INSUF-\nFICIENT. Date of return: 18/01/2024."},
				{ID: "lig", Name: "notice.pdf", Text: "The drawer had insuﬃcient funds, and the ﬁrst notice went by registered post\u00ad on 01/02/2024."},
			},
		},
		B: Side{
			Summary:   "Mr. Patel says the cheque was a blank security cheque given in 2022.",
			Documents: []Document{{ID: "reply", Name: "reply.txt", Text: "I never received any legal notice from Mr. Kumar."}},
		},
		Arguments: []Argument{{Side: SideB, Text: "The notice went to an address in Mumbai where I no longer live."}},
	}
}

func TestGround(t *testing.T) {
	c := groundCase()
	doc := func(id, quote string) Source {
		return Source{Kind: FromDocument, Side: SideA, DocumentID: id, Quote: quote}
	}
	for _, tc := range []struct {
		name string
		src  Source
		want QuoteStatus
	}{
		{"exact", doc("memo", "Cheque No. 004512 returned unpaid."), QuoteFound},
		{"case, punctuation and line breaks", doc("memo", "cheque no 004512 RETURNED unpaid"), QuoteFound},
		{"a word broken across a line", doc("memo", "Reason: funds insufficient. Date of return: 18/01/2024"), QuoteClose},
		{"ligatures and a soft hyphen, by NFKC", doc("lig", "the drawer had insufficient funds, and the first notice went by registered post on 01/02/2024"), QuoteFound},
		{"one letter wrong in a long quote", doc("memo", "Cheque No. 004512 retumed unpaid. Reason: funds"), QuoteClose},
		{"a different sum", doc("memo", "Cheque No. 994512 returned unpaid, Rs. 3,20,000 paid on 12 June"), QuoteMissing},
		{"a short quote must be exact", doc("memo", "funds insuficient"), QuoteMissing},
		{"the other side's document", doc("reply", "I never received any legal notice"), QuoteFound},
		{"not in the document named", doc("reply", "Cheque No. 004512 returned unpaid."), QuoteMissing},
		{"no document id: any of the side's", Source{Kind: FromDocument, Side: SideA, Quote: "registered post on 01/02/2024"}, QuoteFound},
		{"summary", Source{Kind: FromSummary, Side: SideB, Quote: "a blank security cheque given in 2022"}, QuoteFound},
		{"the other side's summary is not this one", Source{Kind: FromSummary, Side: SideA, Quote: "a blank security cheque given in 2022"}, QuoteMissing},
		{"evidence point", Source{Kind: FromEvidence, Side: SideA, Quote: "Return memo dated 18/01/2024"}, QuoteFound},
		{"argument", Source{Kind: FromArgument, Side: SideB, Quote: "an address in Mumbai where I no longer live"}, QuoteFound},
		{"no quote is not checked", Source{Kind: FromSummary, Side: SideA}, ""},
		{"a quote of punctuation only is not checked", Source{Kind: FromSummary, Side: SideA, Quote: " … — "}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			issues := []Issue{{Findings: []Finding{{Sources: []Source{tc.src}}}}}
			Ground(c, issues)
			if got := issues[0].Findings[0].Sources[0].Grounding; got != tc.want {
				t.Fatalf("Grounding = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestGroundingRate(t *testing.T) {
	c := groundCase()
	issues := []Issue{{Findings: []Finding{
		{Sources: []Source{{Kind: FromDocument, Side: SideA, DocumentID: "memo", Quote: "returned unpaid"}, {Kind: FromSummary, Side: SideA}}},
		{Sources: []Source{{Kind: FromDocument, Side: SideB, DocumentID: "reply", Quote: "I paid everything back in cash"}}},
	}}}
	g := Ground(c, issues)
	if g != (GroundingRate{Quoted: 2, Found: 1}) || g.Rate() != 0.5 {
		t.Fatalf("rate = %+v (%v), want 1 of 2", g, g.Rate())
	}
	if issues[0].Findings[0].Ungrounded() || !issues[0].Findings[1].Ungrounded() {
		t.Fatal("only the second finding quotes what is not there")
	}
	if bad := UngroundedQuotes(issues); len(bad) != 1 || bad[0].Quote != "I paid everything back in cash" {
		t.Fatalf("UngroundedQuotes = %+v", bad)
	}
	j := Judgment{Issues: issues}
	if j.Grounding() != g {
		t.Fatalf("Judgment.Grounding = %+v, want %+v", j.Grounding(), g)
	}
	if (GroundingRate{}).Rate() != 1 {
		t.Fatal("nothing quoted is fully grounded")
	}
}

// A text of one word repeated must not make the check slow: the pieces of
// a quote are looked for at a bounded number of places.
func TestQuoteInBoundedOnRepeats(t *testing.T) {
	text := normalQuote(strings.Repeat("funds funds funds ", 20_000))
	q := normalQuote(strings.Repeat("funds ", 30) + "the tenant paid the whole rent on time every month")
	if got := quoteIn(q, text); got != QuoteMissing {
		t.Fatalf("quoteIn = %q, want missing", got)
	}
}

func BenchmarkGround100kB(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 100_000; i++ {
		sb.WriteString("Clause ")
		sb.WriteString(strings.Repeat("x", i%7))
		sb.WriteString(" the tenant shall pay the rent on the first day of each month without deduction. ")
	}
	c := &Case{A: Side{Documents: []Document{{ID: "d", Text: sb.String()}}}}
	srcs := []Source{
		{Kind: FromDocument, Side: SideA, DocumentID: "d", Quote: "the tenant shall pay the rent on the first day of each month"},
		{Kind: FromDocument, Side: SideA, DocumentID: "d", Quote: "the tenant shall pay the rent on the frist day of each month"},
		{Kind: FromDocument, Side: SideA, DocumentID: "d", Quote: "the landlord shall refund the deposit within thirty days of the end"},
	}
	b.ReportAllocs()
	for b.Loop() {
		issues := []Issue{{Findings: []Finding{{Sources: append([]Source(nil), srcs...)}}}}
		Ground(c, issues)
	}
}

// FuzzQuoteIn: the check never fails on any input; a passage cut from a
// text is always found in it; and on clean text it agrees with a plain
// search of the normalised strings.
func FuzzQuoteIn(f *testing.F) {
	f.Add("Cheque No. 004512 returned unpaid", "returned unpaid", 3)
	f.Add("insuﬃcient funds\u00ad here", "insufficient funds", 0)
	f.Add("aaaa", "aaaaaaaaaaaaaaaaaaaaaaaaab", 1)
	f.Fuzz(func(t *testing.T, text, quote string, cut int) {
		if !utf8.ValidString(text) || !utf8.ValidString(quote) || len(text) > 4096 || len(quote) > 512 {
			return
		}
		nt, nq := normalQuote(text), normalQuote(quote)
		got := quoteIn(nq, nt)
		if strings.Contains(nt, nq) != (got == QuoteFound) {
			t.Fatalf("quoteIn(%q, %q) = %q, plain search says %v", nq, nt, got, strings.Contains(nt, nq))
		}
		r := []rune(nt)
		if len(r) == 0 {
			return
		}
		from := (cut%len(r) + len(r)) % len(r)
		piece := strings.TrimSpace(string(r[from:min(len(r), from+40)]))
		if piece != "" && quoteIn(normalQuote(piece), nt) != QuoteFound {
			t.Fatalf("a passage cut from the text is not found: %q in %q", piece, nt)
		}
	})
}
