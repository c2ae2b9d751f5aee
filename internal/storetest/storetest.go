// Package storetest is the conformance suite every court.Store passes
// unchanged. It pins down the trial's rules as the store must enforce them
// (five arguments, append-only judgment versions, the closed case) and the
// round-trip of everything a case holds, so that swapping SQLite for
// PostgreSQL changes nothing a caller can observe.
//
// Stores keep timestamps to the microsecond, the finer of what SQLite and
// PostgreSQL both hold; the suite therefore builds its times at that
// precision. Each store runs on a Clock of the suite's, which stands
// still until a test advances it: leases and expiry run out when a test
// says so, without waiting.
package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Opener returns a Store backed by a fresh, empty, migrated database that
// no other test uses, whose clock is now, and arranges for it to be closed
// when t ends.
type Opener func(t *testing.T, now func() time.Time) court.Store

// Run runs the whole suite against the stores open returns. Subtests run in
// parallel, each with a database of its own.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, court.Store, *Clock)
	}{
		{"Ping", testPing},
		{"CreateAndGet", testCreateAndGet},
		{"CreateDuplicate", testCreateDuplicate},
		{"NotFound", testNotFound},
		{"InTxAllOrNothing", testInTxAllOrNothing},
		{"InTxFailedWrite", testInTxFailedWrite},
		{"JudgmentRules", testJudgmentRules},
		{"JudgmentVersions", testJudgmentVersions},
		{"JudgmentStructure", testJudgmentStructure},
		{"JudgmentReview", testJudgmentReview},
		{"ReserveRules", testReserveRules},
		{"CompleteOrder", testCompleteOrder},
		{"CompleteLost", testCompleteLost},
		{"Release", testRelease},
		{"LeaseExpiry", testLeaseExpiry},
		{"LeaseClock", testLeaseClock},
		{"FinalWaitsForArgument", testFinalWaitsForArgument},
		{"RaceReserve", testRaceReserve},
		{"RaceReserveComplete", testRaceReserveComplete},
		{"AddDocument", testAddDocument},
		{"DocumentLimits", testDocumentLimits},
		{"RaceDocuments", testRaceDocuments},
		{"DeleteCase", testDeleteCase},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := NewClock()
			tt.fn(t, open(t, clock.Now), clock)
		})
	}
}

// Clock is a store's clock in the suite. It starts at the current time
// and moves only when Advance is called. It is safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a Clock standing at the current time, to the
// microsecond.
func NewClock() *Clock { return &Clock{t: time.Now().Truncate(time.Microsecond)} }

// Now returns the time the clock stands at.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// stamps hands out distinct, increasing timestamps for the rows the tests
// store, at microsecond precision in a zone other than UTC, so that a
// store that drops the zone or the fraction is caught by the comparison.
// They are the rows' own times, not the store's clock.
type stamps struct{ t time.Time }

func newStamps() *stamps {
	zone := time.FixedZone("IST", 5*3600+1800)
	return &stamps{t: time.Date(2025, 3, 14, 15, 9, 26, 535897000, zone)}
}

func (s *stamps) next() time.Time {
	s.t = s.t.Add(time.Second + 7*time.Microsecond)
	return s.t
}

func newCase(ts *stamps) *court.Case {
	created := ts.next()
	id := court.NewID()
	doc := func(side court.SideID, name, sha, text string) court.Document {
		return court.Document{
			ID: court.NewID(), Side: side, Name: name, MediaType: "application/pdf",
			Size: int64(len(text)) * 10, SHA256: sha, Pages: 2, Chars: len([]rune(text)),
			Status: court.DocExtracted, TextMethod: court.TextLayer, Text: text, CreatedAt: created,
		}
	}
	// A scan whose text was recognised: its method and confidence are
	// stored with it.
	scan := doc(court.SideA, "notice.pdf", "bb22"+id, "Notice to pay rent or quit.")
	scan.TextMethod, scan.OCRConfidence = court.TextOCR, 87
	return &court.Case{
		ID:           id,
		Type:         court.Contract,
		Jurisdiction: court.India,
		Status:       court.Filed,
		A: court.Side{
			Summary:  "The tenant withheld rent for three months.\nThe lease is attached.",
			Evidence: []string{"Lease signed 1 Jan 2024", "Bank statement showing no payment", "Notice dated 1 May — «served»"},
			Documents: []court.Document{
				doc(court.SideA, "lease.pdf", "aa11"+id, "This lease is made between…"),
				scan,
			},
		},
		B: court.Side{
			Summary:   "The flat was uninhabitable; rent was lawfully withheld.",
			Evidence:  []string{"Photos of damp walls"},
			Documents: []court.Document{doc(court.SideB, "photos.txt", "cc33"+id, "")},
		},
		CreatedAt: created,
		UpdatedAt: created,
	}
}

func newJudgment(ts *stamps, caseID string, kind court.Kind) *court.Judgment {
	return &court.Judgment{
		ID:         court.NewID(),
		CaseID:     caseID,
		Kind:       kind,
		Verdict:    "Judgment for Side A (" + string(kind) + ")",
		Reasoning:  "The lease obliges payment; withholding was not justified.",
		LegalBasis: []string{"Transfer of Property Act, 1882, s. 108", "Indian Contract Act, 1872, s. 73"},
		Confidence: 72,
		Judge:      court.JudgeInfo{Provider: "offline", Model: "rules-1", PromptVersion: "v3"},
		Flags:      []court.Flag{{Source: "Side B summary", Reason: "asked the judge to ignore Side A", Excerpt: "ignore all…"}},
		Usage:      court.Usage{InputTokens: 1200, OutputTokens: 300, LatencyMS: 850, Cost: 0.0042, Calls: 1},
		CreatedAt:  ts.next(),
	}
}

func newArgument(ts *stamps, caseID string, side court.SideID) *court.Argument {
	return &court.Argument{
		ID:        court.NewID(),
		CaseID:    caseID,
		Side:      side,
		Text:      "The damp was reported in writing twice.",
		CreatedAt: ts.next(),
	}
}

// answer fills in what the judge would have said about a.
func answer(a *court.Argument) {
	a.Response = "The written reports support Side B's account."
	a.Strengthens = "Side B"
	a.Weakens = "Side A"
	a.UncertaintyRemains = "Whether the damp made the flat uninhabitable."
	a.Reconsidered = true
	a.UpdatedReasoning = "Withholding may have been justified in part."
	a.ProvisionalNote = "This view may change with further arguments."
	a.Confidence = 55
	a.Judge = court.JudgeInfo{Provider: "offline", Model: "rules-1", PromptVersion: "v3"}
	a.Flags = []court.Flag{}
	a.Usage = court.Usage{InputTokens: 900, OutputTokens: 200, LatencyMS: 400, Cost: 0.002, Calls: 1}
}

// fixture is a case stored and, when judged is true, given a tentative
// judgment, so that tests can start where their rule applies.
func fixture(t *testing.T, s court.Store, ts *stamps, judged bool) *court.Case {
	t.Helper()
	c := newCase(ts)
	must(t, createCase(t, s, c))
	if judged {
		must(t, addJudgment(t, s, newJudgment(ts, c.ID, court.Tentative)))
	}
	return c
}

// The writes of court.Tx, each in a transaction of its own.

func createCase(t *testing.T, s court.Store, c *court.Case) error {
	return s.InTx(ctx(t), func(tx court.Tx) error { return tx.CreateCase(c) })
}

func addDocument(t *testing.T, s court.Store, caseID string, d *court.Document) error {
	return s.InTx(ctx(t), func(tx court.Tx) error { return tx.AddDocuments(caseID, []court.Document{*d}, court.DocumentLimits{}) })
}

func addJudgment(t *testing.T, s court.Store, j *court.Judgment) error {
	return s.InTx(ctx(t), func(tx court.Tx) error { return tx.AddJudgment(j) })
}

func completeArgument(t *testing.T, s court.Store, a *court.Argument, revised *court.Judgment) error {
	return s.InTx(ctx(t), func(tx court.Tx) error { return tx.CompleteArgument(a, revised) })
}

func deleteCase(t *testing.T, s court.Store, id string) (keys []string, err error) {
	err = s.InTx(ctx(t), func(tx court.Tx) error {
		keys, err = tx.DeleteCase(id)
		return err
	})
	return keys, err
}

func get(t *testing.T, s court.Store, id string) *court.Case {
	t.Helper()
	c, err := s.Case(ctx(t), id)
	if err != nil {
		t.Fatalf("Case(%s): %v", id, err)
	}
	return c
}

func ctx(t *testing.T) context.Context { return t.Context() }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wantCode fails t unless err carries code and a message fit for users.
func wantCode(t *testing.T, err error, code court.Code, what string) {
	t.Helper()
	if got := court.ErrorCode(err); got != code {
		t.Fatalf("%s: error code %q (%v), want %q", what, got, err, code)
	}
	msg := court.ErrorMessage(err)
	if msg == "" || msg[len(msg)-1] != '.' {
		t.Errorf("%s: message %q is not a plain sentence", what, msg)
	}
}

// diff compares stored and expected values: times by instant, nil and
// empty slices as equal (stores return empty lists, never null).
func diff(want, got any) string {
	return cmp.Diff(want, got, cmpopts.EquateEmpty())
}
