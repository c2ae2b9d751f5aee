package court

// The rule violations, worded for the people who caused them. Stores
// return these from inside their transactions; the storetest suite checks
// their codes.
var (
	ErrCaseNotFound    = Errorf(ENotFound, "This case does not exist.")
	ErrClosedJudgment  = Errorf(EConflict, "The final verdict has been delivered; the case accepts no more judgments.")
	ErrClosedArgument  = Errorf(EConflict, "The final verdict has been delivered; the case accepts no more arguments.")
	ErrClosedDocument  = Errorf(EConflict, "The final verdict has been delivered; the case accepts no more documents.")
	ErrTentativeExists = Errorf(EConflict, "This case already has a tentative judgment.")
	ErrNoJudgment      = Errorf(EConflict, "Ask for a judgment before arguing.")
	ErrNothingToRevise = Errorf(EConflict, "There is no judgment to reconsider yet.")
	ErrFinalTooEarly   = Errorf(EConflict, "Ask for a judgment before the final verdict.")
	ErrArgumentPending = Errorf(EConflict, "An argument is still being answered; ask for the final verdict once it is done.")
	ErrArgumentsFull   = Errorf(EConflict, "This case already has five arguments; no more are accepted.")
	ErrReservationLost = Errorf(EConflict, "The time to answer this argument ran out; please submit it again.")
	ErrAlreadyAnswered = Errorf(EConflict, "This argument has already been answered.")
	ErrBadKind         = Errorf(EInvalid, "The judgment kind must be tentative, reconsidered, final or appeal.")
	ErrAppealTooEarly  = Errorf(EConflict, "An appeal lies only from the final verdict; ask for it first.")
	ErrAppealed        = Errorf(EConflict, "This case has already been appealed; one appeal is allowed.")
	ErrRevisedKind     = Errorf(EInvalid, "A judgment revised by an argument must be of kind reconsidered.")
	ErrBadLease        = Errorf(EInvalid, "The argument's lease must be positive.")
)

// State is what the rules of a trial look at. A store reads it inside the
// write transaction that acts on it, holding the case's lock, so the
// answer stays true until the transaction ends.
type State struct {
	Status   Status
	Versions int  // the latest judgment version, 0 before the first
	Answered int  // arguments answered
	Live     int  // argument reservations whose lease has not run out
	Appealed bool // an appeal judgment is stored
}

// AllowJudgment says whether a judgment of kind may be appended now.
func (st State) AllowJudgment(kind Kind) error {
	switch kind {
	case Tentative, Reconsidered, Final:
	case AppealKind:
		switch {
		case st.Appealed:
			return ErrAppealed
		case st.Status != Closed:
			return ErrAppealTooEarly
		}
		return nil
	default:
		return ErrBadKind
	}
	switch {
	case st.Status == Closed:
		return ErrClosedJudgment
	case kind == Tentative && st.Versions > 0:
		return ErrTentativeExists
	case kind == Reconsidered && st.Versions == 0:
		return ErrNothingToRevise
	case kind == Final && st.Versions == 0:
		return ErrFinalTooEarly
	case kind == Final && st.Live > 0:
		return ErrArgumentPending
	}
	return nil
}

// AllowArgument says whether another argument may be reserved now.
func (st State) AllowArgument() error {
	switch {
	case st.Status == Closed:
		return ErrClosedArgument
	case st.Versions == 0:
		return ErrNoJudgment
	case st.Answered+st.Live >= MaxArguments:
		return ErrArgumentsFull
	}
	return nil
}

// StatusAfter is the case's status once a judgment of kind is appended.
func (st State) StatusAfter(kind Kind) Status {
	switch {
	case kind == Final || kind == AppealKind:
		return Closed
	case st.Status == Filed:
		return Judged
	}
	return st.Status
}

// DocumentLimits are the limits on a case's documents that must hold
// however many uploads arrive at once: a store checks them with Allow
// inside the transaction that adds the documents, holding the case's lock.
type DocumentLimits struct {
	PerSide   int   // documents on one side; MaxDocumentsPerSide when 0
	CaseBytes int64 // all documents of the case together; no limit when 0
}

// DocumentTotals is what a case holds already.
type DocumentTotals struct {
	A, B  int   // documents on each side
	Bytes int64 // their sizes together
}

// Allow says whether docs may be added to a case holding have.
func (l DocumentLimits) Allow(have DocumentTotals, docs []Document) error {
	perSide := l.PerSide
	if perSide <= 0 {
		perSide = MaxDocumentsPerSide
	}
	n := map[SideID]int{SideA: have.A, SideB: have.B}
	bytes := have.Bytes
	for i := range docs {
		n[docs[i].Side]++
		bytes += docs[i].Size
	}
	for _, side := range []SideID{SideA, SideB} {
		if n[side] > perSide {
			return Errorf(ETooLarge, "Side %s would have %d documents; at most %d are accepted.", side, n[side], perSide)
		}
	}
	if l.CaseBytes > 0 && bytes > l.CaseBytes {
		return Errorf(ETooLarge, "The case's documents would total %d bytes; the limit per case is %d.", bytes, l.CaseBytes)
	}
	return nil
}
