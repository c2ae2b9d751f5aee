package document

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNameBytes bounds a file name: it is shown in the UI, stored, and
// quoted in error messages and prompts.
const maxNameBytes = 200

// CleanName makes an uploaded file name safe to store and show: the path
// (with / or \ separators) is dropped, control characters and bidi
// overrides, which can disguise "exe.pdf" as "fdp.exe", are removed, and
// the result is trimmed to 200 bytes without splitting a character. An
// empty result becomes "document".
func CleanName(name string) string {
	name = strings.ToValidUTF8(name, "")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r), isBidiControl(r), r == utf8.RuneError:
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if len(name) > maxNameBytes {
		cut := maxNameBytes
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut--
		}
		name = strings.TrimSpace(name[:cut])
	}
	if name == "" || name == "." || name == ".." {
		return "document"
	}
	return name
}

// isBidiControl reports the explicit directional formatting characters
// (embeddings, overrides, isolates and marks).
func isBidiControl(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200E, r == 0x200F, r == 0x061C:
		return true
	}
	return false
}
