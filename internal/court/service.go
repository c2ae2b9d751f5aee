package court

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// Notice is shown with every judgment: the product is for education and
// preparation, never legal advice.
const Notice = "AI Judge is for education and case preparation only. It is not legal advice and not a court; consult a qualified lawyer about a real dispute."

// Options configure a Service. Store, Judge, Cache and Reader are required.
type Options struct {
	Store  Store
	Judge  Judge
	Cache  Cache
	Reader Reader
	Blobs  Blobs // nil: originals are not kept
	Logger *slog.Logger
	// Recorder counts what the trial produces; nil counts nothing.
	Recorder Recorder
	// SwapCheck writes every tentative judgment a second time with the
	// sides exchanged and records whether the result mirrors (BIAS_CHECK).
	SwapCheck bool
	// Appellate hears appeals from final verdicts; nil means Judge.
	Appellate Judge
	// Citations checks every judgment's legal basis against the statute
	// table, whichever judge wrote it; nil checks nothing.
	Citations Checker
	// Audit keeps each case's hash-chained audit log; nil keeps none. It
	// is Store's own log (the same database): Store appends the entries
	// in the transactions of the writes they record.
	Audit AuditLog

	// MaxCaseBytes bounds the documents of one case together, including
	// those added after filing; 0 means no bound.
	MaxCaseBytes int64
	// DefaultJurisdiction applies to filings that name none.
	DefaultJurisdiction Jurisdiction
	// JudgeDeadline bounds one judge call, which runs detached from the
	// requests waiting for it (see calls); default 5 minutes.
	JudgeDeadline time.Duration
	// ArgumentLease bounds how long an argument slot stays reserved while
	// the judge answers; it must exceed JudgeDeadline. Default: the
	// judge's deadline and a minute.
	ArgumentLease time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Recorder counts judgments and arguments for the operators' metrics.
type Recorder interface {
	JudgmentRecorded(kind string)
	ArgumentRecorded(side string)
	// CitationChecked counts one cited provision by its status.
	CitationChecked(status string)
	// SwapChecked counts one position-swap check by its result
	// (consistent, flipped, failed).
	SwapChecked(result string)
	// QuoteChecked counts one quoted source of a finding by what the
	// grounding check found (found, close, missing).
	QuoteChecked(status string)
}

type noRecorder struct{}

func (noRecorder) JudgmentRecorded(string) {}
func (noRecorder) ArgumentRecorded(string) {}
func (noRecorder) CitationChecked(string)  {}
func (noRecorder) QuoteChecked(string)     {}
func (noRecorder) SwapChecked(string)      {}

// Service runs trials: it files cases, asks the judge and records what the
// judge said, keeping the rules of the trial and the cache coherent.
type Service struct {
	store     Store
	judge     Judge
	appellate Judge
	swap      bool
	cache     Cache
	reader    Reader
	blobs     Blobs
	log       *slog.Logger
	rec       Recorder
	audit     AuditLog
	cite      Checker
	def       Jurisdiction
	lease     time.Duration
	// deadline bounds one judge call.
	deadline time.Duration
	// maxCaseBytes bounds all documents of a case together.
	maxCaseBytes int64
	now          func() time.Time
	calls        calls

	// bg is the service's own background work (judge calls that outlive
	// their first caller, repeated invalidations); Close waits for it.
	bg      sync.WaitGroup
	stop    chan struct{}
	stopped sync.Once
}

// NewService returns a Service using the parts in o.
func NewService(o Options) *Service {
	s := &Service{
		store: o.Store, judge: o.Judge, appellate: o.Appellate, swap: o.SwapCheck, cache: o.Cache, reader: o.Reader, blobs: o.Blobs,
		log: o.Logger, rec: o.Recorder, audit: o.Audit, cite: o.Citations, def: o.DefaultJurisdiction, maxCaseBytes: o.MaxCaseBytes,
		lease: o.ArgumentLease, deadline: o.JudgeDeadline, now: o.Now, stop: make(chan struct{}),
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.rec == nil {
		s.rec = noRecorder{}
	}
	if s.appellate == nil {
		s.appellate = s.judge
	}
	if s.def == "" {
		s.def = India
	}
	if s.deadline <= 0 {
		s.deadline = 5 * time.Minute
	}
	if s.lease <= 0 {
		s.lease = s.deadline + time.Minute
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// Views is the cache in which front ends keep encoded views of a case,
// under CaseViewKey and JudgmentViewKey: the service drops them on every
// change to the case.
func (s *Service) Views() Cache { return s.cache }

// JudgeInfo names the judge this service uses.
func (s *Service) JudgeInfo() JudgeInfo { return s.judge.Info() }

// Ready reports whether the service can serve requests.
func (s *Service) Ready(ctx context.Context) error { return s.store.Ping(ctx) }

// Close ends the service's background work: judge calls nobody waits for
// any more are cancelled, pending invalidations are carried out at once.
// It returns when all of it has finished, or when ctx ends. Call it
// before closing the store and the cache.
func (s *Service) Close(ctx context.Context) error {
	s.stopped.Do(func() { close(s.stop) })
	done := make(chan struct{})
	go func() { s.bg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Then is what a caller records in the transaction of a Service write,
// after the write and its audit entries: the membership of a case's filer,
// the outcome of an idempotent request. It sees the value as stored (an
// argument with its sequence number); tx is the store's transaction,
// which also implements auth.Tx and idempotency.Tx. An error rolls the
// whole write back. A nil Then records nothing more.
type Then[T any] func(tx Tx, written T) error

func (t Then[T]) run(tx Tx, v T) error {
	if t == nil {
		return nil
	}
	return t(tx, v)
}

// File validates a filing, reads its documents and stores the new case,
// with then in the same transaction. Either the whole filing is stored
// or, on any error, nothing is.
func (s *Service) File(ctx context.Context, f *Filing, then Then[*Case]) (*Case, error) {
	c, err := f.normalize(s.def)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	c.ID, c.CreatedAt, c.UpdatedAt = NewID(), now, now
	for _, side := range []SideID{SideA, SideB} {
		in := f.A
		if side == SideB {
			in = f.B
		}
		docs, err := s.readUploads(ctx, side, in.Uploads, now)
		if err != nil {
			return nil, err
		}
		c.Side(side).Documents = docs
	}
	st := s.Stamp(ctx)
	err = s.store.InTx(ctx, func(tx Tx) error {
		if err := tx.CreateCase(c); err != nil {
			return err
		}
		if err := st.recordFiling(tx, c); err != nil {
			return err
		}
		return then.run(tx, c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// AddDocuments reads uploads and adds them to one side of an open case.
// All of them are added, or none.
func (s *Service) AddDocuments(ctx context.Context, caseID string, side SideID, uploads []Upload) ([]Document, error) {
	c, err := s.store.Case(ctx, caseID)
	if err != nil {
		return nil, err
	}
	if c.Status == Closed {
		return nil, ErrClosedDocument
	}
	if n := len(c.Side(side).Documents) + len(uploads); n > MaxDocumentsPerSide {
		return nil, Errorf(ETooLarge, "Side %s would have %d documents; at most %d are accepted.", side, n, MaxDocumentsPerSide)
	}
	if s.maxCaseBytes > 0 {
		total := int64(0)
		for _, side := range []*Side{&c.A, &c.B} {
			for _, d := range side.Documents {
				total += d.Size
			}
		}
		for _, u := range uploads {
			total += int64(len(u.Data))
		}
		if total > s.maxCaseBytes {
			return nil, Errorf(ETooLarge, "The case's documents would total %d bytes; the limit per case is %d.", total, s.maxCaseBytes)
		}
	}
	docs, err := s.readUploads(ctx, side, uploads, s.now().UTC())
	if err != nil {
		return nil, err
	}
	st := s.Stamp(ctx)
	lim := DocumentLimits{PerSide: MaxDocumentsPerSide, CaseBytes: s.maxCaseBytes}
	err = s.store.InTx(ctx, func(tx Tx) error {
		// The checks above spare the reading of files that cannot be
		// added; this one, under the case's lock, is the one that holds
		// against concurrent uploads.
		if err := tx.AddDocuments(caseID, docs, lim); err != nil {
			return err
		}
		for i := range docs {
			if err := st.recordDocument(tx, caseID, &docs[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.invalidate(ctx, caseID)
	return docs, nil
}

// readUploads reads every upload before anything is stored, so that one
// bad file rejects the filing whole and no half of it is kept.
func (s *Service) readUploads(ctx context.Context, side SideID, uploads []Upload, now time.Time) ([]Document, error) {
	docs := make([]Document, 0, len(uploads))
	for _, u := range uploads {
		d, err := s.reader.Read(ctx, u)
		if err != nil {
			if e, ok := err.(*Error); ok {
				return nil, e.On("side" + string(side) + "Docs")
			}
			return nil, err
		}
		d.Side, d.CreatedAt = side, now
		docs = append(docs, *d)
	}
	if s.blobs != nil {
		for i := range docs {
			if err := s.blobs.Put(ctx, docs[i].BlobKey(), uploads[i].Data, docs[i].MediaType); err != nil {
				return nil, Wrap(EUnavailable, err, "The document store is unavailable; try again shortly.")
			}
		}
	}
	return docs, nil
}

// Case returns a case with everything in it.
func (s *Service) Case(ctx context.Context, id string) (*Case, error) {
	if !validID(id) {
		return nil, errNoCase
	}
	return s.store.Case(ctx, id)
}

// Judgment returns the case's latest judgment, asking the judge for a
// tentative one when there is none yet, and reports whether it was
// there already: repeated calls cost no judge call. A new judgment
// written from the memo of a case of the same content is not "there
// already"; it says so in its Reused field.
// Concurrent first calls share one judge call; across replicas the store
// accepts one tentative judgment and the others serve it.
func (s *Service) Judgment(ctx context.Context, id string, out Stream) (*Judgment, bool, error) {
	c, err := s.Case(ctx, id)
	if err != nil {
		return nil, false, err
	}
	if j := c.Latest(); j != nil {
		return j, true, nil
	}
	var swapped chan swapResult
	if s.swap {
		swapped = make(chan swapResult, 1)
		go func() {
			r, _, err := s.ruling(ctx, "tentative", c.Swapped(), nil, s.judge.Tentative)
			swapped <- swapResult{r, err}
		}()
	}
	r, memo, err := s.ruling(ctx, "tentative", c, out, s.judge.Tentative)
	if err != nil {
		return nil, false, err
	}
	j := s.newJudgment(c, Tentative, r)
	if swapped != nil {
		s.checkSwap(c, j, <-swapped)
	}
	j.Reused = memo
	if err := s.addJudgment(ctx, j, nil); err != nil {
		if ErrorCode(err) != EConflict {
			return nil, false, err
		}
		// Somebody judged the case first: serve that judgment.
		if c, err = s.store.Case(ctx, id); err != nil {
			return nil, false, err
		}
		if j = c.Latest(); j == nil {
			return nil, false, Errorf(EConflict, "The case cannot be judged in its current state.")
		}
		return j, true, nil
	}
	return j, false, nil
}

// addJudgment stores j with its audit entry, and then, and drops the
// case's views.
func (s *Service) addJudgment(ctx context.Context, j *Judgment, then Then[*Judgment]) error {
	st := s.Stamp(ctx)
	err := s.store.InTx(ctx, func(tx Tx) error {
		if err := tx.AddJudgment(j); err != nil {
			return err
		}
		if err := st.recordJudgment(tx, j); err != nil {
			return err
		}
		return then.run(tx, j)
	})
	if err != nil {
		return err
	}
	s.rec.JudgmentRecorded(string(j.Kind))
	s.invalidate(ctx, j.CaseID)
	return nil
}

// Argue puts one side's argument to the judge and records the answer,
// with a reconsidered judgment when the judge changed its view, and then
// in the same transaction. If the judge fails, the case is left exactly as
// it was.
func (s *Service) Argue(ctx context.Context, id string, side SideID, text string, out Stream, then Then[*Argument]) (*Argument, int, error) {
	if side != SideA && side != SideB {
		return nil, 0, Errorf(EInvalid, "side must be \"A\" or \"B\".")
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, 0, Errorf(EInvalid, "argument is required.")
	}
	if err := checkText("argument", text, MaxArgumentChars); err != nil {
		return nil, 0, err
	}
	c, err := s.Case(ctx, id)
	if err != nil {
		return nil, 0, err
	}
	if err := argueAllowed(c); err != nil {
		return nil, 0, err
	}
	a := &Argument{ID: NewID(), CaseID: id, Side: side, Text: text, CreatedAt: s.now().UTC()}
	if err := s.store.ReserveArgument(ctx, a, s.lease); err != nil {
		return nil, 0, err
	}
	ans, err := s.answer(ctx, c, a, out)
	if err != nil {
		s.release(a)
		return nil, 0, err
	}
	a.Response, a.Strengthens, a.Weakens = ans.Response, ans.Strengthens, ans.Weakens
	a.UncertaintyRemains, a.Reconsidered = ans.UncertaintyRemains, ans.Reconsidered
	a.UpdatedReasoning, a.ProvisionalNote, a.Confidence = ans.UpdatedReasoning, ans.ProvisionalNote, ans.Confidence
	a.Judge, a.Flags, a.Usage = ans.Judge, ans.Flags, ans.Usage
	var revised *Judgment
	if ans.Reconsidered {
		revised = s.reconsider(c.Latest(), ans)
	}
	st := s.Stamp(ctx)
	err = s.store.InTx(ctx, func(tx Tx) error {
		if err := tx.CompleteArgument(a, revised); err != nil {
			return err
		}
		if err := st.recordArgument(tx, a); err != nil {
			return err
		}
		if err := st.recordJudgment(tx, revised); err != nil {
			return err
		}
		return then.run(tx, a)
	})
	if err != nil {
		a.Seq = 0
		s.release(a)
		return nil, 0, err
	}
	s.rec.ArgumentRecorded(string(side))
	if revised != nil {
		s.rec.JudgmentRecorded(string(Reconsidered))
	}
	s.invalidate(ctx, id)
	remaining := max(0, MaxArguments-len(c.Arguments)-1)
	if a.Seq > 0 {
		remaining = a.RemainingAfter()
	}
	return a, remaining, nil
}

// release gives the argument's slot back even when the request's context
// is already cancelled.
func (s *Service) release(a *Argument) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.store.ReleaseArgument(ctx, a.CaseID, a.ID); err != nil {
		s.log.Warn("argument slot not released; it frees itself when its lease ends", "case_id", a.CaseID, "err", err)
	}
}

// argueAllowed checks the rules against the case as loaded, so that a
// request the store would refuse costs no judge call; the store checks
// them again in its transaction.
func argueAllowed(c *Case) error {
	return State{Status: c.Status, Versions: len(c.Judgments), Answered: len(c.Arguments)}.AllowArgument()
}

func (s *Service) reconsider(prev *Judgment, ans *Answer) *Judgment {
	j := &Judgment{
		ID: NewID(), CaseID: prev.CaseID, Kind: Reconsidered,
		Verdict: prev.Verdict, Reasoning: prev.Reasoning, LegalBasis: prev.LegalBasis,
		Confidence: ans.Confidence, Favours: prev.Favours, Roles: prev.Roles, Issues: prev.Issues,
		Relief: prev.Relief, Citations: prev.Citations,
		Judge: ans.Judge, Flags: ans.Flags, CreatedAt: s.now().UTC(),
	}
	if ans.Favours.Valid() {
		j.Favours = ans.Favours
	}
	if ans.Verdict != "" {
		j.Verdict = ans.Verdict
	}
	if ans.UpdatedReasoning != "" {
		j.Reasoning = ans.UpdatedReasoning
	}
	return j
}

// FinalVerdict asks the judge for the final verdict and closes the case.
// Asked again, it returns the verdict already delivered, and reports so.
func (s *Service) FinalVerdict(ctx context.Context, id string, out Stream) (*Judgment, bool, error) {
	c, err := s.Case(ctx, id)
	if err != nil {
		return nil, false, err
	}
	if c.Status == Closed {
		return c.Latest(), true, nil
	}
	if c.Latest() == nil {
		return nil, false, ErrFinalTooEarly
	}
	r, memo, err := s.ruling(ctx, "final", c, out, s.judge.Final)
	if err != nil {
		return nil, false, err
	}
	j := s.newJudgment(c, Final, r)
	j.Reused = memo
	if err := s.addJudgment(ctx, j, nil); err != nil {
		if ErrorCode(err) != EConflict {
			return nil, false, err
		}
		// A concurrent request may have delivered the verdict first.
		if c, rerr := s.store.Case(ctx, id); rerr == nil && c.Status == Closed {
			return c.Latest(), true, nil
		}
		return nil, false, err
	}
	return j, false, nil
}

func (s *Service) newJudgment(c *Case, k Kind, r *Ruling) *Judgment {
	j := &Judgment{
		ID: NewID(), CaseID: c.ID, Kind: k,
		Verdict: r.Verdict, Reasoning: r.Reasoning, LegalBasis: r.LegalBasis, Confidence: r.Confidence,
		Favours: r.Favours, Roles: r.Roles, Issues: r.Issues, Relief: r.Relief,
		Judge: r.Judge, Flags: r.Flags, Usage: r.Usage, Bench: r.Bench, CreatedAt: s.now().UTC(),
	}
	j.Citations = s.checkCitations(c, r.LegalBasis, r.FactsDate)
	s.ground(c, j.Issues)
	return j
}

// ground checks the quotes of issues against c, whichever judge wrote
// them, and counts each by what was found.
func (s *Service) ground(c *Case, issues []Issue) {
	Ground(c, issues)
	for i := range issues {
		for _, f := range issues[i].Findings {
			for _, src := range f.Sources {
				if src.Grounding != "" {
					s.rec.QuoteChecked(string(src.Grounding))
				}
			}
		}
	}
}

// checkCitations resolves legalBasis against the statute table and counts
// each citation by its status; nil without a Checker.
func (s *Service) checkCitations(c *Case, legalBasis []string, facts time.Time) []Citation {
	if s.cite == nil || len(legalBasis) == 0 {
		return nil
	}
	list := s.cite.Check(c.Jurisdiction, legalBasis, facts, c.CreatedAt)
	for _, ci := range list {
		s.rec.CitationChecked(string(ci.Status))
	}
	return list
}

// Document returns a document's metadata and its original bytes.
func (s *Service) Document(ctx context.Context, caseID, docID string) (*Document, io.ReadCloser, error) {
	c, err := s.Case(ctx, caseID)
	if err != nil {
		return nil, nil, err
	}
	for _, side := range []*Side{&c.A, &c.B} {
		for i := range side.Documents {
			d := &side.Documents[i]
			if d.ID != docID {
				continue
			}
			if s.blobs == nil {
				return nil, nil, Errorf(ENotFound, "The original of this document is not kept.")
			}
			r, err := s.blobs.Open(ctx, d.BlobKey())
			if err != nil {
				return nil, nil, err
			}
			return d, r, nil
		}
	}
	return nil, nil, Errorf(ENotFound, "No document with that id exists in this case.")
}

// DeleteCase removes a case, its documents' originals that no other case
// shares, and its cached views.
func (s *Service) DeleteCase(ctx context.Context, id string) error {
	if !validID(id) {
		return errNoCase
	}
	st := s.Stamp(ctx)
	var keys []string
	err := s.store.InTx(ctx, func(tx Tx) error {
		var err error
		if keys, err = tx.DeleteCase(id); err != nil {
			return err
		}
		// The log outlives the case.
		return st.Record(tx, id, AuditCaseDeleted, id, "")
	})
	if err != nil {
		return err
	}
	s.invalidate(ctx, id)
	if s.blobs != nil {
		for _, k := range keys {
			if err := s.blobs.Delete(ctx, k); err != nil {
				s.log.Warn("document original not deleted", "case_id", id, "err", err)
			}
		}
	}
	return nil
}

var errNoCase = ErrCaseNotFound

// validID rejects ids that cannot have come from NewID before they reach
// the store or the cache.
func validID(id string) bool {
	if len(id) == 0 || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// CaseViewKey and JudgmentViewKey are the cache keys under which the
// HTTP edge keeps a case's encoded views (the case, its latest judgment).
// Every change to the case drops both, everywhere.
func CaseViewKey(id string) string     { return "case:" + id }
func JudgmentViewKey(id string) string { return "judgment:" + id }

// invalidate drops the case's cached views everywhere. It drops them a
// second time a moment later, because a reader that loaded the old state
// just before the write may store it in the cache just after the first
// delete. On Close the second drop happens at once.
func (s *Service) invalidate(ctx context.Context, id string) {
	keys := []string{CaseViewKey(id), JudgmentViewKey(id)}
	s.cache.Delete(ctx, keys...)
	s.bg.Go(func() {
		t := time.NewTimer(250 * time.Millisecond)
		defer t.Stop()
		select {
		case <-t.C:
		case <-s.stop:
		}
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		s.cache.Delete(ctx, keys...)
	})
}
