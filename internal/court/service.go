package court

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"time"

	"golang.org/x/sync/singleflight"
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
	// Audit keeps each case's hash-chained audit log; nil keeps none. It
	// is Store's own log (the same database): Store appends the entries
	// in the transactions of the writes they record.
	Audit AuditLog

	// MaxCaseBytes bounds the documents of one case together, including
	// those added after filing; 0 means no bound.
	MaxCaseBytes int64
	// DefaultJurisdiction applies to filings that name none.
	DefaultJurisdiction Jurisdiction
	// ArgumentLease bounds how long an argument slot stays reserved while
	// the judge answers; it must exceed the judge's own deadline.
	ArgumentLease time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Recorder counts judgments and arguments for the operators' metrics.
type Recorder interface {
	JudgmentRecorded(kind string)
	ArgumentRecorded(side string)
}

type noRecorder struct{}

func (noRecorder) JudgmentRecorded(string) {}
func (noRecorder) ArgumentRecorded(string) {}

// Service runs trials: it files cases, asks the judge and records what the
// judge said, keeping the rules of the trial and the cache coherent.
type Service struct {
	store  Store
	judge  Judge
	cache  Cache
	reader Reader
	blobs  Blobs
	log    *slog.Logger
	rec    Recorder
	audit  AuditLog
	def    Jurisdiction
	lease  time.Duration
	// maxCaseBytes bounds all documents of a case together.
	maxCaseBytes int64
	now          func() time.Time
	flight       singleflight.Group
}

// NewService returns a Service using the parts in o.
func NewService(o Options) *Service {
	s := &Service{
		store: o.Store, judge: o.Judge, cache: o.Cache, reader: o.Reader, blobs: o.Blobs,
		log: o.Logger, rec: o.Recorder, audit: o.Audit, def: o.DefaultJurisdiction, maxCaseBytes: o.MaxCaseBytes, lease: o.ArgumentLease, now: o.Now,
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.rec == nil {
		s.rec = noRecorder{}
	}
	if s.def == "" {
		s.def = India
	}
	if s.lease <= 0 {
		s.lease = 5 * time.Minute
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// JudgeInfo names the judge this service uses.
func (s *Service) JudgeInfo() JudgeInfo { return s.judge.Info() }

// Ready reports whether the service can serve requests.
func (s *Service) Ready(ctx context.Context) error { return s.store.Ping(ctx) }

// File validates a filing, reads its documents and stores the new case.
// Either the whole filing is stored or, on any error, nothing is.
func (s *Service) File(ctx context.Context, f *Filing) (*Case, error) {
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
	if err := s.store.CreateCase(s.WithAudit(ctx), c); err != nil {
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
	for i := range docs {
		if err := s.store.AddDocument(s.WithAudit(ctx), caseID, &docs[i]); err != nil {
			s.invalidate(ctx, caseID)
			return nil, err
		}
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

// View is an encoded JSON snapshot, served from the cache when Cached.
type View struct {
	JSON   []byte
	Cached bool
}

// caseView is the JSON of GET /api/cases/{id}: the case and what follows
// from it.
type caseView struct {
	*Case
	RemainingArguments int    `json:"remainingArguments"`
	Usage              Usage  `json:"usage"`
	Notice             string `json:"notice"`
}

// judgmentView is the JSON of a judgment as the API returns it.
type judgmentView struct {
	*Judgment
	Notice string `json:"notice"`
}

// CaseView returns the encoded case, from the cache when it can.
func (s *Service) CaseView(ctx context.Context, id string) (View, error) {
	if !validID(id) {
		return View{}, errNoCase
	}
	key := caseKey(id)
	if b, ok := s.cache.Get(ctx, key); ok {
		return View{JSON: b, Cached: true}, nil
	}
	c, err := s.store.Case(ctx, id)
	if err != nil {
		return View{}, err
	}
	b, err := json.Marshal(caseView{Case: c, RemainingArguments: c.RemainingArguments(), Usage: c.Usage(), Notice: Notice})
	if err != nil {
		return View{}, Wrap(EInternal, err, "The case could not be encoded.")
	}
	s.cache.Set(ctx, key, b)
	return View{JSON: b}, nil
}

// Judgment returns the case's latest judgment, asking the judge for a
// tentative one when there is none yet. It is idempotent: repeated calls
// cost no judge call and are served from the cache.
func (s *Service) Judgment(ctx context.Context, id string, out Stream) (View, error) {
	if !validID(id) {
		return View{}, errNoCase
	}
	key := judgmentKey(id)
	if b, ok := s.cache.Get(ctx, key); ok {
		return View{JSON: b, Cached: true}, nil
	}
	v, err, _ := s.flight.Do(key, func() (any, error) { return s.judgment(ctx, id, out) })
	if err != nil {
		return View{}, err
	}
	return v.(View), nil
}

func (s *Service) judgment(ctx context.Context, id string, out Stream) (View, error) {
	c, err := s.store.Case(ctx, id)
	if err != nil {
		return View{}, err
	}
	if j := c.Latest(); j != nil {
		return s.cacheJudgment(ctx, j, true)
	}
	r, memo, err := s.ruling(ctx, "tentative", c, out, s.judge.Tentative)
	if err != nil {
		return View{}, err
	}
	j := s.newJudgment(c.ID, Tentative, r)
	if err := s.store.AddJudgment(s.WithAudit(ctx), j); err != nil {
		if ErrorCode(err) != EConflict {
			return View{}, err
		}
		// Another replica judged the case first: serve its judgment.
		if c, err = s.store.Case(ctx, id); err != nil {
			return View{}, err
		}
		if j = c.Latest(); j == nil {
			return View{}, Errorf(EConflict, "The case cannot be judged in its current state.")
		}
		return s.cacheJudgment(ctx, j, true)
	}
	s.rec.JudgmentRecorded(string(Tentative))
	s.invalidate(ctx, id)
	return s.cacheJudgment(ctx, j, memo)
}

func (s *Service) cacheJudgment(ctx context.Context, j *Judgment, cached bool) (View, error) {
	b, err := json.Marshal(judgmentView{Judgment: j, Notice: Notice})
	if err != nil {
		return View{}, Wrap(EInternal, err, "The judgment could not be encoded.")
	}
	s.cache.Set(ctx, judgmentKey(j.CaseID), b)
	return View{JSON: b, Cached: cached}, nil
}

// Argue puts one side's argument to the judge and records the answer,
// with a reconsidered judgment when the judge changed its view. If the
// judge fails, the case is left exactly as it was.
func (s *Service) Argue(ctx context.Context, id string, side SideID, text string, out Stream) (*Argument, int, error) {
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
	if err := s.store.CompleteArgument(s.WithAudit(ctx), a, revised); err != nil {
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
		Confidence: ans.Confidence, Judge: ans.Judge, Flags: ans.Flags, CreatedAt: s.now().UTC(),
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
// Asked again, it returns the verdict already delivered.
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
	v, err, _ := s.flight.Do("final:"+id, func() (any, error) {
		r, memo, err := s.ruling(ctx, "final", c, out, s.judge.Final)
		if err != nil {
			return nil, err
		}
		j := s.newJudgment(id, Final, r)
		if err := s.store.AddJudgment(s.WithAudit(ctx), j); err != nil {
			return nil, err
		}
		s.rec.JudgmentRecorded(string(Final))
		s.invalidate(ctx, id)
		return finalResult{j, memo}, nil
	})
	if err != nil {
		return nil, false, err
	}
	f := v.(finalResult)
	return f.j, f.memo, nil
}

type finalResult struct {
	j    *Judgment
	memo bool
}

func (s *Service) newJudgment(caseID string, k Kind, r *Ruling) *Judgment {
	return &Judgment{
		ID: NewID(), CaseID: caseID, Kind: k,
		Verdict: r.Verdict, Reasoning: r.Reasoning, LegalBasis: r.LegalBasis, Confidence: r.Confidence,
		Judge: r.Judge, Flags: r.Flags, Usage: r.Usage, CreatedAt: s.now().UTC(),
	}
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
	keys, err := s.store.DeleteCase(s.WithAudit(ctx), id)
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

func caseKey(id string) string     { return "case:" + id }
func judgmentKey(id string) string { return "judgment:" + id }

// invalidate drops the case's cached views everywhere. It drops them a
// second time a moment later, because a reader that loaded the old state
// just before the write may store it in the cache just after the first
// delete.
func (s *Service) invalidate(ctx context.Context, id string) {
	keys := []string{caseKey(id), judgmentKey(id)}
	s.cache.Delete(ctx, keys...)
	time.AfterFunc(250*time.Millisecond, func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		s.cache.Delete(ctx, keys...)
	})
}
