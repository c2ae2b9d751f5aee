package judge

import (
	"bytes"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aijudge/aijudge/internal/court"
)

// fieldStream passes the text of one string field of a JSON answer to a
// listener while the answer is still being written, so that a person
// watching sees the judge's reasoning rather than raw JSON. It copes with
// the JSON arriving in arbitrary pieces: a key, an escape sequence or a
// UTF-8 sequence split across deltas is held back until complete.
type fieldStream struct {
	key  []byte // the quoted key, e.g. "reasoning"
	out  court.Stream
	buf  []byte
	pos  int
	mode int // searching, inValue, done
	sent bool
}

const (
	searching = iota
	inValue
	done
)

func newFieldStream(field string, out court.Stream) *fieldStream {
	return &fieldStream{key: []byte(strconv.Quote(field)), out: out}
}

// write takes the next piece of the answer.
func (f *fieldStream) write(delta string) {
	if f.mode == done {
		return
	}
	f.buf = append(f.buf, delta...)
	if f.mode == searching && !f.find() {
		return
	}
	f.emit()
}

// find looks for the key followed by a colon and an opening quote.
func (f *fieldStream) find() bool {
	for {
		i := bytes.Index(f.buf[f.pos:], f.key)
		if i < 0 {
			return false
		}
		j := f.pos + i + len(f.key)
		j = skipSpace(f.buf, j)
		if j >= len(f.buf) {
			return false // wait for more
		}
		if f.buf[j] != ':' {
			f.pos += i + 1 // the key's text inside some other string
			continue
		}
		j = skipSpace(f.buf, j+1)
		if j >= len(f.buf) {
			return false
		}
		if f.buf[j] != '"' {
			f.pos += i + 1
			continue
		}
		f.pos, f.mode = j+1, inValue
		return true
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// emit decodes as much of the string value as is complete.
func (f *fieldStream) emit() {
	end := len(f.buf)
	// Hold back a UTF-8 sequence cut off at the end.
	for k := 1; k <= 3 && end-k >= f.pos; k++ {
		if utf8.RuneStart(f.buf[end-k]) {
			if !utf8.FullRune(f.buf[end-k : end]) {
				end -= k
			}
			break
		}
	}
	var out []byte
	i := f.pos
loop:
	for i < end {
		c := f.buf[i]
		switch {
		case c == '"':
			f.mode = done
			i++
			break loop
		case c != '\\':
			out = append(out, c)
			i++
			continue
		}
		if i+1 >= end {
			break
		}
		switch e := f.buf[i+1]; e {
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case 'r':
			out = append(out, '\r')
		case 'b', 'f':
		case 'u':
			r, n, ok := unicodeEscape(f.buf[i:end])
			if !ok {
				break loop
			}
			out = utf8.AppendRune(out, r)
			i += n
			continue
		default: // \" \\ \/
			out = append(out, e)
		}
		i += 2
	}
	f.pos = i
	if len(out) > 0 {
		f.sent = true
		f.out.Send(string(out))
	}
}

// unicodeEscape decodes \uXXXX, or a surrogate pair of two, at the start
// of b; ok is false when b does not yet hold the whole escape.
func unicodeEscape(b []byte) (r rune, n int, ok bool) {
	if len(b) < 6 {
		return 0, 0, false
	}
	v, err := strconv.ParseUint(string(b[2:6]), 16, 16)
	if err != nil {
		return utf8.RuneError, 6, true
	}
	r = rune(v)
	if !utf16.IsSurrogate(r) {
		return r, 6, true
	}
	if len(b) < 12 {
		return 0, 0, false
	}
	if b[6] != '\\' || b[7] != 'u' {
		return utf8.RuneError, 6, true
	}
	v2, err := strconv.ParseUint(string(b[8:12]), 16, 16)
	if err != nil {
		return utf8.RuneError, 6, true
	}
	return utf16.DecodeRune(r, rune(v2)), 12, true
}
