package document

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// errFull stops an extraction once MaxTextChars characters are kept; what
// was read so far is the result.
var errFull = errors.New("text limit reached")

// textBuf collects extracted text under a character limit, so that memory
// stays bounded however much text a file holds. It normalises as it goes:
// CR and CRLF become LF, form feeds become newlines, other control
// characters and byte-order marks are dropped, spaces before a newline are
// trimmed and runs of blank lines become one.
type textBuf struct {
	b      []byte
	chars  int
	max    int
	full   bool
	lastCR bool
}

func newTextBuf(max int) *textBuf { return &textBuf{max: max} }

func (t *textBuf) WriteString(s string) error {
	for _, r := range s {
		if err := t.WriteRune(r); err != nil {
			return err
		}
	}
	return nil
}

// Write appends UTF-8 text; invalid bytes become U+FFFD.
func (t *textBuf) Write(p []byte) error {
	for len(p) > 0 {
		c := p[0]
		if c >= 0x20 && c < 0x7F && !t.lastCR && t.chars < t.max {
			// Printable ASCII needs none of WriteRune's checks.
			t.b = append(t.b, c)
			t.chars++
			p = p[1:]
			continue
		}
		r, n := utf8.DecodeRune(p)
		if err := t.WriteRune(r); err != nil {
			return err
		}
		p = p[n:]
	}
	return nil
}

func (t *textBuf) WriteRune(r rune) error {
	if t.full {
		return errFull
	}
	cr := t.lastCR
	t.lastCR = false
	switch {
	case r == '\r':
		t.lastCR = true
		r = '\n'
	case r == '\n' && cr:
		return nil
	case r == '\f':
		r = '\n'
	case r == '\t', r == '\n':
	case r < 0x20, r == 0x7F, r >= 0x80 && r < 0xA0, r == 0xFEFF:
		return nil
	}
	if r == '\n' {
		t.trimSpaceEnd()
		if len(t.b) == 0 || t.endsWith("\n\n") {
			return nil
		}
	}
	if t.chars >= t.max {
		t.full = true
		return errFull
	}
	t.b = utf8.AppendRune(t.b, r)
	t.chars++
	return nil
}

// Newline ends the current line unless the text already ends one.
func (t *textBuf) Newline() error {
	if len(t.b) == 0 || t.b[len(t.b)-1] == '\n' {
		return nil
	}
	return t.WriteRune('\n')
}

// ParagraphBreak leaves one blank line, whatever came before.
func (t *textBuf) ParagraphBreak() error {
	if err := t.Newline(); err != nil {
		return err
	}
	return t.WriteRune('\n')
}

// trimSpaceEnd drops spaces and tabs at the end of the text.
func (t *textBuf) trimSpaceEnd() {
	for len(t.b) > 0 && (t.b[len(t.b)-1] == ' ' || t.b[len(t.b)-1] == '\t') {
		t.b = t.b[:len(t.b)-1]
		t.chars--
	}
}

// endsWith reports whether the text ends with s.
func (t *textBuf) endsWith(s string) bool {
	return len(t.b) >= len(s) && string(t.b[len(t.b)-len(s):]) == s
}

func (t *textBuf) String() string { return strings.TrimSpace(string(t.b)) }
