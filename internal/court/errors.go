package court

import (
	"errors"
	"fmt"
	"time"
)

// Code classifies an error for the people and programs that receive it.
// Every layer maps Codes, never error strings, to its own vocabulary
// (HTTP status, exit status, log level).
type Code string

// The codes, one per distinct thing a caller can do about a failure.
const (
	EInvalid       Code = "invalid"        // the request is malformed; fix it
	ENotFound      Code = "not_found"      // no such resource
	EConflict      Code = "conflict"       // the request is wrong for the current state
	EUnauthorized  Code = "unauthorized"   // who you are is unknown
	EForbidden     Code = "forbidden"      // who you are may not do this
	ETooLarge      Code = "too_large"      // the input exceeds a documented limit
	EUnsupported   Code = "unsupported"    // the media type is not accepted
	EUnprocessable Code = "unprocessable"  // well-formed but unreadable (a broken document)
	ERateLimited   Code = "rate_limited"   // slow down; RetryAfter says how long
	EUnavailable   Code = "unavailable"    // a dependency is down; retry later
	EUpstream      Code = "upstream_error" // the judge answered badly; a retry may help
	EInternal      Code = "internal"       // a bug or an unexpected failure
)

// Error is the domain's error: a Code, a message safe to show to any
// client, and optionally the underlying cause, which is never shown.
//
// Format and Args are what Message was made from. Format is the English
// sentence a translation is looked up by (gettext-style), so that a page
// can show the message in its reader's language; Args fill the
// translation's verbs. Make errors with Errorf, Wrap or Wrapf, never by
// setting Message alone, or the message cannot be translated.
type Error struct {
	Code       Code
	Message    string
	Format     string
	Args       []any
	RetryAfter time.Duration
	// Field names the input the error is about, as the API spells it
	// (caseType, sideASummary, sideBDocs …), or is empty. Forms mark that
	// field by it.
	Field string
	Err   error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a formatted, client-safe message. format
// must be a constant: it is the message's key in the translations.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Format: format, Args: args}
}

// Wrap returns an *Error that keeps err as its hidden cause. message is
// its own format, with no arguments.
func Wrap(code Code, err error, message string) *Error {
	return &Error{Code: code, Message: message, Format: message, Err: err}
}

// Wrapf is Wrap with a formatted message, as Errorf formats it.
func Wrapf(code Code, err error, format string, args ...any) *Error {
	e := Errorf(code, format, args...)
	e.Err = err
	return e
}

// On returns a copy of e about field.
func (e *Error) On(field string) *Error {
	c := *e
	c.Field = field
	return &c
}

// FieldOf returns the field the first *Error in err's chain is about, or
// "".
func FieldOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// ErrorCode returns the Code of the first *Error in err's chain, or
// EInternal for any other non-nil error.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// AsError returns the first *Error in err's chain. Any other error is
// internal and gets a generic *Error, so that no detail leaks.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Errorf(EInternal, "An internal error occurred.")
}

// ErrorMessage returns the client-safe message of err. Errors that are not
// *Error are internal and get a generic sentence so that no detail leaks.
func ErrorMessage(err error) string { return AsError(err).Message }

// RetryAfter returns how long the client should wait before retrying, or 0.
func RetryAfter(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}

func (c Code) String() string { return string(c) }
