package ui

import (
	"encoding/json"

	"github.com/aijudge/aijudge/internal/clerk"
	"github.com/aijudge/aijudge/internal/court"
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
	b, err := judgmentPDF(d.Case, q.lang, q.cat)
	if err != nil {
		return court.Wrap(court.EInternal, err, "The PDF could not be made.")
	}
	h := q.w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="aijudge-`+d.Case.ID+`.pdf"`)
	q.w.Write(b)
	return nil
}
