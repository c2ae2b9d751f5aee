package sqlite

import (
	"context"
	"errors"

	"github.com/aijudge/aijudge/internal/court"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// The rule violations, worded for the people who caused them. The
// PostgreSQL store words them the same; the storetest suite checks the
// codes.
var (
	errCaseNotFound     = court.Errorf(court.ENotFound, "This case does not exist.")
	errClosedJudgment   = court.Errorf(court.EConflict, "The final verdict has been delivered; the case accepts no more judgments.")
	errClosedArgument   = court.Errorf(court.EConflict, "The final verdict has been delivered; the case accepts no more arguments.")
	errClosedDocument   = court.Errorf(court.EConflict, "The final verdict has been delivered; the case accepts no more documents.")
	errTentativeExists  = court.Errorf(court.EConflict, "This case already has a tentative judgment.")
	errNoJudgment       = court.Errorf(court.EConflict, "Ask for a judgment before arguing.")
	errNothingToRevise  = court.Errorf(court.EConflict, "There is no judgment to reconsider yet.")
	errFinalTooEarly    = court.Errorf(court.EConflict, "Ask for a judgment before the final verdict.")
	errArgumentPending  = court.Errorf(court.EConflict, "An argument is still being answered; ask for the final verdict once it is done.")
	errArgumentsFull    = court.Errorf(court.EConflict, "This case already has five arguments; no more are accepted.")
	errReservationLost  = court.Errorf(court.EConflict, "The time to answer this argument ran out; please submit it again.")
	errAlreadyAnswered  = court.Errorf(court.EConflict, "This argument has already been answered.")
	errBadKind          = court.Errorf(court.EInvalid, "The judgment kind must be tentative, reconsidered or final.")
	errRevisedNotRecons = court.Errorf(court.EInvalid, "A judgment revised by an argument must be of kind reconsidered.")
	errBadLease         = court.Errorf(court.EInvalid, "The argument's lease must be positive.")
)

// dbError classifies an error from the database: constraint violations
// are conflicts (an id used twice), a busy or cancelled database is
// unavailable, the rest internal. message is what users see.
func dbError(err error, message string) error {
	var ce *court.Error
	if errors.As(err, &ce) {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return court.Wrap(court.EUnavailable, err, "The database did not answer in time.")
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_UNIQUE:
			return court.Wrap(court.EConflict, err, "This record already exists.")
		case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
			return court.Wrap(court.EInvalid, err, "The record is not valid.")
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return errCaseNotFound
		}
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return court.Wrap(court.EUnavailable, err, "The database is busy; try again.")
		case sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY:
			return court.Wrap(court.EUnavailable, err, "The database cannot store data right now.")
		}
	}
	return court.Wrap(court.EInternal, err, message)
}
