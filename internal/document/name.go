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

// extensions are the file-name endings of the accepted kinds, the first
// of each its own.
var extensions = map[Kind][]string{KindPDF: {".pdf"}, KindDOCX: {".docx"}, KindText: {".txt", ".text"},
	KindJPEG: {".jpg", ".jpeg"}, KindPNG: {".png"}, KindWebP: {".webp"}}

// Ext returns the extension of name when it looks like one (a dot and up
// to ten letters or digits at the end), lower-cased, or "".
func Ext(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 || len(name)-i-1 > 10 || i == len(name)-1 {
		return ""
	}
	for _, c := range name[i+1:] {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			return ""
		}
	}
	return strings.ToLower(name[i:])
}

// AcceptedName reports whether name ends as the pages accept a document:
// in .pdf, .docx, .txt, .jpg, .jpeg, .png or .webp, or without an
// extension.
func AcceptedName(name string) bool {
	ext := Ext(name)
	if ext == "" {
		return true
	}
	for _, l := range extensions {
		for _, e := range l {
			if e == ext {
				return true
			}
		}
	}
	return false
}

// DownloadName is the name a document is saved under: its own when that
// ends in the extension of its sniffed kind, else with that extension
// added ("evil.html" that is text saves as "evil.html.txt"), so that the
// saved file opens as what it is.
func DownloadName(name, mediaType string) string {
	k := kindOf(mediaType)
	own, ok := extensions[k]
	if !ok {
		return name
	}
	ext := Ext(name)
	for _, e := range own {
		if e == ext {
			return name
		}
	}
	return name + own[0]
}
