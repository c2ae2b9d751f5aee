package document

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/go-pdf/fpdf"

	"github.com/aijudge/aijudge/internal/court"
)

const loremPara = "The tenant paid the security deposit of Rs. 50,000 on 1 March 2024 and the landlord acknowledged receipt in writing. "

// benchPDF is a text-heavy PDF of the given pages, compressed the way
// fpdf compresses by default.
func benchPDF(tb testing.TB, pages int) []byte {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetFont("Helvetica", "", 10)
	for p := range pages {
		pdf.AddPage()
		for i := range 12 {
			pdf.MultiCell(0, 5, fmt.Sprintf("%d.%d %s%s", p+1, i+1, loremPara, loremPara), "", "L", false)
		}
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// benchDOCX is a Word document of n paragraphs and a table.
func benchDOCX(tb testing.TB, paras int, method uint16) []byte {
	var x strings.Builder
	x.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for i := range paras {
		fmt.Fprintf(&x, `<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>%d.</w:t></w:r><w:r><w:t xml:space="preserve"> %s</w:t></w:r></w:p>`, i, loremPara)
		if i%50 == 0 {
			x.WriteString(`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Item</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Rs. 1,000</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`)
		}
	}
	x.WriteString(`</w:body></w:document>`)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: method})
	w.Write([]byte(x.String()))
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

var (
	pdfOnce  = sync.OnceValue(func() []byte { return benchPDF(nil, 300) })
	docxOnce = sync.OnceValue(func() []byte { return benchDOCX(nil, 20_000, zip.Deflate) })
)

// The benchmarks call parse directly: Read would answer from its cache
// after the first iteration.

func BenchmarkExtractPDF(b *testing.B) {
	data := pdfOnce()
	r := NewReader(Options{})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.parse(context.Background(), KindPDF, data); err != nil {
			b.Fatal(err)
		}
	}
	res, _ := r.parse(context.Background(), KindPDF, data)
	b.ReportMetric(float64(len(res.Text))*float64(b.N)/b.Elapsed().Seconds()/1e6, "text-MB/s")
}

func BenchmarkExtractDOCX(b *testing.B) {
	data := docxOnce()
	r := NewReader(Options{})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.parse(context.Background(), KindDOCX, data); err != nil {
			b.Fatal(err)
		}
	}
	res, _ := r.parse(context.Background(), KindDOCX, data)
	b.ReportMetric(float64(len(res.Text))*float64(b.N)/b.Elapsed().Seconds()/1e6, "text-MB/s")
}

// TestPeakRSS reads ten files of about 10 MB at once and reports the
// process's peak resident memory. It only runs when asked:
//
//	AIJUDGE_RSS_PROBE=1 go test -run TestPeakRSS -v ./internal/document
func TestPeakRSS(t *testing.T) {
	if os.Getenv("AIJUDGE_RSS_PROBE") == "" {
		t.Skip("set AIJUDGE_RSS_PROBE=1 to measure peak memory")
	}
	var files [][]byte
	// 10 MB of text, a DOCX whose document.xml is 10 MB stored, and
	// PDFs of 500 pages padded to 10 MB with an unused stream.
	text := bytes.Repeat([]byte(loremPara), 10<<20/len(loremPara))
	for range 4 {
		files = append(files, text)
	}
	docx := benchDOCX(t, 10<<20/330, zip.Store)
	for range 3 {
		files = append(files, docx)
	}
	pdf := benchPDF(t, 500)
	pad := append([]byte("\n% padding\n"), bytes.Repeat([]byte("%"), 10<<20-len(pdf)-200)...)
	i := bytes.Index(pdf, []byte("\nxref"))
	padded := append(append(bytes.Clone(pdf[:i]), pad...), pdf[i:]...) // offsets past i shift; fix startxref
	padded = fixStartxref(padded)
	for range 3 {
		files = append(files, padded)
	}
	// Ten separate buffers, as ten uploads would be.
	for i := range files {
		files[i] = bytes.Clone(files[i])
	}
	runtime.GC()
	before := vmHWM(t)
	r := NewReader(Options{MaxConcurrent: 10})
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() {
			d, err := r.Read(context.Background(), court.Upload{Name: "f" + strconv.Itoa(i), Data: f})
			if err != nil {
				t.Errorf("file %d (%d bytes): %v", i, len(f), err)
				return
			}
			t.Logf("file %d: %s, %.1f MB, %d chars", i, d.MediaType, float64(d.Size)/(1<<20), d.Chars)
		})
	}
	wg.Wait()
	t.Logf("peak RSS with the ten uploads in memory: %d MB; after reading them at once: %d MB", before>>10, vmHWM(t)>>10)
}

func fixStartxref(pdf []byte) []byte {
	x := bytes.LastIndex(pdf, []byte("\nxref")) + 1
	s := bytes.LastIndex(pdf, []byte("startxref"))
	return append(pdf[:s:s], []byte(fmt.Sprintf("startxref\n%d\n%%%%EOF\n", x))...)
}

// vmHWM is the peak resident set size in KiB, from /proc.
func vmHWM(t *testing.T) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	return 0
}

// BenchmarkExtractProducerPDF reads the Chromium-made Hindi notice
// (Type0 fonts, ToUnicode, ActualText).
func BenchmarkExtractProducerPDF(b *testing.B) {
	data, err := os.ReadFile("testdata/producers/notice-hi-chromium.pdf")
	if err != nil {
		b.Fatal(err)
	}
	r := NewReader(Options{})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.parse(context.Background(), KindPDF, data); err != nil {
			b.Fatal(err)
		}
	}
}

// benchOCR reads file with OCR, past the cache, and reports the largest
// peak resident memory of the OCR programs (getrusage of the waited-for
// children) beside the Go side's allocations:
//
//	go test -run '^$' -bench 'BenchmarkExtract(PDF|Image)OCR' -benchtime 5x ./internal/document
func benchOCR(b *testing.B, kind Kind, file string) {
	o := newTestOCR(b, OCROptions{})
	data := producer(b, file)
	r := NewReader(Options{OCR: o})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := r.parse(context.Background(), kind, data)
		if err == nil {
			res, err = r.recognise(context.Background(), kind, data, res)
		}
		if err != nil || res.Method != court.TextOCR {
			b.Fatal(err, res)
		}
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "child-peak-MB")
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/page")
}

// BenchmarkExtractPDFOCR renders and recognises the English scan (one
// A4 page at 200 dpi, rendered at 300 dpi for Tesseract).
func BenchmarkExtractPDFOCR(b *testing.B) { benchOCR(b, KindPDF, "notice-en-scan.pdf") }

// BenchmarkExtractImageOCR recognises the phone-style photo (1,128 ×
// 1,540 pixels, the page turned a quarter and 3°).
func BenchmarkExtractImageOCR(b *testing.B) { benchOCR(b, KindJPEG, "notice-en-photo.jpg") }
