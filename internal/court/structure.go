package court

// The structure of a judgment: which side it favours, the issues it
// framed with their findings and the passages those rest on, the relief,
// the parties' roles in the forum, and each cited provision checked
// against the statute table. Every engine writes the same structure; the
// service checks the citations of all of them with one Checker.

// Favours is the side a judgment is for.
type Favours string

// The sides a judgment may favour.
const (
	FavoursA       Favours = "A"
	FavoursB       Favours = "B"
	FavoursNeither Favours = "neither"
)

// Valid reports whether f is one of the three values.
func (f Favours) Valid() bool { return f == FavoursA || f == FavoursB || f == FavoursNeither }

// Issue is one point for determination: the question, who must prove
// what to which standard, the findings of fact, the rule, its
// application and the answer.
type Issue struct {
	Question string `json:"question"`
	// Burden is the side that bears the burden on this issue ("A" or
	// "B"); Standard says to what standard (a preponderance of
	// probabilities, beyond reasonable doubt, a statutory presumption and
	// how it is rebutted).
	Burden   SideID    `json:"burden"`
	Standard string    `json:"standard"`
	Findings []Finding `json:"findings"`
	// Rule states the law that decides the issue; Provisions name it as
	// the legal basis does ("Negotiable Instruments Act, 1881, s. 139").
	Rule        string   `json:"rule"`
	Provisions  []string `json:"provisions"`
	Application string   `json:"application"`
	Answer      string   `json:"answer"`
}

// FindingStatus is what the judge made of a fact.
type FindingStatus string

// The statuses of a finding.
const (
	Admitted     FindingStatus = "admitted"     // the other side's own filing accepts it
	Proved       FindingStatus = "proved"       // a document bears it out
	Disputed     FindingStatus = "disputed"     // asserted and denied, neither side's material settles it
	Unproved     FindingStatus = "unproved"     // asserted, and nothing bears it out
	Contradicted FindingStatus = "contradicted" // a document says otherwise
)

// FindingStatuses lists every status.
var FindingStatuses = []FindingStatus{Admitted, Proved, Disputed, Unproved, Contradicted}

// Valid reports whether s is one of the statuses.
func (s FindingStatus) Valid() bool {
	for _, v := range FindingStatuses {
		if s == v {
			return true
		}
	}
	return false
}

// Finding is one fact the judge found, with what it rests on.
type Finding struct {
	Fact    string        `json:"fact"`
	Status  FindingStatus `json:"status"`
	Sources []Source      `json:"sources"`
}

// SourceKind says what a finding rests on.
type SourceKind string

// The kinds of source.
const (
	FromDocument SourceKind = "document" // a document, with the quoted passage
	FromSummary  SourceKind = "summary"  // a side's summary
	FromEvidence SourceKind = "evidence" // one of a side's evidence points
	FromArgument SourceKind = "argument" // a follow-up argument
)

// Source is one place a finding rests on. Label is how the judge was
// shown it ("Side A document 2: invoice.pdf", "Side B summary",
// "Side A evidence 3"); DocumentID links a document's source to it.
type Source struct {
	Kind       SourceKind `json:"kind"`
	Side       SideID     `json:"side"`
	Label      string     `json:"label"`
	DocumentID string     `json:"documentId,omitempty"`
	Quote      string     `json:"quote,omitempty"`
	// Grounding is what the check of the quote against the source found
	// (ground.go); empty when there is no quote or it was never checked.
	Grounding QuoteStatus `json:"grounding,omitempty"`
}

// ReliefKind is a kind of order.
type ReliefKind string

// The kinds of relief.
const (
	Refund       ReliefKind = "refund"
	Compensation ReliefKind = "compensation"
	Interest     ReliefKind = "interest"
	Costs        ReliefKind = "costs"
	Dismissal    ReliefKind = "dismissal"
	Conviction   ReliefKind = "conviction"
	Acquittal    ReliefKind = "acquittal"
	Injunction   ReliefKind = "injunction"
	Declaration  ReliefKind = "declaration"
	OtherRelief  ReliefKind = "other"
)

// Order is one item of relief: what is ordered, or would be, with an
// amount in the case's currency where there is one.
type Order struct {
	Kind        ReliefKind `json:"kind"`
	Description string     `json:"description"`
	Amount      float64    `json:"amount,omitempty"`
	Currency    string     `json:"currency,omitempty"` // ISO 4217: INR, GBP, USD …
}

// Roles names the parties as the forum does: complainant and opposite
// party (consumer), complainant and accused (s. 138), claimant and
// respondent (UK employment tribunal), plaintiff and defendant.
type Roles struct {
	A string `json:"A"`
	B string `json:"B"`
}

// CitationStatus is what the statute table says of a cited provision.
type CitationStatus string

// The statuses of a citation.
const (
	CitationVerified       CitationStatus = "verified"        // in the table and in force on the date
	CitationUnknownSection CitationStatus = "unknown_section" // the act is in the table, the section is not
	CitationNotInForce     CitationStatus = "not_in_force"    // repealed, or not yet in force, on the date
	CitationOutsideTable   CitationStatus = "outside_table"   // an act the table does not hold
	CitationUnreadable     CitationStatus = "unreadable"      // the text names no act
)

// Verified reports whether the citation may be presented as law.
func (s CitationStatus) Verified() bool { return s == CitationVerified }

// Citation is one legal-basis entry resolved against the statute table.
type Citation struct {
	Text    string         `json:"text"` // as the judge wrote it
	Act     string         `json:"act,omitempty"`
	Section string         `json:"section,omitempty"`
	Title   string         `json:"title,omitempty"`
	Status  CitationStatus `json:"status"`
	// Instead names what applies on the date when the cited provision
	// does not (BNS s. 318 for IPC s. 420 after 1 July 2024).
	Instead string `json:"instead,omitempty"`
}

// Structured reports whether j has a structure: judgments stored before
// the structure existed have none.
func (j *Judgment) Structured() bool {
	return j.Favours != "" || j.Roles != (Roles{}) || len(j.Issues) > 0 || len(j.Relief) > 0 || len(j.Citations) > 0
}
