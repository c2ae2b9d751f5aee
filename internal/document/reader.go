package document

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/maypok86/otter/v2"
	"golang.org/x/sync/singleflight"

	"github.com/aijudge/aijudge/internal/court"
)

// Options are the reader's limits. A zero field takes its default.
type Options struct {
	MaxFileSize         int64         // bytes per upload; default 10 MiB
	MaxPages            int           // PDF pages; default 500
	MaxObjects          int           // PDF objects; default 200,000
	MaxPDFInflated      int64         // decompressed PDF content and CMap bytes; default 64 MiB
	MaxDocxUncompressed int64         // DOCX bytes once unzipped, all entries; default 64 MiB
	MaxDocxEntries      int           // DOCX zip entries; default 1,000
	MaxCompressionRatio int64         // per DOCX entry over 1 MiB; default 200
	MaxTextChars        int           // extracted characters kept; default 1,000,000
	ExtractTimeout      time.Duration // per file; default 10 s
	MaxConcurrent       int           // extractions at once; default GOMAXPROCS

	// OCR, when set, recognises the text of images and of PDF pages
	// without text; without it they are kept with status no_text.
	// OCRTimeout bounds the recognition of one file, all its pages;
	// default 45 s, within the server's write timeout of a minute.
	OCR        *OCR
	OCRTimeout time.Duration

	// Cache, when set, keeps extracted text under "doctext:"+sha256 for
	// every replica; without it a process-local LRU of LocalCacheBytes
	// (default 64 MiB) does.
	Cache           court.Cache
	LocalCacheBytes uint64

	// Observe, when set, is told of every Read: the document's type
	// ("pdf", "docx", "text" or "unknown"), how long it took and, for a
	// failure, its error code ("" for success). It feeds the metrics.
	Observe func(docType string, d time.Duration, failure string)
}

func (o Options) withDefaults() Options {
	set := func(v *int64, d int64) {
		if *v <= 0 {
			*v = d
		}
	}
	seti := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	set(&o.MaxFileSize, 10<<20)
	seti(&o.MaxPages, 500)
	seti(&o.MaxObjects, 200_000)
	set(&o.MaxPDFInflated, 64<<20)
	set(&o.MaxDocxUncompressed, 64<<20)
	seti(&o.MaxDocxEntries, 1000)
	set(&o.MaxCompressionRatio, 200)
	seti(&o.MaxTextChars, 1_000_000)
	seti(&o.MaxConcurrent, runtime.GOMAXPROCS(0))
	if o.ExtractTimeout <= 0 {
		o.ExtractTimeout = 10 * time.Second
	}
	if o.OCRTimeout <= 0 {
		o.OCRTimeout = 45 * time.Second
	}
	if o.LocalCacheBytes == 0 {
		o.LocalCacheBytes = 64 << 20
	}
	return o
}

// Reader reads uploads into documents. It is safe for concurrent use.
type Reader struct {
	opts  Options
	slots chan struct{}
	local *otter.Cache[string, *result]
	group singleflight.Group
}

var _ court.Reader = (*Reader)(nil)

// NewReader returns a Reader with the given limits.
func NewReader(opts Options) *Reader {
	opts = opts.withDefaults()
	r := &Reader{opts: opts, slots: make(chan struct{}, opts.MaxConcurrent)}
	if opts.Cache == nil {
		r.local = otter.Must(&otter.Options[string, *result]{
			MaximumWeight: opts.LocalCacheBytes,
			Weigher: func(_ string, v *result) uint32 {
				return uint32(min(len(v.Text)+64, 1<<31))
			},
		})
	}
	return r
}

// result is what extraction yields and the cache keeps.
type result struct {
	Pages int    `json:"pages"`
	Text  string `json:"text"`
	// Method is court.TextOCR when text was recognised (Confidence is
	// then the words' mean, 0–100), else empty.
	Method     string `json:"method,omitempty"`
	Confidence int    `json:"confidence,omitempty"`

	// scan is set by parse when OCR is to read the file: an image, or a
	// PDF with pages without text.
	scan *scan
}

// scan is what parse leaves for OCR.
type scan struct {
	pieces []string // a PDF's text, page by page, not yet normalised
	blank  []int    // the PDF's pages without text, from 1
}

// Read sniffs, checks and extracts u. Errors are *court.Error naming the
// file; see the package documentation for which code means what.
func (r *Reader) Read(ctx context.Context, u court.Upload) (*court.Document, error) {
	if r.opts.Observe == nil {
		return r.read(ctx, u)
	}
	start := time.Now()
	d, err := r.read(ctx, u)
	kind := KindUnknown
	if err == nil {
		kind = kindOf(d.MediaType)
	} else if len(u.Data) <= int(r.opts.MaxFileSize) {
		kind = Sniff(u.Data)
	}
	r.opts.Observe(label[kind], time.Since(start), string(court.ErrorCode(err)))
	return d, err
}

// label names a kind in metrics.
var label = map[Kind]string{KindUnknown: "unknown", KindPDF: "pdf", KindDOCX: "docx", KindText: "txt",
	KindJPEG: "image", KindPNG: "image", KindWebP: "image"}

func kindOf(mediaType string) Kind {
	for _, k := range []Kind{KindPDF, KindDOCX, KindText, KindJPEG, KindPNG, KindWebP} {
		if k.MediaType() == mediaType {
			return k
		}
	}
	return KindUnknown
}

func (r *Reader) read(ctx context.Context, u court.Upload) (*court.Document, error) {
	name := CleanName(u.Name)
	size := int64(len(u.Data))
	if size > r.opts.MaxFileSize {
		got, limit := megabytes(size), megabytes(r.opts.MaxFileSize)
		if got == limit || got == limit[:len(limit)-3]+".0 MB" {
			// Just over: "10.0 MB; files up to 10 MB" would read as a bug.
			got = thousands(int(size)) + " bytes"
			limit += " (" + thousands(int(r.opts.MaxFileSize)) + " bytes)"
		}
		return nil, court.Errorf(court.ETooLarge, "%q is %s; files up to %s are accepted.", name, got, limit)
	}
	if size == 0 {
		return nil, court.Errorf(court.EUnprocessable, "%q is empty.", name)
	}
	kind, why := sniff(u.Data)
	switch why {
	case sniffBadZip:
		return nil, court.Errorf(court.EUnprocessable, "%q looks like a zip archive (a DOCX is one) but is damaged and cannot be opened.", name)
	case sniffZipNoDoc:
		return nil, court.Errorf(court.EUnsupported, "%q is a zip archive but not a Word document; only PDF, DOCX and text files and JPEG, PNG or WebP images are accepted.", name)
	case sniffTextNUL:
		return nil, court.Errorf(court.EUnsupported, "%q is not a PDF, DOCX, text file or image (it holds NUL bytes, which text never does); only PDF, DOCX and text files and JPEG, PNG or WebP images are accepted.", name)
	case sniffUnknown:
		return nil, court.Errorf(court.EUnsupported, "%q is not a PDF, DOCX, text file or image; only PDF, DOCX and text files and JPEG, PNG or WebP images are accepted.", name)
	}
	sum := sha256.Sum256(u.Data)
	hexSum := hex.EncodeToString(sum[:])

	res, err := r.extract(ctx, kind, hexSum, u.Data)
	if err != nil {
		var f *failure
		if errors.As(err, &f) {
			return nil, f.named(name)
		}
		if ctx.Err() != nil {
			return nil, court.Wrapf(court.EUnavailable, err, "Reading %q was cancelled.", name)
		}
		var ce *court.Error
		if errors.As(err, &ce) {
			return nil, ce // busy: already a sentence for the party
		}
		return nil, court.Wrapf(court.EInternal, err, "%q could not be read.", name)
	}
	doc := &court.Document{
		ID:         court.NewID(),
		Name:       name,
		MediaType:  kind.MediaType(),
		Size:       size,
		SHA256:     hexSum,
		Pages:      res.Pages,
		Chars:      utf8.RuneCountInString(res.Text),
		Status:     court.DocExtracted,
		TextMethod: court.TextLayer,
		Text:       res.Text,
		CreatedAt:  time.Now().UTC(),
	}
	if res.Method == court.TextOCR {
		doc.TextMethod, doc.OCRConfidence = court.TextOCR, res.Confidence
	}
	if strings.TrimSpace(res.Text) == "" {
		doc.Status = court.DocNoText
		if doc.TextMethod != court.TextOCR {
			doc.TextMethod = court.TextNone
		}
	}
	return doc, nil
}

// extract returns the cached result for the file, or parses it once
// however many requests file the same bytes at the same moment.
func (r *Reader) extract(ctx context.Context, kind Kind, sum string, data []byte) (*result, error) {
	// The version after the prefix changes whenever the same bytes would
	// be read differently (2: normalised text; 3: images and OCR); the
	// OCR languages too, since a scan is read only with OCR.
	ocr := "ocr=off"
	if r.opts.OCR != nil {
		ocr = "ocr=" + r.opts.OCR.Langs()
	}
	key := "doctext:3:" + ocr + ":" + sum
	if res, ok := r.cached(ctx, key); ok {
		return res, nil
	}
	v, err, _ := r.group.Do(key, func() (any, error) {
		res, err := r.run(ctx, kind, data)
		if err == nil && res.scan != nil {
			res, err = r.recognise(ctx, kind, data, res)
		}
		if err == nil {
			r.store(ctx, key, res)
		}
		return res, err
	})
	if err != nil {
		return nil, err
	}
	return v.(*result), nil
}

func (r *Reader) cached(ctx context.Context, key string) (*result, bool) {
	if r.local != nil {
		return r.local.GetIfPresent(key)
	}
	b, ok := r.opts.Cache.Get(ctx, key)
	if !ok {
		return nil, false
	}
	var res result
	if json.Unmarshal(b, &res) != nil {
		return nil, false
	}
	return &res, true
}

func (r *Reader) store(ctx context.Context, key string, res *result) {
	if r.local != nil {
		r.local.Set(key, res)
		return
	}
	if b, err := json.Marshal(res); err == nil {
		r.opts.Cache.Set(ctx, key, b)
	}
}

type outcome struct {
	res *result
	err error
}

// run parses data in a goroutine of its own under ExtractTimeout. The
// goroutine holds one of MaxConcurrent slots until it really returns, not
// until Read gives up on it: a parser stuck on a hostile file keeps its
// slot, so such files cannot pile up more work than the slots allow.
func (r *Reader) run(ctx context.Context, kind Kind, data []byte) (*result, error) {
	wait := time.NewTimer(r.opts.ExtractTimeout)
	defer wait.Stop()
	select {
	case r.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-wait.C:
		return nil, busy()
	}
	xctx, cancel := context.WithTimeout(ctx, r.opts.ExtractTimeout)
	done := make(chan outcome, 1)
	go func() {
		defer func() { <-r.slots }()
		defer cancel()
		defer func() {
			if p := recover(); p != nil {
				done <- outcome{err: damaged(kind.String())}
			}
		}()
		res, err := r.parse(xctx, kind, data)
		done <- outcome{res, err}
	}()
	var o outcome
	select {
	case o = <-done:
	case <-xctx.Done():
		// The parser cancels xctx itself when it returns, after it has
		// sent its outcome: prefer that outcome to the cancellation.
		select {
		case o = <-done:
		default:
			o.err = xctx.Err()
		}
	}
	if o.err != nil && ctx.Err() == nil && errors.Is(o.err, context.DeadlineExceeded) {
		return nil, fail(court.EUnprocessable, "%q took too long to read (more than %s); it may be damaged.", r.opts.ExtractTimeout)
	}
	return o.res, o.err
}

// parse extracts the text of data, which sniff found to be of kind.
func (r *Reader) parse(ctx context.Context, kind Kind, data []byte) (*result, error) {
	out := newTextBuf(r.opts.MaxTextChars)
	var pages int
	var spans []pageSpan
	var err error
	switch kind {
	case KindPDF:
		pages, err = extractPDF(ctx, data, pdfLimits{
			maxPages:    r.opts.MaxPages,
			maxObjects:  r.opts.MaxObjects,
			maxInflated: r.opts.MaxPDFInflated,
			spans:       &spans,
		}, out)
	case KindDOCX:
		err = extractDOCX(ctx, data, docxLimits{
			maxEntries:      r.opts.MaxDocxEntries,
			maxUncompressed: r.opts.MaxDocxUncompressed,
			maxRatio:        r.opts.MaxCompressionRatio,
		}, out)
	case KindText:
		err = extractText(ctx, data, out)
	case KindJPEG, KindPNG, KindWebP:
		if err := checkImage(kind, data); err != nil {
			return nil, err
		}
		res := &result{Pages: 1}
		if r.opts.OCR != nil {
			res.scan = &scan{}
		}
		return res, nil
	default:
		err = fail(court.EUnsupported, "%q is not a PDF, DOCX, text file or image; only PDF, DOCX and text files and JPEG, PNG or WebP images are accepted.")
	}
	full := errors.Is(err, errFull)
	if full {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	res := &result{Pages: pages, Text: r.finish(out.String(), full)}
	if kind == KindPDF && !full && r.opts.OCR != nil && r.opts.OCR.CanRender() {
		res.scan = blankPages(out, spans)
	}
	return res, nil
}

// finish normalises extracted text and marks where it was cut.
func (r *Reader) finish(text string, full bool) string {
	text = Normalize(text)
	if full {
		text += fmt.Sprintf("\n\n[… the rest of the document is not included: only its first %s characters are read …]", thousands(r.opts.MaxTextChars))
	}
	return text
}

// megabytes formats a size for a message: "15.2 MB", "10 MB".
func megabytes(n int64) string {
	mb := float64(n) / (1 << 20)
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%.1f MB", mb)
}

// thousands formats n with comma separators: 12345 → "12,345".
func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
