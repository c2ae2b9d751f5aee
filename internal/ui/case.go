package ui

import (
	"net/http"
	"net/url"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/court"
)

// caseData is what the case and verdict pages show.
type caseData struct {
	Case      *court.Case
	Latest    *court.Judgment
	Final     *court.Judgment
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

// loadCase reads the case the visitor may see: a non-member gets the
// very "does not exist" a missing case gets.
func (u *UI) loadCase(q *request) (*caseData, *auth.Access, error) {
	if err := u.needUser(q); err != nil {
		return nil, nil, err
	}
	id := q.r.PathValue("id")
	var a *auth.Access
	if u.o.Auth != nil {
		var err error
		if a, err = u.o.Auth.Access(q.ctx, id, q.user.ID); err != nil {
			return nil, nil, err
		}
	}
	c, err := u.o.Service.Case(q.ctx, id)
	if err != nil {
		return nil, nil, err
	}
	d := &caseData{Case: c, Latest: c.Latest(), Remaining: c.RemainingArguments(), Party: true, Owner: a == nil}
	if a == nil {
		d.CanA, d.CanB = true, true
	} else {
		d.CanA, d.CanB = a.ActsFor(court.SideA), a.ActsFor(court.SideB)
		d.Party, d.Owner, d.Role = a.Party(), a.Owner(), string(a.Member.Role)
	}
	if d.Latest != nil {
		d.Offline = d.Latest.Judge.Provider == "offline"
		if d.Latest.Kind == court.Final {
			d.Final = d.Latest
		}
	}
	if (d.CanA || d.CanB) && d.Party && d.Remaining > 0 {
		d.Facts = u.facts.caseFacts(c)
	}
	d.Cached = q.r.URL.Query().Get("cached") == "1"
	d.Timeline = newTimeline(c.Judgments)
	return d, a, nil
}

func (u *UI) casePage(q *request) error {
	d, _, err := u.loadCase(q)
	if err != nil {
		return err
	}
	u.render(q, http.StatusOK, "case", &page{Title: q.cat.T("case.title"), Data: d})
	return nil
}

// mayWrite refuses observers, like the API's "party" policy.
func mayWrite(a *auth.Access) error {
	if a != nil && !a.Party() {
		return court.Errorf(court.EForbidden, "Observers may read this case but not change it.")
	}
	return nil
}

func (u *UI) judgment(q *request) error {
	_, a, err := u.loadCase(q)
	if err != nil {
		return err
	}
	if err := mayWrite(a); err != nil {
		return err
	}
	v, err := u.o.Service.Judgment(q.ctx, q.r.PathValue("id"), nil)
	if err != nil {
		return err
	}
	to := "/cases/" + url.PathEscape(q.r.PathValue("id"))
	if v.Cached {
		to += "?cached=1"
	}
	u.redirect(q, to+"#judgment")
	return nil
}

func (u *UI) argue(q *request) error {
	d, a, err := u.loadCase(q)
	if err != nil {
		return err
	}
	if err := mayWrite(a); err != nil {
		return err
	}
	side, err := court.ParseSide(q.r.PostFormValue("side"))
	if err != nil {
		return err
	}
	if a != nil && !a.ActsFor(side) {
		return court.Errorf(court.EForbidden, "You may not act for Side %s in this case.", side)
	}
	text := q.r.PostFormValue("argument")
	if _, _, err := u.o.Service.Argue(q.ctx, d.Case.ID, side, text, nil); err != nil {
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
	d, a, err := u.loadCase(q)
	if err != nil {
		return err
	}
	if err := mayWrite(a); err != nil {
		return err
	}
	if _, _, err := u.o.Service.FinalVerdict(q.ctx, d.Case.ID, nil); err != nil {
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
	d, a, err := u.loadCase(q)
	if err != nil {
		return err
	}
	if !a.Owner() {
		return court.Errorf(court.EForbidden, "Only the member who filed this case may do this.")
	}
	role, err := auth.ParseRole(q.r.PostFormValue("role"))
	if err != nil {
		return err
	}
	_, token, err := u.o.Auth.CreateInvite(u.o.Service.WithAudit(q.ctx), a, role)
	if err != nil {
		return err
	}
	scheme := "http"
	if u.secure(q.r) {
		scheme = "https"
	}
	d.InviteURL = (&url.URL{Scheme: scheme, Host: q.r.Host, Path: "/invites/" + token}).String()
	u.render(q, http.StatusOK, "case", &page{Title: q.cat.T("case.title"), Data: d})
	return nil
}

func (u *UI) verdictPage(q *request) error {
	d, _, err := u.loadCase(q)
	if err != nil {
		return err
	}
	u.render(q, http.StatusOK, "verdict", &page{Title: q.cat.T("verdict.title"), Data: d})
	return nil
}

// CanArgue reports whether the visitor sees side s's argument box.
func (d *caseData) CanArgue(s string) bool {
	if s == "A" {
		return d.CanA
	}
	return d.CanB
}
