package offline

import (
	"regexp"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
)

// The templates are written with the party who brings the case as Side
// A. Which side that is follows what the filings say, not the letter: a
// side that claims, complains of non-payment or filed the complaint is
// the claimant; a side that admits, denies or says it is entitled to
// keep what it holds answers the claim. When the filings show Side B
// bringing the case, the engine judges the case with the sides exchanged
// and exchanges them back in what it writes, so the same filings get the
// same decision whichever letter they were filed under.

// claimCues mark a filing that brings the case.
var claimCues = regexp.MustCompile(`\b(?:` + strings.Join([]string{
	`filed (?:a |the |this |her |his |its |my |our )?(?:complaint|claim|suit|petition|application)`,
	`(?:complaint|claim|suit|petition|application) (?:was|is|were) (?:filed|lodged|presented|made|brought)`,
	`presented (?:the |his |her |its |a |my |their )?claim`,
	`lodged (?:a |the |her |his |its |my )?(?:claim|complaint|application)`,
	`(?:has|have|had) not (?:been )?(?:paid|refunded|returned|repaid|reimbursed)`,
	`nothing (?:has been|was|is) (?:paid|refunded|returned|repaid)`,
	`(?:failed|refused|declined|neglected) to (?:pay|refund|return|repay|repair|replace|reimburse)`,
	`(?:remains?|is|are|was|went) unpaid`,
	`(?:seeks?|sought|demands?|demanded|prays? for|asks? for|wants?)`,
	`claims? (?:rs\.?|£|\$|€|c\$|a\$|inr|usd|eur|gbp|aud|cad|maintenance|compensation|damages|unfair|the |a |an |refund|return|repayment|interest|wages|notice|reinstatement|payment|back|his |her |its )`,
	`sues|sued`,
}, "|") + `)`)

// answerCues mark a filing that answers one.
var answerCues = regexp.MustCompile(`\b(?:` + strings.Join([]string{
	`denies|denied|deny`,
	`admits?|admitted`,
	`accepts?|accepted`,
	`disputes?|disputed`,
	`not liable`,
	`time[- ]barred`,
	`entitled to (?:keep|withhold|deduct|retain|forfeit|terminate|dismiss|refuse|set off)`,
	`(?:the|this|her|his|its) claim (?:is|was) (?:inflated|false|exaggerated|baseless|time|out of time|frivolous)`,
	`(?:was|is) (?:lawfully|fairly|validly|properly) (?:dismissed|terminated|withheld|deducted)`,
}, "|") + `)`)

// claimant is the side whose filing brings the case: the one whose
// summary carries more of the words of a claim than of an answer, then
// the one with more documents, then more evidence points; Side A when
// the filings cannot tell them apart.
func claimant(c *court.Case) court.SideID {
	a, b := claimScore(&c.A), claimScore(&c.B)
	switch {
	case b > a:
		return court.SideB
	case a > b:
		return court.SideA
	case len(c.B.Documents) > len(c.A.Documents):
		return court.SideB
	case len(c.A.Documents) > len(c.B.Documents):
		return court.SideA
	case len(c.B.Evidence) > len(c.A.Evidence):
		return court.SideB
	}
	return court.SideA
}

func claimScore(s *court.Side) int {
	t := strings.ToLower(s.Summary)
	return len(claimCues.FindAllStringIndex(t, -1)) - len(answerCues.FindAllStringIndex(t, -1))
}

// exchangeLabels writes "Side A" for "Side B" and the other way round.
var labelSwap = strings.NewReplacer("Side A", "Side B", "Side B", "Side A")

func exchangeLabels(s string) string { return labelSwap.Replace(s) }

// exchangeRuling turns a ruling on the exchanged case back to the sides
// as filed.
func exchangeRuling(r *court.Ruling) {
	r.Verdict = exchangeLabels(r.Verdict)
	r.Reasoning = exchangeLabels(r.Reasoning)
	r.Favours = r.Favours.Mirror()
	r.Roles.A, r.Roles.B = r.Roles.B, r.Roles.A
	for i := range r.Issues {
		is := &r.Issues[i]
		if is.Burden != "" {
			is.Burden = is.Burden.Other()
		}
		is.Question = exchangeLabels(is.Question)
		is.Standard = exchangeLabels(is.Standard)
		is.Rule = exchangeLabels(is.Rule)
		is.Application = exchangeLabels(is.Application)
		is.Answer = exchangeLabels(is.Answer)
		for k := range is.Findings {
			f := &is.Findings[k]
			f.Fact = exchangeLabels(f.Fact)
			for n := range f.Sources {
				s := &f.Sources[n]
				if s.Side != "" {
					s.Side = s.Side.Other()
				}
				s.Label = exchangeLabels(s.Label)
			}
		}
	}
	for i := range r.Relief {
		r.Relief[i].Description = exchangeLabels(r.Relief[i].Description)
	}
	exchangeFlags(r.Flags)
}

func exchangeFlags(fs []court.Flag) {
	for i := range fs {
		fs[i].Source = exchangeLabels(fs[i].Source)
	}
}

// exchangeAnswer turns an answer on the exchanged case back to the sides
// as filed.
func exchangeAnswer(a *court.Answer) {
	a.Response = exchangeLabels(a.Response)
	a.Strengthens = exchangeLabels(a.Strengthens)
	a.Weakens = exchangeLabels(a.Weakens)
	a.UncertaintyRemains = exchangeLabels(a.UncertaintyRemains)
	a.UpdatedReasoning = exchangeLabels(a.UpdatedReasoning)
	a.ProvisionalNote = exchangeLabels(a.ProvisionalNote)
	a.Verdict = exchangeLabels(a.Verdict)
	a.Favours = a.Favours.Mirror()
	exchangeFlags(a.Flags)
}
