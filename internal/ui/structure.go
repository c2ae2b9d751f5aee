package ui

import (
	"net/url"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
)

// structure is a judgment's structure as the pages and the PDF show it:
// the court's values with what a reader needs resolved beforehand (the
// link of a document source, the currency of an amount, the check of a
// provision an issue names).
type structure struct {
	Favours   court.Favours
	Roles     court.Roles
	Issues    []issueView
	Relief    []orderView
	Citations []court.Citation
}

type issueView struct {
	court.Issue
	Findings   []findingView
	Provisions []provisionView
}

type findingView struct {
	court.Finding
	Sources []sourceView
}

// sourceView is a source with the address of its document: "" when the
// source is no document, or names one the case does not hold.
type sourceView struct {
	court.Source
	Href string
}

// provisionView is a provision an issue names; Citation is its entry in
// the checked legal basis, nil when the legal basis does not list it.
type provisionView struct {
	Text     string
	Citation *court.Citation
}

// Unverified reports whether the legal basis lists the provision and the
// statute table does not bear it out.
func (p provisionView) Unverified() bool { return p.Citation != nil && !p.Citation.Status.Verified() }

type orderView struct {
	court.Order
	Amount string // formatted in the order's (or the case's) currency; "" without one
}

// newStructure lays out j's structure for case c; nil for a judgment
// stored before judgments had one, which the pages show as before.
func newStructure(c *court.Case, j *court.Judgment) *structure {
	if j == nil || !j.Structured() {
		return nil
	}
	docs := map[string]bool{}
	for _, s := range []court.SideID{court.SideA, court.SideB} {
		for _, d := range c.Side(s).Documents {
			docs[d.ID] = true
		}
	}
	cited := map[string]*court.Citation{}
	for i := range j.Citations {
		cited[j.Citations[i].Text] = &j.Citations[i]
	}
	st := &structure{Favours: j.Favours, Roles: j.Roles, Citations: j.Citations}
	for _, is := range j.Issues {
		v := issueView{Issue: is}
		for _, f := range is.Findings {
			fv := findingView{Finding: f}
			for _, s := range f.Sources {
				sv := sourceView{Source: s}
				if s.Kind == court.FromDocument && s.DocumentID != "" && docs[s.DocumentID] {
					sv.Href = "/api/cases/" + url.PathEscape(c.ID) + "/documents/" + url.PathEscape(s.DocumentID)
				}
				fv.Sources = append(fv.Sources, sv)
			}
			v.Findings = append(v.Findings, fv)
		}
		for _, p := range is.Provisions {
			v.Provisions = append(v.Provisions, provisionView{Text: p, Citation: cited[p]})
		}
		st.Issues = append(st.Issues, v)
	}
	for _, o := range j.Relief {
		ov := orderView{Order: o}
		if o.Amount != 0 {
			cur := o.Currency
			if cur == "" {
				cur = currencyOf(c.Jurisdiction)
			}
			ov.Amount = money(o.Amount, cur)
		}
		st.Relief = append(st.Relief, ov)
	}
	return st
}

// Role is the name side s has in the forum ("complainant"), or "" when
// the judgment gives none.
func (s *structure) Role(side court.SideID) string {
	if side == court.SideB {
		return s.Roles.B
	}
	if side == court.SideA {
		return s.Roles.A
	}
	return ""
}

// findingSymbols mark a finding's status beside its word, so that the
// status never rests on colour alone.
var findingSymbols = map[court.FindingStatus]string{
	court.Admitted:     "✓",
	court.Proved:       "✓",
	court.Disputed:     "?",
	court.Unproved:     "–",
	court.Contradicted: "✗",
}

func findingSymbol(s court.FindingStatus) string {
	if v, ok := findingSymbols[s]; ok {
		return v
	}
	return "?"
}

// citeTitle is the statute table's title of a provision, to follow the
// citation as the judge wrote it; "" when that text already names it.
func citeTitle(c court.Citation) string {
	if c.Title == "" || strings.Contains(strings.ToLower(c.Text), strings.ToLower(c.Title)) {
		return ""
	}
	return c.Title
}
