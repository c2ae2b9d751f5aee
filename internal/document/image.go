package document

import (
	"bytes"
	"encoding/binary"
	"image"
	_ "image/jpeg" // DecodeConfig of JPEG
	_ "image/png"  // DecodeConfig of PNG

	_ "golang.org/x/image/webp" // DecodeConfig of WebP

	"github.com/aijudge/aijudge/internal/court"
)

// Image limits: a phone's 48-megapixel photo is within them; a decoder
// asked for more than 50 megapixels would allocate hundreds of megabytes
// before reading a pixel, which is what a decompression bomb is built to
// make it do.
const (
	maxImagePixels = 50_000_000
	maxImageSide   = 20_000
)

// isImage reports the kinds that are photographs or scans.
func (k Kind) isImage() bool { return k == KindJPEG || k == KindPNG || k == KindWebP }

// sniffImage recognises JPEG, PNG and WebP by their signatures.
func sniffImage(data []byte) Kind {
	switch {
	case bytes.HasPrefix(data, []byte("\xFF\xD8\xFF")):
		return KindJPEG
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return KindPNG
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return KindWebP
	}
	return KindUnknown
}

// checkImage reads an image's header only, never its pixels, and refuses
// dimensions beyond the limits and files that end before the image does.
func checkImage(kind Kind, data []byte) error {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return damaged(kind.String())
	}
	if cfg.Width > maxImageSide || cfg.Height > maxImageSide || cfg.Width*cfg.Height > maxImagePixels {
		return fail(court.ETooLarge, "%q is an image of %d × %d pixels; images up to %d megapixels are accepted.", cfg.Width, cfg.Height, maxImagePixels/1_000_000)
	}
	if !complete(kind, data) {
		return damaged(kind.String())
	}
	return nil
}

// complete reports whether an image's bytes run to its end: a JPEG's
// end-of-image marker, a PNG's IEND chunk, a WebP's RIFF size. Decoders
// fill a truncated image with grey and carry on; the party would never
// learn that half the page was lost in the upload.
func complete(kind Kind, data []byte) bool {
	switch kind {
	case KindJPEG:
		// Some cameras append a few bytes of padding after the marker.
		tail := data[max(0, len(data)-64):]
		return bytes.Contains(tail, []byte("\xFF\xD9"))
	case KindPNG:
		tail := data[max(0, len(data)-64):]
		return bytes.Contains(tail, []byte("IEND\xAE\x42\x60\x82"))
	case KindWebP:
		n := binary.LittleEndian.Uint32(data[4:8])
		return uint64(n)+8 <= uint64(len(data))
	}
	return false
}
