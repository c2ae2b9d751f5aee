package court

import (
	"crypto/rand"
	"strings"
	"time"
)

// Limits on what a party may file. They are part of the API contract and
// are documented in the README; changing one is a visible change.
const (
	MaxArguments        = 5      // arguments per case, both sides together
	MaxSummaryChars     = 20_000 // per side
	MaxEvidencePoints   = 50     // per side
	MaxEvidenceChars    = 2_000  // per evidence point
	MaxArgumentChars    = 5_000  // per argument
	MaxDocumentsPerSide = 10
)

// CaseType is the area of law a case belongs to.
type CaseType string

// The case types the judge knows.
const (
	Civil          CaseType = "civil"
	Criminal       CaseType = "criminal"
	Constitutional CaseType = "constitutional"
	Consumer       CaseType = "consumer"
	Contract       CaseType = "contract"
	Commercial     CaseType = "commercial"
	Family         CaseType = "family"
	Property       CaseType = "property"
	Tort           CaseType = "tort"
	Cyber          CaseType = "cyber"
	Labour         CaseType = "labour"
	Tax            CaseType = "tax"
	OtherType      CaseType = "other"
)

// CaseTypes lists every case type in display order.
var CaseTypes = []CaseType{Civil, Criminal, Constitutional, Consumer, Contract, Commercial, Family, Property, Tort, Cyber, Labour, Tax, OtherType}

// ParseCaseType accepts a case type in any letter case ("labor" too).
func ParseCaseType(s string) (CaseType, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	if v == "labor" {
		v = string(Labour)
	}
	for _, t := range CaseTypes {
		if string(t) == v {
			return t, nil
		}
	}
	if v == "" {
		return "", Errorf(EInvalid, "caseType is required.").On("caseType")
	}
	return "", Errorf(EInvalid, "caseType %q is not one of civil, criminal, constitutional, consumer, contract, commercial, family, property, tort, cyber, labour, tax, other.", clip(s, 40)).On("caseType")
}

// Jurisdiction is the legal system whose law the judge applies.
type Jurisdiction string

// The jurisdictions the judge knows.
const (
	India         Jurisdiction = "INDIA"
	USA           Jurisdiction = "USA"
	UK            Jurisdiction = "UK"
	Canada        Jurisdiction = "CANADA"
	Australia     Jurisdiction = "AUSTRALIA"
	International Jurisdiction = "INTERNATIONAL"
)

// Jurisdictions lists every jurisdiction in display order.
var Jurisdictions = []Jurisdiction{India, USA, UK, Canada, Australia, International}

// ParseJurisdiction accepts a jurisdiction in any letter case. An empty
// string yields def, the configured default.
func ParseJurisdiction(s string, def Jurisdiction) (Jurisdiction, error) {
	v := strings.ToUpper(strings.TrimSpace(s))
	if v == "" {
		return def, nil
	}
	for _, j := range Jurisdictions {
		if string(j) == v {
			return j, nil
		}
	}
	return "", Errorf(EInvalid, "jurisdiction %q is not one of INDIA, USA, UK, CANADA, AUSTRALIA, INTERNATIONAL.", clip(s, 40)).On("jurisdiction")
}

// Status is where a case stands in the trial.
type Status string

// The states of a case, in order.
const (
	Filed   Status = "filed"   // both sides filed, no judgment yet
	Judged  Status = "judged"  // a tentative judgment exists
	Arguing Status = "arguing" // at least one argument was answered
	Closed  Status = "closed"  // the final verdict was delivered
)

// SideID names one of the two parties: "A" (plaintiff / prosecution) or
// "B" (defendant / defence).
type SideID string

// The two sides.
const (
	SideA SideID = "A"
	SideB SideID = "B"
)

// ParseSide accepts "A", "B", "a", "b", "Side A" and "Side B".
func ParseSide(s string) (SideID, error) {
	v := strings.ToUpper(strings.TrimSpace(s))
	v = strings.TrimPrefix(v, "SIDE ")
	switch SideID(v) {
	case SideA, SideB:
		return SideID(v), nil
	}
	if v == "" {
		return "", Errorf(EInvalid, "side is required and must be \"A\" or \"B\".")
	}
	return "", Errorf(EInvalid, "side %q must be \"A\" or \"B\".", clip(s, 20))
}

// Label is the side's name as the judge writes it: "Side A" or "Side B".
func (s SideID) Label() string { return "Side " + string(s) }

// Case is one dispute between Side A and Side B.
type Case struct {
	ID           string       `json:"id"`
	Type         CaseType     `json:"caseType"`
	Jurisdiction Jurisdiction `json:"jurisdiction"`
	Status       Status       `json:"status"`
	A            Side         `json:"sideA"`
	B            Side         `json:"sideB"`
	Judgments    []Judgment   `json:"judgments"` // by version, ascending
	Arguments    []Argument   `json:"arguments"` // answered ones, by sequence number
	CreatedAt    time.Time    `json:"createdAt"`
	UpdatedAt    time.Time    `json:"updatedAt"`
}

// Side is what one party filed.
type Side struct {
	Summary   string     `json:"summary"`
	Evidence  []string   `json:"evidence"`
	Documents []Document `json:"documents"`
}

// Side returns the filing of side s.
func (c *Case) Side(s SideID) *Side {
	if s == SideB {
		return &c.B
	}
	return &c.A
}

// Latest returns the newest judgment version, or nil before the first.
func (c *Case) Latest() *Judgment {
	if len(c.Judgments) == 0 {
		return nil
	}
	return &c.Judgments[len(c.Judgments)-1]
}

// RemainingArguments is how many arguments the case still accepts.
func (c *Case) RemainingArguments() int {
	if c.Status == Closed {
		return 0
	}
	return max(0, MaxArguments-len(c.Arguments))
}

// RemainingAfter is how many arguments the case accepts after a, once a
// has its number.
func (a *Argument) RemainingAfter() int { return max(0, MaxArguments-a.Seq) }

// Usage totals the judge's token use and estimated cost over the case.
func (c *Case) Usage() Usage {
	var u Usage
	for i := range c.Judgments {
		u = u.Add(c.Judgments[i].Usage)
	}
	for i := range c.Arguments {
		u = u.Add(c.Arguments[i].Usage)
	}
	return u
}

// NewID returns an unguessable identifier (128 random bits, base32).
func NewID() string { return strings.ToLower(rand.Text()) }

// clip shortens s for quoting it back in an error message.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
