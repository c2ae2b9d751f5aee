package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aijudge/aijudge/internal/clerk"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
)

// verdictJSON downloads the whole case as the API shows it.
func (u *UI) verdictJSON(q *request) error {
	d, _, err := u.loadCase(q, clerk.Read)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(struct {
		*court.Case
		RemainingArguments int    `json:"remainingArguments"`
		Notice             string `json:"notice"`
	}{d.Case, d.Remaining, court.Notice}, "", "  ")
	if err != nil {
		return court.Wrap(court.EInternal, err, "The case could not be encoded.")
	}
	h := q.w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Disposition", `attachment; filename="aijudge-`+d.Case.ID+`.json"`)
	q.w.Write(append(b, '\n'))
	return nil
}

func (u *UI) verdictPDF(q *request) error {
	d, _, err := u.loadCase(q, clerk.Read)
	if err != nil {
		return err
	}
	b, err := judgmentPDF(d.Case)
	if err != nil {
		return court.Wrap(court.EInternal, err, "The PDF could not be made.")
	}
	h := q.w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="aijudge-`+d.Case.ID+`.pdf"`)
	q.w.Write(b)
	return nil
}

// cp1252 makes text showable in a core PDF font, which knows only
// Windows-1252: the rupee sign becomes "Rs.", other unknown characters
// "?".
func cp1252(s string) string {
	s = strings.ReplaceAll(s, "₹", "Rs. ")
	s = strings.ReplaceAll(s, "Rs.  ", "Rs. ")
	var b strings.Builder
	for _, r := range s {
		if r == '\n' || r == '\t' {
			b.WriteRune(r)
			continue
		}
		c, ok := charmap.Windows1252.EncodeRune(r)
		if !ok {
			c = '?'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// judgmentPDF lays a case out like a court's judgment: the parties, the
// issues as each side put them, the judgment, the arguments with the
// judge's answers, the history of confidence, and the notice.
func judgmentPDF(c *court.Case) ([]byte, error) {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetTitle("AI Judge - case "+c.ID, false)
	p.SetCreator("AI Judge", false)
	p.SetMargins(20, 20, 20)
	p.SetAutoPageBreak(true, 20)
	p.SetFooterFunc(func() {
		p.SetY(-14)
		p.SetFont("Helvetica", "I", 8)
		p.CellFormat(0, 6, cp1252(fmt.Sprintf("AI Judge - not legal advice - page %d", p.PageNo())), "", 0, "C", false, 0, "")
	})
	p.AddPage()
	heading := func(s string) {
		p.Ln(3)
		p.SetFont("Times", "B", 13)
		p.CellFormat(0, 8, cp1252(s), "B", 1, "L", false, 0, "")
		p.Ln(1)
	}
	body := func(s string) {
		p.SetFont("Times", "", 11)
		p.MultiCell(0, 5.5, cp1252(s), "", "J", false)
		p.Ln(1)
	}
	label := func(k, v string) {
		p.SetFont("Times", "B", 11)
		p.CellFormat(45, 6, cp1252(k), "", 0, "L", false, 0, "")
		p.SetFont("Times", "", 11)
		p.MultiCell(0, 6, cp1252(v), "", "L", false)
	}

	p.SetFont("Times", "B", 18)
	p.CellFormat(0, 10, "IN THE AI JUDGE MOCK COURT", "", 1, "C", false, 0, "")
	p.SetFont("Times", "", 12)
	p.CellFormat(0, 7, cp1252(fmt.Sprintf("Jurisdiction: %s   -   %s case", c.Jurisdiction, titleCase(string(c.Type)))), "", 1, "C", false, 0, "")
	p.CellFormat(0, 7, cp1252("Case "+c.ID+"   -   filed "+c.CreatedAt.UTC().Format("2 January 2006")), "", 1, "C", false, 0, "")

	heading("Parties")
	label("Side A", "Plaintiff / prosecution")
	label("Side B", "Defendant / defence")
	label("Status", string(c.Status))

	heading("Issues")
	for _, s := range []court.SideID{court.SideA, court.SideB} {
		side := c.Side(s)
		p.SetFont("Times", "B", 11)
		p.CellFormat(0, 6, cp1252(s.Label()+" contends"), "", 1, "L", false, 0, "")
		body(side.Summary)
		for i, e := range side.Evidence {
			body(fmt.Sprintf("Evidence %d. %s", i+1, e))
		}
		for _, doc := range side.Documents {
			body("Document: " + doc.Name)
		}
	}

	if j := c.Latest(); j != nil {
		title := "Judgment"
		if j.Kind == court.Final {
			title = "Final verdict"
		}
		heading(fmt.Sprintf("%s (version %d, %s)", title, j.Version, j.Kind))
		label("Verdict", j.Verdict)
		label("Confidence", fmt.Sprintf("%d / 100", j.Confidence))
		heading("Reasoning")
		body(j.Reasoning)
		heading("Legal basis")
		for i, lb := range j.LegalBasis {
			body(fmt.Sprintf("%d. %s", i+1, lb))
		}
	}

	if len(c.Arguments) > 0 {
		heading("Arguments and the judge's answers")
		for _, a := range c.Arguments {
			p.SetFont("Times", "B", 11)
			p.CellFormat(0, 6, cp1252(fmt.Sprintf("Argument %d, by %s", a.Seq, a.Side.Label())), "", 1, "L", false, 0, "")
			body(a.Text)
			p.SetFont("Times", "BI", 11)
			p.CellFormat(0, 6, "Answer", "", 1, "L", false, 0, "")
			body(a.Response)
			body(fmt.Sprintf("Strengthens: %s. Weakens: %s.", a.Strengthens, a.Weakens))
			if a.UncertaintyRemains != "" {
				body("Uncertainty remains: " + a.UncertaintyRemains)
			}
			if a.Reconsidered {
				body("The judge reconsidered: " + a.UpdatedReasoning)
			}
		}
	}

	if len(c.Judgments) > 0 {
		heading("Confidence history")
		p.SetFont("Times", "B", 11)
		p.CellFormat(25, 7, "Version", "1", 0, "C", false, 0, "")
		p.CellFormat(45, 7, "Kind", "1", 0, "C", false, 0, "")
		p.CellFormat(30, 7, "Confidence", "1", 1, "C", false, 0, "")
		p.SetFont("Times", "", 11)
		for _, j := range c.Judgments {
			p.CellFormat(25, 7, fmt.Sprint(j.Version), "1", 0, "C", false, 0, "")
			p.CellFormat(45, 7, string(j.Kind), "1", 0, "C", false, 0, "")
			p.CellFormat(30, 7, fmt.Sprint(j.Confidence), "1", 1, "C", false, 0, "")
		}
	}

	heading("Notice")
	body(court.Notice)

	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
