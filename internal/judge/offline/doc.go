// Package offline is a judge that needs no network and no model: a
// deterministic rules engine built around the issues of a dispute. It
// recognises the kind of dispute (cheque dishonour, consumer defect or
// deficiency, deposit and tenancy, recovery of money and breach of
// contract, data breach, dismissal and wages, matrimonial and
// maintenance, property possession, or a general fallback) and applies
// that dispute's template: the issues to decide, who bears the burden on
// each and to what standard, the presumptions, limitation counted on the
// calendar, the usual defences and the usual relief.
//
// Facts are compared sentence by sentence, as tuples: a claim is borne
// out only when one sentence of one document holds its date and its sum
// together, and a value found in no document is tried as a derivation (a
// total, a balance, a date so many days after another) before it is
// reported. What the other side's own filing accepts counts as admitted.
// The legal basis is only the provisions the framed issues rest on, taken
// from the dated statute table of internal/law as it applied on the
// case's dates.
//
// It is the default judge, so the service works with nothing configured.
// Every judgment says once that it comes from a rules engine and is not
// legal advice. The same case always gets the same words.
package offline
