package document

import (
	"testing"
	"unicode/utf8"

	"github.com/aijudge/aijudge/internal/court"
)

func TestNormalize(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"ligatures", "insuﬃcient ﬁnds, ﬀ and ﬂ", "insufficient finds, ff and fl"},
		{"compatibility forms", "Ｒｓ．３２０００ and Ⅳ", "Rs.32000 and IV"},
		{"soft hyphen", "insuf\u00adficient", "insufficient"},
		{"zero-width", "che\u200bque\u200c \u2060dis\ufeffhonoured\u200d", "cheque dishonoured"},
		{"hyphenated line break", "the cheque was dis-\nhonoured for insuf-\nficient funds", "the cheque was dishonoured for insufficient funds"},
		{"a hyphen before a capital stays", "Rao-\nKumar", "Rao-\nKumar"},
		{"a dash at the end of a line stays", "the sum -\nwas paid", "the sum -\nwas paid"},
		{"a number before the hyphen stays", "2024-\nonwards", "2024-\nonwards"},
		{"Devanagari is kept", "राशि ₹3,20,000। चेक अनादरित हुआ।", "राशि ₹3,20,000। चेक अनादरित हुआ।"},
		{"nothing to do", "plain text", "plain text"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzNormalize: the result is valid UTF-8, holds none of the removed
// characters, and normalising again changes nothing.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"insuﬃcient", "dis-\nhonoured", "a\u00adb", "-\n-\n", "ﬁ-\nnal", "\u200b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := Normalize(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Normalize(%q) is not UTF-8", s)
		}
		for _, r := range got {
			switch r {
			case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
				t.Fatalf("Normalize(%q) = %q keeps %U", s, got, r)
			}
		}
		if again := Normalize(got); again != got {
			t.Fatalf("Normalize is not idempotent on %q: %q then %q", s, got, again)
		}
	})
}

// TestReadNormalizes: what the judge and the fact-checker read of a
// document is normalised; "insuﬃcient" in the file matches
// "insufficient" in an argument.
func TestReadNormalizes(t *testing.T) {
	t.Parallel()
	r := NewReader(Options{})
	d, err := r.Read(t.Context(), court.Upload{Name: "memo.txt", Data: []byte("Returned: funds insuﬃcient.\nThe cheque was dis-\nhonoured on 18/01/2024.\u00ad")})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Returned: funds insufficient.\nThe cheque was dishonoured on 18/01/2024."; d.Text != want {
		t.Fatalf("text %q; want %q", d.Text, want)
	}
}
