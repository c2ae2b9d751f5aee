package factcheck

import (
	"fmt"
	"strings"
)

// The reference client reads each checked claim as {claim, isValid,
// confidence, evidence, suggestion, category}. These are the values this
// package gives those fields: how sure a status is, on 0–100.
const (
	confidenceSupported    = 90 // the documents hold the same value
	confidenceContradicted = 85 // they hold another value for what seems the same thing
	confidenceNotFound     = 40 // they say nothing either way
)

// Verdict is one claim checked against the documents, in the reference
// client's fields.
type Verdict struct {
	Claim      string `json:"claim"`
	IsValid    bool   `json:"isValid"`
	Confidence int    `json:"confidence"` // 0–100
	Evidence   string `json:"evidence"`   // what the documents say, or "" when they say nothing
	Suggestion string `json:"suggestion"`
	Category   string `json:"category"` // "date", "amount", "name" or "general"
}

// verdictOf is c in the reference client's fields.
func verdictOf(c Claim) Verdict {
	v := Verdict{Claim: c.Claim, Category: c.Type}
	switch c.Status {
	case Supported:
		v.IsValid, v.Confidence = true, confidenceSupported
		v.Evidence = fmt.Sprintf("The documents give %s.", c.DocumentValue)
		v.Suggestion = "None: the documents bear this out."
	case Contradicted:
		v.Confidence = confidenceContradicted
		v.Evidence = fmt.Sprintf("The documents give %s.", c.DocumentValue)
		v.Suggestion = fmt.Sprintf("Use %s as the documents give it, or file the document that shows %s.", c.DocumentValue, c.Claim)
	default:
		v.Confidence = confidenceNotFound
		v.Suggestion = fmt.Sprintf("File a document that shows %s %s, or do not rely on it.", articleFor(c.Type), c.Claim)
	}
	return v
}

// CheckClaim checks one claim, the way the reference client's "verify
// this claim" asks it: against the facts already extracted from the
// documents and against the documents' texts. A claim is valid when every
// date, amount and name it states is borne out; a claim that states none
// cannot be checked and is reported as such.
func CheckClaim(claim string, facts Facts, texts []string) Verdict {
	docs := FromFacts(facts)
	for _, t := range texts {
		d := ExtractDetails(t)
		docs.Dates = append(docs.Dates, d.Dates...)
		docs.Amounts = append(docs.Amounts, d.Amounts...)
		docs.Names = append(docs.Names, d.Names...)
	}
	claims := Check(ExtractDetails(claim), docs)
	if len(claims) == 0 {
		return Verdict{
			Claim: strings.TrimSpace(claim), Category: "general",
			Suggestion: "The claim states no date, amount or name that the documents could confirm; state one to have it checked.",
		}
	}
	// The claim is as good as its weakest part: a contradiction first,
	// then something the documents do not mention.
	worst := claims[0]
	for _, c := range claims[1:] {
		if rank(c.Status) > rank(worst.Status) {
			worst = c
		}
	}
	v := verdictOf(worst)
	v.Claim = strings.TrimSpace(claim)
	if worst.Status == Supported && len(claims) > 1 {
		v.Category = "general"
		v.Evidence = "The documents give every date, amount and name the claim states."
	}
	return v
}

func rank(s Status) int {
	switch s {
	case Contradicted:
		return 2
	case NotFound:
		return 1
	}
	return 0
}
