package ui

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/clerk"
	"github.com/aijudge/aijudge/internal/court"
)

// caseData is what the case and verdict pages show.
type caseData struct {
	Case      *court.Case
	Latest    *court.Judgment
	Final     *court.Judgment
	Appeal    *court.Judgment // the appeal judgment, once there is one
	Remaining int
	// CanArgue lists the sides whose boxes this visitor sees.
	CanA, CanB bool
	Party      bool // may ask for judgments (observers may not)
	Owner      bool
	Role       string
	Offline    bool // the offline engine wrote the latest judgment
	Cached     bool // the last answer came from the cache
	ArgSide    string
	ArgText    string
	ArgError   string
	InviteURL  string
	Timeline   timeline
	// Facts are the dates, amounts and names of the case's documents,
	// as JSON, for the argument boxes' fact-check; "" without documents.
	Facts string
}

// loadCase reads the case for a visitor whose seat allows need: a
// non-member gets the very "does not exist" a missing case gets.
func (u *UI) loadCase(q *request, need clerk.Need) (*caseData, *clerk.Seat, error) {
	if err := u.needUser(q); err != nil {
		return nil, nil, err
	}
	st, err := u.o.Clerk.Seat(q.ctx, q.userID(), q.r.PathValue("id"), need)
	if err != nil {
		return nil, nil, err
	}
	c, err := u.o.Clerk.Case(q.ctx, st)
	if err != nil {
		return nil, nil, err
	}
	d := &caseData{Case: c, Latest: c.Latest(), Remaining: c.RemainingArguments(), Party: true, Owner: true}
	d.CanA, d.CanB = st.ActsFor(court.SideA), st.ActsFor(court.SideB)
	if a := st.Access(); a != nil {
		d.Party, d.Owner, d.Role = a.Party(), a.Owner(), string(a.Member.Role)
	}
	if d.Latest != nil {
		d.Offline = d.Latest.Judge.Provider == "offline"
		for i := range c.Judgments {
			switch j := &c.Judgments[i]; j.Kind {
			case court.Final:
				d.Final = j
			case court.AppealKind:
				d.Appeal = j
			}
		}
	}
	if (d.CanA || d.CanB) && d.Party && d.Remaining > 0 {
		d.Facts = u.facts.caseFacts(c)
	}
	d.Cached = q.r.URL.Query().Get("cached") == "1"
	d.Timeline = newTimeline(c.Judgments)
	return d, st, nil
}

func (u *UI) casePage(q *request) error {
	d, _, err := u.loadCase(q, clerk.Read)
	if err != nil {
		return err
	}
	u.render(q, http.StatusOK, "case", &page{Title: q.cat.T("case.title"), Data: d})
	return nil
}

func (u *UI) judgment(q *request) error {
	_, st, err := u.loadCase(q, clerk.Write)
	if err != nil {
		return err
	}
	_, cached, err := u.o.Clerk.Judgment(q.ctx, st, nil)
	if err != nil {
		return err
	}
	to := "/cases/" + url.PathEscape(q.r.PathValue("id"))
	if cached {
		to += "?cached=1"
	}
	u.redirect(q, to+"#judgment")
	return nil
}

func (u *UI) argue(q *request) error {
	d, st, err := u.loadCase(q, clerk.Write)
	if err != nil {
		return err
	}
	side, err := court.ParseSide(q.r.PostFormValue("side"))
	if err != nil {
		return err
	}
	text := q.r.PostFormValue("argument")
	if _, _, err := u.o.Clerk.Argue(q.ctx, st, side, text, nil, nil); err != nil {
		code := court.ErrorCode(err)
		if code != court.EInvalid && code != court.ETooLarge && code != court.EConflict {
			return err
		}
		d.ArgSide, d.ArgText, d.ArgError = string(side), text, q.errorText(err)
		u.render(q, statusOf(code), "case", &page{Title: q.cat.T("case.title"), Data: d})
		return nil
	}
	u.redirect(q, "/cases/"+url.PathEscape(d.Case.ID)+"#arguments")
	return nil
}

func (u *UI) finalVerdict(q *request) error {
	d, st, err := u.loadCase(q, clerk.Write)
	if err != nil {
		return err
	}
	if _, _, err := u.o.Clerk.FinalVerdict(q.ctx, st, nil); err != nil {
		return err
	}
	u.redirect(q, "/cases/"+url.PathEscape(d.Case.ID)+"/verdict")
	return nil
}

// invite creates an invitation and shows its link once, on the case page.
func (u *UI) invite(q *request) error {
	if u.o.Auth == nil {
		return errNotFound
	}
	d, st, err := u.loadCase(q, clerk.Own)
	if err != nil {
		return err
	}
	role, err := auth.ParseRole(q.r.PostFormValue("role"))
	if err != nil {
		return err
	}
	_, token, err := u.o.Clerk.Invite(q.ctx, st, role)
	if err != nil {
		return err
	}
	// From PUBLIC_URL, never from the request's Host header.
	d.InviteURL = strings.TrimSuffix(u.o.PublicURL, "/") + "/invites/" + url.PathEscape(token)
	u.render(q, http.StatusOK, "case", &page{Title: q.cat.T("case.title"), Data: d})
	return nil
}

func (u *UI) verdictPage(q *request) error {
	d, _, err := u.loadCase(q, clerk.Read)
	if err != nil {
		return err
	}
	u.render(q, http.StatusOK, "verdict", &page{Title: q.cat.T("verdict.title"), Data: d})
	return nil
}

// appeal appeals the final verdict for the side the form names.
func (u *UI) appeal(q *request) error {
	d, st, err := u.loadCase(q, clerk.Write)
	if err != nil {
		return err
	}
	side, err := court.ParseSide(q.r.PostFormValue("side"))
	if err != nil {
		return err
	}
	if _, err := u.o.Clerk.Appeal(q.ctx, st, side, nil, nil); err != nil {
		return err
	}
	u.redirect(q, "/cases/"+url.PathEscape(d.Case.ID)+"/verdict#appeal")
	return nil
}

// CanAppeal reports whether the visitor may appeal the final verdict now.
func (d *caseData) CanAppeal() bool {
	return d.Party && d.Final != nil && d.Appeal == nil && (d.CanA || d.CanB)
}

// documentData is the document page: what the judge reads of one
// document.
type documentData struct {
	Case     *court.Case
	Document *court.Document
}

// documentPage shows a document's extracted text to the case's members,
// so that a party sees what the judge read before arguing.
func (u *UI) documentPage(q *request) error {
	d, _, err := u.loadCase(q, clerk.Read)
	if err != nil {
		return err
	}
	id := q.r.PathValue("docId")
	for _, side := range []*court.Side{&d.Case.A, &d.Case.B} {
		for i := range side.Documents {
			if side.Documents[i].ID == id {
				u.render(q, http.StatusOK, "document", &page{Title: side.Documents[i].Name,
					Data: &documentData{Case: d.Case, Document: &side.Documents[i]}})
				return nil
			}
		}
	}
	return errNotFound
}

// CanArgue reports whether the visitor sees side s's argument box.
func (d *caseData) CanArgue(s string) bool {
	if s == "A" {
		return d.CanA
	}
	return d.CanB
}
