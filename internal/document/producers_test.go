package document

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aijudge/aijudge/internal/court"
)

// TestProducerFixtures reads PDFs as real producers write them (see
// testdata/producers/README.md for the commands that made them) and
// holds the text to the source's words: a character error rate of at most
// 1 %, Hindi included.
func TestProducerFixtures(t *testing.T) {
	t.Parallel()
	tests := []struct{ pdf, source string }{
		{"notice-hi-chromium.pdf", "notice-hi.txt"},
		{"notice-en-libreoffice.pdf", "notice-en.txt"},
		{"notice-hi-libreoffice.pdf", "notice-hi.txt"},
		{"notice-en.docx", "notice-en.txt"},
		{"notice-hi.docx", "notice-hi.txt"},
	}
	r := NewReader(Options{})
	for _, tt := range tests {
		t.Run(tt.pdf, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "producers", tt.pdf))
			if err != nil {
				t.Fatal(err)
			}
			src, err := os.ReadFile(filepath.Join("testdata", "producers", tt.source))
			if err != nil {
				t.Fatal(err)
			}
			d, err := r.Read(t.Context(), court.Upload{Name: tt.pdf, Data: data})
			if err != nil {
				t.Fatal(err)
			}
			cer := charErrorRate(string(src), d.Text)
			t.Logf("%s: character error rate %.2f %%", tt.pdf, 100*cer)
			if cer > 0.01 {
				t.Errorf("character error rate %.1f %%; want at most 1 %%\n got: %q\nwant: %q", 100*cer, d.Text, src)
			}
		})
	}
}

func TestCharErrorRate(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		ref, hyp string
		want     float64
	}{
		{"abcd", "abcd", 0},
		{"abcd", "abce", 0.25},
		{"a b\nc", "a  b c", 0},
		{"हिंदी", "हदी", 0.4},
		{"", "", 0},
	} {
		if got := charErrorRate(tt.ref, tt.hyp); got != tt.want {
			t.Errorf("charErrorRate(%q, %q) = %v; want %v", tt.ref, tt.hyp, got, tt.want)
		}
	}
}

// charErrorRate is the edit distance between the runes of ref and hyp,
// white space collapsed, divided by the length of ref.
func charErrorRate(ref, hyp string) float64 {
	a := []rune(strings.Join(strings.Fields(ref), " "))
	b := []rune(strings.Join(strings.Fields(hyp), " "))
	if len(a) == 0 {
		if len(b) == 0 {
			return 0
		}
		return 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return float64(prev[len(b)]) / float64(len(a))
}
