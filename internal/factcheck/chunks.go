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

// findAll is FindAllStringSubmatchIndex run chunk by chunk, with indices
// into text. Chunks for which need reports false are skipped: a chunk
// without a digit holds no date.
func findAll(re *regexp.Regexp, text string, need func(string) bool) [][]int {
	var out [][]int
	for off := 0; off < len(text); {
		end := chunkEnd(text, off)
		chunk := text[off:end]
		if need == nil || need(chunk) {
			for _, m := range re.FindAllStringSubmatchIndex(chunk, -1) {
				for i := range m {
					if m[i] >= 0 {
						m[i] += off
					}
				}
				out = append(out, m)
			}
		}
		off = end
	}
	return out
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

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}
