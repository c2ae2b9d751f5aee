package document

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os/exec"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// OCROptions configure text recognition. A zero field takes its default.
type OCROptions struct {
	// Langs are Tesseract's language codes joined by "+" ("eng+hin").
	Langs string
	// Tesseract and Pdftoppm are the programs' paths; by default they are
	// looked up on PATH. Without pdftoppm, images are read but scanned
	// PDF pages are not.
	Tesseract, Pdftoppm string
	// PageTimeout bounds one program run (rendering or recognising one
	// page); default 30 s.
	PageTimeout time.Duration
	// MemoryLimit is the address space each run may use, in bytes;
	// default 1 GiB. Tesseract with eng+hin needs about 300 MB for an A4
	// page at 300 dpi.
	MemoryLimit uint64
	// MaxConcurrent runs at once in the process; default half the CPUs,
	// at least one: each run keeps a CPU busy for seconds.
	MaxConcurrent int
	// MaxPages is how many pages without text of one PDF are recognised;
	// default 10.
	MaxPages int
}

// OCR recognises the text of images with Tesseract, and renders scanned
// PDF pages for it with poppler's pdftoppm. Both run as subprocesses,
// never through a shell, each with a timeout, a memory limit and a slot
// of a process-wide semaphore. It is safe for concurrent use.
type OCR struct {
	opts  OCROptions
	slots chan struct{}
}

// ErrNoTesseract is returned by NewOCR when the tesseract program is not
// installed.
var ErrNoTesseract = errors.New("tesseract is not installed")

// ErrNoLangData is returned by NewOCR when Tesseract lacks the data of a
// language asked for.
var ErrNoLangData = errors.New("tesseract has no data for a language")

var langsPattern = regexp.MustCompile(`^[a-z_]+(\+[a-z_]+)*$`)

// ValidLangs reports whether langs is a list of Tesseract language codes
// as OCR_LANGS takes it: lower-case letters and underscores, joined by +.
func ValidLangs(langs string) bool { return langsPattern.MatchString(langs) }

// NewOCR finds the programs and checks that Tesseract has data for every
// language of opts.Langs.
func NewOCR(ctx context.Context, opts OCROptions) (*OCR, error) {
	if opts.Langs == "" {
		opts.Langs = "eng"
	}
	if !ValidLangs(opts.Langs) {
		return nil, fmt.Errorf("%q is not a list of language codes joined by + (eng+hin)", opts.Langs)
	}
	if opts.Tesseract == "" {
		p, err := exec.LookPath("tesseract")
		if err != nil {
			return nil, ErrNoTesseract
		}
		opts.Tesseract = p
	}
	if opts.Pdftoppm == "" {
		if p, err := exec.LookPath("pdftoppm"); err == nil {
			opts.Pdftoppm = p
		}
	}
	if opts.PageTimeout <= 0 {
		opts.PageTimeout = 30 * time.Second
	}
	if opts.MemoryLimit == 0 {
		opts.MemoryLimit = 1 << 30
	}
	if opts.MaxConcurrent <= 0 {
		opts.MaxConcurrent = max(1, runtime.GOMAXPROCS(0)/2)
	}
	if opts.MaxPages <= 0 {
		opts.MaxPages = 10
	}
	o := &OCR{opts: opts, slots: make(chan struct{}, opts.MaxConcurrent)}
	out, err := o.exec(ctx, opts.Tesseract, []string{"--list-langs"}, nil, 1<<20)
	if err != nil {
		return nil, fmt.Errorf("tesseract --list-langs: %w", err)
	}
	have := map[string]bool{}
	for _, l := range strings.Fields(string(out)) {
		have[l] = true
	}
	for _, l := range strings.Split(opts.Langs, "+") {
		if !have[l] {
			return nil, fmt.Errorf("%w: %q (Debian: apt-get install tesseract-ocr-%s)", ErrNoLangData, l, strings.ReplaceAll(l, "_", "-"))
		}
	}
	return o, nil
}

// Langs returns the languages recognised.
func (o *OCR) Langs() string { return o.opts.Langs }

// CanRender reports whether scanned PDF pages can be rendered for
// recognition (pdftoppm is installed).
func (o *OCR) CanRender() bool { return o.opts.Pdftoppm != "" }

// recognised is the text of one image and the mean confidence of its
// words, 0–100 (0 when no word was found).
type recognised struct {
	text       string
	confidence float64
	words      int
}

// errOCRBusy is returned when no slot frees up in time.
var errOCRBusy = errors.New("OCR is busy")

// image recognises the text of an image (PNG, JPEG, WebP, PNM).
func (o *OCR) image(ctx context.Context, img []byte) (recognised, error) {
	// --psm 1: automatic page segmentation with orientation and script
	// detection, so a photo taken sideways is read upright.
	out, err := o.exec(ctx, o.opts.Tesseract, []string{"stdin", "stdout", "-l", o.opts.Langs, "--psm", "1", "tsv"}, img, 16<<20)
	if err != nil {
		return recognised{}, err
	}
	return parseTSV(out), nil
}

// renderPage renders page n (from 1) of a PDF as a grey-scale PGM whose
// longer side is 3508 pixels: 300 dpi for A4, and bounded whatever page
// size the file claims.
func (o *OCR) renderPage(ctx context.Context, pdf []byte, n int) ([]byte, error) {
	p := strconv.Itoa(n)
	return o.exec(ctx, o.opts.Pdftoppm, []string{"-f", p, "-l", p, "-scale-to", "3508", "-gray", "-singlefile", "-"}, pdf, 3508*3508+64)
}

// exec runs a program with stdin as its input under the page timeout and
// the memory limit, and returns at most maxOut bytes of its output; more
// is an error. It waits for one of the slots, at most the page timeout.
func (o *OCR) exec(ctx context.Context, name string, args []string, stdin []byte, maxOut int) ([]byte, error) {
	wait := time.NewTimer(o.opts.PageTimeout)
	defer wait.Stop()
	select {
	case o.slots <- struct{}{}:
	case <-wait.C:
		return nil, errOCRBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-o.slots }()
	ctx, cancel := context.WithTimeout(ctx, o.opts.PageTimeout)
	defer cancel()

	cmd := exec.CommandContext(ctx, name, args...)
	// The programs get none of the server's environment (its secrets
	// among it), only one thread each: the semaphore decides how many
	// CPUs OCR takes. Tesseract finds its data where its package put it.
	cmd.Env = []string{"OMP_THREAD_LIMIT=1", "PATH=/usr/local/bin:/usr/bin:/bin"}
	cmd.SysProcAttr = sysProcAttr()
	cmd.WaitDelay = time.Second
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out := &capped{max: maxOut, kill: cancel}
	var stderr capped
	stderr.max = 4 << 10
	cmd.Stdout, cmd.Stderr = out, &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	// The limit is set before the program is given a byte of the
	// upload, so whatever the file makes it allocate is bounded.
	if err := limitMemory(cmd.Process.Pid, o.opts.MemoryLimit); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("setting the memory limit: %w", err)
	}
	go func() {
		in.Write(stdin)
		in.Close()
	}()
	err = cmd.Wait()
	switch {
	case out.over:
		return nil, errOCROutput
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case err != nil:
		return nil, fmt.Errorf("%s: %w: %s", name, err, bytes.TrimSpace(stderr.b))
	}
	return out.b, nil
}

// errOCROutput is a program writing more than any page can yield.
var errOCROutput = errors.New("OCR output is larger than a page can be")

// capped keeps up to max bytes; past that it calls kill and fails.
type capped struct {
	b    []byte
	max  int
	over bool
	kill func()
}

func (c *capped) Write(p []byte) (int, error) {
	n := len(p)
	if len(c.b)+n > c.max {
		if c.kill != nil {
			c.over = true
			c.kill()
			return 0, errOCROutput
		}
		p = p[:c.max-len(c.b)] // stderr: keep the beginning, swallow the rest
	}
	c.b = append(c.b, p...)
	return n, nil
}

// parseTSV turns Tesseract's TSV output into text, a line per recognised
// line and a blank line between blocks, and the mean confidence of its
// words.
func parseTSV(tsv []byte) recognised {
	var b strings.Builder
	var sum float64
	words := 0
	lastBlock, lastPar, lastLine := "", "", ""
	sc := bufio.NewScanner(bytes.NewReader(tsv))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		word := strings.TrimSpace(f[11])
		conf, err := strconv.ParseFloat(f[10], 64)
		if word == "" || err != nil || conf < 0 {
			continue
		}
		block, par, line := f[2], f[3]+"/"+f[2], f[4]+"/"+f[3]+"/"+f[2]
		switch {
		case b.Len() == 0:
		case block != lastBlock || par != lastPar:
			b.WriteString("\n\n")
		case line != lastLine:
			b.WriteString("\n")
		default:
			b.WriteString(" ")
		}
		lastBlock, lastPar, lastLine = block, par, line
		b.WriteString(word)
		sum += math.Min(conf, 100)
		words++
	}
	r := recognised{text: b.String(), words: words}
	if words > 0 {
		r.confidence = sum / float64(words)
	}
	return r
}

// meanConfidence combines the confidences of several pages, weighted by
// their words.
func meanConfidence(pages []recognised) (float64, int) {
	var sum float64
	words := 0
	for _, p := range pages {
		sum += p.confidence * float64(p.words)
		words += p.words
	}
	if words == 0 {
		return 0, 0
	}
	return sum / float64(words), words
}

// pageRanges formats page numbers for a marker: "3, 5–9".
func pageRanges(pages []int) string {
	pages = slices.Clone(pages)
	slices.Sort(pages)
	var parts []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, strconv.Itoa(pages[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d–%d", pages[i], pages[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
