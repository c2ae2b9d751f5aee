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
		`\bdefect(?:s|ive)?\b|\bfaulty\b`: {"defect", "faulty"},
		`\bnotice\b[^.;]{0,20}\b(?:dated|sent)\b`: {"notice"},
		`\bfoo\b|[a-z]+`: nil,
		`(?i)rent`: nil,
	} {
		if got := required(expr); !slices.Equal(got, want) {
			t.Errorf("required(%q) = %q, want %q", expr, got, want)
		}
	}
}
