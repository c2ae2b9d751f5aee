package document

import (
	"archive/zip"
	"bytes"
	"unicode/utf8"
)

// Kind is a file type the reader accepts.
type Kind int

// The accepted kinds. KindUnknown is returned for everything else.
const (
	KindUnknown Kind = iota
	KindPDF
	KindDOCX
	KindText
	KindJPEG
	KindPNG
	KindWebP
)

// Media types of the accepted kinds. Text is always stored and shown as
// UTF-8, whatever encoding it arrived in.
const (
	MediaPDF  = "application/pdf"
	MediaDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	MediaText = "text/plain; charset=utf-8"
	MediaJPEG = "image/jpeg"
	MediaPNG  = "image/png"
	MediaWebP = "image/webp"
)

// MediaType returns the media type of k, or "" for KindUnknown.
func (k Kind) MediaType() string {
	switch k {
	case KindPDF:
		return MediaPDF
	case KindDOCX:
		return MediaDOCX
	case KindText:
		return MediaText
	case KindJPEG:
		return MediaJPEG
	case KindPNG:
		return MediaPNG
	case KindWebP:
		return MediaWebP
	}
	return ""
}

func (k Kind) String() string {
	switch k {
	case KindPDF:
		return "PDF"
	case KindDOCX:
		return "DOCX"
	case KindText:
		return "text file"
	case KindJPEG:
		return "JPEG image"
	case KindPNG:
		return "PNG image"
	case KindWebP:
		return "WebP image"
	}
	return "unknown"
}

// sniffResult says why a file is not of an accepted kind, when it is not.
type sniffResult int

const (
	sniffOK       sniffResult = iota
	sniffUnknown              // no accepted kind (415)
	sniffZipNoDoc             // a valid zip that is not a Word document (415)
	sniffBadZip               // starts like a zip but is none (422)
	sniffTextNUL              // looks like text but holds NUL bytes (415)
)

// pdfHeaderWindow is how far into the file the "%PDF-" header may start;
// the PDF specification tolerates leading bytes and some producers write
// them.
const pdfHeaderWindow = 1024

// Sniff decides the kind of data from its content alone.
func Sniff(data []byte) Kind {
	k, _ := sniff(data)
	return k
}

func sniff(data []byte) (Kind, sniffResult) {
	if i := bytes.Index(data[:min(len(data), pdfHeaderWindow)], []byte("%PDF-")); i >= 0 {
		return KindPDF, sniffOK
	}
	if k := sniffImage(data); k != KindUnknown {
		return k, sniffOK
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return KindUnknown, sniffBadZip
		}
		for _, f := range zr.File {
			if f.Name == "word/document.xml" {
				return KindDOCX, sniffOK
			}
		}
		return KindUnknown, sniffZipNoDoc
	}
	if _, ok := textEncoding(data); ok {
		return KindText, sniffOK
	}
	if looksLikeTextWithNUL(data) {
		return KindUnknown, sniffTextNUL
	}
	return KindUnknown, sniffUnknown
}

// textEnc is how a text file's bytes are encoded.
type textEnc int

const (
	encUTF8 textEnc = iota
	encUTF16LE
	encUTF16BE
	encLatin1
)

// maxControlPercent is the share of C0 control characters (other than
// tab, newline, carriage return and form feed) above which bytes are not
// taken for text. Real text has next to none; binary formats without NUL
// bytes, and random bytes, have about 12 %.
const maxControlPercent = 5

// textEncoding decides whether data is text and how it is encoded. The
// rule: a UTF-16 byte-order mark means UTF-16; otherwise there must be no
// NUL byte, and valid UTF-8 is UTF-8, anything else is read as Latin-1
// (Windows-1252); either way fewer than maxControlPercent of the
// characters may be control characters.
func textEncoding(data []byte) (textEnc, bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return encUTF16LE, utf16Plausible(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return encUTF16BE, utf16Plausible(data[2:], true)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return 0, false
	}
	if utf8.Valid(data) {
		n, bad := 0, 0
		for _, r := range string(data) {
			n++
			if isBadControl(r) {
				bad++
			}
		}
		return encUTF8, bad*100 <= n*maxControlPercent
	}
	bad := 0
	for _, b := range data {
		// 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned in Windows-1252.
		if isBadControl(rune(b)) || b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D {
			bad++
		}
	}
	return encLatin1, bad*100 <= len(data)*maxControlPercent
}

// utf16Plausible applies the same control-character rule to UTF-16 code
// units, and refuses NUL characters as in any other text.
func utf16Plausible(b []byte, bigEndian bool) bool {
	if len(b)%2 != 0 {
		return false
	}
	n, bad := 0, 0
	for i := 0; i+1 < len(b); i += 2 {
		u := rune(b[i]) | rune(b[i+1])<<8
		if bigEndian {
			u = rune(b[i])<<8 | rune(b[i+1])
		}
		n++
		if u == 0 {
			return false
		}
		if isBadControl(u) {
			bad++
		}
	}
	return bad*100 <= n*maxControlPercent
}

func isBadControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' || r == 0x7F
}

// looksLikeTextWithNUL tells text with NUL bytes (which gets its own
// message) from binary: removing the NULs leaves text.
func looksLikeTextWithNUL(data []byte) bool {
	stripped := bytes.ReplaceAll(data[:min(len(data), 64<<10)], []byte{0}, nil)
	if len(stripped) == 0 || len(stripped) < len(data[:min(len(data), 64<<10)])/2 {
		return false
	}
	_, ok := textEncoding(stripped)
	return ok
}
