package court

import (
	"context"
	"time"
)

// Store keeps cases. Implementations enforce the trial's rules inside their
// transactions, so that the rules hold under any concurrency and across
// replicas; internal/storetest is the suite every implementation passes.
type Store interface {
	// Case returns the case with its documents (including their text),
	// judgments and answered arguments, or ENotFound.
	Case(ctx context.Context, id string) (*Case, error)

	// InTx runs fn in one write transaction and commits it when fn
	// returns nil: every write fn makes through tx is stored, or none is.
	// Callers state there everything a change records besides itself
	// (its audit entries, the outcome of the request that made it, the
	// membership of a case's filer). The Tx of both stores also
	// implements auth.Tx and idempotency.Tx. fn must write only through
	// tx, never through the store itself (SQLite has one writer), and
	// append audit entries after the writes they record (PostgreSQL
	// locks the case row first). Once a write in tx has failed, the
	// transaction does not commit, even if fn returns nil.
	InTx(ctx context.Context, fn func(tx Tx) error) error

	// ReserveArgument claims one of the case's MaxArguments slots for a,
	// for at most lease by the store's clock, while the judge answers it.
	// It returns EConflict when the case has no judgment yet, is closed,
	// or has no slot left (answered arguments and live reservations
	// together).
	ReserveArgument(ctx context.Context, a *Argument, lease time.Duration) error

	// ReleaseArgument gives a reserved slot back, after the judge failed.
	ReleaseArgument(ctx context.Context, caseID, argumentID string) error

	// Ping reports whether the store can serve requests.
	Ping(ctx context.Context) error

	Close() error
}

// Tx is the writes of one store transaction. Each checks the trial's
// rules against the state it reads inside the transaction.
type Tx interface {
	// CreateCase stores a new case with both sides and their documents.
	CreateCase(c *Case) error

	// AddDocuments adds the documents of one request to an open case,
	// each to its side: EConflict once the case is closed, ETooLarge when
	// lim.Allow refuses them given what the case holds. It locks the case
	// before counting, so concurrent requests cannot overrun the limits
	// together; either all of docs are added or none.
	AddDocuments(caseID string, docs []Document, lim DocumentLimits) error

	// AddJudgment appends a version and sets j.Version. A tentative
	// judgment is accepted only as the first version, a reconsidered one
	// only after it, and a final one only after a judgment while no
	// argument is being answered; each closed case refuses all of them.
	// Violations return EConflict. A final judgment closes the case.
	AddJudgment(j *Judgment) error

	// CompleteArgument stores the answer to a reserved argument, assigns
	// its sequence number and, when revised is not nil, appends revised
	// as a reconsidered judgment. It returns EConflict when the
	// reservation was lost or the case closed.
	CompleteArgument(a *Argument, revised *Judgment) error

	// DeleteCase removes a case and everything in it, returning the blob
	// keys no other case still refers to, so the caller can delete them.
	// The case's audit log is kept.
	DeleteCase(id string) (orphanBlobKeys []string, err error)

	// AppendAudit sets e.Seq, e.PrevHash and e.Hash (with Seal) from the
	// case's last entry and stores e. Appends to one case never fork its
	// chain, however many transactions run at once.
	AppendAudit(e *AuditEntry) error
}

// Cache keeps encoded values by key. Implementations may have several
// layers; Delete must reach every layer and every replica.
type Cache interface {
	Get(ctx context.Context, key string) ([]byte, bool)
	Set(ctx context.Context, key string, value []byte)
	Delete(ctx context.Context, keys ...string)
}

// Stream receives the judge's text as it is written. A nil Stream is valid
// and means nobody is watching.
type Stream func(delta string)

// Send passes delta to s if s is not nil.
func (s Stream) Send(delta string) {
	if s != nil {
		s(delta)
	}
}

// Ruling is the judge's view of a whole case: a tentative judgment or the
// final verdict.
type Ruling struct {
	Verdict    string   `json:"verdict"`
	Reasoning  string   `json:"reasoning"`
	LegalBasis []string `json:"legalBasis"`
	Confidence int      `json:"confidence"`
	Favours    Favours  `json:"favours"`
	Roles      Roles    `json:"roles"`
	Issues     []Issue  `json:"issues"`
	Relief     []Order  `json:"relief"`
	// FactsDate is when the events in dispute happened (the offence, the
	// breach), as the judge found; zero when it could not tell. The law
	// cited is checked as it stood then, and procedure as it stands on
	// the filing date.
	FactsDate time.Time `json:"factsDate,omitzero"`
	Flags     []Flag    `json:"flags"`
	Judge     JudgeInfo `json:"judge"`
	Usage     Usage     `json:"usage"`
	// Bench holds every judge's opinion when a bench wrote the ruling.
	Bench *Bench `json:"bench,omitempty"`
}

// Answer is the judge's response to one argument.
type Answer struct {
	Response           string    `json:"response"`
	Strengthens        string    `json:"strengthens"`
	Weakens            string    `json:"weakens"`
	UncertaintyRemains string    `json:"uncertaintyRemains"`
	Reconsidered       bool      `json:"reconsidered"`
	UpdatedReasoning   string    `json:"updatedReasoning"`
	ProvisionalNote    string    `json:"provisionalNote"`
	Confidence         int       `json:"confidence"`
	Verdict            string    `json:"verdict"` // the revised verdict when Reconsidered
	Favours            Favours   `json:"favours"` // the side the revised view favours when Reconsidered
	Flags              []Flag    `json:"flags"`
	Judge              JudgeInfo `json:"judge"`
	Usage              Usage     `json:"usage"`
}

// Checker resolves a judgment's legal basis against the statute table:
// one Citation per entry, in order. Substantive law is checked as it stood
// on facts (zero: on proceedings), procedure and evidence as they stand on
// proceedings, the date of filing.
type Checker interface {
	Check(j Jurisdiction, legalBasis []string, facts, proceedings time.Time) []Citation
}

// Judge decides cases. Implementations read everything the parties filed
// as evidence, never as instructions, and report attempts to instruct
// them as Flags. Errors use the domain codes: EUpstream when the judge
// answered badly, EUnavailable or ERateLimited when it cannot answer now.
type Judge interface {
	// Info names the judge (provider, model, prompt version) for cache
	// keys and records.
	Info() JudgeInfo

	// Tentative gives a first, provisional view of the case.
	Tentative(ctx context.Context, c *Case, out Stream) (*Ruling, error)

	// Answer evaluates argument a against the case and the latest
	// judgment; c.Arguments holds the arguments answered before it.
	Answer(ctx context.Context, c *Case, a *Argument, out Stream) (*Answer, error)

	// Final delivers the fully reasoned final verdict.
	Final(ctx context.Context, c *Case, out Stream) (*Ruling, error)
}
