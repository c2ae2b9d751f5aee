// Package offline is a judge that needs no network and no model: a
// deterministic rules engine that reads the case the way a careful clerk
// would. It checks each side's evidence against the documents of both
// sides (dates, sums, names and key words, through internal/factcheck),
// weighs corroborated evidence above bare assertion, names where the
// sides agree and where they contradict each other, and takes its legal
// basis only from the curated table of internal/law.
//
// It is the default judge, so the service works with nothing configured,
// and a baseline to compare the language-model judges against. Every text
// it writes says that it comes from a rules engine and is not legal
// advice. The same case always gets the same words.
package offline
