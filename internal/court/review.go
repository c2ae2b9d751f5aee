package court

// What a judgment records of how it was checked and by whom it was
// written: the position-swap check of a tentative judgment, the opinions
// of a bench of judges, and, for an appeal, what it decided of the
// verdict under appeal. Stores keep the three together, as one object.

// SwapCheck is the result of writing a tentative judgment again with the
// sides exchanged: their filings swapped, their labels with them.
type SwapCheck struct {
	// Favours is the side the swapped judgment favoured, named as the
	// sides were filed (its "A" read as B): a consistent judge favours
	// the same side both times.
	Favours    Favours `json:"favours"`
	Confidence int     `json:"confidence"`
	Consistent bool    `json:"consistent"`
	// ConfidenceBefore is the judgment's confidence before a flip
	// lowered it.
	ConfidenceBefore int `json:"confidenceBefore"`
}

// SwapPenalty caps the confidence of a judgment whose result flips when
// the sides are presented in the other order: it turns on presentation,
// not on the merits, and is shown as no better than an even call.
const SwapPenalty = 50

// Mirror names the other side; neither stays neither.
func (f Favours) Mirror() Favours {
	switch f {
	case FavoursA:
		return FavoursB
	case FavoursB:
		return FavoursA
	}
	return f
}

// OpinionRole is the place of one judge's opinion on a bench.
type OpinionRole string

// The roles of an opinion.
const (
	Leading    OpinionRole = "leading"    // the majority's opinion the court adopts
	Concurring OpinionRole = "concurring" // agrees with the result
	Dissenting OpinionRole = "dissenting" // favours another side
	Absent     OpinionRole = "absent"     // the judge gave no opinion (an error)
)

// Opinion is what one judge of a bench wrote.
type Opinion struct {
	Judge      JudgeInfo   `json:"judge"`
	Role       OpinionRole `json:"role"`
	Favours    Favours     `json:"favours,omitempty"`
	Verdict    string      `json:"verdict,omitempty"`
	Reasoning  string      `json:"reasoning,omitempty"`
	LegalBasis []string    `json:"legalBasis,omitempty"`
	Confidence int         `json:"confidence,omitempty"`
	// Error says, in a sentence for the parties, why an absent judge gave
	// no opinion.
	Error string `json:"error,omitempty"`
	Usage Usage  `json:"usage"`
}

// Bench is the opinions of the judges who sat together on one judgment:
// Agree of Sat judges favoured the side the court decided for; Seated
// counts the absent ones too.
type Bench struct {
	Opinions []Opinion `json:"opinions"`
	Agree    int       `json:"agree"`
	Sat      int       `json:"sat"`
	Seated   int       `json:"seated"`
}

// Unanimous reports whether every judge who gave an opinion agreed.
func (b *Bench) Unanimous() bool { return b != nil && b.Agree == b.Sat }

// AppealOutcome is what an appeal made of the verdict under appeal.
type AppealOutcome string

// The outcomes of an appeal.
const (
	Affirmed AppealOutcome = "affirmed" // same side, same relief
	Varied   AppealOutcome = "varied"   // same side, other relief
	Reversed AppealOutcome = "reversed" // the other side, or neither
)

// Appeal records an appeal judgment's subject: who appealed, the version
// appealed from, and the outcome.
type Appeal struct {
	By      SideID        `json:"by"`
	From    int           `json:"from"`
	Outcome AppealOutcome `json:"outcome"`
}

// Review is what a store keeps of a judgment's checks and bench together.
type Review struct {
	Swap   *SwapCheck `json:"swap,omitempty"`
	Bench  *Bench     `json:"bench,omitempty"`
	Appeal *Appeal    `json:"appeal,omitempty"`
}

// Review returns j's checks and bench, for a store to keep.
func (j *Judgment) Review() Review { return Review{Swap: j.Swap, Bench: j.Bench, Appeal: j.Appeal} }

// SetReview puts back what Review returned.
func (j *Judgment) SetReview(r Review) { j.Swap, j.Bench, j.Appeal = r.Swap, r.Bench, r.Appeal }

// appealOutcome compares the appeal court's ruling with the verdict under
// appeal.
func appealOutcome(from *Judgment, r *Ruling) AppealOutcome {
	switch {
	case r.Favours != from.Favours:
		return Reversed
	case !sameRelief(from.Relief, r.Relief):
		return Varied
	}
	return Affirmed
}

// sameRelief reports whether two lists order the same kinds of relief
// with the same sums, in any order.
func sameRelief(a, b []Order) bool {
	if len(a) != len(b) {
		return false
	}
	count := map[[2]any]int{}
	for _, o := range a {
		count[[2]any{o.Kind, o.Amount}]++
	}
	for _, o := range b {
		k := [2]any{o.Kind, o.Amount}
		if count[k] == 0 {
			return false
		}
		count[k]--
	}
	return true
}
