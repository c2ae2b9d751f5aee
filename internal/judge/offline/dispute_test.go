package offline

import (
	"strings"
	"testing"
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
