package court

import "time"

// Kind says how a judgment version came about.
type Kind string

// The kinds of judgment version.
const (
	Tentative    Kind = "tentative"    // the first view, before arguments
	Reconsidered Kind = "reconsidered" // a view revised after an argument
	Final        Kind = "final"        // the final verdict; closes the case
	AppealKind   Kind = "appeal"       // a review of the final verdict by another judge
)

// JudgeInfo identifies the judge that wrote a judgment or an answer.
type JudgeInfo struct {
	Provider      string `json:"provider"`
	Model         string `json:"model"`
	PromptVersion string `json:"promptVersion"`
}

// Usage is what one or more judge calls cost.
type Usage struct {
	InputTokens  int64   `json:"inputTokens"`
	OutputTokens int64   `json:"outputTokens"`
	LatencyMS    int64   `json:"latencyMs"`
	Cost         float64 `json:"cost"`
	Calls        int     `json:"calls"`
}

// Add returns the sum of two usages.
func (u Usage) Add(v Usage) Usage {
	return Usage{
		InputTokens:  u.InputTokens + v.InputTokens,
		OutputTokens: u.OutputTokens + v.OutputTokens,
		LatencyMS:    u.LatencyMS + v.LatencyMS,
		Cost:         u.Cost + v.Cost,
		Calls:        u.Calls + v.Calls,
	}
}

// Flag reports text a party filed that tried to instruct the judge. Both
// parties see it; the judge is told about it and treats the text as data.
type Flag struct {
	Source  string `json:"source"`  // e.g. "Side B summary", "Side A document lease.pdf", "argument 3"
	Reason  string `json:"reason"`  // what the text tried to do
	Excerpt string `json:"excerpt"` // the offending words, shortened
}

// Judgment is one version of the judge's view of a case. Versions are
// append-only: a reconsideration or the final verdict adds one.
type Judgment struct {
	ID         string   `json:"id"`
	CaseID     string   `json:"caseId"`
	Version    int      `json:"version"`
	Kind       Kind     `json:"kind"`
	Verdict    string   `json:"verdict"`
	Reasoning  string   `json:"reasoning"`
	LegalBasis []string `json:"legalBasis"`
	Confidence int      `json:"confidence"`
	// The structure (structure.go); empty in judgments stored before it.
	Favours   Favours    `json:"favours"`
	Roles     Roles      `json:"roles"`
	Issues    []Issue    `json:"issues"`
	Relief    []Order    `json:"relief"`
	Citations []Citation `json:"citations"`
	// How it was checked and written (review.go); nil when not.
	Swap      *SwapCheck `json:"swap,omitempty"`
	Bench     *Bench     `json:"bench,omitempty"`
	Appeal    *Appeal    `json:"appeal,omitempty"`
	Judge     JudgeInfo  `json:"judge"`
	Flags     []Flag     `json:"flags"`
	Usage     Usage      `json:"usage"`
	CreatedAt time.Time  `json:"createdAt"`
	// Reused is true on a judgment just written from the answer the judge
	// gave to a case of the same content (the memo): this case was never
	// judged before, but the judge was not asked again. It is not stored.
	Reused bool `json:"-"`
}

// Argument is one follow-up argument by a side and the judge's answer.
type Argument struct {
	ID                 string    `json:"id"`
	CaseID             string    `json:"caseId"`
	Seq                int       `json:"sequenceNumber"`
	Side               SideID    `json:"side"`
	Text               string    `json:"argument"`
	Response           string    `json:"response"`
	Strengthens        string    `json:"strengthens"` // "Side A", "Side B" or "Neither"
	Weakens            string    `json:"weakens"`     // likewise
	UncertaintyRemains string    `json:"uncertaintyRemains"`
	Reconsidered       bool      `json:"reconsidered"`
	UpdatedReasoning   string    `json:"updatedReasoning"`
	ProvisionalNote    string    `json:"provisionalNote"`
	Confidence         int       `json:"confidence"`
	Judge              JudgeInfo `json:"judge"`
	Flags              []Flag    `json:"flags"`
	Usage              Usage     `json:"usage"`
	CreatedAt          time.Time `json:"createdAt"`
}

// Neither is the value of Strengthens or Weakens when an argument helps or
// hurts no side.
const Neither = "Neither"

// ValidEffect reports whether s is a legal value of Strengthens or Weakens.
func ValidEffect(s string) bool { return s == "Side A" || s == "Side B" || s == Neither }
