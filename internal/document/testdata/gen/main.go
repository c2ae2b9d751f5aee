// Command gen writes the document fixtures in internal/document/testdata
// and the seed corpora of its fuzz targets. The fixtures are committed;
// run it again only to change them:
//
//	go run ./internal/document/testdata/gen
//
// Output is deterministic (fixed dates, sorted catalog), so regenerating
// without changes leaves git clean. Large hostile files (a zip bomb, a
// 15 MB upload) are not written here: the tests build them at run time.
package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/go-pdf/fpdf"
)

var epoch = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

func main() {
	_, self, _, _ := runtime.Caller(0)
	out := flag.String("out", filepath.Dir(filepath.Dir(self)), "testdata directory")
	flag.Parse()
	w := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(*out, name), data, 0o644); err != nil {
			log.Fatal(err)
		}
	}

	contract := leasePDF()
	w("lease.pdf", contract)
	w("scanned.pdf", drawingPDF())
	docx := leaseDOCX()
	w("lease.docx", docx)
	w("notes-utf8.txt", append([]byte("\xEF\xBB\xBF"), []byte(strings.ReplaceAll(notes, "\n", "\r\n"))...))
	w("notes-utf16le.txt", utf16LE(notes))
	w("notes-latin1.txt", latin1(notes))

	// Hostile files.
	w("truncated.pdf", contract[:len(contract)*6/10])
	w("broken-xref.pdf", breakXref(contract))
	w("elf.pdf", elf())
	w("not-a-zip.docx", docx[:len(docx)/2]) // "PK" but no central directory
	w("photos.docx", zipOf(map[string]string{"photo1.txt": "not a word document", "photo2.txt": "nor this"}))
	w("nul.txt", []byte("Tenant: R. Sharma\x00\x00\x00\nRent due\x00 on the 5th\n"))

	// Seed corpora: the fixtures, small enough to keep fuzzing fast.
	seed := func(target, name string, data []byte) {
		dir := filepath.Join(*out, "fuzz", target)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			log.Fatal(err)
		}
		w(filepath.Join("fuzz", target, name), []byte("go test fuzz v1\n[]byte("+strconv.Quote(string(data))+")\n"))
	}
	for _, name := range []string{"lease.pdf", "lease.docx", "notes-utf8.txt", "notes-utf16le.txt", "notes-latin1.txt", "elf.pdf", "nul.txt", "photos.docx"} {
		b, err := os.ReadFile(filepath.Join(*out, name))
		if err != nil {
			log.Fatal(err)
		}
		seed("FuzzSniff", name, b)
	}
	seed("FuzzPDF", "lease.pdf", contract)
	seed("FuzzPDF", "scanned.pdf", drawingPDF())
	seed("FuzzPDF", "truncated.pdf", contract[:len(contract)*6/10])
	seed("FuzzPDF", "broken-xref.pdf", breakXref(contract))
	seed("FuzzPDF", "minimal.pdf", []byte(minimalPDF))
	seed("FuzzDOCX", "lease.docx", docx)
	seed("FuzzDOCX", "photos.docx", zipOf(map[string]string{"a.txt": "x"}))
	seed("FuzzText", "utf8.txt", []byte("Rent ₹15,000 due on the 5th.\r\nLate fee 2%.\n"))
	seed("FuzzText", "utf16le.txt", utf16LE("Notice\nto vacate\n"))
	seed("FuzzText", "latin1.txt", latin1("Café Süd, Straße 5\n"))
	seed("FuzzText", "controls.txt", []byte("a\x01b\x02c\x1bd\n"))
	fmt.Println("fixtures written to", *out)
}

const notes = `Case notes — R. Sharma v. Kapoor Estates
The tenant paid the security deposit of ₹50,000 on 1 March 2024.
Café Süd on the ground floor complained about the leak in June.
The landlord kept the deposit after the tenant left on 31 January 2025.
`

var leasePages = [][]string{
	{
		"RESIDENTIAL LEASE AGREEMENT",
		"This agreement is made at Mumbai on 1 March 2024 between Kapoor Estates Pvt. Ltd. (the Landlord) and Mr. Rohan Sharma (the Tenant).",
		"1. Premises. The Landlord lets Flat 4B, Sea View Apartments, Bandra West, to the Tenant for residential use only.",
		"2. Term. The lease runs for eleven months from 1 March 2024 and may be renewed by written agreement.",
	},
	{
		"3. Rent. The monthly rent is Rs. 45,000, payable on or before the fifth day of each month.",
		"4. Security deposit. The Tenant pays a security deposit of Rs. 50,000, refundable within thirty days of handing back the premises, less the cost of repairing damage beyond normal wear and tear.",
		"5. Maintenance. The Landlord keeps the structure, plumbing and wiring in repair; the Tenant keeps the interior clean.",
	},
	{
		"6. Notice. Either party may end the lease with one month's written notice.",
		"7. Disputes. Disputes are settled by the courts at Mumbai.",
		"Signed at Mumbai by both parties. Witness: Café Süd proprietor A. Müller.",
	},
}

func leasePDF() []byte {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCreationDate(epoch)
	pdf.SetModificationDate(epoch)
	pdf.SetCatalogSort(true)
	pdf.SetTitle("Lease", false)
	tr := pdf.UnicodeTranslatorFromDescriptor("") // cp1252 for the core fonts
	for i, paras := range leasePages {
		pdf.AddPage()
		pdf.SetFont("Helvetica", "", 12)
		for _, p := range paras {
			pdf.MultiCell(0, 6, tr(p), "", "L", false)
			pdf.Ln(3)
		}
		pdf.SetFont("Helvetica", "I", 9)
		pdf.CellFormat(0, 10, fmt.Sprintf("Page %d of %d", i+1, len(leasePages)), "", 0, "C", false, 0, "")
	}
	return output(pdf)
}

// drawingPDF is a valid PDF whose page holds no text, like a scan.
func drawingPDF() []byte {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCreationDate(epoch)
	pdf.SetModificationDate(epoch)
	pdf.SetCatalogSort(true)
	pdf.AddPage()
	pdf.SetFillColor(120, 120, 120)
	pdf.Rect(20, 20, 170, 250, "F")
	return output(pdf)
}

func output(pdf *fpdf.Fpdf) []byte {
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

// breakXref garbles the cross-reference table's offsets and points
// startxref into the middle of an object.
func breakXref(pdf []byte) []byte {
	b := bytes.Clone(pdf)
	i := bytes.LastIndex(b, []byte("\nxref"))
	j := bytes.Index(b[i:], []byte("trailer"))
	for k := i + 6; k < i+j; k++ {
		if b[k] >= '0' && b[k] <= '9' {
			b[k] = '9' - (b[k] - '0')
		}
	}
	s := bytes.LastIndex(b, []byte("startxref"))
	return append(b[:s], []byte("startxref\n123\n%%EOF\n")...)
}

// elf is the start of a 64-bit x86-64 Linux executable: the ELF header and
// a program header, padded the way linkers pad them.
func elf() []byte {
	var b bytes.Buffer
	b.Write([]byte{0x7F, 'E', 'L', 'F', 2, 1, 1, 0})
	b.Write(make([]byte, 8))
	le := binary.LittleEndian
	h := make([]byte, 48)
	le.PutUint16(h[0:], 2)    // ET_EXEC
	le.PutUint16(h[2:], 0x3E) // x86-64
	le.PutUint32(h[4:], 1)
	le.PutUint64(h[8:], 0x401000) // entry
	le.PutUint64(h[16:], 64)      // program headers
	le.PutUint16(h[36:], 64)      // header size
	le.PutUint16(h[38:], 56)
	le.PutUint16(h[40:], 1)
	b.Write(h)
	b.Write(make([]byte, 4096-b.Len()))
	return b.Bytes()
}

func utf16LE(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(strings.ReplaceAll(s, "\n", "\r\n"))) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func latin1(s string) []byte {
	var b []byte
	for _, r := range s {
		switch {
		case r < 0x100:
			b = append(b, byte(r))
		case r == '—':
			b = append(b, 0x97) // Windows-1252 em dash
		case r == '₹':
			b = append(b, "Rs."...)
		default:
			b = append(b, '?')
		}
	}
	return b
}

func zipOf(files map[string]string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	// Sorted for deterministic output.
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			if names[j] < names[i] {
				names[i], names[j] = names[j], names[i]
			}
		}
	}
	for _, n := range names {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: epoch})
		if err != nil {
			log.Fatal(err)
		}
		f.Write([]byte(files[n]))
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func para(runs ...string) string { return "<w:p>" + strings.Join(runs, "") + "</w:p>" }
func run(text string) string {
	return `<w:r><w:t xml:space="preserve">` + xmlEscape(text) + `</w:t></w:r>`
}
func cell(text string) string { return "<w:tc><w:tcPr/>" + para(run(text)) + "</w:tc>" }
func row(cells ...string) string {
	var s string
	for _, c := range cells {
		s += cell(c)
	}
	return "<w:tr>" + s + "</w:tr>"
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func leaseDOCX() []byte {
	body := para(run("DEED OF SURRENDER")) +
		para(run("The Tenant, Mr. Rohan Sharma, hands back Flat 4B on 31 January 2025.")) +
		para(run("Deposit held:"), `<w:r><w:tab/></w:r>`, run("Rs. 50,000")) +
		para(run("Deductions claimed by the Landlord"), `<w:r><w:br/></w:r>`, run("(see the table below)")) +
		"<w:tbl>" + row("Item", "Amount") + row("Repainting", "Rs. 12,000") + row("Broken window", "Rs. 8,500") + "</w:tbl>" +
		para(run("Deleted clause: "), `<w:del><w:r><w:delText>NOT VISIBLE</w:delText></w:r></w:del>`, run("none.")) +
		para(run("Café Süd — witness: A. Müller"))
	document := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document ` + wNS + `><w:body>` + body + `<w:sectPr/></w:body></w:document>`
	header := `<?xml version="1.0" encoding="UTF-8"?><w:hdr ` + wNS + `>` + para(run("Kapoor Estates Pvt. Ltd. — Confidential")) + `</w:hdr>`
	footer := `<?xml version="1.0" encoding="UTF-8"?><w:ftr ` + wNS + `>` + para(run("Page 1 of 1 — Sharma v. Kapoor")) + `</w:ftr>`
	return zipOf(map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
			`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
			`</Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`,
		"word/document.xml": document,
		"word/header1.xml":  header,
		"word/footer1.xml":  footer,
	})
}

// minimalPDF is a hand-written one-page PDF with an uncompressed content
// stream, a seed the fuzzer can mutate structurally.
const minimalPDF = "%PDF-1.4\n" +
	"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
	"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
	"3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj\n" +
	"4 0 obj << /Length 44 >> stream\nBT /F1 12 Tf 72 712 Td (Hello court) Tj ET\nendstream endobj\n" +
	"5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n" +
	"xref\n0 6\n" +
	"0000000000 65535 f \n" +
	"0000000009 00000 n \n" +
	"0000000058 00000 n \n" +
	"0000000115 00000 n \n" +
	"0000000216 00000 n \n" +
	"0000000309 00000 n \n" +
	"trailer << /Size 6 /Root 1 0 R >>\nstartxref\n380\n%%EOF\n"
