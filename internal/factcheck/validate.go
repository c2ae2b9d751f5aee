package factcheck

import (
	"fmt"
	"math"
	"strings"
)

// Status is what the documents say about a claim.
type Status string

// The statuses of a claim.
const (
	Supported    Status = "supported"    // the documents hold the same value
	Contradicted Status = "contradicted" // the documents hold a different value for what seems the same thing
	NotFound     Status = "not_found"    // the documents say nothing either way
)

// Claim is one date, amount or name an argument relies on, checked
// against the documents.
type Claim struct {
	Type          string `json:"type"` // "date", "amount" or "name"
	Claim         string `json:"claim"`
	Status        Status `json:"status"`
	DocumentValue string `json:"documentValue,omitempty"`
}

// Issue is a claim the documents do not bear out, explained; it carries
// the reference client's fields too (Verdict).
type Issue struct {
	Type          string `json:"type"`
	Claim         string `json:"claim"`
	Status        Status `json:"status"`
	Message       string `json:"message"`
	DocumentValue string `json:"documentValue,omitempty"`
	IsValid       bool   `json:"isValid"`
	Confidence    int    `json:"confidence"`
	Evidence      string `json:"evidence"`
	Suggestion    string `json:"suggestion"`
	Category      string `json:"category"`
}

// Validation is the result of checking an argument against the facts of
// the documents.
type Validation struct {
	HasIssues    bool    `json:"hasIssues"`
	Issues       []Issue `json:"issues"`
	OverallScore int     `json:"overallScore"` // 0–100; 100 when nothing is contradicted or unverified
	Claims       []Claim `json:"claims"`
}

// Validate checks the dates, amounts and names of argument against
// documentFacts.
func Validate(argument string, documentFacts Facts) Validation {
	claims := Check(ExtractDetails(argument), FromFacts(documentFacts))
	v := Validation{Issues: []Issue{}, Claims: claims, OverallScore: Score(claims)}
	for _, c := range claims {
		if c.Status == Supported {
			continue
		}
		r := verdictOf(c)
		v.Issues = append(v.Issues, Issue{
			Type:          c.Type,
			Claim:         c.Claim,
			Status:        c.Status,
			Message:       c.Message(),
			DocumentValue: c.DocumentValue,
			IsValid:       r.IsValid,
			Confidence:    r.Confidence,
			Evidence:      r.Evidence,
			Suggestion:    r.Suggestion,
			Category:      r.Category,
		})
	}
	v.HasIssues = len(v.Issues) > 0
	return v
}

// Message explains the claim's status in a sentence.
func (c Claim) Message() string {
	switch c.Status {
	case Supported:
		return fmt.Sprintf("The documents confirm %s %s.", articleFor(c.Type), c.Claim)
	case Contradicted:
		return fmt.Sprintf("The argument gives %s %s, but the documents give %s.", articleFor(c.Type), c.Claim, c.DocumentValue)
	}
	return fmt.Sprintf("The %s %s does not appear in the documents, so it cannot be verified.", c.Type, c.Claim)
}

func articleFor(typ string) string {
	switch typ {
	case "amount":
		return "the amount"
	case "date":
		return "the date"
	}
	return "the name"
}

// Score is the share of claims the documents bear out, 0–100: a supported
// claim counts fully, an unverifiable one half, a contradicted one not at
// all. No claims at all scores 100: there is nothing wrong to report.
func Score(claims []Claim) int {
	if len(claims) == 0 {
		return 100
	}
	var pts float64
	for _, c := range claims {
		switch c.Status {
		case Supported:
			pts += 1
		case NotFound:
			pts += 0.5
		}
	}
	return int(math.Round(100 * pts / float64(len(claims))))
}

// Check compares each date, amount and name of claims with docs.
func Check(claims, docs Details) []Claim {
	out := []Claim{}
	for _, d := range claims.Dates {
		out = append(out, checkDate(d, docs.Dates))
	}
	for _, a := range claims.Amounts {
		out = append(out, checkAmount(a, docs.Amounts))
	}
	for _, n := range claims.Names {
		out = append(out, checkName(n, docs.Names))
	}
	return out
}

func checkDate(c Date, docs []Date) Claim {
	r := Claim{Type: "date", Claim: c.Text, Status: NotFound}
	for _, d := range docs {
		if SameDate(c, d) {
			r.Status, r.DocumentValue = Supported, d.Text
			return r
		}
	}
	// A different date for the same event (the cheque, the notice) is a
	// contradiction; so is a near miss that looks like a slip of the pen.
	for _, d := range docs {
		if sharesTopic(c.Topics, d.Topics) {
			r.Status, r.DocumentValue = Contradicted, d.Text
			return r
		}
	}
	for _, d := range docs {
		if nearMiss(c, d) {
			r.Status, r.DocumentValue = Contradicted, d.Text
			return r
		}
	}
	return r
}

// SameDate reports whether the documents' date b bears out the claimed
// date a. A claimed month is borne out by any day in it, but a claimed day
// is not borne out by a month alone.
func SameDate(a, b Date) bool {
	if a.Precise() {
		return a.Value == b.Value
	}
	return len(a.Value) >= 7 && len(b.Value) >= 7 && a.Value[:7] == b.Value[:7]
}

// nearMiss finds dates that differ in one part only or have day and month
// swapped, the usual ways a date is misremembered or mistyped.
func nearMiss(a, b Date) bool {
	if !a.Precise() || !b.Precise() {
		return false
	}
	ay, am, ad := a.Value[:4], a.Value[5:7], a.Value[8:]
	by, bm, bd := b.Value[:4], b.Value[5:7], b.Value[8:]
	same := 0
	for _, p := range [][2]string{{ay, by}, {am, bm}, {ad, bd}} {
		if p[0] == p[1] {
			same++
		}
	}
	return same == 2 || ay == by && am == bd && ad == bm
}

func checkAmount(c Amount, docs []Amount) Claim {
	r := Claim{Type: "amount", Claim: c.Text, Status: NotFound}
	for _, d := range docs {
		if SameAmount(c, d) {
			r.Status, r.DocumentValue = Supported, d.Text
			return r
		}
	}
	if d, ok := closestAmount(c, docs, true); ok {
		r.Status, r.DocumentValue = Contradicted, d.Text
		return r
	}
	if d, ok := closestAmount(c, docs, false); ok {
		r.Status, r.DocumentValue = Contradicted, d.Text
	}
	return r
}

// SameAmount reports whether two amounts are the same sum.
func SameAmount(a, b Amount) bool {
	return a.Minor == b.Minor && compatible(a.Currency, b.Currency)
}

// closestAmount finds the document amount that the claim most likely
// misstates. With byTopic it looks only at sums for the same thing;
// without, at sums close to the claim (within a factor of two, or of 1.5
// when both purposes are known and differ), since a figure of another
// order is a different sum, not a misstated one.
func closestAmount(c Amount, docs []Amount, byTopic bool) (Amount, bool) {
	var best Amount
	bestRatio := math.Inf(1)
	for _, d := range docs {
		if !compatible(c.Currency, d.Currency) || d.Minor <= 0 || c.Minor <= 0 {
			continue
		}
		ratio := float64(max(c.Minor, d.Minor)) / float64(min(c.Minor, d.Minor))
		if byTopic {
			if !sharesTopic(c.Topics, d.Topics) {
				continue
			}
		} else if ratio > 2 || (len(c.Topics) > 0 && len(d.Topics) > 0 && ratio > 1.5) {
			continue
		}
		if ratio < bestRatio {
			best, bestRatio = d, ratio
		}
	}
	return best, !math.IsInf(bestRatio, 1)
}

func sharesTopic(a, b []string) bool {
	for _, x := range a {
		if hasString(b, x) {
			return true
		}
	}
	return false
}

func checkName(c Name, docs []Name) Claim {
	r := Claim{Type: "name", Claim: c.Text, Status: NotFound}
	for _, d := range docs {
		if SameName(c, d) {
			r.Status, r.DocumentValue = Supported, d.Text
			return r
		}
	}
	// Same first name, different surname: probably the same person named
	// wrongly, worth pointing out.
	cw := strings.Fields(c.Key)
	for _, d := range docs {
		dw := strings.Fields(d.Key)
		if c.Kind == Person && d.Kind == Person && len(cw) >= 2 && len(dw) >= 2 &&
			len(cw[0]) >= 3 && cw[0] == dw[0] && cw[len(cw)-1] != dw[len(dw)-1] {
			r.Status, r.DocumentValue = Contradicted, d.Text
			return r
		}
	}
	return r
}

// SameName reports whether two names refer to the same person or body:
// one's words are all among the other's ("Mr. Kumar", "Rajesh Kumar"),
// provided at least one shared word is more than an initial.
func SameName(a, b Name) bool {
	if a.Key == "" || b.Key == "" {
		return false
	}
	if a.Key == b.Key {
		return true
	}
	aw, bw := strings.Fields(a.Key), strings.Fields(b.Key)
	if len(aw) > len(bw) {
		aw, bw = bw, aw
	}
	long := false
	for _, w := range aw {
		if !hasString(bw, w) {
			return false
		}
		if len(w) > 2 {
			long = true
		}
	}
	return long
}
