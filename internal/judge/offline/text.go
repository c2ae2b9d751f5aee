package offline

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/factcheck"
	"github.com/aijudge/aijudge/internal/judge/inject"
)

// passage is one sentence a party filed, with where it came from and the
// dates and sums it holds. Facts are compared sentence by sentence, so a
// date, a sum and an event count together only when one sentence of one
// text puts them together.
type passage struct {
	src   court.Source // Quote is the sentence itself
	lower string
	facts factcheck.Details
	// dup marks a document sentence that repeats an earlier one word for
	// word: whatever it could bear out, the earlier one already does, so
	// the searches for a first match pass over it.
	dup bool
}

// sentenceMemo holds what one judgment has read of each distinct
// sentence (its lower case and its dates and sums), so that a sentence
// repeated in a long record, or read again with an argument, is read
// once. The details are shared and never changed.
type sentenceMemo map[string]sentenceRead

type sentenceRead struct {
	lower string
	facts factcheck.Details
}

// maxPassages bounds the sentences read from one text, so that a case of
// any size is judged in bounded time.
const maxPassages = 4000

// sentences splits text into sentences: at line breaks, and at a full
// stop, question or exclamation mark followed by a space and a capital or
// a digit, unless the stop ends an abbreviation ("Rs.", "No.", "Mr.").
func sentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		start := 0
		for i := 0; i < len(line); i++ {
			c := line[i]
			if c != '.' && c != '?' && c != '!' {
				continue
			}
			if i+2 >= len(line) || line[i+1] != ' ' {
				continue
			}
			n := line[i+2]
			if !(n >= 'A' && n <= 'Z' || n >= '0' && n <= '9' || n == '"' || n == '(') {
				continue
			}
			if c == '.' && abbreviation(line[start:i]) {
				continue
			}
			out = appendSentence(out, line[start:i+1])
			start = i + 2
		}
		out = appendSentence(out, line[start:])
	}
	return out
}

func appendSentence(out []string, s string) []string {
	s = strings.TrimSpace(s)
	if len(s) < 3 {
		return out
	}
	return append(out, s)
}

var abbreviations = map[string]bool{
	"rs": true, "no": true, "nos": true, "mr": true, "mrs": true, "ms": true, "dr": true, "smt": true, "shri": true,
	"sri": true, "pvt": true, "ltd": true, "co": true, "inc": true, "v": true, "vs": true, "s": true, "ss": true,
	"art": true, "o": true, "r": true, "rr": true, "sch": true, "st": true, "jr": true, "sr": true, "corp": true,
	"para": true, "cl": true, "sec": true, "u": true, "i.e": true, "e.g": true, "viz": true, "etc": true, "approx": true,
}

// abbreviation reports whether s ends with a word that takes a full stop
// without ending the sentence.
func abbreviation(s string) bool {
	i := strings.LastIndexAny(s, " (")
	w := strings.ToLower(s[i+1:])
	return abbreviations[w] || len(w) == 1
}

// readPassages splits a text into passages from src. Instructions to the
// judge were removed from text before.
func readPassages(src court.Source, text string, out []passage, memo sentenceMemo) []passage {
	start := len(out)
	for _, s := range sentences(text) {
		if len(out) >= maxPassages {
			break
		}
		p := passage{src: src}
		p.src.Quote = s
		out = append(out, p)
	}
	readSentences(out[start:], memo)
	return out
}

// readSentences fills in the lower case and the dates and sums of each
// passage, reading each distinct sentence once.
func readSentences(ps []passage, memo sentenceMemo) {
	for i := range ps {
		q := ps[i].src.Quote
		sr, ok := memo[q]
		if !ok {
			sr = readSentence(q)
			if memo != nil {
				memo[q] = sr
			}
		}
		ps[i].lower, ps[i].facts = sr.lower, sr.facts
	}
}

func readSentence(s string) sentenceRead {
	sr := sentenceRead{lower: strings.ToLower(s)}
	if strings.ContainsAny(s, "0123456789$£€₹") || strings.Contains(sr.lower, "rupee") {
		sr.facts = factcheck.ExtractDatesAndAmounts(s)
	}
	return sr
}

// markRepeats marks each passage that repeats an earlier one word for
// word.
func markRepeats(ps []passage) {
	seen := make(map[string]bool, len(ps))
	for i := range ps {
		q := ps[i].src.Quote
		ps[i].dup = seen[q]
		seen[q] = true
	}
}

// negated reports whether the words of the match at loc in p are denied:
// a negation shortly before them in the same sentence.
func negated(lower string, loc []int) bool {
	lo := max(0, loc[0]-40)
	before := lower[lo:loc[0]]
	if i := strings.LastIndexAny(before, ",;:"); i >= 0 {
		before = before[i+1:]
	}
	if strings.Contains(before, "no.") {
		before = numberMark.ReplaceAllString(before, "")
	}
	return negation.MatchString(before)
}

// numberMark is "No." before a number ("cheque No. 114502", "flat No.
// 4B"), which negates nothing.
var numberMark = regexp.MustCompile(`\bno\.\s*[a-z]{0,3}[-/]?\d`)

var negation = regexp.MustCompile(`\b(?:not|never|no|nor|without|denies|denied|deny|disputes|neither|false|falsely|any\s+alleged)\b|n't\b`)

// filedPassages reads a side's summary and evidence points, with the labels
// the language-model judges are shown.
func filedPassages(c *court.Case, id court.SideID, flags *[]court.Flag, memo sentenceMemo) []passage {
	s := c.Side(id)
	label := id.Label()
	*flags = append(*flags, inject.Scan(label+" summary", s.Summary)...)
	out := readPassages(court.Source{Kind: court.FromSummary, Side: id, Label: label + " summary"}, inject.Redact(s.Summary), nil, memo)
	for i, e := range s.Evidence {
		l := label + " evidence " + strconv.Itoa(i+1)
		*flags = append(*flags, inject.Scan(l, e)...)
		out = readPassages(court.Source{Kind: court.FromEvidence, Side: id, Label: l}, inject.Redact(e), out, memo)
	}
	return out
}

// documentPassages reads a side's documents.
func documentPassages(c *court.Case, id court.SideID, flags *[]court.Flag, out []passage, memo sentenceMemo) ([]passage, int) {
	n := 0
	for _, d := range c.Side(id).Documents {
		l := id.Label() + " document " + docName(d.Name)
		// A file name is the party's text too.
		*flags = append(*flags, inject.Scan(l+" (file name)", d.Name)...)
		if strings.TrimSpace(d.Text) == "" || unreliable(&d) {
			continue
		}
		n++
		*flags = append(*flags, inject.Scan(l, d.Text)...)
		out = readPassages(court.Source{Kind: court.FromDocument, Side: id, Label: l, DocumentID: d.ID}, inject.Redact(d.Text), out, memo)
	}
	return out, n
}

// minOCRConfidence is the mean word confidence below which a text
// recognised by OCR is not read for facts: at that level Tesseract
// misreads digits and names often enough that a finding grounded on them
// would mislead.
const minOCRConfidence = 50

// unreliable reports a document whose text was recognised by OCR with
// too little confidence to ground findings on.
func unreliable(d *court.Document) bool {
	return d.Method() == court.TextOCR && d.OCRConfidence < minOCRConfidence
}

// docName is a file name as the prompt's data blocks show it.
func docName(name string) string {
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || strings.ContainsRune("<>|\"`", r) {
			return ' '
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if r := []rune(name); len(r) > 80 {
		name = string(r[:80]) + "…"
	}
	return name
}

// clip shortens s to n runes for quoting.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
