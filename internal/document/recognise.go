package document

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/aijudge/aijudge/internal/court"
)

// minPageChars is how few letters and digits a PDF page's text layer may
// have and still be taken for a scan: scanning apps stamp a line of their
// own ("Scanned with …") on pages that are otherwise images.
const minPageChars = 16

// blankPages returns the pages of a PDF whose text layer is empty or
// next to empty, with the text of every page, or nil when there are none.
func blankPages(out *textBuf, spans []pageSpan) *scan {
	s := &scan{}
	for i, sp := range spans {
		piece := string(out.b[sp.start:sp.end])
		s.pieces = append(s.pieces, piece)
		n := 0
		for _, r := range piece {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				n++
			}
		}
		if n < minPageChars {
			s.blank = append(s.blank, i+1)
		}
	}
	if len(s.blank) == 0 {
		return nil
	}
	return s
}

// recognise reads with OCR what parse left for it: the whole of an
// image, or a PDF's pages without text (at most OCROptions.MaxPages of
// them), whose text then takes those pages' places. It runs outside the
// parsing slots, in OCR's own, under OCRTimeout for the whole file.
func (r *Reader) recognise(ctx context.Context, kind Kind, data []byte, res *result) (*result, error) {
	job := res.scan
	res.scan = nil
	o := r.opts.OCR
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, r.opts.OCRTimeout)
	defer cancel()
	out := newTextBuf(r.opts.MaxTextChars)
	if kind.isImage() {
		rec, err := o.image(ctx, data)
		if err != nil {
			return nil, ocrFailure(parent, err, "%q could not be read by OCR: the image is damaged or more than the reader can decode.")
		}
		full := errors.Is(out.WriteString(rec.text), errFull)
		res.Text = r.finish(out.String(), full)
		res.Method, res.Confidence = court.TextOCR, int(math.Round(rec.confidence))
		return res, nil
	}

	todo := job.blank[:min(len(job.blank), o.opts.MaxPages)]
	got := map[int]recognised{}
	var failed, late []int
	for i, n := range todo {
		var rec recognised
		img, err := o.renderPage(ctx, data, n)
		if err == nil {
			rec, err = o.image(ctx, img)
		}
		switch {
		case err == nil:
			got[n] = rec
		case errors.Is(err, errOCRBusy):
			return nil, busy()
		case parent.Err() != nil:
			return nil, parent.Err()
		case ctx.Err() != nil:
			late = todo[i:]
		default:
			failed = append(failed, n)
		}
		if late != nil {
			break
		}
	}
	recognisedPages := make([]recognised, 0, len(got))
	var err error
	for i, piece := range job.pieces {
		if rec, ok := got[i+1]; ok {
			recognisedPages = append(recognisedPages, rec)
			piece = rec.text + "\n\n"
		}
		if err = out.WriteString(piece); err != nil {
			break
		}
	}
	var notes []string
	if skipped := job.blank[len(todo):]; len(skipped) > 0 {
		notes = append(notes, fmt.Sprintf("[… pages %s have no text layer and were not read: OCR reads at most %d pages of a document …]", pageRanges(skipped), o.opts.MaxPages))
	}
	if len(late) > 0 {
		notes = append(notes, fmt.Sprintf("[… pages %s have no text layer and were not read: OCR ran out of time …]", pageRanges(late)))
	}
	if len(failed) > 0 {
		notes = append(notes, fmt.Sprintf("[… pages %s have no text layer and could not be read by OCR …]", pageRanges(failed)))
	}
	full := errors.Is(err, errFull)
	text := r.finish(out.String(), full)
	if strings.TrimSpace(text) != "" && len(notes) > 0 {
		text += "\n\n" + strings.Join(notes, "\n")
	}
	res.Text = text
	if conf, words := meanConfidence(recognisedPages); words > 0 || len(got) > 0 {
		res.Method, res.Confidence = court.TextOCR, int(math.Round(conf))
	}
	return res, nil
}

// busy is the 503 for a reader whose slots stay taken.
func busy() *court.Error {
	e := court.Errorf(court.EUnavailable, "The document reader is busy; try again in a minute.")
	e.RetryAfter = time.Minute
	return e
}

// ocrFailure turns an error of an OCR run into the refusal of the file:
// busy, cancelled (the request's context, parent, ended), too slow, or
// not recognisable.
func ocrFailure(parent context.Context, err error, unreadable string) error {
	switch {
	case errors.Is(err, errOCRBusy):
		return busy()
	case parent.Err() != nil:
		return parent.Err()
	case errors.Is(err, context.DeadlineExceeded):
		return fail(court.EUnprocessable, "%q took too long to read by OCR; file a smaller or clearer image.")
	}
	return fail(court.EUnprocessable, unreadable)
}
