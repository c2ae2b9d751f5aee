package offline

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aijudge/aijudge/internal/court"
)

// TestSignCount checks that counting a sign from its anchors finds what
// the expression itself finds, on every text the tests file and on text
// built to straddle anchors, boundaries and the limit.
func TestSignCount(t *testing.T) {
	t.Parallel()
	var texts []string
	for _, gc := range goldenCases() {
		r := read(gc.c, 0)
		var b strings.Builder
		for _, ps := range [][]passage{r.filed[0], r.filed[1], r.docs} {
			for _, p := range ps {
				b.WriteString(p.lower)
				b.WriteByte('\n')
			}
		}
		texts = append(texts, b.String())
	}
	texts = append(texts,
		"the cheque was dishonoured; the check bounced\ncheque\nreturned unpaid",
		"s. 138 and s.138 and section 138 of the negotiable instruments act, rs. 5,000",
		"security deposit of the flat; the security guard; landlord kept the deposit. current rent, parent deposit",
		"dismissed from my job; unfairly dismissed; termination of employment; wages, salary, employer's",
		"the wife and husband; housewife; marriage; maintenance",
		"defective, defects, prefect, warranty, refund, not fit, faulty, stopped working",
		"loan lent invoice unpaid breach agreement contract dues recovery; talented, blent, contractual",
		"data breach, personal data, leaked, privacy, hacked, unauthorised access, data protection, bleak",
		"possession, encroached, trespass, sale deed, title, eviction, subtitle",
		strings.Repeat("the cheque was returned unpaid and the loan is unpaid. ", 20),
		strings.Repeat("x", 600)+" cheque "+strings.Repeat("y", 130)+" dishonoured",
	)
	for _, text := range texts {
		for i := range signs {
			s := &signs[i]
			for _, limit := range []int{1, 3, 8} {
				want := len(s.re.FindAllStringIndex(text, limit))
				if got := s.count(text, limit); got != want {
					t.Errorf("%s, limit %d: count %d, expression %d, in %q", s.d, limit, got, want, clip(text, 120))
				}
			}
		}
	}
}

// TestRequiredLiterals checks the strings a cue needs against the cue
// itself: no sentence the cue matches is passed over.
func TestRequiredLiterals(t *testing.T) {
	t.Parallel()
	var res []*regexp.Regexp
	for _, tp := range templates {
		for _, it := range tp.issues {
			if it.only != nil {
				res = append(res, it.only)
			}
			for _, f := range it.facts {
				if f.cue != nil {
					res = append(res, f.cue)
				}
				if f.deny != nil {
					res = append(res, f.deny)
				}
			}
		}
	}
	res = append(res, cueFiled, cueLimit, cueCause)
	var lines []string
	for _, gc := range goldenCases() {
		r := read(gc.c, 0)
		for _, ps := range [][]passage{r.filed[0], r.filed[1], r.docs} {
			for _, p := range ps {
				lines = append(lines, p.lower)
			}
		}
	}
	for _, c := range []*court.Case{chequeCase(true), chequeCase(false), phoneCase(), rentCase()} {
		r := read(c, 0)
		for _, ps := range [][]passage{r.filed[0], r.filed[1], r.docs} {
			for _, p := range ps {
				lines = append(lines, p.lower)
			}
		}
	}
	prefiltered := 0
	for _, re := range res {
		if required(re.String()) != nil {
			prefiltered++
		}
		for _, l := range lines {
			if re.MatchString(l) && !mayMatch(re, l) {
				t.Errorf("%s matches %q but its strings %q are not in it", re, l, required(re.String()))
			}
		}
	}
	if prefiltered < len(res)/2 {
		t.Errorf("only %d of %d cues have required strings", prefiltered, len(res))
	}
	for expr, want := range map[string][]string{
		`\bdefect(?:s|ive)?\b|\bfaulty\b`:         {"defect", "faulty"},
		`\bnotice\b[^.;]{0,20}\b(?:dated|sent)\b`: {"notice"},
		`\bfoo\b|[a-z]+`:                          nil,
		`(?i)rent`:                                nil,
	} {
		if got := required(expr); !slices.Equal(got, want) {
			t.Errorf("required(%q) = %q, want %q", expr, got, want)
		}
	}
}

func TestRecognise(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		typ  court.CaseType
		j    court.Jurisdiction
		text string
		want dispute
	}{
		{"cheque", court.Criminal, court.India, "the cheque no. 1 was dishonoured for insufficient funds under section 138", chequeDishonour},
		{"cheque outside india", court.Criminal, court.UK, "the cheque was returned unpaid by the bank", moneyContract},
		{"consumer", court.Consumer, court.India, "the phone is defective and the seller refused a refund", consumerDefect},
		{"consumer in great britain", court.Consumer, court.UK, "the kettle is faulty and the shop refused a refund", goodsUK},
		{"consumer in the united states", court.Consumer, court.USA, "the laptop is defective and the seller refused a refund", goodsUS},
		{"deposit with abbreviations, under a licence", court.Property, court.India, "ms. joshi paid a security deposit of rs. 1,50,000 to mr. ali under the leave and licence agreement; the licensor has not refunded it; the agreement says the dues are deducted; the licensee handed over the flat", depositTenancy},
		{"deposit", court.Property, court.India, "the landlord has not refunded the security deposit after i vacated the flat", depositTenancy},
		{"money", court.Contract, court.India, "the defendant took a loan under an agreement and the dues are unpaid", moneyContract},
		{"data breach", court.Cyber, court.India, "my personal data was leaked in a data breach", dataBreach},
		{"dismissal", court.Labour, court.UK, "i was unfairly dismissed by my employer", dismissalWages},
		{"matrimonial", court.Family, court.India, "the wife claims maintenance from her husband", matrimonial},
		{"possession", court.Property, court.India, "the defendant encroached on my land and refuses to give possession under my sale deed", possession},
		{"general", court.Tax, court.Canada, "the assessment is wrong", general},
		{"fallback consumer", court.Consumer, court.USA, "the seller did not answer my letters", goodsUS},
		{"fallback labour", court.Labour, court.India, "i was asked to leave", dismissalWages},
		{"fallback family", court.Family, court.UK, "we cannot agree on the children", matrimonial},
		{"fallback contract", court.Contract, court.Canada, "he did not do what he promised", moneyContract},
		{"commercial supply", court.Commercial, court.India, "the buyer has not paid the invoice for the goods supplied under the agreement", moneyContract},
		{"commercial cheque", court.Commercial, court.India, "the cheque given for the supply was dishonoured for insufficient funds under section 138", chequeDishonour},
		{"fallback commercial", court.Commercial, court.UK, "the distributor did not keep its word", moneyContract},
		{"tort trespass", court.Tort, court.India, "the neighbour trespassed on my land and encroached on the boundary", possession},
		{"tort data", court.Tort, court.UK, "the company leaked my personal data", dataBreach},
		{"fallback tort", court.Tort, court.USA, "the driver hit my car at the crossing", general},
		{"fallback cyber", court.Cyber, court.India, "my account was misused", dataBreach},
		{"misleading type: cheque filed as civil", court.Civil, court.India, "the cheque bounced and the return memo says funds insufficient; notice under section 138 was sent", chequeDishonour},
		{"misleading type: deposit filed as consumer", court.Consumer, court.India, "the landlord kept my rental deposit when i vacated the flat; the lease allows a refund of the deposit on vacating; the tenancy ended", depositTenancy},
		{"misleading type: dismissal filed as civil", court.Civil, court.UK, "my employer dismissed me from my job; unfair dismissal; my wages are unpaid; the employer refuses", dismissalWages},
	} {
		c := &court.Case{Type: tc.typ, Jurisdiction: tc.j}
		if got := recognise(c, tc.text); got != tc.want {
			t.Errorf("%s: recognise = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestNegated: "No." before a number negates nothing; "no" before the
// words does.
func TestNegated(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]bool{
		"the rent for flat no. 4b is unpaid":       false,
		"cheque no. 114502 was returned unpaid":    false,
		"cheque no. ch-7781 was returned unpaid":   false,
		"there is no rent unpaid":                  true,
		"he says no. the rent was never unpaid":    true,
		"the tenant did not leave any rent unpaid": true,
	} {
		i := strings.Index(text, "unpaid")
		if got := negated(text, []int{i, i + len("unpaid")}); got != want {
			t.Errorf("negated(%q) = %v, want %v", text, got, want)
		}
	}
}
