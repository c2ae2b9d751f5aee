package document

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize is the text every reader of a document sees — fact
// extraction, the injection scan, the judge and the page that shows it —
// so that they all match the same words:
//
//   - NFKC: ligatures and compatibility forms become the letters they
//     stand for ("ﬁ" → "fi", full-width digits → digits, "Ⅳ" → "IV");
//   - soft hyphens and zero-width characters (U+00AD, U+200B–U+200D,
//     U+2060, U+FEFF) are removed: they are invisible and split words;
//   - a word broken across lines with a hyphen ("insuf-\nficient") is
//     rejoined when a letter comes before the hyphen and a lower-case
//     letter starts the next line, which is how typesetters break words
//     and not how compounds are written across lines.
//
// The original bytes of the document are kept as filed; only its text is
// normalised.
func Normalize(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
			return -1
		}
		return r
	}, s)
	s = norm.NFKC.String(s)
	if !strings.Contains(s, "-\n") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, "-\n")
		if i < 0 {
			b.WriteString(s)
			break
		}
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+2:])
		if i > 0 && unicode.IsLetter(before) && unicode.IsLower(after) {
			b.WriteString(s[:i])
		} else {
			b.WriteString(s[:i+2])
		}
		s = s[i+2:]
	}
	return b.String()
}
