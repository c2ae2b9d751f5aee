package clerk_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/aijudge/aijudge/internal/auth"
	"github.com/aijudge/aijudge/internal/cache"
	"github.com/aijudge/aijudge/internal/clerk"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/document"
	"github.com/aijudge/aijudge/internal/judge/offline"
	"github.com/aijudge/aijudge/internal/ratelimit"
	"github.com/aijudge/aijudge/internal/sqlite"
)

var cheap = auth.Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}

type stack struct {
	store *sqlite.Store
	auth  *auth.Service
	clerk *clerk.Clerk
}

// newStack is the real clerk in AUTH_MODE=accounts on SQLite, with store
// wrapping the store the court writes through.
func newStack(t *testing.T, wrap func(court.Store) court.Store) *stack {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "test.db"), sqlite.Options{AutoMigrate: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	mem := cache.NewMemory(cache.MemoryOptions{})
	t.Cleanup(func() { mem.Close() })
	limiter := ratelimit.NewMemory(ctx, ratelimit.MemoryOptions{})
	t.Cleanup(func() { limiter.Close() })
	var cs court.Store = store
	if wrap != nil {
		cs = wrap(store)
	}
	svc := court.NewService(court.Options{Store: cs, Judge: offline.New(), Cache: mem, Audit: store,
		Reader: document.NewReader(document.Options{MaxFileSize: 1 << 20})})
	t.Cleanup(func() { svc.Close(context.Background()) })
	as := auth.NewService(auth.Options{Store: store, Secret: []byte("test-only-secret-not-for-production-0123456789"), Limiter: limiter, Params: cheap})
	return &stack{store: store, auth: as, clerk: clerk.New(svc, as)}
}

func (s *stack) user(t *testing.T, email string) *auth.User {
	t.Helper()
	u, err := s.auth.Register(context.Background(), email, "a long passphrase", "Test", "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func filing() *court.Filing {
	f := &court.Filing{CaseType: "consumer", Jurisdiction: "INDIA", CreatorSide: court.SideA}
	f.A.Summary = "The phone stopped working in a week."
	f.B.Summary = "The phone was damaged by water."
	return f
}

// outage makes every membership written with a filing fail as if the
// database went away between the case and the membership; it notes the
// id of the case it let through.
type outage struct {
	court.Store
	caseID *string
}

func (o outage) InTx(ctx context.Context, fn func(court.Tx) error) error {
	return o.Store.InTx(ctx, func(tx court.Tx) error { return fn(outageTx{tx, o.caseID}) })
}

type outageTx struct {
	court.Tx
	caseID *string
}

func (t outageTx) CreateCase(c *court.Case) error {
	*t.caseID = c.ID
	return t.Tx.CreateCase(c)
}

func (outageTx) AddMember(*auth.Member) error {
	return court.Errorf(court.EUnavailable, "The database is unavailable.")
}

// TestFilingWithOwnerIsOneTransaction: an outage between the case and its
// owner's membership leaves neither; without it both are stored.
func TestFilingWithOwnerIsOneTransaction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	var caseID string
	s := newStack(t, func(st court.Store) court.Store { return outage{st, &caseID} })
	u := s.user(t, "ravi@example.com")
	_, err := s.clerk.File(ctx, u.ID, filing(), nil)
	if court.ErrorCode(err) != court.EUnavailable {
		t.Fatalf("File with an outage: %v, want EUnavailable", err)
	}
	list, err := s.auth.Cases(ctx, u.ID)
	if err != nil || len(list) != 0 {
		t.Fatalf("the owner has cases %v (%v), want none", list, err)
	}
	if caseID == "" {
		t.Fatal("the case was never written")
	}
	if _, err := s.store.Case(ctx, caseID); court.ErrorCode(err) != court.ENotFound {
		t.Fatalf("the case written before the outage: %v, want ENotFound", err)
	}

	s = newStack(t, nil)
	u = s.user(t, "ravi@example.com")
	c, err := s.clerk.File(ctx, u.ID, filing(), nil)
	if err != nil {
		t.Fatal(err)
	}
	seat, err := s.clerk.Seat(ctx, u.ID, c.ID, clerk.Own)
	if err != nil {
		t.Fatalf("the filer has no owner's seat: %v", err)
	}
	if !seat.ActsFor(court.SideA) || !seat.ActsFor(court.SideB) {
		t.Fatal("the filer cannot act for both sides while side B is unclaimed")
	}
}

// TestSeats: the rules of who may do what, in one place.
func TestSeats(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newStack(t, nil)
	owner, other := s.user(t, "owner@example.com"), s.user(t, "other@example.com")
	c, err := s.clerk.File(ctx, owner.ID, filing(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.clerk.Seat(ctx, other.ID, c.ID, clerk.Read); court.ErrorCode(err) != court.ENotFound {
		t.Fatalf("a non-member's seat: %v, want ENotFound", err)
	}
	if _, err := s.clerk.Seat(ctx, "", c.ID, clerk.Read); court.ErrorCode(err) != court.EUnauthorized {
		t.Fatalf("nobody's seat: %v, want EUnauthorized", err)
	}
	owners, err := s.clerk.Seat(ctx, owner.ID, c.ID, clerk.Own)
	if err != nil {
		t.Fatal(err)
	}
	_, token, err := s.clerk.Invite(ctx, owners, auth.RoleObserver)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.clerk.AcceptInvite(ctx, other.ID, token); err != nil {
		t.Fatal(err)
	}
	if _, err := s.clerk.Seat(ctx, other.ID, c.ID, clerk.Write); court.ErrorCode(err) != court.EForbidden {
		t.Fatalf("an observer's writing seat: %v, want EForbidden", err)
	}
	reading, err := s.clerk.Seat(ctx, other.ID, c.ID, clerk.Read)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.clerk.Judgment(ctx, reading, nil); court.ErrorCode(err) != court.EForbidden {
		t.Fatalf("judgment with a reading seat: %v, want EForbidden", err)
	}
	if err := s.clerk.Delete(ctx, reading); court.ErrorCode(err) != court.EForbidden {
		t.Fatalf("delete with a reading seat: %v, want EForbidden", err)
	}
	if _, err := s.clerk.Case(ctx, reading); err != nil {
		t.Fatalf("an observer reads: %v", err)
	}
}
