package judge

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// record is what a request showed the judge, which the structure of its
// answer is checked against: the labels of the data blocks and the date
// the request was made.
type record struct {
	sources map[string]source
	today   time.Time
}

// The structure as the schema asks for it. Nested values are decoded
// without pointers: a missing string reads as empty, and each required
// one is checked for being empty.

type rolesFields struct {
	A string `json:"A"`
	B string `json:"B"`
}

type issueFields struct {
	Question    string          `json:"question"`
	Burden      string          `json:"burden"`
	Standard    string          `json:"standard"`
	Findings    []findingFields `json:"findings"`
	Rule        string          `json:"rule"`
	Provisions  []string        `json:"provisions"`
	Application string          `json:"application"`
	Answer      string          `json:"answer"`
}

type findingFields struct {
	Fact    string         `json:"fact"`
	Status  string         `json:"status"`
	Sources []sourceFields `json:"sources"`
}

type sourceFields struct {
	Label string `json:"label"`
	Kind  string `json:"kind"`
	Quote string `json:"quote"`
}

type orderFields struct {
	Kind        string  `json:"kind"`
	Description string  `json:"description"`
	Amount      float64 `json:"amount"`
	Currency    string  `json:"currency"`
}

var sourceKinds = []court.SourceKind{court.FromDocument, court.FromSummary, court.FromEvidence, court.FromArgument}

var reliefKinds = []court.ReliefKind{
	court.Refund, court.Compensation, court.Interest, court.Costs, court.Dismissal,
	court.Conviction, court.Acquittal, court.Injunction, court.Declaration, court.OtherRelief,
}

// favours checks a favours value; name is the field's path.
func (p *problems) favours(name string, v *string) court.Favours {
	if v == nil {
		p.addf("field %q is missing", name)
		return ""
	}
	f := court.Favours(strings.TrimSpace(*v))
	if !f.Valid() {
		p.addf(`field %q must be exactly "A", "B" or "neither", not %q`, name, clip(string(f), 40))
		return ""
	}
	return f
}

// required trims s and names it when it is empty.
func (p *problems) required(name, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		p.addf("field %q is empty or missing", name)
	}
	return s
}

func (p *problems) roles(v *rolesFields) court.Roles {
	if v == nil {
		p.addf(`field "roles" is missing`)
		return court.Roles{}
	}
	return court.Roles{A: p.required("roles.A", v.A), B: p.required("roles.B", v.B)}
}

// factsDate reads a YYYY-MM-DD date no later than the day after today
// (the parties may live east of the judge's clock); empty is none.
func (p *problems) factsDate(v *string, today time.Time) time.Time {
	if v == nil {
		p.addf(`field "factsDate" is missing`)
		return time.Time{}
	}
	s := strings.TrimSpace(*v)
	if s == "" {
		return time.Time{}
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		p.addf(`field "factsDate" must be a date written YYYY-MM-DD, or empty, not %q`, clip(s, 40))
		return time.Time{}
	}
	if !today.IsZero() && d.After(today.UTC().AddDate(0, 0, 1)) {
		p.addf(`field "factsDate" (%s) is after today's date (%s)`, s, today.UTC().Format(time.DateOnly))
		return time.Time{}
	}
	return d
}

func (p *problems) issues(v *[]issueFields, rec record) []court.Issue {
	if v == nil {
		p.addf(`field "issues" is missing`)
		return nil
	}
	if len(*v) == 0 {
		p.addf(`field "issues" must list at least one issue`)
		return nil
	}
	out := make([]court.Issue, 0, len(*v))
	for i, f := range *v {
		at := fmt.Sprintf("issues[%d]", i)
		is := court.Issue{
			Question:    p.required(at+".question", f.Question),
			Standard:    p.required(at+".standard", f.Standard),
			Rule:        strings.TrimSpace(f.Rule),
			Application: strings.TrimSpace(f.Application),
			Answer:      p.required(at+".answer", f.Answer),
		}
		switch b := court.SideID(strings.TrimSpace(f.Burden)); b {
		case court.SideA, court.SideB:
			is.Burden = b
		default:
			p.addf(`field "%s.burden" must be exactly "A" or "B", not %q`, at, clip(string(b), 40))
		}
		for _, pr := range f.Provisions {
			if pr = strings.TrimSpace(pr); pr != "" {
				is.Provisions = append(is.Provisions, pr)
			}
		}
		for k, fd := range f.Findings {
			is.Findings = append(is.Findings, p.finding(fmt.Sprintf("%s.findings[%d]", at, k), fd, rec))
		}
		out = append(out, is)
	}
	return out
}

func (p *problems) finding(at string, f findingFields, rec record) court.Finding {
	fd := court.Finding{Fact: p.required(at+".fact", f.Fact), Status: court.FindingStatus(strings.TrimSpace(f.Status))}
	if !fd.Status.Valid() {
		p.addf(`field "%s.status" must be one of admitted, proved, disputed, unproved, contradicted, not %q`, at, clip(string(fd.Status), 40))
	}
	if len(f.Sources) == 0 {
		p.addf(`field "%s.sources" must name at least one source`, at)
	}
	for i, s := range f.Sources {
		if src, ok := p.source(fmt.Sprintf("%s.sources[%d]", at, i), s, rec); ok {
			fd.Sources = append(fd.Sources, src)
		}
	}
	return fd
}

// source links a source to the data block its label names. The label
// decides the kind and the side: a kind that is one of the four but
// disagrees with the label is corrected rather than refused.
func (p *problems) source(at string, f sourceFields, rec record) (court.Source, bool) {
	kind := court.SourceKind(strings.TrimSpace(f.Kind))
	ok := true
	if !slices.Contains(sourceKinds, kind) {
		p.addf(`field "%s.kind" must be one of document, summary, evidence, argument, not %q`, at, clip(string(kind), 40))
		ok = false
	}
	label := strings.TrimSpace(f.Label)
	shown, found := rec.sources[label]
	if !found {
		p.addf(`field "%s.label" %q is not the source of any data block in the request; copy a source exactly as a BEGIN DATA line names it after the bar`, at, clip(label, 80))
		return court.Source{}, false
	}
	src := court.Source{Kind: shown.kind, Side: shown.side, Label: label, DocumentID: shown.documentID, Quote: strings.TrimSpace(f.Quote)}
	return src, ok
}

func (p *problems) relief(v *[]orderFields) []court.Order {
	if v == nil {
		p.addf(`field "relief" is missing`)
		return nil
	}
	var out []court.Order
	for i, f := range *v {
		at := fmt.Sprintf("relief[%d]", i)
		o := court.Order{Kind: court.ReliefKind(strings.TrimSpace(f.Kind)), Description: p.required(at+".description", f.Description)}
		if !slices.Contains(reliefKinds, o.Kind) {
			p.addf(`field "%s.kind" must be one of refund, compensation, interest, costs, dismissal, conviction, acquittal, injunction, declaration, other, not %q`, at, clip(string(o.Kind), 40))
		}
		switch cur := strings.ToUpper(strings.TrimSpace(f.Currency)); {
		case f.Amount < 0 || math.IsInf(f.Amount, 0) || math.IsNaN(f.Amount):
			p.addf(`field "%s.amount" must be zero or more`, at)
		case f.Amount == 0:
			// No sum; a currency alone means nothing.
		case !isCurrency(cur):
			p.addf(`field "%s.currency" must be the amount's three-letter ISO 4217 code, not %q`, at, clip(f.Currency, 20))
		default:
			o.Amount, o.Currency = f.Amount, cur
		}
		out = append(out, o)
	}
	return out
}

func isCurrency(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}
