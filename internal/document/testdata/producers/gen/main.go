// Command gen makes the producer and scan fixtures of
// internal/document/testdata/producers from the notices' source text:
//
//	go run ./internal/document/testdata/producers/gen
//
// It needs what the tests do not: LibreOffice (Debian's
// libreoffice-writer-nogui), poppler-utils and fonts-lohit-deva and
// fonts-dejavu. For each notice it writes a DOCX, has LibreOffice convert
// it to PDF (a text PDF as LibreOffice writes them), renders that PDF's
// page at 200 dpi in grey with pdftoppm and wraps the picture, as a
// scanner would, in a PDF without text; of the English notice it also
// makes a phone-style photograph: turned a quarter and a few degrees,
// lit unevenly, as a JPEG. The outputs are committed; the tests read
// them without any of these programs.
package main

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

var epoch = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

func main() {
	_, self, _, _ := runtime.Caller(0)
	out := flag.String("out", filepath.Dir(filepath.Dir(self)), "the producers directory")
	flag.Parse()
	tmp, err := os.MkdirTemp("", "producers")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)

	for _, name := range []string{"notice-en", "notice-hi"} {
		src, err := os.ReadFile(filepath.Join(*out, name+".txt"))
		if err != nil {
			log.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(src)), "\n")
		docx := writeDOCX(lines)
		write(*out, name+".docx", docx)
		if err := os.WriteFile(filepath.Join(tmp, name+".docx"), docx, 0o644); err != nil {
			log.Fatal(err)
		}
		run("soffice", "--headless", "--norestore", "-env:UserInstallation=file://"+tmp+"/profile",
			"--convert-to", "pdf", "--outdir", tmp, filepath.Join(tmp, name+".docx"))
		pdf, err := os.ReadFile(filepath.Join(tmp, name+".pdf"))
		if err != nil {
			log.Fatal(err)
		}
		write(*out, name+"-libreoffice.pdf", pdf)

		page := render(filepath.Join(tmp, name+".pdf"), 200)
		write(*out, name+"-scan.pdf", scanPDF(page, 200))
		if name == "notice-en" {
			write(*out, name+"-photo.jpg", photo(page))
		}
	}
}

func write(dir, name string, data []byte) {
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%s: %d bytes", name, len(data))
}

func run(name string, args ...string) []byte {
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		log.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// render is the first page of a PDF as a grey image at dpi.
func render(pdf string, dpi int) *image.Gray {
	pgm := run("pdftoppm", "-f", "1", "-l", "1", "-r", fmt.Sprint(dpi), "-gray", "-singlefile", pdf)
	var magic string
	var w, h, maxv int
	r := bytes.NewReader(pgm)
	if _, err := fmt.Fscan(r, &magic, &w, &h, &maxv); err != nil || magic != "P5" {
		log.Fatal("pdftoppm output: ", err)
	}
	pix := pgm[len(pgm)-r.Len()+1:]
	img := image.NewGray(image.Rect(0, 0, w, h))
	copy(img.Pix, pix)
	return img
}

// scanPDF is a PDF whose one page is the image, as scanners write them:
// a JPEG and no text.
func scanPDF(page *image.Gray, dpi int) []byte {
	var j bytes.Buffer
	if err := jpeg.Encode(&j, page, &jpeg.Options{Quality: 50}); err != nil {
		log.Fatal(err)
	}
	wPt := float64(page.Rect.Dx()) * 72 / float64(dpi)
	hPt := float64(page.Rect.Dy()) * 72 / float64(dpi)
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: wPt, Ht: hPt}})
	pdf.SetCreationDate(epoch)
	pdf.SetModificationDate(epoch)
	pdf.SetCreator("scanner", false)
	pdf.AddPage()
	pdf.RegisterImageOptionsReader("page", fpdf.ImageOptions{ImageType: "JPG"}, &j)
	pdf.ImageOptions("page", 0, 0, wPt, hPt, false, fpdf.ImageOptions{ImageType: "JPG"}, 0, "")
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

// photo is the page as a phone would take it: turned a quarter
// anticlockwise and 3° more, on a darker table, with light falling off
// from one corner, scaled to 1000 pixels across, as a JPEG.
func photo(page *image.Gray) []byte {
	const angle = 90 + 3.0
	sw, sh := float64(page.Rect.Dx()), float64(page.Rect.Dy())
	scale := 0.6
	a := angle * math.Pi / 180
	cos, sin := math.Cos(a), math.Sin(a)
	// The rotated page's bounding box, plus a margin of table.
	bw := (math.Abs(sw*cos) + math.Abs(sh*sin)) * scale * 1.06
	bh := (math.Abs(sw*sin) + math.Abs(sh*cos)) * scale * 1.06
	w, h := int(bw), int(bh)
	img := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			// Back to the page's coordinates.
			dx, dy := (float64(x)-bw/2)/scale, (float64(y)-bh/2)/scale
			px := dx*cos + dy*sin + sw/2
			py := -dx*sin + dy*cos + sh/2
			v := 70.0 // the table
			if px >= 0 && py >= 0 && px < sw-1 && py < sh-1 {
				v = bilinear(page, px, py)
			}
			// Light from the top left, falling to 55 % at the far corner.
			light := 1 - 0.45*(float64(x)/bw+float64(y)/bh)/2
			img.Pix[y*img.Stride+x] = uint8(math.Max(0, math.Min(255, v*light)))
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 70}); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

func bilinear(img *image.Gray, x, y float64) float64 {
	x0, y0 := int(x), int(y)
	fx, fy := x-float64(x0), y-float64(y0)
	at := func(x, y int) float64 { return float64(img.GrayAt(x, y).Y) }
	top := at(x0, y0)*(1-fx) + at(x0+1, y0)*fx
	bottom := at(x0, y0+1)*(1-fx) + at(x0+1, y0+1)*fx
	return top*(1-fy) + bottom*fy
}

// writeDOCX is a Word document with a paragraph per line, in 14-point
// DejaVu Serif with Lohit Devanagari for Devanagari, as Word writes the
// fonts of a run (w:ascii for Latin, w:cs for complex scripts).
func writeDOCX(lines []string) []byte {
	var body strings.Builder
	for _, l := range lines {
		hindi := strings.ContainsFunc(l, func(r rune) bool { return r >= 0x0900 && r <= 0x097F })
		rpr := `<w:rPr><w:rFonts w:ascii="DejaVu Serif" w:hAnsi="DejaVu Serif" w:cs="Lohit Devanagari"/><w:sz w:val="28"/><w:szCs w:val="28"/>`
		if hindi {
			rpr += `<w:lang w:bidi="hi-IN"/>`
		}
		rpr += `</w:rPr>`
		fmt.Fprintf(&body, `<w:p><w:pPr><w:spacing w:after="240"/></w:pPr><w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>`, rpr, xmlEscape(l))
	}
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() +
			`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr></w:body></w:document>`},
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: epoch})
		if err != nil {
			log.Fatal(err)
		}
		w.Write([]byte(f.body))
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
