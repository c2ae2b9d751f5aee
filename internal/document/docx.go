package document

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
)

// docxLimits are the DOCX-specific limits of Options.
type docxLimits struct {
	maxEntries      int
	maxUncompressed int64 // all entries together, declared and actually read
	maxRatio        int64 // uncompressed : compressed, per entry
}

// extractDOCX writes the text of a Word document to out: the headers,
// the body, then the footers. Sizes in the zip's directory are only
// used to refuse a file early; what is read is counted as it is read.
func extractDOCX(ctx context.Context, data []byte, lim docxLimits, out *textBuf) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fail(court.EUnprocessable, "%q is not a readable DOCX: it is not a valid zip archive.")
	}
	if len(zr.File) > lim.maxEntries {
		return fail(court.ETooLarge, "%q has %d parts; a Word document with at most %d is accepted.", len(zr.File), lim.maxEntries)
	}
	bomb := fail(court.EUnprocessable, "%q is not a readable DOCX: it expands to far more data than any Word document (a zip bomb).")
	var declared uint64
	var body *zip.File
	var headers, footers []*zip.File
	for _, f := range zr.File {
		declared += f.UncompressedSize64
		if declared > uint64(lim.maxUncompressed) {
			return bomb
		}
		if f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > uint64(lim.maxRatio) && f.UncompressedSize64 > 1<<20 {
			return bomb
		}
		switch name := f.Name; {
		case name == "word/document.xml":
			body = f
		case strings.HasPrefix(name, "word/header") && strings.HasSuffix(name, ".xml"):
			headers = append(headers, f)
		case strings.HasPrefix(name, "word/footer") && strings.HasSuffix(name, ".xml"):
			footers = append(footers, f)
		}
	}
	if body == nil {
		return fail(court.EUnsupported, "%q is a zip archive but not a Word document; only PDF, DOCX and text files and JPEG, PNG or WebP images are accepted.")
	}
	byName := func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) }
	slices.SortFunc(headers, byName)
	slices.SortFunc(footers, byName)

	budget := lim.maxUncompressed
	parts := append(append(headers, body), footers...)
	for _, f := range parts {
		n, err := readPart(ctx, f, budget, lim.maxRatio, out)
		budget -= n
		if errors.Is(err, errBomb) {
			return bomb
		}
		if err != nil {
			return err
		}
		if err := out.ParagraphBreak(); err != nil {
			return err
		}
	}
	return nil
}

var errBomb = errors.New("zip entry expands too far")

// countingReader stops with errBomb once more than max bytes were read,
// or once what was read exceeds ratio times the compressed size.
type countingReader struct {
	ctx        context.Context
	r          io.Reader
	n, max     int64
	compressed int64
	ratio      int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n > c.max || c.n > 1<<20 && c.n > c.ratio*max(c.compressed, 1) {
		return n, errBomb
	}
	return n, err
}

// readPart streams one WordprocessingML part into out and returns how
// many uncompressed bytes it read.
func readPart(ctx context.Context, f *zip.File, budget, ratio int64, out *textBuf) (int64, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, fail(court.EUnprocessable, "%q is not a readable DOCX: it is damaged or incomplete.")
	}
	defer rc.Close()
	cr := &countingReader{ctx: ctx, r: rc, max: budget, compressed: int64(f.CompressedSize64), ratio: ratio}
	err = wordText(xml.NewDecoder(cr), out)
	if errors.Is(err, zip.ErrFormat) {
		// Once an entry has been read, archive/zip reports ErrFormat only
		// when it expands beyond the size the directory declared: the
		// directory lied, as zip bombs' directories do.
		err = errBomb
	}
	switch {
	case err == nil, errors.Is(err, errFull), errors.Is(err, errBomb), ctx.Err() != nil:
		return cr.n, err
	}
	return cr.n, fail(court.EUnprocessable, "%q is not a readable DOCX: it is damaged or incomplete.")
}

// maxXMLDepth bounds element nesting; Word's own limit is far lower.
const maxXMLDepth = 1000

// wordText turns WordprocessingML into plain text: a paragraph (w:p) is a
// line, a table cell (w:tc) ends with a tab and a row (w:tr) with a
// newline, w:tab and w:br are a tab and a newline. Deleted text
// (w:delText) and field instructions (w:instrText) are not text the
// reader sees, so they are skipped: only w:t is read.
func wordText(d *xml.Decoder, out *textBuf) error {
	inText := false
	cells := 0 // depth of table cells we are inside
	var open []xml.Name
	for {
		// RawToken skips namespace translation, which costs a fifth of
		// the time; only local names matter here. It also skips end-tag
		// matching, which open does instead.
		tok, err := d.RawToken()
		if err == io.EOF {
			if len(open) > 0 {
				return io.ErrUnexpectedEOF
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if open = append(open, t.Name); len(open) > maxXMLDepth {
				return errors.New("xml: too deeply nested")
			}
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab":
				err = out.WriteRune('\t')
			case "br", "cr":
				if cells > 0 {
					err = out.WriteRune(' ')
				} else {
					err = out.WriteRune('\n')
				}
			case "tc":
				cells++
			}
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != t.Name {
				return errors.New("xml: mismatched end tag")
			}
			open = open[:len(open)-1]
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if cells > 0 {
					if !out.endsWith(" ") && !out.endsWith("\t") {
						err = out.WriteRune(' ')
					}
				} else {
					err = out.Newline()
				}
			case "tc":
				cells--
				out.trimSpaceEnd()
				err = out.WriteRune('\t')
			case "tr":
				err = out.Newline()
			case "tbl":
				err = out.Newline()
			}
		case xml.CharData:
			if inText {
				err = out.Write(t)
			}
		}
		if err != nil {
			return err
		}
	}
}
