package factcheck

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Topic words say what a date or a sum is about. Two mentions of a sum
// that share a topic ("the cheque for Rs. 5,00,000", "the cheque was for
// Rs. 3,00,000") are about the same thing, so a difference between them
// is a contradiction rather than two different payments.
var amountTopics = setOf("cheque", "check", "rent", "deposit", "loan", "price", "cost", "fee", "fees",
	"salary", "wage", "wages", "refund", "compensation", "damages", "invoice", "bill", "payment",
	"advance", "balance", "interest", "penalty", "fine", "emi", "instalment", "installment",
	"premium", "consideration", "sale", "purchase", "repair", "security", "maintenance", "tax",
	"dues", "arrears", "gratuity", "bonus", "debt", "fraud", "transfer", "withdrawal", "phone",
	"mobile", "laptop", "car", "vehicle", "flat", "house", "property", "land", "goods", "order")

var dateTopics = setOf("cheque", "check", "notice", "agreement", "lease", "purchase", "purchased",
	"bought", "delivery", "delivered", "payment", "paid", "invoice", "presented", "dishonoured",
	"dishonored", "returned", "bounced", "complaint", "filed", "signed", "executed", "married",
	"marriage", "joined", "appointed", "terminated", "termination", "dismissed", "resigned",
	"born", "death", "died", "accident", "incident", "fir", "arrest", "arrested", "sale", "deed",
	"registered", "possession", "vacated", "eviction", "transaction", "transfer", "loan",
	"repair", "warranty", "order", "ordered", "demand", "reply", "hearing", "judgment", "decree",
	"assessment", "return", "contract", "tenancy", "rent", "deposit", "refund", "email", "message")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// topicWindow is how far, in bytes, from a value its topic words are
// looked for: about one clause on either side.
const topicWindow = 60

func topicsAround(text string, start, end int, vocab map[string]bool) []string {
	lo := max(0, start-topicWindow)
	hi := min(len(text), end+topicWindow)
	// Stop at the ends of clauses, which usually change the subject.
	for i := start - 1; i >= lo; i-- {
		if clauseEnd(text, i) {
			lo = i + 1
			break
		}
	}
	for i := end; i < hi; i++ {
		if clauseEnd(text, i) {
			hi = i
			break
		}
	}
	var topics []string
	eachWord(text[lo:hi], func(w string) {
		if w, ok := lookupWord(w, vocab); ok && !hasString(topics, w) {
			topics = append(topics, w)
		}
	})
	return topics
}

// maxVocabWord is the longest word lookupWord lowers without allocating,
// longer than any word of the topic lists.
const maxVocabWord = 16

// lookupWord reports whether the lower case of w, as Words writes it, is
// in vocab, and returns it. It allocates only for a word that holds an
// upper-case or non-ASCII letter and is found.
func lookupWord(w string, vocab map[string]bool) (string, bool) {
	var buf [maxVocabWord]byte
	lower := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || i >= maxVocabWord {
			// Unicode case mapping can turn a non-ASCII word into an
			// ASCII one (the Kelvin sign into k), and change its length.
			lw := strings.ToLower(w)
			return lw, vocab[lw]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
			lower = false
		}
		buf[i] = c
	}
	if lower {
		return w, vocab[w]
	}
	if !vocab[string(buf[:len(w)])] {
		return "", false
	}
	return string(buf[:len(w)]), true
}

// clauseEnd reports whether text[i] ends a clause: a full stop that does
// not end an abbreviation, a semicolon, a line break, or a comma before a
// space (a comma inside "5,00,000" does not).
func clauseEnd(text string, i int) bool {
	switch text[i] {
	case ';', '\n':
		return true
	case ',':
		return i+1 < len(text) && text[i+1] == ' '
	case '.':
		return (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n') && !abbrevDot(text, i)
	}
	return false
}

// abbrevDot reports whether the full stop at i ends an abbreviation such
// as "Rs." or "No." rather than a sentence.
func abbrevDot(text string, i int) bool {
	j := i
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if !unicode.IsLetter(r) {
			break
		}
		j -= size
	}
	w := strings.ToLower(text[j:i])
	switch w {
	case "rs", "no", "dt", "mr", "mrs", "ms", "dr", "smt", "st", "ltd", "pvt", "co", "vs", "v", "s", "sec", "art", "inc", "corp":
		return true
	}
	return false
}

// Words splits text into lower-case words of letters and digits. It is
// exported because the offline judge compares texts by their words.
func Words(text string) []string {
	var words []string
	eachWord(text, func(w string) { words = append(words, strings.ToLower(w)) })
	return words
}

// eachWord calls f with each word of text that Words returns, before its
// lower case is taken.
func eachWord(text string, f func(w string)) {
	start := -1
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			f(text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		f(text[start:])
	}
}
