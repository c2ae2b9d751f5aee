package postgres

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/puddle/v2"
)

// dbError classifies an error from the database by what the caller can do
// about it. message is what users see for errors that are our fault.
func dbError(err error, message string) error {
	var ce *court.Error
	if errors.As(err, &ce) {
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "23505": // unique_violation
			return court.Wrap(court.EConflict, err, "This record already exists.")
		case pe.Code == "23503": // foreign_key_violation: the case went away
			return court.ErrCaseNotFound
		case pe.Code == "23514" || pe.Code == "23502": // check, not null
			return court.Wrap(court.EInvalid, err, "The record is not valid.")
		case pe.Code == "22021" || pe.Code == "22P05": // NUL bytes, invalid UTF-8
			return court.Wrap(court.EInvalid, err, "The text contains characters that cannot be stored.")
		case pe.Code == "57014": // query_canceled: statement_timeout
			return court.Wrap(court.EUnavailable, err, "The database did not answer in time.")
		case pe.Code == "40001" || pe.Code == "40P01": // serialization failure, deadlock
			return court.Wrap(court.EUnavailable, err, "The database is busy; try again.")
		case strings.HasPrefix(pe.Code, "08"), strings.HasPrefix(pe.Code, "53"), strings.HasPrefix(pe.Code, "57P"):
			// connection exceptions, out of resources, server shutting down
			return court.Wrap(court.EUnavailable, err, "The database is unavailable.")
		}
		return court.Wrap(court.EInternal, err, message)
	}
	if unavailable(err) {
		return court.Wrap(court.EUnavailable, err, "The database is unavailable.")
	}
	return court.Wrap(court.EInternal, err, message)
}

// unavailable reports whether err means the database could not be
// reached or did not answer: worth retrying later, not a bug.
func unavailable(err error) bool {
	var ce *pgconn.ConnectError
	var ne net.Error
	// A connection the server (or the network) closed under an idle
	// pooled connection shows as EOF on its next use; pgx discards it and
	// the next request dials afresh.
	return errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, context.Canceled) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, pgconn.ErrConnClosed) ||
		pgconn.SafeToRetry(err) ||
		errors.Is(err, puddle.ErrClosedPool) ||
		pgconn.Timeout(err) ||
		errors.As(err, &ce) ||
		errors.As(err, &ne)
}
