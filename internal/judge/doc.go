// Package judge is the LLM-backed court.Judge: it renders the three
// versioned prompt stages (tentative verdict, argument evaluation, final
// verdict) from embedded templates, puts everything the parties filed into
// delimited data blocks the model is told are evidence and never
// instructions, asks the provider for an answer that follows the stage's
// JSON Schema, and validates that answer, asking the model to repair an
// invalid one exactly once. The answer carries the structure of a
// judgment (court.Issue, court.Order); each finding's sources must name
// data blocks the request showed, and are linked to the documents they
// label.
//
// The offline engine lives in judge/offline and the injection scanner in
// judge/inject; this package wires a provider from internal/llm.
package judge
