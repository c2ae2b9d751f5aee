package document

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"strconv"

	"github.com/ledongthuc/pdf"

	"github.com/aijudge/aijudge/internal/court"
)

// pdfLimits are the PDF-specific limits of Options.
type pdfLimits struct {
	maxPages    int
	maxObjects  int
	maxInflated int64 // decompressed content and CMap bytes, whole document
	// spans, when set, receives where each page's text lies in out.
	spans *[]pageSpan
}

// pageSpan is where one page's text lies in a textBuf: bytes start to end.
type pageSpan struct{ start, end int }

// extractPDF writes the text of a PDF to out and returns its page count.
// ledongthuc/pdf does the parsing; the code here walks the document
// itself wherever the library would loop or allocate on a hostile file's
// word: the page tree, inherited resources, stream sizes.
func extractPDF(ctx context.Context, data []byte, lim pdfLimits, out *textBuf) (pages int, err error) {
	data = normalizePDF(data)
	if err := prescanPDF(data, lim.maxObjects); err != nil {
		return 0, err
	}
	var r *pdf.Reader
	func() {
		defer func() {
			if recover() != nil {
				err = damaged("PDF")
			}
		}()
		r, err = pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	}()
	if err != nil {
		if errors.Is(err, pdf.ErrInvalidPassword) {
			return 0, fail(court.EUnprocessable, "%q is password-protected; file a copy without a password.")
		}
		if _, ok := err.(*failure); ok {
			return 0, err
		}
		return 0, damaged("PDF")
	}

	x := &pdfExtractor{ctx: ctx, lim: lim, out: out, seenFonts: map[string]bool{}, cmaps: map[string]*toUnicode{}}
	var list []pdf.Value
	if err := x.catch(func() { list = x.pageList(r) }); err != nil {
		if errors.Is(err, errPageBroken) {
			return 0, damaged("PDF")
		}
		return 0, err
	}
	failed := 0
	for _, p := range list {
		if err := ctx.Err(); err != nil {
			return len(list), err
		}
		start := len(out.b)
		err := x.catch(func() { x.page(p) })
		switch {
		case err == nil:
		case errors.Is(err, errPageBroken):
			failed++
		default:
			return len(list), err
		}
		if err := out.ParagraphBreak(); err != nil {
			return len(list), err
		}
		if lim.spans != nil {
			*lim.spans = append(*lim.spans, pageSpan{start, len(out.b)})
		}
	}
	if len(list) == 0 || failed == len(list) {
		return len(list), damaged("PDF")
	}
	return len(list), nil
}

// errPageBroken marks a page whose content could not be interpreted; the
// other pages are still read.
var errPageBroken = errors.New("page content is broken")

type pdfExtractor struct {
	ctx       context.Context
	lim       pdfLimits
	out       *textBuf
	inflated  int64
	seenFonts map[string]bool
	cmaps     map[string]*toUnicode // by font, as seenFonts
	ops       int
}

// abort carries an error out of the library's callbacks through panic,
// the only way to stop pdf.Interpret early.
type abort struct{ err error }

func (x *pdfExtractor) stop(err error) { panic(abort{err}) }

// catch runs f, turning panics into errors: an abort is returned as is,
// any other panic is the parser choking on a malformed file.
func (x *pdfExtractor) catch(f func()) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if a, ok := p.(abort); ok {
				err = a.err
				return
			}
			err = errPageBroken
		}
	}()
	f()
	return nil
}

// pageList walks the page tree with explicit bounds: the library's own
// walk follows /Kids and /Parent without cycle detection.
func (x *pdfExtractor) pageList(r *pdf.Reader) []pdf.Value {
	root := r.Trailer().Key("Root").Key("Pages")
	if n := root.Key("Count").Int64(); n > int64(x.lim.maxPages) {
		x.stop(fail(court.ETooLarge, "%q has %d pages; at most %d are accepted.", n, x.lim.maxPages))
	}
	type node struct {
		v     pdf.Value
		depth int
	}
	var pages []pdf.Value
	stack := []node{{root, 0}}
	budget := 4*x.lim.maxPages + 64 // nodes visited; a cycle exhausts it
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if budget--; budget < 0 || n.depth > 64 {
			x.stop(damaged("PDF"))
		}
		kids := n.v.Key("Kids")
		if n.v.Key("Type").Name() == "Pages" || kids.Kind() == pdf.Array {
			for i := kids.Len() - 1; i >= 0; i-- {
				stack = append(stack, node{kids.Index(i), n.depth + 1})
				if len(stack) > budget {
					x.stop(fail(court.ETooLarge, "%q has more than %d pages; at most %d are accepted.", x.lim.maxPages, x.lim.maxPages))
				}
			}
			continue
		}
		pages = append(pages, n.v)
		if len(pages) > x.lim.maxPages {
			x.stop(fail(court.ETooLarge, "%q has more than %d pages; at most %d are accepted.", x.lim.maxPages, x.lim.maxPages))
		}
	}
	return pages
}

// inherited looks key up in the page and its ancestors, at most a few
// levels up: /Parent chains of hostile files can be cycles.
func inherited(v pdf.Value, key string) pdf.Value {
	for i := 0; i < 32 && !v.IsNull(); i++ {
		if r := v.Key(key); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// measure decompresses a stream (or an array of streams) into nothing,
// counting bytes, and stops the extraction once the document's inflated
// total passes the limit: the parser reads tokens whole, so a compressed
// stream that inflates to gigabytes must be refused before it is parsed.
func (x *pdfExtractor) measure(v pdf.Value) {
	if v.Kind() == pdf.Array {
		for i := 0; i < v.Len(); i++ {
			x.measure(v.Index(i))
		}
		return
	}
	if v.Kind() != pdf.Stream {
		return
	}
	rc := v.Reader()
	defer rc.Close()
	left := x.lim.maxInflated - x.inflated
	n, err := io.Copy(io.Discard, io.LimitReader(ctxReader{x.ctx, rc}, left+1))
	x.inflated += n
	if x.inflated > x.lim.maxInflated {
		x.stop(fail(court.EUnprocessable, "%q is not a readable PDF: its compressed content expands beyond %d MB.", x.lim.maxInflated>>20))
	}
	if err := x.ctx.Err(); err != nil {
		x.stop(err)
	}
	if err != nil {
		panic(err)
	}
}

// readToUnicode reads a font's ToUnicode stream (measured already) into
// a map; nil when there is none or it holds no mapping.
func (x *pdfExtractor) readToUnicode(v pdf.Value) *toUnicode {
	if v.Kind() != pdf.Stream {
		return nil
	}
	rc := v.Reader()
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(ctxReader{x.ctx, rc}, x.lim.maxInflated))
	if err != nil {
		return nil
	}
	return parseToUnicode(b)
}

func (x *pdfExtractor) page(p pdf.Value) {
	contents := p.Key("Contents")
	if contents.Kind() == pdf.Null {
		return
	}
	x.measure(contents)
	fontDict := inherited(p, "Resources").Key("Font")
	fonts := map[string]*pdf.Font{}
	maps := map[string]*toUnicode{}
	for _, name := range fontDict.Keys() {
		fv := fontDict.Key(name)
		id := name + "\x00" + fv.Key("BaseFont").Name()
		if !x.seenFonts[id] {
			x.seenFonts[id] = true
			x.measure(fv.Key("ToUnicode"))
			x.cmaps[id] = x.readToUnicode(fv.Key("ToUnicode"))
		}
		fonts[name] = &pdf.Font{V: fv}
		maps[name] = x.cmaps[id]
	}

	var enc pdf.TextEncoding
	var cmap *toUnicode // the font's ToUnicode map, read by toUnicode
	// Marked content: each BMC/BDC opens a level, EMC closes it. A level
	// with /ActualText (Chromium writes one around every cluster of
	// Devanagari and other complex scripts, whose glyphs are reordered
	// and combined) stands for its glyphs: its text is written once and
	// the glyphs inside are not decoded.
	var marked []bool
	actual := 0 // open levels with /ActualText
	var fontSize float64
	// Where text is drawn, to tell a new line from more of the same one:
	// LibreOffice starts a text object (BT) for every change of font,
	// within a line too. The line matrix and the graphics state's matrix
	// are followed; a show whose baseline lies half a font size or more
	// from the last one's starts a new line.
	var (
		ctm      = matrix{1, 0, 0, 1, 0, 0}
		saved    []matrix
		tlm      = matrix{1, 0, 0, 1, 0, 0}
		leading  float64
		lastY    float64
		drawn    bool
		lineMove bool // moved since the last show
	)
	newline := func() {
		if err := x.out.Newline(); err != nil {
			x.stop(err)
		}
	}
	place := func() {
		if !lineMove {
			return
		}
		lineMove = false
		m := tlm.times(ctm)
		y := m[5]
		size := fontSize * math.Hypot(m[2], m[3])
		if drawn && math.Abs(y-lastY) > max(size/2, 0.5) {
			newline()
		}
		lastY, drawn = y, true
	}
	moveLine := func(tx, ty float64) {
		tlm = matrix{1, 0, 0, 1, tx, ty}.times(tlm)
		lineMove = true
	}
	// The outermost ActualText is written where its first glyph is
	// drawn (the span may open before the text is positioned), or when
	// it closes if it draws none.
	var pendingActual string
	pending := false
	writeActual := func() {
		if !pending {
			return
		}
		pending = false
		place()
		if err := x.out.WriteString(pendingActual); err != nil {
			x.stop(err)
		}
	}
	show := func(raw string) {
		if actual > 0 {
			writeActual()
			return
		}
		place()
		var s string
		switch {
		case cmap != nil:
			s = cmap.decode(raw)
		case enc != nil:
			s = enc.Decode(raw)
		default:
			s = latin1(raw)
		}
		if err := x.out.WriteString(s); err != nil {
			x.stop(err)
		}
	}
	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		if x.ops++; x.ops&1023 == 0 {
			if err := x.ctx.Err(); err != nil {
				x.stop(err)
			}
		}
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "BMC":
			marked = append(marked, false)
		case "BDC":
			has := false
			if len(args) == 2 && len(marked) < 64 {
				if t := args[1].Key("ActualText"); t.Kind() == pdf.String {
					has = true
					if actual == 0 {
						pendingActual, pending = t.Text(), true
					}
					actual++
				}
			}
			marked = append(marked, has)
		case "EMC":
			if n := len(marked); n > 0 {
				if marked[n-1] {
					actual--
					if actual == 0 {
						writeActual()
					}
				}
				marked = marked[:n-1]
			}
		case "q":
			if len(saved) < 64 {
				saved = append(saved, ctm)
			}
		case "Q":
			if n := len(saved); n > 0 {
				ctm, saved = saved[n-1], saved[:n-1]
			}
		case "cm":
			if len(args) == 6 {
				ctm = matrixOf(args).times(ctm)
			}
		case "BT":
			tlm, lineMove = matrix{1, 0, 0, 1, 0, 0}, true
		case "T*":
			moveLine(0, -leading)
		case "TL":
			if len(args) == 1 {
				leading = args[0].Float64()
			}
		case "Td", "TD":
			// A small vertical move places a mark above or below its
			// letter (Devanagari vowel signs, superscripts); place
			// starts a new line only for a move of about half a line.
			if len(args) == 2 {
				moveLine(args[0].Float64(), args[1].Float64())
				if op == "TD" {
					leading = -args[1].Float64()
				}
			}
		case "Tm":
			if len(args) == 6 {
				tlm, lineMove = matrixOf(args), true
			}
		case "Tf":
			enc, cmap = nil, nil
			if len(args) == 2 {
				cmap = maps[args[0].Name()]
			}
			if len(args) == 2 {
				fontSize = math.Abs(args[1].Float64())
			}
			if len(args) == 2 {
				if f, ok := fonts[args[0].Name()]; ok {
					enc = f.Encoder()
				}
			}
		case "'", "\"":
			moveLine(0, -leading)
			if len(args) > 0 {
				show(args[len(args)-1].RawString())
			}
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			a := args[0]
			for i := 0; i < a.Len(); i++ {
				e := a.Index(i)
				switch e.Kind() {
				case pdf.String:
					show(e.RawString())
				case pdf.Integer, pdf.Real:
					// A large negative adjustment is how many producers
					// write the space between words.
					// Written as a space, not decoded: in the font's
					// own encoding byte 0x20 may be any glyph.
					if e.Float64() < -200 && actual == 0 && !x.out.endsWith(" ") {
						if err := x.out.WriteString(" "); err != nil {
							x.stop(err)
						}
					}
				}
			}
		}
	})
}

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

// times is m × n: m applied first, then n.
func (m matrix) times(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func matrixOf(args []pdf.Value) matrix {
	var m matrix
	for i := range m {
		m[i] = args[i].Float64()
	}
	return m
}

// latin1 decodes bytes shown without a known font.
func latin1(s string) string {
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}

type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// normalizePDF returns data starting at its "%PDF-" header and ending at
// its last "%%EOF", with a header the library accepts: it insists on
// "%PDF-1.0" to "%PDF-1.7" at byte 0 followed by a newline, which PDF 2.0
// files, files with leading bytes and files with trailing bytes after
// %%EOF do not have. The caller's bytes are never modified.
func normalizePDF(data []byte) []byte {
	if i := bytes.Index(data[:min(len(data), pdfHeaderWindow)], []byte("%PDF-")); i > 0 {
		data = data[i:]
	}
	if i := bytes.LastIndex(data, []byte("%%EOF")); i > 0 && len(data)-i > 64 {
		data = data[:i+5]
	}
	if len(data) < 9 {
		return data
	}
	ok := data[5] == '1' && data[6] == '.' && data[7] >= '0' && data[7] <= '7' && (data[8] == '\r' || data[8] == '\n')
	if ok {
		return data
	}
	c := bytes.Clone(data)
	if !(c[5] == '1' && c[6] == '.' && c[7] >= '0' && c[7] <= '7') {
		copy(c[5:8], "1.7")
	}
	if c[8] != '\r' && c[8] != '\n' {
		c[8] = '\n'
	}
	return c
}

// inXRefStream reports whether position i lies in the dictionary of a
// cross-reference stream: the object around it, from its "obj" to its
// "stream" or "endobj", says /Type /XRef.
func inXRefStream(data []byte, i int) bool {
	start := bytes.LastIndex(data[:i], []byte("obj"))
	if start < 0 {
		start = 0
	}
	end := len(data)
	if j := bytes.Index(data[i:], []byte("stream")); j >= 0 {
		end = i + j
	}
	if j := bytes.Index(data[i:end], []byte("endobj")); j >= 0 {
		end = i + j
	}
	return bytes.Contains(data[start:end], []byte("/XRef"))
}

// prescanPDF refuses, before the parser sees them, the numbers the parser
// would trust for allocations or loops: cross-reference sizes (/Size,
// /Index, xref subsection headers), field widths (/W) and object-stream
// counts (/N). It also counts object definitions. Everything it reads is
// in the clear: dictionaries of streams are never compressed.
func prescanPDF(data []byte, maxObjects int) error {
	tooMany := func(n int64) error {
		return fail(court.ETooLarge, "%q has %d objects or more; at most %d are accepted.", n, maxObjects)
	}
	if n := bytes.Count(data, []byte("endobj")); n > maxObjects {
		return tooMany(int64(n))
	}
	for _, key := range []string{"/Size", "/N"} {
		for i := 0; ; {
			j := bytes.Index(data[i:], []byte(key))
			if j < 0 {
				break
			}
			i += j + len(key)
			if i < len(data) && isNameChar(data[i]) {
				continue // "/Names", "/Size2"
			}
			if n, _, ok := readInt(data, i); ok && n > int64(maxObjects) {
				return tooMany(n)
			}
		}
	}
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("/Index"))
		if j < 0 {
			break
		}
		i += j + len("/Index")
		k := skipSpace(data, i)
		if k >= len(data) || data[k] != '[' {
			continue
		}
		k++
		for {
			start, next, ok := readInt(data, k)
			if !ok {
				break
			}
			count, next2, ok := readInt(data, next)
			if !ok {
				break
			}
			if start+count > int64(maxObjects) {
				return tooMany(start + count)
			}
			k = next2
		}
	}
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("/W"))
		if j < 0 {
			break
		}
		i += j + 2
		if i < len(data) && isNameChar(data[i]) {
			continue
		}
		k := skipSpace(data, i)
		if k >= len(data) || data[k] != '[' || !inXRefStream(data, i) {
			continue // a font's glyph widths are a /W too
		}
		k++
		for range 3 {
			w, next, ok := readInt(data, k)
			if !ok {
				break
			}
			if w > 8 {
				return damaged("PDF")
			}
			k = next
		}
	}
	// Classic cross-reference tables: "xref" then subsections, each a
	// "start count" header and count entries of three tokens.
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("xref"))
		if j < 0 {
			break
		}
		i += j + 4
		if i-4 >= 5 && string(data[i-9:i-4]) == "start" {
			continue
		}
		k := i
		for {
			start, next, ok := readInt(data, k)
			if !ok {
				break
			}
			count, next2, ok := readInt(data, next)
			if !ok {
				break
			}
			if start+count > int64(maxObjects) {
				return tooMany(start + count)
			}
			k = next2
			for e := int64(0); e < count*3; e++ {
				k = skipToken(data, k)
				if k >= len(data) {
					break
				}
			}
			if k >= len(data) {
				break
			}
		}
	}
	return nil
}

func isNameChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	return i
}

func skipToken(data []byte, i int) int {
	i = skipSpace(data, i)
	for i < len(data) && !isSpace(data[i]) {
		i++
	}
	return i
}

// readInt reads a non-negative decimal integer after optional white space.
// Numbers too long to be meaningful count as huge rather than as errors.
func readInt(data []byte, i int) (n int64, next int, ok bool) {
	i = skipSpace(data, i)
	start := i
	for i < len(data) && data[i] >= '0' && data[i] <= '9' {
		i++
	}
	if i == start {
		return 0, i, false
	}
	if i-start > 15 {
		return 1 << 50, i, true
	}
	n, err := strconv.ParseInt(string(data[start:i]), 10, 64)
	return n, i, err == nil
}
