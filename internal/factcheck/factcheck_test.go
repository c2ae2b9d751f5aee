package factcheck

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestDates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string // normalised values
	}{
		{"dated 12/03/2024", []string{"2024-03-12"}},
		{"on 12-03-2024 and 12.03.2024", []string{"2024-03-12"}},
		{"ISO 2024-03-12", []string{"2024-03-12"}},
		{"on 12 March 2024", []string{"2024-03-12"}},
		{"on 12th March, 2024", []string{"2024-03-12"}},
		{"the 1st day of April, 2023", []string{"2023-04-01"}},
		{"on March 12, 2024", []string{"2024-03-12"}},
		{"on 12 Mar 2024", []string{"2024-03-12"}},
		{"in Mar 2024", []string{"2024-03"}},
		{"in September, 2023", []string{"2023-09"}},
		{"dated 05/01/24", []string{"2024-01-05"}},
		{"US style 03/25/2024", []string{"2024-03-25"}},
		{"no date 31/02/2024", nil},
		{"no date 45/13/2024", nil},
		{"he may 2024 be", nil},
		{"Section 138 of the Act of 1881", nil},
		{"Rs. 5,00,000", nil},
		{"12/03/2024 and 15 March 2024", []string{"2024-03-12", "2024-03-15"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, d := range ExtractDetails(tt.in).Dates {
				got = append(got, d.Value)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("dates of %q = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestAmounts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in       string
		want     []int64 // in hundredths
		currency string  // of the first
	}{
		{"Rs. 5,00,000", []int64{50000000}, "INR"},
		{"Rs 500000", []int64{50000000}, "INR"},
		{"₹5,00,000/-", []int64{50000000}, "INR"},
		{"INR 5,00,000", []int64{50000000}, "INR"},
		{"5 lakh", []int64{50000000}, "INR"},
		{"2.5 crore", []int64{2500000000}, "INR"},
		{"Rs. 1.2 lakh", []int64{12000000}, "INR"},
		{"Rs. 45,000.50", []int64{4500050}, "INR"},
		{"$1,200", []int64{120000}, "USD"},
		{"USD 1,200", []int64{120000}, "USD"},
		{"US$ 1,200", []int64{120000}, "USD"},
		{"£300 and €50", []int64{30000, 5000}, "GBP"},
		{"10,000 rupees", []int64{1000000}, "INR"},
		{"the amount of 25,000 was paid", []int64{2500000}, ""},
		{"paid 15000 in cash", []int64{1500000}, ""},
		{"paid in 2023", nil, ""},
		{"paid 3 instalments", nil, ""},
		{"paid on 12/03/2024", nil, ""},
		{"Section 138 and s. 482 Cr.P.C.", nil, ""},
		{"cheque No. 456789", nil, ""},
		{"Rs. 5,00,000 and 5 lakh", []int64{50000000}, "INR"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			var got []int64
			as := ExtractDetails(tt.in).Amounts
			for _, a := range as {
				got = append(got, a.Minor)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("amounts of %q = %v, want %v", tt.in, got, tt.want)
			}
			if len(as) > 0 && as[0].Currency != tt.currency {
				t.Errorf("currency of %q = %q, want %q", tt.in, as[0].Currency, tt.currency)
			}
		})
	}
}

func TestAmountFormat(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		a    Amount
		want string
	}{
		{Amount{Currency: "INR", Minor: 50000000}, "Rs. 5,00,000"},
		{Amount{Currency: "INR", Minor: 2500000000}, "Rs. 2,50,00,000"},
		{Amount{Currency: "USD", Minor: 120050}, "$1,200.50"},
		{Amount{Currency: "INR", Minor: 99900}, "Rs. 999"},
	} {
		if got := tt.a.Format(); got != tt.want {
			t.Errorf("Format(%+v) = %q, want %q", tt.a, got, tt.want)
		}
	}
}

func TestNames(t *testing.T) {
	t.Parallel()
	text := `The complainant Mr. Rajesh Kumar bought the phone from ABC Electronics Pvt. Ltd. through M/s. Sharma Traders.
The cheque was drawn on State Bank of India and HDFC Bank. Smt. Priya Sharma and Dr. A. K. Verma were witnesses.
Sunita Devi met Anil Mehta. The Consumer Protection Act applies. Side A filed in New Delhi on Monday. The Municipal Corporation of Greater Mumbai issued notice.`
	f := Extract(text)
	for _, want := range []string{"Mr. Rajesh Kumar", "ABC Electronics Pvt. Ltd.", "Sharma Traders", "State Bank of India", "HDFC Bank", "Smt. Priya Sharma", "Dr. A. K. Verma", "Sunita Devi", "Anil Mehta", "Municipal Corporation of Greater Mumbai"} {
		if !slices.Contains(f.Names, want) {
			t.Errorf("names lack %q: %q", want, f.Names)
		}
	}
	for _, bad := range []string{"Consumer Protection Act", "Consumer Protection", "Side A", "New Delhi", "The Consumer", "Rajesh Kumar"} {
		if slices.Contains(f.Names, bad) {
			t.Errorf("names wrongly include %q: %q", bad, f.Names)
		}
	}
}

func TestLocations(t *testing.T) {
	t.Parallel()
	text := "Flat at Laxmi Nagar, New Delhi. Shop in Andheri, Mumbai, Maharashtra. Goods shipped from London to Dubai. He lives at Rampur. Heard in March in Court. Mr. Puri came."
	f := Extract(text)
	for _, want := range []string{"New Delhi", "Mumbai", "Maharashtra", "London", "Dubai", "Laxmi Nagar", "Andheri", "Rampur"} {
		if !slices.Contains(f.Locations, want) {
			t.Errorf("locations lack %q: %q", want, f.Locations)
		}
	}
	for _, bad := range []string{"Delhi", "March", "Court", "Puri"} {
		if slices.Contains(f.Locations, bad) {
			t.Errorf("locations wrongly include %q: %q", bad, f.Locations)
		}
	}
}

func TestFactsJSON(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(Extract(""))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"dates":[],"amounts":[],"names":[],"locations":[],"rawText":""}`; got != want {
		t.Errorf("empty facts encode as %s, want %s", got, want)
	}
	long := strings.Repeat("é", 5000)
	if n := len([]rune(Extract(long).RawText)); n != MaxRawText {
		t.Errorf("rawText has %d characters, want %d", n, MaxRawText)
	}
	v := Validate("nothing to check", Facts{})
	b, _ = json.Marshal(v)
	if got, want := string(b), `{"hasIssues":false,"issues":[],"overallScore":100,"claims":[]}`; got != want {
		t.Errorf("empty validation encodes as %s, want %s", got, want)
	}
}

const chequeDoc = `Cheque No. 456789 dated 12/03/2024 for Rs. 5,00,000/- drawn by Mr. Rajesh Kumar on State Bank of India.
Returned unpaid on 15/03/2024: funds insufficient. Legal notice dated 20 March 2024.`

func TestValidate(t *testing.T) {
	t.Parallel()
	doc := Extract(chequeDoc)
	tests := []struct {
		name     string
		argument string
		want     map[string]Status // claim text → status
		docValue string            // of the first contradicted claim
		score    int
	}{
		{"all supported", "Mr. Rajesh Kumar issued a cheque for Rs. 5 lakh on 12 March 2024.",
			map[string]Status{"Mr. Rajesh Kumar": Supported, "Rs. 5 lakh": Supported, "12 March 2024": Supported}, "", 100},
		{"wrong amount", "The cheque was for Rs. 6 lakh.",
			map[string]Status{"Rs. 6 lakh": Contradicted}, "Rs. 5,00,000/-", 0},
		{"wrong date", "The cheque dated 13/03/2024 bounced.",
			map[string]Status{"13/03/2024": Contradicted}, "12/03/2024", 0},
		{"wrong surname", "Mr. Rajesh Verma signed it.",
			map[string]Status{"Mr. Rajesh Verma": Contradicted}, "Mr. Rajesh Kumar", 0},
		{"unknown", "He also owes $2,000 since 1 January 2020 to Mr. Suresh Patel.",
			map[string]Status{"$2,000": NotFound, "1 January 2020": NotFound, "Mr. Suresh Patel": NotFound}, "", 50},
		{"surname only", "Mr. Kumar knew his account was empty.",
			map[string]Status{"Mr. Kumar": Supported}, "", 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := Validate(tt.argument, doc)
			got := map[string]Status{}
			for _, c := range v.Claims {
				got[c.Claim] = c.Status
			}
			for claim, st := range tt.want {
				if got[claim] != st {
					t.Errorf("claim %q: %q, want %q (all: %+v)", claim, got[claim], st, v.Claims)
				}
			}
			if v.OverallScore != tt.score {
				t.Errorf("score %d, want %d", v.OverallScore, tt.score)
			}
			if v.HasIssues != (len(v.Issues) > 0) {
				t.Error("hasIssues disagrees with issues")
			}
			if tt.docValue != "" {
				if len(v.Issues) == 0 || v.Issues[0].DocumentValue != tt.docValue || !strings.Contains(v.Issues[0].Message, tt.docValue) {
					t.Errorf("issues %+v, want the document value %q quoted", v.Issues, tt.docValue)
				}
			}
		})
	}
}

// Facts sent by a client may be plain figures or odd strings; they are
// read back as well as possible and never fail.
func TestFromFacts(t *testing.T) {
	t.Parallel()
	d := FromFacts(Facts{Dates: []string{"12/03/2024", "rubbish"}, Amounts: []string{"500000", "Rs. 5 lakh", "x"}, Names: []string{"Rajesh Kumar"}})
	if len(d.Dates) != 1 || len(d.Amounts) != 1 || len(d.Names) != 1 {
		t.Errorf("FromFacts = %+v", d)
	}
	v := Validate("Rajesh Kumar paid Rs. 5,00,000", Facts{Amounts: []string{"500000"}, Names: []string{"Mr. Rajesh Kumar"}})
	if v.HasIssues {
		t.Errorf("plain client facts should support the claims: %+v", v)
	}
}

// Work is bounded: a text of many megabytes costs no more than the first
// MaxInputBytes of it.
func TestHugeInput(t *testing.T) {
	t.Parallel()
	unit := "On 12/03/2024 Mr. Rajesh Kumar paid Rs. 5,00,000 to ABC Traders Ltd at Mumbai. "
	huge := strings.Repeat(unit, (8<<20)/len(unit))
	f := Extract(huge)
	// Only the first MaxInputBytes are read: a fact placed after them is
	// not found. (Time is measured by BenchmarkExtract, not here.)
	if tail := Extract(huge + " On 01/01/1999 Ms. Late Entry paid Rs. 7,77,777."); len(tail.Amounts) != 1 {
		t.Errorf("text past MaxInputBytes was read: %v", tail.Amounts)
	}
	if len(f.Dates) != 1 || len(f.Amounts) != 1 {
		t.Errorf("repeated facts were not deduplicated: %d dates, %d amounts", len(f.Dates), len(f.Amounts))
	}
	many := strings.Builder{}
	for i := range 20000 {
		many.WriteString("Rs. ")
		many.WriteString(strings.Repeat("1", 1+i%9))
		many.WriteString(" ")
	}
	if n := len(Extract(many.String()).Amounts); n > maxPerKind {
		t.Errorf("%d amounts, want at most %d", n, maxPerKind)
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(chequeDoc)
	f.Add("₹5,00,000 on 31/12/1999 at Laxmi Nagar, Delhi by Smt. Priya")
	f.Fuzz(func(t *testing.T, s string) {
		facts := Extract(s)
		if _, err := json.Marshal(facts); err != nil {
			t.Fatalf("facts do not encode: %v", err)
		}
		for _, d := range ExtractDetails(s).Dates {
			if !validDate(atoi(d.Value[:4]), atoi(d.Value[5:7]), 0) {
				t.Fatalf("invalid normalised date %q", d.Value)
			}
			_ = d.Format()
		}
		for _, a := range ExtractDetails(s).Amounts {
			if a.Minor <= 0 {
				t.Fatalf("non-positive amount %+v", a)
			}
			_ = a.Format()
		}
		_ = FromFacts(facts)
	})
}

func FuzzValidate(f *testing.F) {
	f.Add("The cheque for Rs. 6 lakh dated 13/03/2024 by Mr. Rajesh Verma", chequeDoc)
	f.Add("", "")
	f.Fuzz(func(t *testing.T, argument, doc string) {
		v := Validate(argument, Extract(doc))
		if v.OverallScore < 0 || v.OverallScore > 100 {
			t.Fatalf("score %d", v.OverallScore)
		}
		if v.HasIssues != (len(v.Issues) > 0) {
			t.Fatal("hasIssues disagrees with issues")
		}
		// Arbitrary client facts too.
		_ = Validate(argument, Facts{Dates: []string{doc}, Amounts: []string{doc}, Names: []string{doc}})
	})
}

func BenchmarkExtract(b *testing.B) {
	text := strings.Repeat(chequeDoc+"\nThe complainant Ms. Anita Desai bought a phone from ABC Electronics Pvt. Ltd. in Pune on 5 January 2024 for Rs. 45,000.\n", 10) // about 3 KB
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(text)
	}
}

func BenchmarkValidate(b *testing.B) {
	doc := Extract(chequeDoc)
	b.ReportAllocs()
	for b.Loop() {
		Validate("Mr. Rajesh Kumar issued a cheque for Rs. 6 lakh on 13 March 2024.", doc)
	}
}
