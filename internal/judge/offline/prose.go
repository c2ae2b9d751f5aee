package offline

import (
	"fmt"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/factcheck"
)

func filedParagraph(r *reading) string {
	var b strings.Builder
	b.WriteString("What was filed: ")
	for i, s := range []*side{r.a, r.b} {
		if i > 0 {
			b.WriteString("; ")
		}
		f := r.c.Side(s.id)
		fmt.Fprintf(&b, "%s (%s) filed a summary, %s and %s",
			s.id.Label(), s.role, plural(len(s.evidence), "evidence point"), plural(len(f.Documents), "document"))
		if unread := len(f.Documents) - s.nDocs; unread > 0 {
			fmt.Fprintf(&b, " (%d without readable text, which the engine cannot weigh)", unread)
		}
	}
	b.WriteString(". Each evidence point was checked against the documents of both sides: a point whose dates, sums or names appear in the documents counts as corroborated and weighs about three times a bare assertion; a point the documents contradict counts for little.")
	return b.String()
}

func evidenceParagraph(s *side) string {
	if len(s.evidence) == 0 {
		return fmt.Sprintf("%s filed no evidence points, so its case rests on its summary%s.", s.id.Label(), docsNote(s))
	}
	groups := map[string][]string{}
	for _, e := range s.evidence {
		q := quote(e.text)
		switch e.status {
		case corroborated:
			note := "borne out by " + list(quoteAll(uniq(e.support)), 3) + " in the documents"
			if e.admission {
				note += ", including the other side's own documents"
			}
			q += " (" + note + ")"
		case contradicted:
			var parts []string
			for _, cl := range e.against {
				parts = append(parts, fmt.Sprintf("it says %s where the documents say %s", cl.Claim, cl.DocumentValue))
			}
			q += " (" + list(parts, 2) + ")"
		}
		groups[e.status] = append(groups[e.status], q)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s's evidence:", s.id.Label())
	for _, st := range []string{corroborated, partly, uncorroborated, contradicted} {
		g := groups[st]
		if len(g) == 0 {
			continue
		}
		label := map[string]string{
			corroborated:   "corroborated by the documents",
			partly:         "partly corroborated (the documents use the same terms but confirm no date, sum or name)",
			uncorroborated: "not corroborated by any document",
			contradicted:   "contradicted by the documents",
		}[st]
		fmt.Fprintf(&b, " %s — %s.", capFirst(label), strings.Join(limit(g, 4), "; "))
	}
	fmt.Fprintf(&b, " Weighed together, %s's filing scores %.2f.", s.id.Label(), s.strength)
	return b.String()
}

func docsNote(s *side) string {
	if s.nDocs == 0 {
		return " and no readable document"
	}
	return fmt.Sprintf(" and %s", plural(s.nDocs, "readable document"))
}

func comparisonParagraph(r *reading) string {
	var b strings.Builder
	if len(r.agree) > 0 {
		fmt.Fprintf(&b, "Where the sides agree: %s. ", strings.Join(r.agree, "; "))
	} else {
		b.WriteString("The engine found no date, sum or name that both sides mention. ")
	}
	if len(r.conflict) > 0 {
		fmt.Fprintf(&b, "Where they contradict each other: %s.", strings.Join(r.conflict, "; "))
	} else {
		b.WriteString("It found no direct contradiction between the sides on a date, a sum or an event such as payment or delivery.")
	}
	return b.String()
}

// clarityParagraph separates what the record settles from what it leaves
// open, the distinction a tentative view must make.
func clarityParagraph(r *reading) string {
	var clear, open []string
	clear = append(clear, r.agree...)
	for _, s := range []*side{r.a, r.b} {
		n := 0
		for _, e := range s.evidence {
			if e.status == corroborated {
				n++
			}
		}
		if n > 0 {
			clear = append(clear, fmt.Sprintf("%d of %s's %s borne out by the documents", n, s.id.Label(), isAre(n, "evidence point")))
		}
	}
	open = append(open, r.conflict...)
	for _, s := range []*side{r.a, r.b} {
		n := 0
		for _, e := range s.evidence {
			if e.status == uncorroborated || e.status == partly {
				n++
			}
		}
		if n > 0 {
			open = append(open, fmt.Sprintf("%d of %s's %s unverified by any document", n, s.id.Label(), isAre(n, "evidence point")))
		}
	}
	var b strings.Builder
	if len(clear) > 0 {
		fmt.Fprintf(&b, "What is clear: %s. ", capFirst(strings.Join(limit(clear, 5), "; ")))
	} else {
		b.WriteString("Little is clear yet: no fact is confirmed by the documents and both sides. ")
	}
	if len(open) > 0 {
		fmt.Fprintf(&b, "What is not clear: %s.", capFirst(strings.Join(limit(open, 5), "; ")))
	} else {
		b.WriteString("Nothing material appears to be in dispute on the documents.")
	}
	return b.String()
}

func leanSentence(r *reading, lead court.SideID) string {
	if lead == "" {
		return fmt.Sprintf("The two filings weigh about the same (%.2f against %.2f). If nothing changes, %s, who brought the case, bears the burden of proof and would not have discharged it.",
			r.a.strength, r.b.strength, r.a.role)
	}
	s, o := r.side(lead), r.other(lead)
	return fmt.Sprintf("%s's filing is the better corroborated (%.2f against %.2f for %s), which is why the balance provisionally tips its way; it is not yet decisive.",
		s.id.Label(), s.strength, o.strength, o.id.Label())
}

// decisionSentence explains the final balance; sa and sb include the
// arguments' effects.
func decisionSentence(r *reading, lead court.SideID, sa, sb float64) string {
	if lead == "" {
		std := "on the balance of probabilities"
		if r.c.Type == court.Criminal {
			std = "beyond reasonable doubt"
		}
		return fmt.Sprintf("The material on both sides is evenly balanced (%.2f against %.2f). Side A, as %s, had to prove its case %s and has not done so.", sa, sb, r.a.role, std)
	}
	win, lose := sa, sb
	if lead == court.SideB {
		win, lose = sb, sa
	}
	return fmt.Sprintf("Weighing the evidence, the documents and every argument, %s's case is the better supported (%.2f against %.2f): its account is the one the documents bear out, while %s's is corroborated less or contradicted more.",
		lead.Label(), win, lose, r.other(lead).id.Label())
}

func flagsParagraph(flags []court.Flag) string {
	if len(flags) == 0 {
		return ""
	}
	var parts []string
	for _, f := range limitFlags(flags, 5) {
		parts = append(parts, fmt.Sprintf("%s %s (%q)", f.Source, f.Reason, f.Excerpt))
	}
	return "Attempts to instruct the judge were found and ignored: " + strings.Join(parts, "; ") + ". Such text is treated as part of the filing, never as an instruction, and plays no part in the assessment."
}

func limitFlags(f []court.Flag, n int) []court.Flag {
	if len(f) > n {
		return f[:n]
	}
	return f
}

func argumentParagraph(ef effect) string {
	var b strings.Builder
	q := quote(ef.quotedArgText)
	if strings.ContainsAny(ef.quotedArgText[max(0, len(ef.quotedArgText)-1):], ".!?…") {
		fmt.Fprintf(&b, "The argument: %s ", q)
	} else {
		fmt.Fprintf(&b, "The argument: %s. ", q)
	}
	if len(ef.claims) == 0 && !ef.termsOnly {
		b.WriteString("It cites no date, sum or name that can be checked against the documents, so it does not change the balance; it is noted, but an assertion without support in the record cannot move the view.")
		return b.String()
	}
	if ef.termsOnly {
		b.WriteString("It cites no date, sum or name, but it is consistent with what the documents say in their own words, which helps the arguing side slightly. ")
	}
	if len(ef.supported) > 0 {
		fmt.Fprintf(&b, "The documents support %s. ", list(claimTexts(ef.supported, false), 4))
		if len(ef.common) > 0 {
			fmt.Fprintf(&b, "But %s %s common ground, which the other side's own filing states too, so it advances the arguing side little. ", list(claimTexts(ef.common, false), 3), isOrAre(len(ef.common)))
		}
	}
	if len(ef.contradicted) > 0 {
		var parts []string
		for _, cl := range ef.contradicted {
			parts = append(parts, fmt.Sprintf("it gives the %s %s, but the documents give %s", cl.Type, cl.Claim, cl.DocumentValue))
		}
		fmt.Fprintf(&b, "The documents contradict it: %s. ", list(parts, 3))
	}
	if len(ef.unverified) > 0 {
		fmt.Fprintf(&b, "The documents neither confirm nor contradict %s. ", list(claimTexts(ef.unverified, false), 4))
	}
	switch {
	case ef.strengthens != court.Neither:
		fmt.Fprintf(&b, "This strengthens %s.", ef.strengthens)
	case ef.weakens != court.Neither:
		fmt.Fprintf(&b, "This weakens %s: a party whose argument misstates its own record loses credit on the point.", ef.weakens)
	default:
		b.WriteString("On balance it strengthens neither side.")
	}
	return strings.TrimSpace(b.String())
}

func uncertainty(r *reading, ef effect) string {
	var open []string
	if len(ef.unverified) > 0 {
		open = append(open, "whether "+list(claimTexts(ef.unverified, false), 3)+" is right, as no document mentions it")
	}
	open = append(open, r.conflict...)
	if len(open) == 0 {
		return "No specific dispute of fact remains open on the documents, but the engine cannot judge credibility or documents it could not read."
	}
	return "Still uncertain: " + strings.Join(limit(open, 4), "; ") + "."
}

func updatedReasoning(r *reading, ef effect, lead0, lead1 court.SideID, conf0, conf1 int, reconsidered bool) string {
	who := func(l court.SideID) string {
		if l == "" {
			return "no clear winner"
		}
		return l.Label() + " ahead"
	}
	switch {
	case lead0 != lead1:
		return fmt.Sprintf("The view is reconsidered: before this argument the balance showed %s; it now shows %s, with confidence %d (was %d). %s",
			who(lead0), who(lead1), conf1, conf0, tentativeVerdict(r, lead1)+".")
	case reconsidered:
		return fmt.Sprintf("The view is reconsidered: it still shows %s, but confidence moves from %d to %d because of what the documents say about this argument.",
			who(lead1), conf0, conf1)
	}
	return fmt.Sprintf("The view is unchanged: it still shows %s, with confidence %d (was %d).", who(lead1), conf1, conf0)
}

func argumentsParagraph(effects []effect) string {
	if len(effects) == 0 {
		return "No follow-up arguments were made; the final verdict rests on the filings alone."
	}
	var parts []string
	for i, ef := range effects {
		var what string
		switch {
		case ef.strengthens != court.Neither:
			what = "strengthened " + ef.strengthens + " because the documents bear out " + list(claimTexts(ef.supported, false), 2)
		case ef.weakens != court.Neither:
			what = "weakened " + ef.weakens + " because the documents contradict " + list(claimTexts(ef.contradicted, false), 2)
		case ef.termsOnly:
			what = "was consistent with the documents but cited nothing checkable, so it moved the balance only slightly"
		default:
			what = "could not be verified against the documents and changed nothing"
		}
		parts = append(parts, fmt.Sprintf("argument %d (%s) %s", i+1, ef.side.Label(), what))
	}
	return "The arguments: " + strings.Join(parts, "; ") + "."
}

// changeParagraph explains the road from the first view to the last, as
// a final judgment that departs from a tentative one must.
func changeParagraph(c *court.Case, r *reading, lead court.SideID, conf int) string {
	if len(c.Judgments) == 0 {
		return "There was no tentative view before this verdict."
	}
	first := c.Judgments[0]
	fl, ok := leaderOf(first.Verdict)
	switch {
	case !ok:
		return fmt.Sprintf("The tentative view was: %q (confidence %d). The engine now reaches its own conclusion below on the whole record.", clip(first.Verdict, 160), first.Confidence)
	case fl == lead && lead == "":
		return fmt.Sprintf("The tentative view found no clear winner (confidence %d); the arguments did not tip the balance, so the case is decided on the burden of proof.", first.Confidence)
	case fl == lead:
		return fmt.Sprintf("The tentative view also favoured %s (confidence %d); the arguments did not change the direction, and the view is now held with confidence %d.", lead.Label(), first.Confidence, conf)
	case fl == "":
		return fmt.Sprintf("The tentative view found no clear winner (confidence %d); the arguments tipped the balance toward %s.", first.Confidence, lead.Label())
	case lead == "":
		return fmt.Sprintf("The tentative view favoured %s (confidence %d), but the arguments evened the balance, so the case is decided on the burden of proof.", fl.Label(), first.Confidence)
	}
	return fmt.Sprintf("The tentative view favoured %s (confidence %d); the arguments reversed it in favour of %s.", fl.Label(), first.Confidence, lead.Label())
}

func claimTexts(cs []factcheck.Claim, withStatus bool) []string {
	var out []string
	for _, c := range cs {
		s := c.Claim
		if withStatus {
			s += " (" + string(c.Status) + ")"
		}
		out = append(out, s)
	}
	return uniq(out)
}

func quote(s string) string { return "“" + clip(strings.Join(strings.Fields(s), " "), 120) + "”" }

func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = quote(s)
	}
	return out
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}

// list joins items as prose: "a", "a and b", "a, b and c", "a, b and 2 more".
func list(items []string, most int) string {
	if len(items) == 0 {
		return ""
	}
	if len(items) > most {
		rest := len(items) - most
		return strings.Join(items[:most], ", ") + fmt.Sprintf(" and %d more", rest)
	}
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

func limit(items []string, n int) []string {
	if len(items) > n {
		return append(items[:n:n], fmt.Sprintf("%d more", len(items)-n))
	}
	return items
}

func uniq(items []string) []string {
	var out []string
	for _, s := range items {
		dup := false
		for _, o := range out {
			if o == s {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func isOrAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// isAre writes "evidence point is" or "evidence points are".
func isAre(n int, word string) string {
	if n == 1 {
		return word + " is"
	}
	return word + "s are"
}

func capFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}
