package document_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/document"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadFixtures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file      string
		mediaType string
		pages     int
		status    string
		contains  []string
		excludes  []string
	}{
		{
			file: "lease.pdf", mediaType: document.MediaPDF, pages: 3, status: court.DocExtracted,
			contains: []string{
				"RESIDENTIAL LEASE AGREEMENT",
				"security deposit of Rs. 50,000",
				"Page 2 of 3",
				"Signed at Mumbai",
				"Café Süd proprietor A. Müller",
			},
		},
		{file: "scanned.pdf", mediaType: document.MediaPDF, pages: 1, status: court.DocNoText},
		{
			file: "lease.docx", mediaType: document.MediaDOCX, status: court.DocExtracted,
			contains: []string{
				"Kapoor Estates Pvt. Ltd. — Confidential\n", // header, first
				"DEED OF SURRENDER\n",
				"Deposit held:\tRs. 50,000\n",                                      // w:tab
				"Landlord\n(see the table below)",                                  // w:br
				"Item\tAmount\nRepainting\tRs. 12,000\nBroken window\tRs. 8,500\n", // table
				"Café Süd — witness: A. Müller",
				"Page 1 of 1 — Sharma v. Kapoor", // footer
			},
			excludes: []string{"NOT VISIBLE"},
		},
		{
			file: "notes-utf8.txt", mediaType: document.MediaText, status: court.DocExtracted,
			contains: []string{"Case notes — R. Sharma", "₹50,000", "Café Süd", "June.\nThe landlord"},
			excludes: []string{"\r", "\uFEFF"},
		},
		{
			file: "notes-utf16le.txt", mediaType: document.MediaText, status: court.DocExtracted,
			contains: []string{"Case notes — R. Sharma", "₹50,000", "Café Süd"},
			excludes: []string{"\r", "\uFEFF"},
		},
		{
			file: "notes-latin1.txt", mediaType: document.MediaText, status: court.DocExtracted,
			contains: []string{"Case notes — R. Sharma", "Rs.50,000", "Café Süd"},
		},
	}
	r := document.NewReader(document.Options{})
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			data := fixture(t, tt.file)
			// A misleading name: the type comes from the content alone.
			d, err := r.Read(context.Background(), court.Upload{Name: "C:\\Users\\x\\upload.bin", Data: data})
			if err != nil {
				t.Fatal(err)
			}
			if d.MediaType != tt.mediaType || d.Pages != tt.pages || d.Status != tt.status {
				t.Errorf("type, pages, status = %q, %d, %q; want %q, %d, %q", d.MediaType, d.Pages, d.Status, tt.mediaType, tt.pages, tt.status)
			}
			if d.Name != "upload.bin" || d.Size != int64(len(data)) || len(d.SHA256) != 64 || d.ID == "" {
				t.Errorf("name, size, sha256, id = %q, %d, %q, %q", d.Name, d.Size, d.SHA256, d.ID)
			}
			if d.Chars != len([]rune(d.Text)) {
				t.Errorf("Chars = %d, text has %d", d.Chars, len([]rune(d.Text)))
			}
			for _, s := range tt.contains {
				if !strings.Contains(d.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, d.Text)
				}
			}
			for _, s := range tt.excludes {
				if strings.Contains(d.Text, s) {
					t.Errorf("text holds %q:\n%s", s, d.Text)
				}
			}
		})
	}
}

// entry is a zip entry, already compressed, so a test can make the
// directory lie about sizes the way a hostile file does.
type entry struct {
	name     string
	deflated []byte
	crc      uint32
	size     uint64 // uncompressed
	lie      bool   // declare 1 KB however large it is
}

func deflated(name string, data []byte) entry {
	var c bytes.Buffer
	fw, _ := flate.NewWriter(&c, flate.BestSpeed)
	fw.Write(data)
	fw.Close()
	return entry{name: name, deflated: c.Bytes(), crc: crc32.ChecksumIEEE(data), size: uint64(len(data))}
}

func zipWith(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		h := &zip.FileHeader{
			Name: e.name, Method: zip.Deflate, CRC32: e.crc,
			CompressedSize64: uint64(len(e.deflated)), UncompressedSize64: e.size,
		}
		if e.lie {
			h.UncompressedSize64 = 1024
		}
		w, err := zw.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.deflated)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bomb is a document.xml of 200 MB, zeros inside w:t, compressed once
// for all tests (to about 1 MB).
var bomb = sync.OnceValue(func() entry {
	x := []byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`)
	x = append(x, make([]byte, 200<<20)...)
	x = append(x, `</w:t></w:r></w:p></w:body></w:document>`...)
	return deflated("word/document.xml", x)
})

func hostilePDF(body string) []byte {
	// Offsets in the xref do not need to be right for the cases below:
	// the pre-scan refuses them first, or the parser fails.
	return []byte("%PDF-1.4\n" + body + "\nstartxref\n9\n%%EOF\n")
}

// cyclePDF has a page tree whose /Kids point back at the tree itself.
func cyclePDF() []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 1 >>",
	}
	return buildPDF(objs)
}

// buildPDF writes objects 1…n with a correct cross-reference table.
func buildPDF(objs []string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

// flateBombPDF has one page whose content stream inflates to 100 MB.
func flateBombPDF() []byte {
	var c bytes.Buffer
	fw, _ := flate.NewWriter(&c, flate.BestSpeed)
	zeros := make([]byte, 1<<20)
	for range 100 {
		fw.Write(zeros)
	}
	fw.Close()
	// zlib wrapper around the raw deflate data, as FlateDecode expects.
	z := append([]byte{0x78, 0xDA}, c.Bytes()...)
	z = append(z, 0, 0, 0, 0) // wrong Adler-32; never reached
	return buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(z), z),
	})
}

func manyEntries(n int) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte("<w:document/>"))
	for i := range n {
		zw.Create(fmt.Sprintf("word/media/%d.bin", i))
	}
	zw.Close()
	return b.Bytes()
}

func TestHostileFiles(t *testing.T) {
	t.Parallel()
	random := make([]byte, 64<<10)
	rand.Read(random)
	big := bytes.Repeat([]byte("The rent was paid. "), 15<<20/19+1)

	tests := []struct {
		name string
		data func(t testing.TB) []byte
		opts document.Options
		code court.Code
		msg  string // part of the message besides the file's name
	}{
		{name: "truncated.pdf", code: court.EUnprocessable, msg: "damaged or incomplete"},
		{name: "broken-xref.pdf", code: court.EUnprocessable, msg: "damaged or incomplete"},
		{name: "elf.pdf", code: court.EUnsupported, msg: "is not a PDF, DOCX, text file or image; only PDF, DOCX and text files and JPEG, PNG or WebP images are accepted."},
		{name: "not-a-zip.docx", code: court.EUnprocessable, msg: "zip"},
		{name: "photos.docx", code: court.EUnsupported, msg: "not a Word document"},
		{name: "nul.txt", code: court.EUnsupported, msg: "NUL"},
		{name: "random.pdf", data: func(testing.TB) []byte { return random }, code: court.EUnsupported},
		{name: "image.png", data: func(testing.TB) []byte { return append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), random[:512]...) }, code: court.EUnprocessable, msg: "not a readable PNG image"},
		// A PNG whose header claims 100,000 × 100,000 pixels (40 GB as
		// RGBA) in a few bytes: refused from the header, never decoded.
		{name: "bomb.png", data: func(t testing.TB) []byte { return pngClaiming(t, 100_000, 100_000) }, code: court.ETooLarge, msg: "megapixels"},
		{name: "wide.png", data: func(t testing.TB) []byte { return pngClaiming(t, 30_000, 10) }, code: court.ETooLarge, msg: "megapixels"},
		{name: "truncated.jpg", data: func(t testing.TB) []byte { j := smallJPEG(t); return j[:len(j)*2/3] }, code: court.EUnprocessable, msg: "not a readable JPEG image"},
		{name: "truncated.png", data: func(t testing.TB) []byte { p := pngClaiming(t, 64, 64); return p[:len(p)-20] }, code: court.EUnprocessable, msg: "not a readable PNG image"},
		{name: "header.webp", data: func(testing.TB) []byte { return append([]byte("RIFF\x00\x10\x00\x00WEBPVP8 "), random[:64]...) }, code: court.EUnprocessable, msg: "not a readable WebP image"},
		{name: "empty.txt", data: func(testing.TB) []byte { return nil }, code: court.EUnprocessable, msg: "empty"},
		{name: "15mb.txt", data: func(testing.TB) []byte { return big }, code: court.ETooLarge, msg: "15.0 MB; files up to 10 MB"},
		{name: "bomb.docx", code: court.EUnprocessable, msg: "zip bomb", data: func(t testing.TB) []byte {
			return zipWith(t, bomb())
		}},
		{name: "lying-bomb.docx", code: court.EUnprocessable, msg: "zip bomb", data: func(t testing.TB) []byte {
			e := bomb()
			e.lie = true
			return zipWith(t, e)
		}},
		{name: "entries.docx", code: court.ETooLarge, msg: "parts", data: func(testing.TB) []byte { return manyEntries(1500) }},
		{name: "bad-xml.docx", code: court.EUnprocessable, data: func(t testing.TB) []byte {
			return zipWith(t, deflated("word/document.xml", []byte("<w:document><w:p></w:document>")))
		}},
		{name: "pages.pdf", code: court.ETooLarge, msg: "3 pages; at most 2", opts: document.Options{MaxPages: 2},
			data: func(t testing.TB) []byte { return fixture(t, "lease.pdf") }},
		{name: "size.pdf", code: court.ETooLarge, msg: "objects", data: func(testing.TB) []byte {
			return hostilePDF("xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 999999999999 >>")
		}},
		{name: "xref-start.pdf", code: court.ETooLarge, msg: "objects", data: func(testing.TB) []byte {
			return hostilePDF("xref\n4000000000 1\n0000000009 00000 n \ntrailer\n<< /Size 5 >>")
		}},
		{name: "xref-stream.pdf", code: court.ETooLarge, msg: "objects", data: func(testing.TB) []byte {
			return hostilePDF("1 0 obj << /Type /XRef /Size 3 /Index [900000000 3] /W [1 2 1] /Length 0 >> stream\nendstream endobj")
		}},
		{name: "wide.pdf", code: court.EUnprocessable, data: func(testing.TB) []byte {
			return hostilePDF("1 0 obj << /Type /XRef /Size 3 /W [1 4000000000 1] /Length 0 >> stream\nendstream endobj")
		}},
		{name: "cycle.pdf", code: court.EUnprocessable, data: func(testing.TB) []byte { return cyclePDF() }},
		// A lower inflation limit than the default 64 MiB keeps the case
		// within 2 s under -race on a busy 2-core machine.
		{name: "flate-bomb.pdf", code: court.EUnprocessable, msg: "expands", opts: document.Options{MaxPDFInflated: 16 << 20},
			data: func(testing.TB) []byte { return flateBombPDF() }},
		{name: "slow.txt", code: court.EUnprocessable, msg: "took too long", opts: document.Options{ExtractTimeout: time.Millisecond, MaxTextChars: 1 << 30},
			data: func(testing.TB) []byte { return big[:10<<20] }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var data []byte
			if tt.data != nil {
				data = tt.data(t)
			} else {
				data = fixture(t, tt.name)
			}
			r := document.NewReader(tt.opts)
			start := time.Now()
			d, err := r.Read(context.Background(), court.Upload{Name: "../../" + tt.name, Data: data})
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("took %v; hostile files must be refused within 2 s", took)
			}
			if err == nil {
				t.Fatalf("accepted as %s with %d chars", d.MediaType, d.Chars)
			}
			if got := court.ErrorCode(err); got != tt.code {
				t.Errorf("code = %s, want %s (%v)", got, tt.code, err)
			}
			msg := court.ErrorMessage(err)
			if !strings.HasPrefix(msg, fmt.Sprintf("%q ", tt.name)) || !strings.Contains(msg, tt.msg) || !strings.HasSuffix(msg, ".") {
				t.Errorf("message %q should start with the quoted name, contain %q and end with a full stop", msg, tt.msg)
			}
		})
	}
}

func TestMaxTextChars(t *testing.T) {
	t.Parallel()
	r := document.NewReader(document.Options{MaxTextChars: 100})
	d, err := r.Read(context.Background(), court.Upload{Name: "lease.docx", Data: fixture(t, "lease.docx")})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(d.Text, "Kapoor Estates") || !strings.Contains(d.Text, "only its first 100 characters are read") {
		t.Errorf("text = %q", d.Text)
	}
}

// mapCache is a court.Cache in a map, to see what the reader stores.
type mapCache struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (c *mapCache) Get(_ context.Context, k string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *mapCache) Set(_ context.Context, k string, v []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = v
}

func (c *mapCache) Delete(_ context.Context, keys ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range keys {
		delete(c.m, k)
	}
}

func TestCacheAvoidsSecondParse(t *testing.T) {
	t.Parallel()
	cache := &mapCache{m: map[string][]byte{}}
	r := document.NewReader(document.Options{Cache: cache})
	data := fixture(t, "lease.pdf")
	d, err := r.Read(context.Background(), court.Upload{Name: "a.pdf", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	key := "doctext:3:ocr=off:" + d.SHA256
	if _, ok := cache.Get(context.Background(), key); !ok {
		t.Fatalf("nothing cached under %s", key)
	}
	// Had the file been parsed again, the real text would come back.
	cache.Set(context.Background(), key, []byte(`{"pages":3,"text":"from the cache"}`))
	d2, err := r.Read(context.Background(), court.Upload{Name: "b.pdf", Data: data})
	if err != nil {
		t.Fatal(err)
	}
	if d2.Text != "from the cache" || d2.Name != "b.pdf" || d2.ID == d.ID {
		t.Errorf("second read: text %q, name %q, id %q (first id %q)", d2.Text, d2.Name, d2.ID, d.ID)
	}
}

func TestCleanName(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", 150) // 300 bytes
	tests := []struct{ in, want string }{
		{"lease.pdf", "lease.pdf"},
		{"/etc/passwd", "passwd"},
		{`C:\Users\ravi\Desktop\notice.docx`, "notice.docx"},
		{"../../secret.txt", "secret.txt"},
		{"inv\u202Efdp.exe", "invfdp.exe"},
		{"a\x00b\nc\td.txt", "ab c d.txt"},
		{"  spaced  .pdf ", "spaced  .pdf"},
		{"", "document"},
		{"///", "document"},
		{"..", "document"},
		{"\xff\xfe", "document"},
		{long, strings.Repeat("é", 100)},
	}
	for _, tt := range tests {
		if got := document.CleanName(tt.in); got != tt.want {
			t.Errorf("CleanName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSniff(t *testing.T) {
	t.Parallel()
	tests := []struct {
		data string
		want document.Kind
	}{
		{"%PDF-1.7\n", document.KindPDF},
		{"\xef\xbb\xbfhello", document.KindText},
		{"\xff\xfeh\x00i\x00", document.KindText},
		{"\xfe\xff\x00h\x00i", document.KindText},
		{"na\xefve caf\xe9\n", document.KindText}, // Latin-1
		{"\x7fELF\x02\x01\x01\x00", document.KindUnknown},
		{"MZ\x90\x00\x03\x00", document.KindUnknown},
		{"\x01\x02\x03\x04\x05\x06hello", document.KindUnknown},
		{"PK\x03\x04garbage", document.KindUnknown},
	}
	for _, tt := range tests {
		if got := document.Sniff([]byte(tt.data)); got != tt.want {
			t.Errorf("Sniff(%q) = %v, want %v", tt.data, got, tt.want)
		}
	}
}

// TestConcurrentReads files the same and different files at once: the
// semaphore and the single-flight group must neither deadlock nor mix
// results up.
func TestConcurrentReads(t *testing.T) {
	t.Parallel()
	r := document.NewReader(document.Options{MaxConcurrent: 2})
	files := []string{"lease.pdf", "lease.docx", "notes-utf8.txt", "truncated.pdf"}
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() {
			name := files[i%len(files)]
			d, err := r.Read(context.Background(), court.Upload{Name: name, Data: fixture(t, name)})
			switch {
			case name == "truncated.pdf":
				if court.ErrorCode(err) != court.EUnprocessable {
					t.Errorf("%s: %v", name, err)
				}
			case err != nil:
				t.Errorf("%s: %v", name, err)
			case d.Name != name || d.Chars == 0:
				t.Errorf("%s: got %q with %d chars", name, d.Name, d.Chars)
			}
		})
	}
	wg.Wait()
}

// pngClaiming is a small real PNG whose header is rewritten to claim
// w × h pixels, its checksum fixed so that the header reads as valid.
func pngClaiming(t testing.TB, w, h uint32) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 64, 64))); err != nil {
		t.Fatal(err)
	}
	p := b.Bytes()
	binary.BigEndian.PutUint32(p[16:], w)
	binary.BigEndian.PutUint32(p[20:], h)
	binary.BigEndian.PutUint32(p[29:], crc32.ChecksumIEEE(p[12:29]))
	return p
}

func smallJPEG(t testing.TB) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 200, 100))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
