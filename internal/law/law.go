// Package law is a small, curated, dated and sourced table of well-known
// legal provisions by jurisdiction and case type. The judges cite from it
// so that a legal basis is never invented: the offline judge takes its
// legal basis only from here, and the LLM judges can offer it to the model
// as a reference and check what the model cites against it (Check).
//
// Every row names its act, section, title, jurisdiction and territorial
// scope, the first day it applies and (when it has been repealed or
// replaced) the last, the provisions it replaced, and the official text or
// gazette it was checked against. Only provisions whose number, subject
// and dates are certain are listed; the table is deliberately short and is
// a teaching aid, not a complete statement of the law.
//
// Dates are calendar days (Date), compared as the caller's time.Time reads
// in its own location. A provision is in force on a day when From <= day
// and, if Until is set, day <= Until. Which day matters depends on the
// provision: substantive law (an offence, a contract, a dismissal) applies
// by the date of the facts, procedure and evidence (Procedural) by the date
// of the proceedings; ProvisionsOn and At make that choice.
//
// The scope is the territorial extent of the provision today. Historic
// carve-outs (for example the Jammu and Kashmir exceptions of central
// Indian Acts before 31 October 2019) are not recorded.
package law

import (
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// Date is a calendar day without time of day or zone, stored as
// yyyymmdd (20240701 is 1 July 2024). The zero Date means "not set".
type Date int32

// Day returns the Date y-m-d. It does not normalise: Day(2024, 2, 30) is
// not a real day, and the table's test rejects such dates.
func Day(y int, m time.Month, d int) Date { return Date(y*10000 + int(m)*100 + d) }

// DateOf is the calendar day t falls on in t's own location. The zero
// time gives the zero Date.
func DateOf(t time.Time) Date {
	if t.IsZero() {
		return 0
	}
	y, m, d := t.Date()
	return Day(y, m, d)
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == 0 }

// Year of d.
func (d Date) Year() int { return int(d) / 10000 }

// Month of d.
func (d Date) Month() time.Month { return time.Month(int(d) / 100 % 100) }

// DayOfMonth of d.
func (d Date) DayOfMonth() int { return int(d) % 100 }

// valid reports whether d is a real day of the modern era.
func (d Date) valid() bool { return DateOf(d.Time()) == d && d.Year() >= 1700 }

// next is the day after d.
func (d Date) next() Date { return DateOf(d.Time().AddDate(0, 0, 1)) }

// between reports whether a <= d and, when b is set, d <= b.
func (d Date) between(a, b Date) bool { return d >= a && (b == 0 || d <= b) }

// Time is midnight UTC at the start of d (the zero time for the zero Date).
func (d Date) Time() time.Time {
	if d == 0 {
		return time.Time{}
	}
	return time.Date(d.Year(), d.Month(), d.DayOfMonth(), 0, 0, 0, 0, time.UTC)
}

// String is d as 2006-01-02, or "" for the zero Date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return d.Time().Format(time.DateOnly)
}

// Provision is one section, article or rule of a statute, constitution,
// code of practice or treaty, with the days it applies.
type Provision struct {
	Act     string // "Consumer Protection Act, 2019"
	Section string // "s. 35", "Art. 21", "O. XXXIX rr. 1–2", "§ 2-314"
	Title   string // what it is about, in a few words

	Jurisdiction court.Jurisdiction // the legal system whose table holds it
	Scope        string             // territorial extent: "India", "England and Wales", "Commonwealth"
	From         Date               // first day it applies
	Until        Date               // last day it applies; zero while in force
	Source       string             // the official text it was checked against
	Note         string             // commencement detail, savings, what is pending
	Procedural   bool               // applies by the date of the proceedings, not of the facts

	id int32 // 1 + index in the table; 0 for a Provision not taken from it
}

// String is the provision as a legal basis line: "Consumer Protection Act,
// 2019, s. 35 — complaints before the District Commission". A section
// marked § follows its title or code without a comma, as American
// citations are written ("29 U.S.C. § 207").
func (p Provision) String() string {
	s := p.Act
	switch {
	case strings.HasPrefix(p.Section, "§"):
		s += " " + p.Section
	case p.Section != "":
		s += ", " + p.Section
	}
	if p.Title != "" {
		s += " — " + p.Title
	}
	return s
}

// InForce reports whether p applies on the calendar day of on.
func (p Provision) InForce(on time.Time) bool { return p.inForce(DateOf(on)) }

func (p Provision) inForce(d Date) bool { return d.between(p.From, p.Until) }

// InForce reports whether p applies on the calendar day of on.
func InForce(p Provision, on time.Time) bool { return p.InForce(on) }

// Replaces returns the provisions of the table p took over (BNS s. 318
// replaces IPC ss. 415, 417, 418 and 420). The slice is the caller's.
func (p Provision) Replaces() []Provision {
	return links(p, func(r *row) []int32 { return r.replaces })
}

// ReplacedBy returns the provisions of the table that took p over. The
// slice is the caller's.
func (p Provision) ReplacedBy() []Provision {
	return links(p, func(r *row) []int32 { return r.replacedBy })
}

func links(p Provision, f func(*row) []int32) []Provision {
	r := rowOf(p)
	if r == nil {
		return nil
	}
	ids := f(r)
	if len(ids) == 0 {
		return nil
	}
	out := make([]Provision, len(ids))
	for i, id := range ids {
		out[i] = rows[id-1].p
	}
	return out
}

// At returns the provisions that apply on the day of on in place of p:
// p itself when it is in force then; otherwise, for a day after p ended,
// the provisions that replaced it (following the chain of replacements),
// and for a day before p began, the provisions it replaced. An offence
// of 15 June 2024 cited under BNS s. 318 gives IPC ss. 415, 417, 418 and
// 420; one of 15 July 2024 cited under IPC s. 420 gives BNS s. 318. The
// result is empty when the table knows nothing in force on that day.
func At(p Provision, on time.Time) []Provision {
	d := DateOf(on)
	if p.inForce(d) {
		return []Provision{p}
	}
	r := rowOf(p)
	if r == nil {
		return nil
	}
	var out []Provision
	seen := map[int32]bool{r.p.id: true}
	queue := []int32{r.p.id}
	forward := d > p.Until && p.Until != 0
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		next := rows[id-1].replaces
		if forward {
			next = rows[id-1].replacedBy
		}
		for _, n := range next {
			if seen[n] {
				continue
			}
			seen[n] = true
			q := rows[n-1].p
			if q.inForce(d) {
				out = append(out, q)
			} else {
				queue = append(queue, n)
			}
		}
	}
	return out
}

// All returns every provision of the table, jurisdiction by jurisdiction
// in table order. The slice is the caller's.
func All() []Provision {
	out := make([]Provision, len(rows))
	for i := range rows {
		out[i] = rows[i].p
	}
	return out
}

// Provisions returns the provisions for case type t in jurisdiction j that
// are in force today, in the order a judge of that system would look at
// them first. It is ProvisionsOn with both dates today.
func Provisions(j court.Jurisdiction, t court.CaseType) []Provision {
	now := time.Now()
	return ProvisionsOn(j, t, now, now)
}

// ProvisionsOn returns the provisions for case type t in jurisdiction j, in
// order, that apply to a case whose facts (the offence, the breach, the
// dismissal) happened on facts and whose proceedings are on proceedings:
// substantive provisions are kept when in force on facts, procedural ones
// (Procedural) when in force on proceedings. A zero date is read as today.
//
// When the table holds nothing specific for t, it falls back to the
// general civil (or, for criminal and cyber cases, criminal) provisions of
// j, and an unknown jurisdiction falls back to international instruments.
// The result is a fresh slice the caller may change.
func ProvisionsOn(j court.Jurisdiction, t court.CaseType, facts, proceedings time.Time) []Provision {
	now := DateOf(time.Now())
	fd, pd := DateOf(facts), DateOf(proceedings)
	if fd == 0 {
		fd = now
	}
	if pd == 0 {
		pd = now
	}
	byType, ok := firstLook[j]
	if !ok {
		byType = firstLook[court.International]
	}
	pick := func(ids []int32) []Provision {
		var out []Provision
		for _, id := range ids {
			p := rows[id-1].p
			d := fd
			if p.Procedural {
				d = pd
			}
			if p.inForce(d) {
				out = append(out, p)
			}
		}
		return out
	}
	if list := pick(byType[t]); len(list) > 0 {
		return list
	}
	if t == court.Criminal || t == court.Cyber {
		return pick(byType[court.Criminal])
	}
	return pick(byType[court.Civil])
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
