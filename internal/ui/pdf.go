package ui

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/go-pdf/fpdf"
)

// pdfFont is Lohit Devanagari (SIL Open Font License 1.1, fonts/OFL.txt):
// one face with Latin, Devanagari and the rupee sign, so the parties'
// words and the Hindi labels print as written. fpdf embeds the glyphs
// used but does not shape complex scripts: Devanagari conjuncts and
// vowel signs that need reordering may print unjoined. The font has one
// weight, so headings differ by size and rule, not by boldness.
//
//go:embed fonts/Lohit-Devanagari.ttf
var pdfFont []byte

const pdfFamily = "lohit"

// judgmentPDF lays a case out like a court's judgment in the reader's
// language: the parties, what each side filed, the judgment with its
// issues, findings and their sources, the relief and the checked legal
// basis, the arguments with the judge's answers, the history of
// confidence, and the notice.
func judgmentPDF(c *court.Case, lang string, cat catalog) ([]byte, error) {
	T := cat.T
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes(pdfFamily, "", pdfFont)
	p.SetLang(lang)
	p.SetTitle(T("app.name")+" · "+c.ID, true)
	p.SetCreator(T("app.name"), true)
	p.SetMargins(20, 20, 20)
	p.SetAutoPageBreak(true, 20)
	p.SetFooterFunc(func() {
		p.SetY(-14)
		p.SetFont(pdfFamily, "", 8)
		p.CellFormat(0, 6, T("pdf.footer", p.PageNo()), "", 0, "C", false, 0, "")
	})
	p.AddPage()
	const left = 20.0
	heading := func(s string) {
		p.Ln(3)
		p.SetFont(pdfFamily, "", 14)
		p.MultiCell(0, 8, s, "B", "L", false)
		p.Ln(1)
	}
	subheading := func(s string) {
		p.SetFont(pdfFamily, "", 12)
		p.MultiCell(0, 6.5, s, "", "L", false)
	}
	body := func(s string) {
		p.SetFont(pdfFamily, "", 10.5)
		p.MultiCell(0, 5.5, s, "", "L", false)
		p.Ln(0.5)
	}
	// indented writes s a step in from the margin: the findings under an
	// issue, the sources under a finding.
	indented := func(step int, s string) {
		p.SetLeftMargin(left + 6*float64(step))
		p.SetX(left + 6*float64(step))
		body(s)
		p.SetLeftMargin(left)
	}
	label := func(k, v string) {
		p.SetFont(pdfFamily, "", 10.5)
		p.SetTextColor(80, 80, 80)
		p.CellFormat(45, 6, k, "", 0, "L", false, 0, "")
		p.SetTextColor(0, 0, 0)
		p.MultiCell(0, 6, v, "", "L", false)
	}

	p.SetFont(pdfFamily, "", 18)
	p.MultiCell(0, 10, T("pdf.court"), "", "C", false)
	p.SetFont(pdfFamily, "", 11.5)
	p.MultiCell(0, 7, T("pdf.jurisdiction", T("jur."+string(c.Jurisdiction)), T("type."+string(c.Type))), "", "C", false)
	p.MultiCell(0, 7, T("pdf.case", c.ID, c.CreatedAt.UTC().Format("2 January 2006")), "", "C", false)

	j := c.Latest()
	st := newStructure(c, j)
	heading(T("pdf.parties"))
	for _, s := range []court.SideID{court.SideA, court.SideB} {
		v := T("side." + string(s))
		if st != nil && st.Role(s) != "" {
			v = T("role."+string(s)) + " (" + cat.partyRole(st.Role(s)) + ")"
		}
		label(T("role."+string(s)), v)
	}
	label(T("pdf.status"), T("status."+string(c.Status)))

	heading(T("case.filings"))
	for _, s := range []court.SideID{court.SideA, court.SideB} {
		side := c.Side(s)
		subheading(T("pdf.contends", T("side."+string(s))))
		body(side.Summary)
		for i, e := range side.Evidence {
			body(T("pdf.evidence", i+1, e))
		}
		for _, doc := range side.Documents {
			body(T("pdf.document", doc.Name))
		}
	}

	if j != nil {
		heading(T("kind."+string(j.Kind)) + " · " + T("judgment.version", j.Version))
		label(T("verdict.title"), j.Verdict)
		if st != nil && st.Favours != "" {
			fav := T("structure.favoursNeither")
			if st.Favours != court.FavoursNeither {
				fav = T("role." + string(st.Favours))
				if r := st.Role(court.SideID(st.Favours)); r != "" {
					fav += " (" + cat.partyRole(r) + ")"
				}
			}
			label(strings.TrimSuffix(T("structure.favours"), ":"), fav)
		}
		label(T("timeline.confidence"), fmt.Sprintf("%d / 100", j.Confidence))
		if checks := checkLines(j, T); len(checks) > 0 {
			heading(T("checks.title"))
			for _, l := range checks {
				body(l)
			}
		}
		heading(T("judgment.reasoning"))
		body(j.Reasoning)
		if st != nil {
			structurePDF(p, st, cat, subheading, body, indented)
		}
		heading(T("judgment.legalBasis"))
		if st != nil && len(st.Citations) > 0 {
			for i, ci := range st.Citations {
				body(fmt.Sprintf("%d. %s", i+1, citationText(ci, T)))
			}
		} else {
			for i, lb := range j.LegalBasis {
				body(fmt.Sprintf("%d. %s", i+1, lb))
			}
		}
	}

	if len(c.Arguments) > 0 {
		heading(T("pdf.arguments"))
		for _, a := range c.Arguments {
			subheading(T("pdf.argument", a.Seq, T("role."+string(a.Side))))
			body(a.Text)
			subheading(T("pdf.answer"))
			body(a.Response)
			body(T("arguments.strengthens") + ": " + a.Strengthens + ". " + T("arguments.weakens") + ": " + a.Weakens + ".")
			if a.UncertaintyRemains != "" {
				body(T("arguments.uncertainty") + ": " + a.UncertaintyRemains)
			}
			if a.Reconsidered {
				body(T("arguments.reconsidered") + " " + a.UpdatedReasoning)
			}
		}
	}

	if len(c.Judgments) > 0 {
		heading(T("timeline.title"))
		p.SetFont(pdfFamily, "", 10.5)
		p.CellFormat(25, 7, T("timeline.version"), "1", 0, "C", false, 0, "")
		p.CellFormat(55, 7, T("timeline.kind"), "1", 0, "C", false, 0, "")
		p.CellFormat(30, 7, T("timeline.confidence"), "1", 1, "C", false, 0, "")
		for _, j := range c.Judgments {
			p.CellFormat(25, 7, fmt.Sprint(j.Version), "1", 0, "C", false, 0, "")
			p.CellFormat(55, 7, T("kind."+string(j.Kind)), "1", 0, "C", false, 0, "")
			p.CellFormat(30, 7, fmt.Sprint(j.Confidence), "1", 1, "C", false, 0, "")
		}
	}

	heading(T("notice.title"))
	body(T("notice.legal"))

	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// structurePDF prints the issues with their findings and sources, and
// the relief. A finding's status is a word in brackets: the font has no
// check marks.
func structurePDF(p *fpdf.Fpdf, st *structure, cat catalog,
	subheading, body func(string), indented func(int, string)) {
	T := cat.T
	if len(st.Issues) > 0 {
		p.Ln(2)
		p.SetFont(pdfFamily, "", 14)
		p.MultiCell(0, 8, T("structure.issues"), "B", "L", false)
		p.Ln(1)
	}
	for i, is := range st.Issues {
		subheading(T("structure.issue", i+1) + " " + is.Question)
		if is.Burden != "" {
			b := T("role." + string(is.Burden))
			if r := st.Role(is.Burden); r != "" {
				b += " (" + cat.partyRole(r) + ")"
			}
			indented(1, T("structure.burden")+": "+b)
		}
		if is.Standard != "" {
			indented(1, T("structure.standard")+": "+is.Standard)
		}
		if len(is.Findings) > 0 {
			indented(1, T("structure.findings")+":")
		}
		for _, f := range is.Findings {
			indented(2, "["+T("finding."+string(f.Status))+"] "+f.Fact)
			for _, s := range f.Sources {
				indented(3, T("source."+string(s.Kind))+": "+s.Label)
				if s.Quote != "" {
					indented(4, "“"+s.Quote+"”")
				}
				if s.Grounding == court.QuoteMissing {
					indented(4, "[!] "+T("checks.ungrounded"))
				}
			}
		}
		if is.Rule != "" {
			indented(1, T("structure.rule")+": "+is.Rule)
		}
		for _, pv := range is.Provisions {
			if pv.Citation != nil {
				indented(2, citationText(*pv.Citation, T))
			} else {
				indented(2, pv.Text)
			}
		}
		if is.Application != "" {
			indented(1, T("structure.application")+": "+is.Application)
		}
		if is.Answer != "" {
			indented(1, T("structure.answer")+": "+is.Answer)
		}
		p.Ln(1)
	}
	if len(st.Relief) > 0 {
		p.Ln(2)
		p.SetFont(pdfFamily, "", 14)
		p.MultiCell(0, 8, T("structure.relief"), "B", "L", false)
		p.Ln(1)
		for i, o := range st.Relief {
			s := fmt.Sprintf("%d. %s: %s", i+1, T("relief."+string(o.Kind)), o.Description)
			if o.Amount != "" {
				s += " — " + o.Amount
			}
			body(s)
		}
	}
}

// citationText is a citation as the PDF prints it: a verified one with
// its title, any other marked "not verified" with the reason.
// checkLines are the sentences the page's checks section shows: the
// appeal's outcome, the position-swap check, the quotes' grounding and
// the bench with each opinion.
func checkLines(j *court.Judgment, T func(string, ...any) string) []string {
	var out []string
	side := func(f court.Favours) string {
		if f == court.FavoursNeither {
			return T("structure.favoursNeither")
		}
		return T("role." + string(f))
	}
	if a := j.Appeal; a != nil {
		out = append(out, T("appeal.record", T("role."+string(a.By)), a.From, T("appeal."+string(a.Outcome))))
	}
	if sw := j.Swap; sw != nil {
		if sw.Consistent {
			out = append(out, T("checks.swapConsistent"))
		} else {
			out = append(out, "[!] "+T("checks.swapFlipped", side(sw.Favours), j.Confidence, sw.ConfidenceBefore))
		}
	}
	if g := j.Grounding(); g.Quoted > 0 {
		out = append(out, T("checks.grounding", g.Found, g.Quoted))
	}
	if b := j.Bench; b != nil {
		line := T("checks.bench", b.Seated, b.Agree, b.Sat)
		if b.Sat < b.Seated {
			line += " " + T("checks.absent", b.Seated-b.Sat)
		}
		out = append(out, line)
		for _, op := range b.Opinions {
			l := T("opinion."+string(op.Role)) + " · " + op.Judge.Provider + " / " + op.Judge.Model
			if op.Error != "" {
				l += ": " + op.Error
			} else {
				l += " · " + side(op.Favours) + " · " + fmt.Sprintf("%d / 100", op.Confidence) + ": " + op.Verdict
			}
			out = append(out, l)
		}
	}
	return out
}

func citationText(ci court.Citation, T func(string, ...any) string) string {
	if ci.Status.Verified() {
		if t := citeTitle(ci); t != "" {
			return ci.Text + " — " + t
		}
		return ci.Text
	}
	s := ci.Text + " [" + T("citation.notVerified") + ": " + T("citation."+string(ci.Status))
	if ci.Instead != "" {
		s += " " + T("citation.instead", ci.Instead)
	}
	return s + "]"
}
