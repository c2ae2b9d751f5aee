package inject

import (
	"unicode"
	"unicode/utf8"

	"github.com/mtibben/confusables"
	"golang.org/x/text/unicode/norm"
)

// The rules are written for plain Latin text. A party who wants an
// instruction to pass them writes it so that it reads the same to the
// model and differently to a pattern: a no-break or zero-width space
// between the words, a Cyrillic "о" for the Latin one, fullwidth letters,
// a soft hyphen inside a word, a word broken across two lines. The rules
// therefore read the text in a normal form:
//
//   - compatibility characters in their NFKC form (fullwidth and
//     mathematical letters, ligatures, the Kelvin sign);
//   - format characters (soft hyphen, zero-width spaces and joiners,
//     bidirectional controls, the byte-order mark) removed;
//   - letters of other scripts that look like Latin ones (Unicode's
//     confusables, UTS #39) folded to their Latin look-alikes;
//   - every Unicode space a space, and every line break (CR, CR LF, VT,
//     FF, NEL, the line and paragraph separators) a line feed;
//   - a word hyphenated across a line break joined again.
//
// Text that is already in this form is read as it is, at no cost.

// normalize returns the text the rules read, and for each of its bytes
// the offsets in text of the character it came from: from[i] where it
// begins, to[i] where it ends. Both are nil when text is its own normal
// form.
func normalize(text string) (out string, from, to []int32) {
	if isNormal(text) {
		return text, nil, nil
	}
	b := make([]byte, 0, len(text)+len(text)/8)
	from = make([]int32, 0, cap(b))
	to = make([]int32, 0, cap(b))
	mark := func(n, start, end int) {
		for range n {
			from = append(from, int32(start))
			to = append(to, int32(end))
		}
	}
	emit := func(s []byte, start, end int) { b = append(b, s...); mark(len(s), start, end) }
	emitString := func(s string, start, end int) { b = append(b, s...); mark(len(s), start, end) }
	var one [utf8.UTFMax]byte
	var nfkc []byte
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\r' && i+1 < len(text) && text[i+1] == '\n':
				i++ // the LF follows
				continue
			case c == '\r' || c == '\v' || c == '\f':
				emit([]byte{'\n'}, i, i+1)
			case c == '-' && hyphenBreak(text, i):
				// "instruc-\ntions": drop the hyphen and the break.
				i = skipBreak(text, i+1)
				continue
			default:
				emitString(text[i:i+1], i, i+1)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\u0085' || r == '\u2028' || r == '\u2029':
			emit([]byte{'\n'}, i, i+n)
		case unicode.Is(unicode.Cf, r):
			// Removed.
		case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			emit([]byte{' '}, i, i+n)
		default:
			m := utf8.EncodeRune(one[:], r)
			nfkc = norm.NFKC.Append(nfkc[:0], one[:m]...)
			for k := 0; k < len(nfkc); {
				rr, w := utf8.DecodeRune(nfkc[k:])
				if rr >= utf8.RuneSelf && lookAlikeScript(rr) {
					emitString(confusables.Skeleton(string(rr)), i, i+n)
				} else {
					emit(nfkc[k:k+w], i, i+n)
				}
				k += w
			}
		}
		i += n
	}
	return string(b), from, to
}

// isNormal reports whether normalize would leave text as it is: plain
// ASCII without CR, VT, FF or a hyphen at a line break.
func isNormal(text string) bool {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c >= utf8.RuneSelf, c == '\r', c == '\v', c == '\f':
			return false
		case c == '-' && hyphenBreak(text, i):
			return false
		}
	}
	return true
}

// hyphenBreak reports whether the hyphen at i ends a line in the middle
// of a word: a letter before it, a letter at the start of the next line.
func hyphenBreak(text string, i int) bool {
	if i == 0 || !isLetter(text[i-1]) {
		return false
	}
	j := skipBreak(text, i+1)
	return j > i+1 && j < len(text) && isLetter(text[j]) && breaks(text[i+1:j])
}

// skipBreak skips spaces and tabs, one line break, and the spaces and
// tabs after it.
func skipBreak(text string, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	if i < len(text) && text[i] == '\r' {
		i++
	}
	if i < len(text) && text[i] == '\n' {
		i++
	}
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i
}

// breaks reports whether s, spaces around, holds a line break.
func breaks(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' || s[i] == '\r' {
			return true
		}
	}
	return false
}

// lookAlikeScript reports whether r belongs to a script whose letters are
// folded to Latin look-alikes. Other scripts (Devanagari, say) are read
// as they are: their letters cannot spell an English instruction.
func lookAlikeScript(r rune) bool {
	return unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Greek, unicode.Armenian, unicode.Cherokee, unicode.Coptic)
}
