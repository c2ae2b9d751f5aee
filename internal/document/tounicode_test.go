package document

import (
	"testing"
	"unicode/utf8"
)

// A map as Word- and LibreOffice-style CID fonts write them: two-byte
// codes, a range whose destination crosses a 256 boundary (the PDF
// library adds to the last byte without a carry and reads U+0910 for
// U+0A10), a range mapped to an array, and one-to-many destinations
// (ligatures and Devanagari conjuncts).
const testCMap = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Adobe-Identity-UCS def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
3 beginbfchar
<0003> <0020>
<0010> <00660066>
<0011> <0915094D0937>
endbfchar
3 beginbfrange
<0100> <0110> <00F8>
<0200> <0202> [<0939093F> <0902> <0926>]
<0300> <037F> <0900>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`

func TestToUnicode(t *testing.T) {
	t.Parallel()
	m := parseToUnicode([]byte(testCMap))
	if m == nil {
		t.Fatal("no map")
	}
	tests := []struct{ name, codes, want string }{
		{"a space", "\x00\x03", " "},
		{"one-to-many: a ligature", "\x00\x10", "ff"},
		{"one-to-many: a conjunct", "\x00\x11", "क्ष"},
		{"a range across a 256 boundary", "\x01\x00\x01\x08\x01\x10", "øĀĈ"},
		{"a range of an array", "\x02\x00\x02\x01\x02\x02", "हिंद"},
		{"a Devanagari range", "\x03\x39\x03\x3F", "हि"},
		{"an unmapped code is left out", "\x00\x03\x7F\x7F\x00\x03", "  "},
		{"an odd byte at the end", "\x00\x03\x01", " "},
	}
	for _, tt := range tests {
		if got := m.decode(tt.codes); got != tt.want {
			t.Errorf("%s: %q; want %q", tt.name, got, tt.want)
		}
	}
	if parseToUnicode([]byte("begincmap endcmap")) != nil {
		t.Error("a map without mappings is not nil")
	}
}

// FuzzToUnicode: any map parses without panicking, within its bounds,
// and decodes any codes to valid UTF-8.
func FuzzToUnicode(f *testing.F) {
	f.Add([]byte(testCMap), []byte("\x00\x10\x02\x01"))
	f.Add([]byte("1 beginbfrange <00> <FF> [<0041> <0042>] endbfrange"), []byte("\x00\x01\x05"))
	f.Add([]byte("1 beginbfrange <0000> <FFFF> <D800> endbfrange"), []byte("\xff\xff"))
	f.Fuzz(func(t *testing.T, cmap, codes []byte) {
		m := parseToUnicode(cmap)
		if m == nil {
			return
		}
		if len(m.single)+len(m.ranges) > maxCMapEntries {
			t.Fatalf("%d mappings kept", len(m.single)+len(m.ranges))
		}
		if s := m.decode(string(codes)); !utf8.ValidString(s) {
			t.Fatalf("decoded to invalid UTF-8: %q", s)
		}
	})
}
