package document

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aijudge/aijudge/internal/court"
)

// Excerpt is what the judge reads of one document.
type Excerpt struct {
	Name    string // the document's cleaned name
	Text    string // the kept text, with a marker wherever text was cut
	Omitted int    // characters left out
}

// Budget fits a side's documents into maxChars characters (markers
// included, give or take a few characters per marker) for the judge's
// prompt. summary and evidence are that side's filing; they decide which
// passages matter. The strategy is in the package documentation.
func Budget(summary string, evidence []string, docs []court.Document, maxChars int) []Excerpt {
	out := make([]Excerpt, len(docs))
	lengths := make([]int, len(docs))
	total := 0
	for i := range docs {
		lengths[i] = utf8.RuneCountInString(docs[i].Text)
		total += lengths[i]
		out[i] = Excerpt{Name: docs[i].Name, Text: docs[i].Text}
	}
	if total <= maxChars {
		return out
	}
	shares := fairShares(lengths, max(maxChars, 0))
	keywords := keywordSet(summary + "\n" + strings.Join(evidence, "\n"))
	for i := range docs {
		if shares[i] >= lengths[i] {
			continue
		}
		out[i].Text, out[i].Omitted = excerpt(docs[i].Text, shares[i], keywords)
	}
	return out
}

// fairShares splits budget so that short documents are kept whole and the
// long ones share what is left equally (water-filling).
func fairShares(lengths []int, budget int) []int {
	shares := make([]int, len(lengths))
	order := make([]int, len(lengths))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(lengths[a], lengths[b]) })
	left := budget
	for k, i := range order {
		fair := left / (len(order) - k)
		shares[i] = min(lengths[i], fair)
		left -= shares[i]
	}
	return shares
}

// markerSize is roughly what one omission marker costs.
const markerSize = 40

func marker(n int) string {
	return fmt.Sprintf("[… %s characters omitted …]", thousands(n))
}

// para is a line of a document: byte offsets and its length in runes.
type para struct {
	start, end int
	chars      int
	score      float64
}

// excerpt keeps about share characters of text: a third for the
// beginning, then the paragraphs that best match keywords, then more of
// the beginning if room is left.
func excerpt(text string, share int, keywords map[string]bool) (string, int) {
	var paras []para
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start + 1
		}
		paras = append(paras, para{start: start, end: end, chars: utf8.RuneCountInString(text[start:end])})
		start = end
	}
	keep := make([]int, len(paras)) // runes kept from the start of each paragraph
	budget := share - markerSize    // the marker after the kept text

	// The beginning: a third of the share, whole paragraphs, the last one
	// cut if it does not fit.
	head := budget / 3
	next := 0
	fillHead := func(room int) int {
		for next < len(paras) && room > 0 {
			if keep[next] == paras[next].chars {
				next++
				continue
			}
			take := min(room, paras[next].chars-keep[next])
			keep[next] += take
			room -= take
			if keep[next] == paras[next].chars {
				next++
			}
		}
		return room
	}
	budget -= head - fillHead(head)

	// The paragraphs that share the most words with the filing.
	for i := next; i < len(paras); i++ {
		paras[i].score = score(text[paras[i].start:paras[i].end], keywords)
	}
	ranked := make([]int, 0, len(paras))
	for i := next; i < len(paras); i++ {
		if paras[i].score > 0 && keep[i] == 0 {
			ranked = append(ranked, i)
		}
	}
	slices.SortStableFunc(ranked, func(a, b int) int { return cmp.Compare(paras[b].score, paras[a].score) })
	for _, i := range ranked {
		cost := paras[i].chars + markerSize
		if cost > budget {
			continue
		}
		keep[i] = paras[i].chars
		budget -= cost
	}

	// Room left goes to the beginning again.
	if budget > 0 {
		fillHead(budget)
	}

	var b strings.Builder
	omitted, gap := 0, 0
	flush := func() {
		if gap > 0 {
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
				b.WriteString("\n")
			}
			b.WriteString(marker(gap))
			b.WriteString("\n")
			omitted += gap
			gap = 0
		}
	}
	for i, p := range paras {
		if keep[i] == 0 {
			gap += p.chars
			continue
		}
		flush()
		s := text[p.start:p.end]
		if keep[i] < p.chars {
			s = cutRunes(s, keep[i])
			gap += p.chars - utf8.RuneCountInString(s)
			b.WriteString(s)
			continue
		}
		b.WriteString(s)
	}
	flush()
	return strings.TrimSpace(b.String()), omitted
}

// cutRunes shortens s to at most n runes, at a word boundary when one is
// near.
func cutRunes(s string, n int) string {
	i, count := 0, 0
	for i < len(s) && count < n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		count++
	}
	if j := strings.LastIndexAny(s[:i], " \t"); j > i*3/4 {
		i = j
	}
	return s[:i]
}

// score rates a paragraph by the distinct filing keywords it contains,
// divided by the square root of its word count so that long paragraphs do
// not win by size alone.
func score(p string, keywords map[string]bool) float64 {
	if len(keywords) == 0 {
		return 0
	}
	words := tokens(p)
	if len(words) == 0 {
		return 0
	}
	hits := map[string]bool{}
	for _, w := range words {
		if keywords[w] {
			hits[w] = true
		}
	}
	return float64(len(hits)) / math.Sqrt(float64(len(words)))
}

// keywordSet is the lower-cased words of the filing worth matching: at
// least three letters or any number (amounts and dates matter), minus
// common English words.
func keywordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range tokens(s) {
		set[w] = true
	}
	return set
}

func tokens(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		isNum := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
		if !isNum && utf8.RuneCountInString(w) < 3 || stopWords[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the and for that this with from was were are has have had not but
		his her its their they them which who whom what when where would could should shall will
		been being into onto upon any all some such than then there these those our your you
		she him also only very can may might must did does done said per via out off over under`) {
		m[w] = true
	}
	return m
}()
