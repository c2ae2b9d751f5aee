package court

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Grounding: every quoted passage a finding rests on is looked for in the
// text its source names, whichever judge wrote it. A quote is found when
// it is there after Unicode and whitespace normalisation, close when it
// is there but for a few characters (a ligature the extractor split, a
// word broken across a line), and missing otherwise. A finding with a
// missing quote is shown as ungrounded to both parties.

// QuoteStatus is what the check found of one quoted passage.
type QuoteStatus string

// The statuses of a quote.
const (
	QuoteFound   QuoteStatus = "found"
	QuoteClose   QuoteStatus = "close"
	QuoteMissing QuoteStatus = "missing"
)

// Grounded reports whether the quote may be shown as the source's words.
func (s QuoteStatus) Grounded() bool { return s == QuoteFound || s == QuoteClose }

// GroundingRate counts a judgment's quoted sources and those found.
type GroundingRate struct {
	Quoted int `json:"quoted"`
	Found  int `json:"found"`
}

// Rate is the share of quotes found, 1 when nothing was quoted.
func (g GroundingRate) Rate() float64 {
	if g.Quoted == 0 {
		return 1
	}
	return float64(g.Found) / float64(g.Quoted)
}

// Ungrounded reports whether any source of f quotes a passage that is not
// in it.
func (f *Finding) Ungrounded() bool {
	for _, s := range f.Sources {
		if s.Grounding == QuoteMissing {
			return true
		}
	}
	return false
}

// Grounding counts the quotes of j as they were checked when j was
// written; judgments stored before the check count none.
func (j *Judgment) Grounding() GroundingRate { return countGrounding(j.Issues) }

func countGrounding(issues []Issue) GroundingRate {
	var g GroundingRate
	for i := range issues {
		for _, f := range issues[i].Findings {
			for _, s := range f.Sources {
				if s.Grounding == "" {
					continue
				}
				g.Quoted++
				if s.Grounding.Grounded() {
					g.Found++
				}
			}
		}
	}
	return g
}

// Ground checks every quote of issues against c and sets each quoted
// source's Grounding in place; sources without a quote are left unset.
func Ground(c *Case, issues []Issue) GroundingRate {
	g := grounder{c: c, texts: map[string][]string{}}
	for i := range issues {
		for k := range issues[i].Findings {
			srcs := issues[i].Findings[k].Sources
			for n := range srcs {
				srcs[n].Grounding = g.check(&srcs[n])
			}
		}
	}
	return countGrounding(issues)
}

// UngroundedQuotes lists the sources of issues whose quotes were not
// found, as Ground marked them.
func UngroundedQuotes(issues []Issue) []Source {
	var out []Source
	for i := range issues {
		for _, f := range issues[i].Findings {
			for _, s := range f.Sources {
				if s.Grounding == QuoteMissing {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

type grounder struct {
	c *Case
	// texts holds the normalised texts of each source already read.
	texts map[string][]string
}

func (g *grounder) check(s *Source) QuoteStatus {
	q := normalQuote(s.Quote)
	if q == "" {
		return ""
	}
	best := QuoteMissing
	for _, t := range g.textsOf(s) {
		switch quoteIn(q, t) {
		case QuoteFound:
			return QuoteFound
		case QuoteClose:
			best = QuoteClose
		}
	}
	return best
}

// textsOf returns the normalised texts the source may quote: the document
// it names (any of its side's when two shared a name), the side's
// summary, each of its evidence points or its arguments.
func (g *grounder) textsOf(s *Source) []string {
	key := string(s.Kind) + "\x00" + string(s.Side) + "\x00" + s.DocumentID
	if t, ok := g.texts[key]; ok {
		return t
	}
	var raw []string
	side := g.c.Side(s.Side)
	switch s.Kind {
	case FromDocument:
		for _, sd := range []*Side{&g.c.A, &g.c.B} {
			for i := range sd.Documents {
				d := &sd.Documents[i]
				if d.ID == s.DocumentID || s.DocumentID == "" && sd == side {
					raw = append(raw, d.Text)
				}
			}
		}
	case FromSummary:
		raw = []string{side.Summary}
	case FromEvidence:
		raw = side.Evidence
	case FromArgument:
		for _, a := range g.c.Arguments {
			if a.Side == s.Side {
				raw = append(raw, a.Text)
			}
		}
	}
	t := make([]string, 0, len(raw))
	for _, r := range raw {
		t = append(t, normalQuote(r))
	}
	g.texts[key] = t
	return t
}

// normalQuote folds s for comparing a quote with its source: NFKC (so a
// ligature reads as its letters and fullwidth forms as ASCII), lower
// case, format characters (soft hyphens, zero-width spaces) dropped, and
// every run of anything that is not a letter, a mark or a digit read as
// one space, so that punctuation, quotation marks and line breaks do not
// decide a match.
func normalQuote(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cf, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// slack is how many edits a quote of n runes may differ by and still be
// close: none below 12 runes, then one in twelve, at most 16.
func slack(n int) int { return min(n/12, 16) }

// maxProbes bounds the candidate places tried for one piece of a quote,
// so that a text of one word repeated costs no more than a normal one.
const maxProbes = 64

// quoteIn reports whether q (normalised) is in t (normalised) exactly, or
// within slack(q) edits of some passage of t. A passage within k edits
// shares one of any k+1 disjoint pieces of q exactly, so only the places
// where a piece occurs are compared in full.
func quoteIn(q, t string) QuoteStatus {
	if strings.Contains(t, q) {
		return QuoteFound
	}
	qr := []rune(q)
	k := slack(len(qr))
	if k == 0 {
		return QuoteMissing
	}
	size := len(qr) / (k + 1)
	for p := 0; p <= k; p++ {
		from := p * size
		piece := string(qr[from : from+size])
		before := len(string(qr[:from]))
		for at, probes := 0, 0; probes < maxProbes; probes++ {
			i := strings.Index(t[at:], piece)
			if i < 0 {
				break
			}
			i += at
			// The passage starts about before bytes ahead of the piece;
			// k edits and multi-byte runes widen the window either way.
			lo := max(0, i-before-4*k-4)
			hi := min(len(t), i-before+len(q)+4*k+4)
			if within(qr, []rune(t[lo:hi]), k) {
				return QuoteClose
			}
			at = i + len(piece)
		}
	}
	return QuoteMissing
}

// within reports whether some substring of t is at most k edits from q
// (Sellers' dynamic programme: a match may start anywhere in t).
func within(q, t []rune, k int) bool {
	prev := make([]int, len(q)+1)
	cur := make([]int, len(q)+1)
	for i := range prev {
		prev[i] = i
	}
	for _, c := range t {
		cur[0] = 0
		for i := 1; i <= len(q); i++ {
			d := prev[i-1]
			if q[i-1] != c {
				d++
			}
			cur[i] = min(d, prev[i]+1, cur[i-1]+1)
		}
		if cur[len(q)] <= k {
			return true
		}
		prev, cur = cur, prev
	}
	return false
}

// OrNil returns g when any quote was checked, else nil, for an answer to
// carry as "grounding" only when there is something to say.
func (g GroundingRate) OrNil() *GroundingRate {
	if g.Quoted == 0 {
		return nil
	}
	return &g
}
