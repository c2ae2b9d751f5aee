package court

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"
)

// The actions an audit entry records. The subject of each is the id of the
// row it names: the case, a document, a judgment version, an argument or
// an invitation.
const (
	AuditCaseFiled        = "case.filed"
	AuditCaseDeleted      = "case.deleted"
	AuditDocumentAdded    = "document.added"
	AuditJudgmentAdded    = "judgment.added"
	AuditArgumentAnswered = "argument.answered"
	AuditFinalVerdict     = "verdict.final"
	AuditInviteCreated    = "invite.created"
	AuditInviteAccepted   = "invite.accepted"
	AuditInviteRevoked    = "invite.revoked"
)

// OpenActor is the actor of every entry written in AUTH_MODE=open, where
// nobody is signed in.
const OpenActor = "open"

// AuditEntry is one link of a case's hash chain. Hash is SHA-256 over the
// previous entry's hash and the entry's canonical encoding, so changing,
// removing or reordering any entry breaks every hash after it; Digest is
// SHA-256 of the subject's stored content, so changing the stored row
// itself is caught when the row is digested again.
type AuditEntry struct {
	CaseID   string    `json:"caseId"`
	Seq      int64     `json:"seq"`
	Time     time.Time `json:"time"`
	Actor    string    `json:"actor"`
	Action   string    `json:"action"`
	Subject  string    `json:"subject"`
	Digest   string    `json:"digest"`
	PrevHash string    `json:"prevHash"`
	Hash     string    `json:"hash"`
}

// AuditLog reads the audit chain of every case. Entries are appended in
// the transaction of the change they record (Tx.AppendAudit, Stamp).
type AuditLog interface {
	// AuditEntries returns the case's entries by Seq, ascending.
	AuditEntries(ctx context.Context, caseID string) ([]AuditEntry, error)
}

// Seal makes e the entry after prev (nil for the first entry of a case):
// it numbers e and computes its hash.
func (e *AuditEntry) Seal(prev *AuditEntry) {
	e.Seq, e.PrevHash = 1, ""
	if prev != nil {
		e.Seq, e.PrevHash = prev.Seq+1, prev.Hash
	}
	e.Time = time.UnixMicro(e.Time.UnixMicro()).UTC()
	e.Hash = e.computeHash()
}

// computeHash is SHA-256(prev_hash || canonical entry). The canonical
// entry is JSON with fixed field order and the time in microseconds, the
// precision both stores keep.
func (e *AuditEntry) computeHash() string {
	canon, _ := json.Marshal(struct {
		CaseID  string `json:"caseId"`
		Seq     int64  `json:"seq"`
		Time    int64  `json:"timeMicros"`
		Actor   string `json:"actor"`
		Action  string `json:"action"`
		Subject string `json:"subject"`
		Digest  string `json:"digest"`
	}{e.CaseID, e.Seq, e.Time.UnixMicro(), e.Actor, e.Action, e.Subject, e.Digest})
	h := sha256.New()
	h.Write([]byte(e.PrevHash))
	h.Write(canon)
	return hex.EncodeToString(h.Sum(nil))
}

type actorKey struct{}

// Stamp is who made a change and when, for the audit entries that record
// it. The zero Stamp records nothing: it is what a Service that keeps no
// audit log hands out.
type Stamp struct {
	At    time.Time
	Actor string
}

// Appender is what Stamp.Record writes to: a store transaction.
type Appender interface {
	AppendAudit(e *AuditEntry) error
}

// Record appends to caseID's log, in tx, the entry of action on subject,
// whose stored content digests to digest. A zero Stamp records nothing.
func (st Stamp) Record(tx Appender, caseID, action, subject, digest string) error {
	if st.At.IsZero() {
		return nil
	}
	return tx.AppendAudit(&AuditEntry{CaseID: caseID, Time: st.At, Actor: st.Actor, Action: action, Subject: subject, Digest: digest})
}

// The record methods below compute no digest for a zero Stamp.

// recordFiling records a new case and each of its documents.
func (st Stamp) recordFiling(tx Appender, c *Case) error {
	if st.At.IsZero() {
		return nil
	}
	if err := st.Record(tx, c.ID, AuditCaseFiled, c.ID, DigestCase(c)); err != nil {
		return err
	}
	for _, side := range []*Side{&c.A, &c.B} {
		for i := range side.Documents {
			if err := st.recordDocument(tx, c.ID, &side.Documents[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (st Stamp) recordDocument(tx Appender, caseID string, d *Document) error {
	if st.At.IsZero() {
		return nil
	}
	return st.Record(tx, caseID, AuditDocumentAdded, d.ID, DigestDocument(d))
}

// recordJudgment records a judgment version as stored (with its Version);
// a nil j records nothing.
func (st Stamp) recordJudgment(tx Appender, j *Judgment) error {
	if j == nil || st.At.IsZero() {
		return nil
	}
	action := AuditJudgmentAdded
	if j.Kind == Final {
		action = AuditFinalVerdict
	}
	return st.Record(tx, j.CaseID, action, j.ID, DigestJudgment(j))
}

// recordArgument records an answered argument as stored (with its Seq).
func (st Stamp) recordArgument(tx Appender, a *Argument) error {
	if st.At.IsZero() {
		return nil
	}
	return st.Record(tx, a.CaseID, AuditArgumentAnswered, a.ID, DigestArgument(a))
}

// WithActor returns ctx carrying the id of the user on whose behalf the
// service acts; the audit log records it.
func WithActor(ctx context.Context, userID string) context.Context {
	return context.WithValue(ctx, actorKey{}, userID)
}

// ActorOf returns the actor in ctx, or OpenActor when there is none.
func ActorOf(ctx context.Context) string {
	if a, ok := ctx.Value(actorKey{}).(string); ok && a != "" {
		return a
	}
	return OpenActor
}

// digest is SHA-256 of v's JSON encoding. Every digested struct below
// lists the stored columns explicitly, with times in microseconds and
// nil lists as empty, so that a row digests the same before it is stored
// and after it is read back from either store.
func digest(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain strings, numbers and lists are encoded
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Digest returns the SHA-256 of any JSON-encodable content, for subjects
// the court does not store itself (invitations).
func Digest(v any) string { return digest(v) }

func nonNil[T any](l []T) []T {
	if l == nil {
		return []T{}
	}
	return l
}

// DigestCase digests what was filed; status and updatedAt change as the
// trial goes on and are covered by the entries for judgments and
// arguments instead.
func DigestCase(c *Case) string {
	return digest([]any{"case", c.ID, c.Type, c.Jurisdiction,
		c.A.Summary, nonNil(c.A.Evidence), c.B.Summary, nonNil(c.B.Evidence), c.CreatedAt.UnixMicro()})
}

// DigestDocument digests a document's metadata and extracted text.
func DigestDocument(d *Document) string {
	text := sha256.Sum256([]byte(d.Text))
	fields := []any{"document", d.ID, d.Side, d.Name, d.MediaType, d.Size, d.SHA256, d.Pages, d.Chars,
		d.Status, hex.EncodeToString(text[:]), d.CreatedAt.UnixMicro()}
	// Recognised text is digested with its method and confidence; the
	// documents stored before OCR existed digest as they did.
	if d.TextMethod == TextOCR {
		fields = append(fields, "ocr", d.OCRConfidence)
	}
	return digest(fields)
}

// DigestJudgment digests a judgment version. Its structure (favours,
// roles, issues, relief, citations) is digested when it has one, so
// versions stored before judgments had a structure digest as they did.
func DigestJudgment(j *Judgment) string {
	fields := []any{"judgment", j.ID, j.CaseID, j.Version, j.Kind, j.Verdict, j.Reasoning,
		nonNil(j.LegalBasis), j.Confidence, j.Judge, nonNil(j.Flags), j.Usage, j.CreatedAt.UnixMicro()}
	if j.Structured() {
		fields = append(fields, "structure", j.Favours, j.Roles, nonNil(j.Issues), nonNil(j.Relief), nonNil(j.Citations))
	}
	if r := j.Review(); r != (Review{}) {
		fields = append(fields, "review", r)
	}
	return digest(fields)
}

// DigestArgument digests an answered argument.
func DigestArgument(a *Argument) string {
	return digest([]any{"argument", a.ID, a.CaseID, a.Seq, a.Side, a.Text, a.Response, a.Strengthens,
		a.Weakens, a.UncertaintyRemains, a.Reconsidered, a.UpdatedReasoning, a.ProvisionalNote,
		a.Confidence, a.Judge, nonNil(a.Flags), a.Usage, a.CreatedAt.UnixMicro()})
}

// Stamp is the stamp of a change made now on behalf of ctx's actor, or
// the zero Stamp when the service keeps no audit log. Each entry is
// written in the transaction of the change it records, so a change is
// committed if and only if its entry is: a write whose entry cannot be
// appended fails whole, and `aijudge audit verify` finds no row missing
// from the log after a crash (see docs/ARCHITECTURE.md). The service's
// own writes use it; callers pass it to the auth store's invitation
// writes.
func (s *Service) Stamp(ctx context.Context) Stamp {
	if s.audit == nil {
		return Stamp{}
	}
	return Stamp{At: s.now().UTC(), Actor: ActorOf(ctx)}
}

// AuditTrail returns the case's audit log.
func (s *Service) AuditTrail(ctx context.Context, caseID string) ([]AuditEntry, error) {
	if s.audit == nil {
		return nil, Errorf(ENotFound, "This server keeps no audit log.")
	}
	if !validID(caseID) {
		return nil, errNoCase
	}
	return s.audit.AuditEntries(ctx, caseID)
}

// AuditBreak is where VerifyAudit found the log or the stored rows
// altered.
type AuditBreak struct {
	Seq     int64 // the first broken entry; 0 when a stored row has no entry
	Problem string
}

func (b *AuditBreak) Error() string {
	if b.Seq == 0 {
		return b.Problem
	}
	return fmt.Sprintf("entry %d: %s", b.Seq, b.Problem)
}

// VerifyAudit recomputes the case's hash chain and digests every stored
// row of the case again. It returns the number of entries checked and an
// *AuditBreak naming the first problem: an entry altered, removed or
// reordered, a stored row that no longer matches the digest recorded for
// it, or a stored row the log does not mention.
func (s *Service) VerifyAudit(ctx context.Context, caseID string) (int, error) {
	entries, err := s.AuditTrail(ctx, caseID)
	if err != nil {
		return 0, err
	}
	if len(entries) == 0 {
		return 0, Errorf(ENotFound, "The audit log of this case is empty.")
	}
	var prev *AuditEntry
	for i := range entries {
		e := &entries[i]
		if want := int64(i + 1); e.Seq != want {
			return i, &AuditBreak{Seq: want, Problem: fmt.Sprintf("entry %d is missing (found %d in its place)", want, e.Seq)}
		}
		wantPrev := ""
		if prev != nil {
			wantPrev = prev.Hash
		}
		if e.PrevHash != wantPrev {
			return i, &AuditBreak{Seq: e.Seq, Problem: fmt.Sprintf("%s %s does not follow the entry before it (prev_hash differs)", e.Action, e.Subject)}
		}
		if e.computeHash() != e.Hash {
			return i, &AuditBreak{Seq: e.Seq, Problem: fmt.Sprintf("%s %s was altered (its hash does not match its content)", e.Action, e.Subject)}
		}
		prev = e
	}

	c, err := s.store.Case(ctx, caseID)
	if ErrorCode(err) == ENotFound && prev.Action == AuditCaseDeleted {
		return len(entries), nil
	}
	if err != nil {
		return len(entries), err
	}
	// stored maps each stored row's id to its kind and current digest.
	type row struct{ kind, digest string }
	stored := map[string]row{c.ID: {"case", DigestCase(c)}}
	for _, side := range []*Side{&c.A, &c.B} {
		for i := range side.Documents {
			stored[side.Documents[i].ID] = row{"document", DigestDocument(&side.Documents[i])}
		}
	}
	for i := range c.Judgments {
		stored[c.Judgments[i].ID] = row{"judgment", DigestJudgment(&c.Judgments[i])}
	}
	for i := range c.Arguments {
		stored[c.Arguments[i].ID] = row{"argument", DigestArgument(&c.Arguments[i])}
	}
	seen := map[string]bool{}
	for i := range entries {
		e := &entries[i]
		switch e.Action {
		case AuditCaseFiled, AuditDocumentAdded, AuditJudgmentAdded, AuditArgumentAnswered, AuditFinalVerdict:
		default:
			continue
		}
		r, ok := stored[e.Subject]
		if !ok {
			return len(entries), &AuditBreak{Seq: e.Seq, Problem: fmt.Sprintf("%s %s: the stored row is gone", e.Action, e.Subject)}
		}
		if r.digest != e.Digest {
			return len(entries), &AuditBreak{Seq: e.Seq, Problem: fmt.Sprintf("%s %s: the stored %s was changed after it was recorded", e.Action, e.Subject, r.kind)}
		}
		seen[e.Subject] = true
	}
	for _, id := range slices.Sorted(maps.Keys(stored)) {
		if !seen[id] {
			return len(entries), &AuditBreak{Problem: fmt.Sprintf("the stored %s %s is not in the audit log", stored[id].kind, id)}
		}
	}
	return len(entries), nil
}
