package document

import (
	"context"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// extractText decodes a text file into out. A leading UTF-8 byte-order
// mark is dropped; line endings are normalised by out.
func extractText(ctx context.Context, data []byte, out *textBuf) error {
	enc, _ := textEncoding(data)
	var dec *encoding.Decoder
	switch enc {
	case encUTF16LE:
		dec = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
	case encUTF16BE:
		dec = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
	case encLatin1:
		dec = charmap.Windows1252.NewDecoder()
	default:
		if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
			data = data[3:]
		}
		return writeChunks(ctx, out, data)
	}
	b, err := dec.Bytes(data)
	if err != nil {
		return err
	}
	return writeChunks(ctx, out, b)
}

// writeChunks feeds b to out in pieces so that a cancelled extraction stops
// promptly and a full buffer stops the copy.
func writeChunks(ctx context.Context, out *textBuf, b []byte) error {
	const chunk = 64 << 10
	for len(b) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := min(chunk, len(b))
		// Do not split a UTF-8 sequence between chunks.
		for n < len(b) && n > 0 && b[n]&0xC0 == 0x80 {
			n--
		}
		if n == 0 {
			n = min(chunk, len(b))
		}
		if err := out.Write(b[:n]); err != nil {
			return err
		}
		b = b[n:]
	}
	return nil
}
