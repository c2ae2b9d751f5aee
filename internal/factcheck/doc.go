// Package factcheck pulls dates, amounts, names and locations out of the
// text of case documents and arguments, and checks the claims of an
// argument against the facts of the documents.
//
// It is deterministic and needs no network, so the HTTP fact-check
// endpoints and the offline judge give the same answer every time. The
// extractors are regular expressions (RE2, linear time) and small curated
// lists; input beyond MaxInputBytes is ignored so that a hostile upload
// cannot make a request slow.
package factcheck
