package sqlite

import (
	"context"
	"errors"

	"github.com/aijudge/aijudge/internal/court"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dbError classifies an error from the database: constraint violations
// are conflicts (an id used twice), a busy or cancelled database is
// unavailable, the rest internal. message is what users see.
func dbError(err error, message string) error {
	var ce *court.Error
	if errors.As(err, &ce) {
		return err
	}
	if errors.Is(err, context.Canceled) {
		// The request ended (its client went away) while waiting: not a
		// database that is slow.
		return court.Wrap(court.EUnavailable, err, "The request ended before the database answered.")
	}
	if errors.Is(err, context.DeadlineExceeded) {
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
			return court.ErrCaseNotFound
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
