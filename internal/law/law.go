// Package law is a small, curated table of well-known legal provisions by
// jurisdiction and case type. The judges cite from it so that a legal
// basis is never invented: the offline judge takes its legal basis only
// from here, and the LLM judges can offer it to the model as a reference.
//
// Only provisions whose number and subject are certain are listed; the
// table is deliberately short. It is a teaching aid, not a statement of
// the law in force on any given day.
package law

import "github.com/aijudge/aijudge/internal/court"

// Provision is one section, article or rule of a statute, constitution or
// treaty.
type Provision struct {
	Act     string // "Consumer Protection Act, 2019"
	Section string // "s. 35", "Art. 21", "O. XXXIX rr. 1–2", "§ 2-314"
	Title   string // what it is about, in a few words
}

// String is the provision as a legal basis line: "Consumer Protection Act,
// 2019, s. 35 — complaints before the District Commission".
func (p Provision) String() string {
	s := p.Act
	if p.Section != "" {
		s += ", " + p.Section
	}
	if p.Title != "" {
		s += " — " + p.Title
	}
	return s
}

// Provisions returns the provisions for case type t in jurisdiction j.
// When the table holds nothing specific, it falls back to the general
// civil (or, for criminal and cyber cases, criminal) provisions of j, and
// an unknown jurisdiction falls back to international instruments. The
// result is a fresh slice the caller may change.
func Provisions(j court.Jurisdiction, t court.CaseType) []Provision {
	byType, ok := table[j]
	if !ok {
		byType = table[court.International]
	}
	list := byType[t]
	if len(list) == 0 {
		if t == court.Criminal || t == court.Cyber {
			list = byType[court.Criminal]
		} else {
			list = byType[court.Civil]
		}
	}
	return append([]Provision(nil), list...)
}

// Strings returns the String of each provision, the form a judgment's
// legal basis takes.
func Strings(ps []Provision) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}
