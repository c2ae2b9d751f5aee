// Package document reads the files the parties file — PDF, DOCX, plain
// text, and scans and photos as JPEG, PNG or WebP — and turns them into
// the text the judge reads, treating every upload as hostile.
//
// # Type
//
// The type is decided from the bytes alone (see Sniff), never from the
// file name or the Content-Type the client sent, because both are chosen
// by the uploader. "%PDF-" is a PDF; a zip holding word/document.xml is a
// DOCX; the JPEG, PNG and WebP signatures are images; valid UTF-8 without NUL bytes, UTF-16 with a byte-order mark, or
// bytes that are almost all printable Latin-1 are text. Anything else is
// refused before a parser sees it.
//
// Pages is the PDF's page count. DOCX and text files report 0: their
// pagination is decided by whatever program renders them, and a guess
// would be passed on to the judge as if it were a fact.
//
// # Errors
//
// Every failure is a *court.Error whose message is one sentence naming the
// file:
//
//   - EUnsupported (415): not a PDF, DOCX, text file or image, including
//     a zip that is not a Word document and text containing NUL bytes.
//   - ETooLarge (413): a documented limit was exceeded by what the file
//     says it is: more bytes than MaxFileSize, more pages than MaxPages,
//     more objects than MaxObjects, more zip entries than MaxDocxEntries.
//   - EUnprocessable (422): the file claims a type but cannot be read:
//     a truncated PDF, a broken cross-reference table, a parser panic,
//     extraction that takes longer than ExtractTimeout, "PK" bytes that
//     are no valid zip, and zip bombs. A zip bomb is 422, not 413,
//     because its uploaded size is within the limit; what is wrong is the
//     file's construction (a compression ratio or expanded size no real
//     Word document has), which is a property of a malformed file.
//
// # Bounded work
//
// Parsing runs in its own goroutine under ExtractTimeout. Third-party
// parsers cannot be interrupted, so a timed-out goroutine may live on
// briefly; it keeps its slot in a semaphore of MaxConcurrent slots until
// it really ends, so hostile files cannot pile up goroutines or memory.
// Before the PDF parser runs, a pre-scan refuses cross-reference sizes it
// would allocate blindly, and content streams are decompressed through a
// counting reader so a compression bomb is refused instead of expanded.
// DOCX entries are read through io.LimitReader; their declared sizes are
// not trusted. Extracted text is capped at MaxTextChars.
//
// # OCR
//
// With an OCR (NewOCR finds Tesseract and, for PDF pages, poppler's
// pdftoppm), an image is recognised whole, and a PDF's pages whose text
// layer has fewer than 16 letters and digits are rendered and recognised
// in their place, at most OCROptions.MaxPages of them. An image's header
// is checked first (dimensions, truncation) without decoding a pixel.
// The programs run without a shell and without the server's environment,
// each under a timeout, an address-space limit set before it reads the
// upload, and a slot of OCR's own semaphore; a file's OCR stops after
// OCRTimeout and the text marks the pages left unread. The document
// records the method (court.TextOCR) and the words' mean confidence.
// Without an OCR, images and scans are kept with status no_text and
// method court.TextNone.
//
// # Normalisation
//
// The extracted text is normalised (Normalize: NFKC, soft hyphens and
// zero-width characters removed, words hyphenated across lines
// rejoined) before anything reads it; the original bytes are kept for
// download as filed.
//
// The same bytes are never parsed twice: results are kept under
// "doctext:3:ocr=LANGS:"+sha256 ("ocr=off" without OCR) in the court.Cache when one is given, and in a small
// in-process LRU otherwise.
//
// # Budget
//
// A judge prompt has room for only so much of each side's documents.
// Budget shares a side's character budget among its documents: each
// document keeps its beginning (where parties, dates and the subject of a
// contract or letter usually are), and the rest of its share goes to the
// paragraphs that share the most words with the side's summary and
// evidence, kept in document order. Every cut is marked in the text as
// "[… 12,345 characters omitted …]" so the judge knows that it is reading
// an excerpt and where the gaps are.
package document
