package document

import (
	"bytes"
	"unicode/utf16"
)

// toUnicode is a font's ToUnicode CMap: which text each character code
// of a shown string stands for. The PDF library decodes these maps
// itself, but adds a range's offset to the last byte of its destination
// without carrying into the byte before, so a range whose destination
// crosses a 256 boundary (common in Devanagari, U+0900–U+097F, and in
// CID fonts of Word and LibreOffice) comes out as the wrong letters. This
// one computes with whole code points, handles ranges mapped to arrays
// and one-to-many destinations, and is bounded for hostile maps.
type toUnicode struct {
	spaces [][2][]byte // codespace ranges: low and high codes of one length
	single map[string][]rune
	ranges []cmapRange
}

type cmapRange struct {
	lo, hi uint32
	n      int      // code length in bytes
	dst    []rune   // the text of lo; later codes add to its last rune
	array  [][]rune // or one text per code, from lo
}

// maxCMapEntries bounds the mappings kept from one map.
const maxCMapEntries = 1 << 16

// maxCMapRange bounds the codes one range may cover.
const maxCMapRange = 1 << 16

// parseToUnicode reads a ToUnicode CMap. It never fails: what it cannot
// read is left out, and a map with no mapping at all is nil.
func parseToUnicode(data []byte) *toUnicode {
	m := &toUnicode{single: map[string][]rune{}}
	s := cmapScanner{data: data}
	entries := 0
	for {
		tok, ok := s.next()
		if !ok {
			break
		}
		switch string(tok.word) {
		case "begincodespacerange":
			for {
				lo, ok1 := s.hexUntil("endcodespacerange")
				hi, ok2 := s.hexUntil("endcodespacerange")
				if !ok1 || !ok2 {
					break
				}
				if len(lo) == len(hi) && len(lo) >= 1 && len(lo) <= 4 {
					m.spaces = append(m.spaces, [2][]byte{lo, hi})
				}
			}
		case "beginbfchar":
			for entries < maxCMapEntries {
				src, ok1 := s.hexUntil("endbfchar")
				dst, ok2 := s.hexUntil("endbfchar")
				if !ok1 || !ok2 {
					break
				}
				if len(src) >= 1 && len(src) <= 4 {
					m.single[string(src)] = utf16BE(dst)
					entries++
				}
			}
		case "beginbfrange":
			for entries < maxCMapEntries {
				lo, ok1 := s.hexUntil("endbfrange")
				hi, ok2 := s.hexUntil("endbfrange")
				if !ok1 || !ok2 {
					break
				}
				r := cmapRange{lo: codeValue(lo), hi: codeValue(hi), n: len(lo)}
				tok, ok := s.next()
				if !ok || string(tok.word) == "endbfrange" {
					break
				}
				switch {
				case tok.hex != nil:
					r.dst = utf16BE(tok.hex)
				case string(tok.word) == "[":
					for len(r.array) < maxCMapRange {
						t, ok := s.next()
						if !ok || string(t.word) == "]" || t.hex == nil {
							break
						}
						r.array = append(r.array, utf16BE(t.hex))
					}
				}
				if len(lo) == len(hi) && len(lo) >= 1 && len(lo) <= 4 && r.lo <= r.hi && r.hi-r.lo < maxCMapRange &&
					(len(r.dst) > 0 || len(r.array) > 0) {
					m.ranges = append(m.ranges, r)
					entries++
				}
			}
		}
	}
	if len(m.single) == 0 && len(m.ranges) == 0 {
		return nil
	}
	return m
}

// decode turns a shown string's codes into text. Codes are as long as
// the codespace range they fall in says, or two bytes when the map
// declares none; codes without a mapping are left out.
func (m *toUnicode) decode(raw string) string {
	var out []rune
	for len(raw) > 0 {
		n := m.codeLen(raw)
		code := raw[:n]
		raw = raw[n:]
		if r, ok := m.single[code]; ok {
			out = append(out, r...)
			continue
		}
		v := codeValue([]byte(code))
		for _, rg := range m.ranges {
			if rg.n != n || v < rg.lo || v > rg.hi {
				continue
			}
			off := v - rg.lo
			if rg.array != nil {
				if int(off) < len(rg.array) {
					out = append(out, rg.array[off]...)
				}
				break
			}
			out = append(out, rg.dst[:len(rg.dst)-1]...)
			out = append(out, rg.dst[len(rg.dst)-1]+rune(off))
			break
		}
	}
	return string(out)
}

func (m *toUnicode) codeLen(raw string) int {
	for n := 1; n <= 4 && n <= len(raw); n++ {
		for _, sp := range m.spaces {
			if len(sp[0]) == n && bytes.Compare([]byte(raw[:n]), sp[0]) >= 0 && bytes.Compare([]byte(raw[:n]), sp[1]) <= 0 {
				return n
			}
		}
	}
	if len(m.spaces) == 0 && len(raw) >= 2 {
		return 2
	}
	return 1
}

func codeValue(b []byte) uint32 {
	var v uint32
	for _, c := range b {
		v = v<<8 | uint32(c)
	}
	return v
}

// utf16BE decodes a destination string; a lone byte is taken as is.
func utf16BE(b []byte) []rune {
	if len(b) == 1 {
		return []rune{rune(b[0])}
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return utf16.Decode(u)
}

// cmapScanner reads the tokens of a CMap that matter: hex strings,
// brackets and words. Comments, names, numbers and dictionaries pass as
// words and are ignored by the parser.
type cmapScanner struct {
	data []byte
	i    int
}

type cmapToken struct {
	word []byte
	hex  []byte
}

func (s *cmapScanner) next() (cmapToken, bool) {
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case isSpace(c):
			s.i++
		case c == '%':
			for s.i < len(s.data) && s.data[s.i] != '\n' && s.data[s.i] != '\r' {
				s.i++
			}
		case c == '<' && s.i+1 < len(s.data) && s.data[s.i+1] == '<', c == '>' && s.i+1 < len(s.data) && s.data[s.i+1] == '>':
			s.i += 2
			return cmapToken{word: s.data[s.i-2 : s.i]}, true
		case c == '<':
			end := bytes.IndexByte(s.data[s.i:], '>')
			if end < 0 {
				s.i = len(s.data)
				return cmapToken{}, false
			}
			h := s.data[s.i+1 : s.i+end]
			s.i += end + 1
			return cmapToken{hex: hexBytes(h)}, true
		case c == '[' || c == ']':
			s.i++
			return cmapToken{word: s.data[s.i-1 : s.i]}, true
		default:
			start := s.i
			for s.i < len(s.data) && !isSpace(s.data[s.i]) && !bytes.ContainsRune([]byte("<>[]%/()"), rune(s.data[s.i])) {
				s.i++
			}
			if s.i == start {
				s.i++ // a delimiter of no interest: / ( )
				continue
			}
			return cmapToken{word: s.data[start:s.i]}, true
		}
	}
	return cmapToken{}, false
}

// hexUntil reads the next hex string, or reports false at end (the
// section's end word, or any other token).
func (s *cmapScanner) hexUntil(end string) ([]byte, bool) {
	t, ok := s.next()
	if !ok || t.hex == nil {
		return nil, false
	}
	return t.hex, true
}

// hexBytes decodes hex digits, ignoring white space; an odd last digit
// counts as followed by 0, as the PDF specification says.
func hexBytes(h []byte) []byte {
	out := make([]byte, 0, len(h)/2+1)
	var cur byte
	half := false
	for _, c := range h {
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			out = append(out, cur<<4|v)
		} else {
			cur = v
		}
		half = !half
	}
	if half {
		out = append(out, cur<<4)
	}
	return out
}
