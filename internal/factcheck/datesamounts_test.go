package factcheck

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// checkDatesAndAmounts fails unless ExtractDatesAndAmounts finds in text
// exactly the dates and amounts ExtractDetails does, and nothing else.
func checkDatesAndAmounts(t *testing.T, text string) {
	t.Helper()
	full, got := ExtractDetails(text), ExtractDatesAndAmounts(text)
	if !reflect.DeepEqual(got.Dates, full.Dates) {
		t.Fatalf("dates of %q:\n got %#v\nwant %#v", text, got.Dates, full.Dates)
	}
	if !reflect.DeepEqual(got.Amounts, full.Amounts) {
		t.Fatalf("amounts of %q:\n got %#v\nwant %#v", text, got.Amounts, full.Amounts)
	}
	if got.Names != nil || got.Locations != nil || got.RawText != "" {
		t.Fatalf("ExtractDatesAndAmounts(%q) holds more than dates and amounts: %#v", text, got)
	}
}

// goStrings returns the string literals of the Go test files in dir: the
// texts the tests of a package are run on.
func goStrings(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					out = append(out, s)
				}
			}
			return true
		})
	}
	return out
}

// seedStrings returns the strings of the fuzz seed corpus under dir.
func seedStrings(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if v, ok := strings.CutPrefix(line, "string("); ok {
				if s, err := strconv.Unquote(strings.TrimSuffix(v, ")")); err == nil {
					out = append(out, s)
				}
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// withLines adds to texts each of their lines, as the offline judge reads
// a document sentence by sentence.
func withLines(texts []string) []string {
	out := texts
	for _, s := range texts {
		if strings.Contains(s, "\n") {
			out = append(out, strings.Split(s, "\n")...)
		}
	}
	return out
}

func TestDatesAndAmountsMatchDetails(t *testing.T) {
	t.Parallel()
	texts := []string{"", legalText(32 << 10), chequeDoc, "xſep 2024 and ſum 5,000", "\u212aumar paid Rs. 5", "CHE\u212a for Rs. 5 on 1 March 2024",
		"Ms. Late Entry paid Rs. 7,77,777.", "\xff\xfeRs. 5,000 on 12/03/2024\xc3"}
	texts = append(texts, goStrings(t, ".")...)
	texts = append(texts, seedStrings(t, filepath.Join("testdata", "fuzz"))...)
	// The offline judge's fixtures and the judgments it writes of them.
	offline := filepath.Join("..", "judge", "offline")
	texts = append(texts, goStrings(t, offline)...)
	golden, err := filepath.Glob(filepath.Join(offline, "testdata", "*.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if len(golden) == 0 {
		t.Fatalf("no golden files in %s", offline)
	}
	for _, name := range golden {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		texts = append(texts, randomText(rng))
	}
	for _, text := range withLines(texts) {
		checkDatesAndAmounts(t, text)
	}
}

func FuzzDatesAndAmounts(f *testing.F) {
	f.Add(chequeDoc)
	f.Add("₹5,00,000 on 31/12/1999 at Laxmi Nagar, Delhi by Smt. Priya")
	f.Add("the CHEQUE for Rs. 6 lakh dated 13/03/2024; paid the deposit of 15000")
	f.Fuzz(func(t *testing.T, s string) {
		checkDatesAndAmounts(t, s)
	})
}

// lookupWord must read words as Words does: its lower case, looked up.
func TestLookupWord(t *testing.T) {
	t.Parallel()
	words := []string{"", "cheque", "Cheque", "CHEQUE", "chec\u212a", "CHEC\u212a", "ſale", "Sale", "consideration",
		"CONSIDERATION", "considerationsandmore", "İnvoice", "rent1", "é", "payment", "Payments"}
	for _, s := range fragments {
		words = append(words, Words(s)...)
	}
	for w := range amountTopics {
		words = append(words, w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:])
	}
	for w := range dateTopics {
		words = append(words, w, strings.ToUpper(w))
	}
	for _, w := range words {
		for _, vocab := range []map[string]bool{amountTopics, dateTopics} {
			lw := strings.ToLower(w)
			got, ok := lookupWord(w, vocab)
			if ok != vocab[lw] || ok && got != lw {
				t.Errorf("lookupWord(%q) = %q, %v; want %q, %v", w, got, ok, lw, vocab[lw])
			}
		}
	}
}

// BenchmarkExtractDatesAndAmounts100KB reads the text of
// BenchmarkExtract100KB for dates and amounts only.
func BenchmarkExtractDatesAndAmounts100KB(b *testing.B) {
	text := legalText(100 << 10)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		ExtractDatesAndAmounts(text)
	}
}

// BenchmarkExtractDatesAndAmountsSentences reads the same text sentence
// by sentence, line by line, as the offline judge does.
func BenchmarkExtractDatesAndAmountsSentences(b *testing.B) {
	lines := strings.Split(legalText(100<<10), "\n")
	for _, k := range []struct {
		name string
		f    func(string) Details
	}{{"details", ExtractDetails}, {"datesAndAmounts", ExtractDatesAndAmounts}} {
		b.Run(k.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, s := range lines {
					k.f(s)
				}
			}
		})
	}
}
