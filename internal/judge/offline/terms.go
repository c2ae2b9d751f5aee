package offline

import (
	"strings"

	"github.com/aijudge/aijudge/internal/factcheck"
)

// commonWords carry no evidence: function words and the vocabulary every
// pleading uses, which would make any two filings look alike.
var commonWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`about above after again against also among another because been before
		being below between both cannot could does doing done down during each either every from further
		have having here herself himself into itself just more most much must neither none other ought
		over same shall should some such than that their them then there these they this those through
		under until upon very were what when where which while whom with within without would your
		yours also only even still side party parties case court honourable hon'ble learned counsel
		said says stated states submit submitted submits claim claims claimed alleged alleges allegation
		argument argues evidence document documents filed file matter respect regard regarding therefore
		hence thus however whereas herein thereof hereby dated date amount rupees make made will would
		like want told tell gave given give take taken time times year years month months days well
		please kindly sir madam section order rule article under plaintiff defendant complainant
		respondent petitioner accused prosecution defence defense opposite`) {
		m[w] = true
	}
	return m
}()

// terms returns the distinct content words of text, crudely stemmed so
// that "dishonoured" meets "dishonour" and "payments" meets "payment".
func terms(text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range factcheck.Words(text) {
		if len(w) < 4 || commonWords[w] || isDigits(w) {
			continue
		}
		w = stem(w)
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

func stem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 4 {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

func isDigits(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
