package factcheck

import (
	"regexp"
	"strings"
)

// chunkBytes bounds the pieces the regular expressions run on. Go's
// regexp uses its fast backtracking matcher only while pattern size times
// input length stays small; on a whole document it falls back to the
// much slower NFA. Sentences are far shorter than this, and no date, sum
// or name spans two sentences.
const chunkBytes = 200

// A pattern is a regular expression with a cheap test of where its
// matches can begin. Left to itself, the regexp engine tries every byte
// of a chunk, and these patterns are large enough that it does so with
// its NFA, at a megabyte a second or less. Every match begins with a
// digit, a currency sign or one of a few words, so findAll runs the
// expression, anchored, only where the test passes.
type pattern struct {
	re    *regexp.Regexp
	at    *regexp.Regexp // re anchored at the start of its input
	fold  bool           // re ignores case
	first [256]bool      // the bytes a match can begin with
	// start, if set, tells more exactly whether a match can begin at
	// s[i], a byte in first.
	start func(s string, i int) bool
}

// newPattern makes a pattern of re whose matches begin with a byte of
// first (in either case, if re ignores case) for which start holds.
func newPattern(re *regexp.Regexp, first string, start func(s string, i int) bool) *pattern {
	p := &pattern{
		re:    re,
		at:    regexp.MustCompile(`\A(?:` + re.String() + `)`),
		fold:  strings.HasPrefix(re.String(), "(?i)"),
		start: start,
	}
	for _, c := range []byte(first) {
		p.first[c] = true
		if p.fold && isLetter(c) {
			p.first[c^0x20] = true
		}
	}
	return p
}

// findAll is FindAllStringSubmatchIndex of p.re run chunk by chunk, with
// indices into text.
func findAll(p *pattern, text string) [][]int {
	var out [][]int
	eachMatch(p, text, func(m []int) { out = append(out, m) })
	return out
}

// eachMatch calls f with each match findAll returns, in order, without
// collecting them.
func eachMatch(p *pattern, text string, f func(m []int)) {
	// (?i) matches the Kelvin sign as k and the long s as s, which the
	// start tests, reading ASCII, would miss. Documents hardly ever hold
	// them; text that does is scanned the slow way.
	slow := p.fold && (strings.Contains(text, "\u212a") || strings.Contains(text, "\u017f"))
	for off := 0; off < len(text); {
		end := chunkEnd(text, off)
		chunk := text[off:end]
		if slow {
			for _, m := range p.re.FindAllStringSubmatchIndex(chunk, -1) {
				f(shift(m, off))
			}
			off = end
			continue
		}
		for i := 0; i < len(chunk); i++ {
			if !p.first[chunk[i]] || p.start != nil && !p.start(chunk, i) {
				continue
			}
			// The chunk is the whole input the expression sees, so
			// matching chunk[i:] differs from matching chunk only in what
			// \b sees before i; start tests reject the places where
			// that matters.
			m := p.at.FindStringSubmatchIndex(chunk[i:])
			if m == nil {
				continue
			}
			f(shift(m, off+i))
			i = m[1] - off - 1 // go on after the match
		}
		off = end
	}
}

// shift adds off to the indices of m that are set.
func shift(m []int, off int) []int {
	for i := range m {
		if m[i] >= 0 {
			m[i] += off
		}
	}
	return m
}

// chunkEnd finds where the chunk starting at off should end: after a line
// break, else after a sentence end, else at a space, within chunkBytes.
func chunkEnd(text string, off int) int {
	limit := off + chunkBytes
	if limit >= len(text) {
		return len(text)
	}
	window := text[off:limit]
	if i := strings.LastIndexByte(window, '\n'); i > 0 {
		return off + i + 1
	}
	for i := len(window) - 2; i > 0; i-- {
		if window[i] == '.' && window[i+1] == ' ' && !abbrevDot(text, off+i) && i+2 < len(window) && window[i+2] >= 'A' && window[i+2] <= 'Z' {
			return off + i + 2
		}
	}
	if i := strings.LastIndexByte(window, ' '); i > 0 {
		return off + i + 1
	}
	// No space at all: cut anywhere, at a rune boundary.
	for limit > off+1 && text[limit]&0xC0 == 0x80 {
		limit--
	}
	return limit
}

// group returns the text of submatch i of the match m, or "" when the
// group took no part in it.
func group(text string, m []int, i int) string {
	if m[2*i] < 0 {
		return ""
	}
	return text[m[2*i]:m[2*i+1]]
}

// subexp returns the index of the named group of re.
func subexp(re *regexp.Regexp, name string) int {
	i := re.SubexpIndex(name)
	if i < 0 {
		panic("factcheck: no group " + name)
	}
	return i
}

// wordStart reports whether s[i] begins a word: \b holds before it.
func wordStart(s string, i int) bool {
	return isWordByte(s[i]) && (i == 0 || !isWordByte(s[i-1]))
}

// hasPrefixFold reports whether s begins with one of prefixes, ignoring
// the case of ASCII letters.
func hasPrefixFold(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	return false
}

// hasPrefix reports whether s begins with one of prefixes.
func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// isWordByte is what \b counts as a word character.
func isWordByte(c byte) bool {
	return isLetter(c) || '0' <= c && c <= '9' || c == '_'
}
