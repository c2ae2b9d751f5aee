// Package court is the domain of AI Judge: cases, the two sides, judgment
// versions, arguments and the rules that govern a trial, together with the
// interfaces (Store, Judge, Cache) the domain needs from the outside world.
//
// A case moves filed → judged → arguing → closed. A judgment must exist
// before any argument; at most MaxArguments arguments are accepted across
// both sides; the final verdict closes the case. Judgment versions are
// append-only. Implementations of Store enforce these rules inside their
// transactions so that concurrent requests cannot break them.
package court
