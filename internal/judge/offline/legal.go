package offline

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/law"
)

// leadingCase is a decision the engine knows, with what it decides and
// the issue it bears on.
type leadingCase struct {
	name  *regexp.Regexp
	cite  string
	holds string
	issue string
}

var leadingCases = []leadingCase{
	{re(`rangappa`), "Rangappa v. Sri Mohan, (2010) 11 SCC 441", "the presumption of s. 139 includes the existence of a legally enforceable debt and is rebutted on a preponderance of probabilities", "debt"},
	{re(`basalingappa`), "Basalingappa v. Mudibasappa, (2019) 5 SCC 418", "the accused may rebut the presumption from the complainant's own material, including doubt about the complainant's means to lend", "debt"},
	{re(`sripati singh`), "Sripati Singh v. State of Jharkhand (2021)", "a cheque given as security is within s. 138 if the debt it secured had fallen due when it was presented", "debt"},
	{re(`alavi haji`), "C.C. Alavi Haji v. Palapetty Muhammed, (2007) 6 SCC 555", "a notice sent by post to the correct address is deemed served, and a drawer who receives the summons and does not pay within 15 days cannot plead non-receipt", "notice"},
	{re(`burchell`), "British Home Stores Ltd v Burchell [1980] ICR 303", "a misconduct dismissal needs a genuine belief in guilt, on reasonable grounds, after a reasonable investigation; the grounds and the investigation go to whether the employer acted reasonably under s. 98(4)", "fairness"},
	{re(`polkey`), "Polkey v A E Dayton Services Ltd [1988] AC 344", "a failure of procedure makes a dismissal unfair even if a fair procedure would have made no difference, which goes only to compensation", "fairness"},
	{re(`iceland frozen foods`), "Iceland Frozen Foods Ltd v Jones [1983] ICR 17", "fairness is judged by the band of reasonable responses of a reasonable employer", "fairness"},
	{re(`hadley v\.? baxendale`), "Hadley v Baxendale (1854) 9 Exch 341", "damages for breach are those arising naturally, or in the contemplation of both parties, from the breach", "breach"},
	{re(`rajnesh`), "Rajnesh v. Neha, (2021) 2 SCC 324", "maintenance is fixed on affidavits of assets and liabilities, on both parties' means and needs", "need"},
	{re(`puttaswamy`), "Justice K.S. Puttaswamy v. Union of India, (2017) 10 SCC 1", "privacy, including informational privacy, is a fundamental right under Art. 21", "data"},
	{re(`donoghue`), "Donoghue v Stevenson [1932] AC 562", "a manufacturer owes a duty of care to the ultimate consumer", "defect"},
}

var (
	citesProvision = regexp.MustCompile(`(?i)(?:\b(?:s\.|ss\.|sec\.|section|art\.|article|order|o\.|rule|r\.|para\.)|§)\s*[0-9ivxl]+|\b(?:ipc|bns|crpc|bnss|cpc)\s+[0-9]+`)
	citesCase      = regexp.MustCompile(`\b[A-Z][A-Za-z.&' ]{1,40}\s+(?:v\.?|vs\.?)\s+[A-Z][A-Za-z.&' ]{1,40}`)
)

// legalPoint is the engine's answer to a point of law an argument makes.
type legalPoint struct {
	text    string
	issue   string // key of the issue it bears on, if any
	applied bool   // the issue already rests on it
}

// onTheLaw answers the provisions and cases an argument cites: each
// provision is resolved against the statute table on the case's dates,
// and each case the engine knows is stated with what it decides.
func (r *reading) onTheLaw(ps []passage) []legalPoint {
	var out []legalPoint
	seen := map[string]bool{}
	for i := range ps {
		p := &ps[i]
		q := p.src.Quote
		if citesProvision.MatchString(q) {
			on := r.facts
			if on.IsZero() {
				on = r.proc
			}
			c := law.Check(r.c.Jurisdiction, q, on)
			if c.Status == law.Unreadable {
				c = r.inCaseActs(q, on)
			}
			if c.Status == law.Verified && c.Provision.Procedural && !r.proc.IsZero() {
				c = law.Check(r.c.Jurisdiction, q, r.proc)
			}
			key := c.Act + c.Section
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, r.provisionPoint(c, q))
		} else if pt, act, ok := r.actPoint(q); ok && !seen[act] {
			seen[act] = true
			out = append(out, pt)
		}
		for _, lc := range leadingCases {
			if lc.name.MatchString(p.lower) && !seen[lc.cite] {
				seen[lc.cite] = true
				pt := legalPoint{text: lc.cite + " decides that " + lc.holds + ".", issue: lc.issue}
				if r.issueIndex(lc.issue) >= 0 {
					pt.text += " It bears on " + r.issueName(r.issueIndex(lc.issue)) + ", which the engine already decides on that footing."
					pt.applied = true
				} else {
					pt.text += " None of the issues framed in this case turns on it."
				}
				out = append(out, pt)
			}
		}
		if m := citesCase.FindString(q); m != "" && !knownCase(p.lower) && !seen[m] {
			seen[m] = true
			out = append(out, legalPoint{text: "The argument cites " + strings.TrimSpace(m) + ", a decision outside the engine's table; what it decides is not checked here and does not move any issue."})
		}
	}
	return out
}

// inCaseActs reads a provision cited without its act ("section 142
// requires …") as a section of an act the case's own issues rest on,
// when exactly one of them has a section of that number among the
// provisions the issues cite; otherwise it stays unreadable.
func (r *reading) inCaseActs(q string, on time.Time) law.Citation {
	found := law.Citation{Status: law.Unreadable}
	acts := map[string]bool{}
	for _, p := range r.basis {
		if acts[p.Act] {
			continue
		}
		acts[p.Act] = true
		c := law.Check(r.c.Jurisdiction, q+" of the "+p.Act, on)
		if c.Status != law.Verified || !slices.ContainsFunc(r.basis, func(b law.Provision) bool { return b.Act == c.Act && b.Section == c.Section }) {
			continue
		}
		if found.Status == law.Verified {
			return law.Citation{Status: law.Unreadable}
		}
		found = c
	}
	return found
}

func knownCase(lower string) bool {
	for _, lc := range leadingCases {
		if lc.name.MatchString(lower) {
			return true
		}
	}
	return false
}

func (r *reading) issueIndex(key string) int {
	for i, d := range r.issues {
		if d.t.key == key {
			return i
		}
	}
	return -1
}

func (r *reading) provisionPoint(c law.Citation, q string) legalPoint {
	switch c.Status {
	case law.Verified:
		pt := legalPoint{text: "The argument relies on " + c.Provision.String() + ", which the statute table holds and which applied on the case's dates."}
		for i, d := range r.issues {
			for _, s := range d.issue.Provisions {
				if s == c.Provision.String() {
					pt.issue, pt.applied = d.t.key, true
					pt.text += " " + capFirst(r.issueName(i)) + " already rests on it, so it confirms the footing of that issue rather than changing its answer."
					return pt
				}
			}
		}
		pt.text += " None of the issues framed in this case rests on it, so it does not move the decision."
		return pt
	case law.NotInForce:
		s := "The argument relies on " + c.Provision.String() + ", which did not apply on the case's dates"
		if len(c.Instead) > 0 {
			s += "; what applied instead is " + law.Strings(c.Instead)[0]
		}
		return legalPoint{text: s + "."}
	case law.UnknownSection:
		return legalPoint{text: "The argument cites a section of " + c.Act + " that the statute table does not hold (" + clip(q, 80) + "); it is not checked and does not move any issue."}
	case law.OutsideTable:
		return legalPoint{text: "The argument cites " + c.Act + ", which is outside the engine's statute table for this jurisdiction; it is not checked and does not move any issue."}
	}
	return legalPoint{text: "The argument refers to a provision without naming an act the table can read (" + clip(q, 80) + ")."}
}

// actPoint answers an argument that names an act without a section
// ("under the Consumer Rights Act"): when an issue of the case rests on
// that act, the argument invokes the law the issue applies. It reports
// false when no act is named or none of the issues rests on it.
func (r *reading) actPoint(q string) (legalPoint, string, bool) {
	on := r.facts
	if on.IsZero() {
		on = r.proc
	}
	c := law.Check(r.c.Jurisdiction, q, on)
	if c.Status != law.UnknownSection || c.Section != "" {
		return legalPoint{}, "", false
	}
	for i, d := range r.issues {
		for _, p := range d.issue.Provisions {
			if strings.HasPrefix(p, c.Act+",") || strings.HasPrefix(p, c.Act+" ") {
				return legalPoint{
					text:  "The argument relies on the " + c.Act + " without naming a section; " + r.issueName(i) + " rests on that Act, so it confirms the footing of that issue rather than changing its answer.",
					issue: d.t.key, applied: true,
				}, c.Act, true
			}
		}
	}
	return legalPoint{}, "", false
}

func capFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

var _ = court.SideA
