package offline

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// qualifyingMonths is the continuous employment a claim of unfair (or
// unjust) dismissal needs: two years in Great Britain for employment
// begun on or after 6 April 2012 (Employment Rights Act 1996, s. 108(1)),
// twelve consecutive months under the Canada Labour Code (s. 240(1)(a)).
var qualifyingMonths = map[court.Jurisdiction]int{court.UK: 24, court.Canada: 12}

// checkQualifying answers the employment issue against the employee when
// the dates found for the start of the employment and the dismissal show
// less service than the forum requires. Both dates must be found; the
// start must come first.
func (r *reading) checkQualifying() {
	months := qualifyingMonths[r.c.Jurisdiction]
	if r.d != dismissalWages || months == 0 {
		return
	}
	ei, di := r.issueIndex("employee"), r.issueIndex("dismissal")
	if ei < 0 || di < 0 {
		return
	}
	e, dm := &r.issues[ei], &r.issues[di]
	start, end := r.employmentStart(), dm.dated
	if e.forSide != court.SideA || start.IsZero() || end.IsZero() || !end.After(start) {
		return
	}
	need := addMonths(start, months)
	if !end.Before(need) {
		return
	}
	period := numWord(months/12) + " years"
	if months == 12 {
		period = "twelve months"
	}
	var sources []court.Source
	for _, f := range append(append([]court.Finding(nil), e.issue.Findings...), dm.issue.Findings...) {
		for _, s := range f.Sources {
			if !slices.Contains(sources, s) {
				sources = append(sources, s)
			}
		}
	}
	e.issue.Findings = append(e.issue.Findings, court.Finding{
		Fact:    fmt.Sprintf("the employment began on %s and ended with the dismissal on %s, short of the %s of continuous employment the claim needs, which would have been completed on %s", longDate(start), longDate(end), period, longDate(need)),
		Status:  court.Proved,
		Sources: sources,
	})
	e.forSide, e.firm = court.SideB, true
	e.issue.Application = fmt.Sprintf("The %s was employed, but for less than the qualifying period of %s: the dates of the start of the employment and of the dismissal are found above. The filings raise no reason for which no qualifying period is required (in Great Britain, those listed in s. 108(3), such as a dismissal for a protected disclosure).", r.roleOf(court.SideA), period)
	e.issue.Answer = "No: the qualifying period of " + period + " is not met."
}

// cueStartBefore is what stands just before the date an employment began
// ("worked … from 8 January 2024", "start date: 2 May 2019"), and
// cueJob what the sentence must be about.
var (
	cueStartBefore = regexp.MustCompile(`\b(?:from|since|start(?:ed)?(?: on| date:?)?|began on|joined(?: on)?|commenced(?: on)?|beginning on|employed on)\s*$`)
	cueJob         = regexp.MustCompile(`\bemploy|\bworked\b|\bjoined\b|\bstart date\b|\bappointed\b`)
)

// employmentStart is the first date the filings or documents give for the
// start of the employment, or zero.
func (r *reading) employmentStart() time.Time {
	return r.dateAfter(cueStartBefore, cueJob)
}

// dateAfter is the first precise date, in the claimant's filing, the
// other side's, then the documents, that follows words matching before
// (anchored at their end) in a sentence matching about; zero if none.
func (r *reading) dateAfter(before, about *regexp.Regexp) time.Time {
	for _, ps := range [][]passage{r.filed[0], r.filed[1], r.docs} {
		for i := range ps {
			p := &ps[i]
			if p.dup || !about.MatchString(p.lower) {
				continue
			}
			for _, d := range p.facts.Dates {
				if !d.Precise() || d.Text == "" {
					continue
				}
				at := strings.Index(p.lower, strings.ToLower(d.Text))
				if at < 0 || !before.MatchString(p.lower[max(0, at-32):at]) {
					continue
				}
				if t, ok := dayOf(d.Value); ok {
					return t
				}
			}
		}
	}
	return time.Time{}
}
