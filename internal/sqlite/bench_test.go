package sqlite_test

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// page is about a page of text; the benchmark cases share it, so that
// building a hundred thousand of them costs little memory.
var page = strings.Repeat("The tenant reported damp in the bedroom on several occasions. ", 40)

// benchCase is a filing of a typical size: summaries of a page, a few
// evidence points, two one-page documents a side (12 kB of text in all).
func benchCase() *court.Case {
	now := time.Now().UTC()
	doc := func(side court.SideID, n int) court.Document {
		return court.Document{
			ID: court.NewID(), Side: side, Name: "exhibit.pdf", MediaType: "application/pdf",
			Size: 120_000, SHA256: court.NewID() + court.NewID(), Pages: n, Chars: len(page),
			Status: court.DocExtracted, Text: page, CreatedAt: now,
		}
	}
	return &court.Case{
		ID: court.NewID(), Type: court.Property, Jurisdiction: court.India,
		A: court.Side{
			Summary:   page,
			Evidence:  []string{"Lease of 1 January 2024", "Bank statements", "Notice of 1 May"},
			Documents: []court.Document{doc(court.SideA, 2), doc(court.SideA, 1)},
		},
		B: court.Side{
			Summary:   page,
			Evidence:  []string{"Photographs", "Two written complaints"},
			Documents: []court.Document{doc(court.SideB, 2), doc(court.SideB, 1)},
		},
		CreatedAt: now,
	}
}

// BenchmarkCreateCase files b.N cases into one growing database. Besides
// ns/op it reports the CPU time per filing (user and system, which other
// work on the machine does not inflate as it does wall time) and the
// mean latency of the first and the last thousand filings, so that a run
// with -benchtime 100000x shows whether filing slows down as the tables
// grow.
func BenchmarkCreateCase(b *testing.B) {
	s := openTemp(b, nil)
	cases := make([]*court.Case, b.N)
	for i := range cases {
		cases[i] = benchCase()
	}
	const window = 1000
	var first, last time.Duration
	b.ReportAllocs()
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		if err := s.InTx(b.Context(), func(tx court.Tx) error { return tx.CreateCase(cases[i]) }); err != nil {
			b.Fatal(err)
		}
		d := time.Since(start)
		if i < window {
			first += d
		}
		if i >= len(cases)-window {
			last += d
		}
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
	if n := min(window, len(cases)); n > 0 && len(cases) >= 2*window {
		b.ReportMetric(float64(first.Microseconds())/float64(n), "first1k-µs/op")
		b.ReportMetric(float64(last.Microseconds())/float64(n), "last1k-µs/op")
	}
}

// BenchmarkCase loads a case with its documents, three judgments and two
// arguments from a database holding a thousand others.
func BenchmarkCase(b *testing.B) {
	s := openTemp(b, nil)
	ctx := b.Context()
	var c *court.Case
	for range 1000 {
		c = benchCase()
		if err := s.InTx(ctx, func(tx court.Tx) error { return tx.CreateCase(c) }); err != nil {
			b.Fatal(err)
		}
	}
	now := time.Now().UTC()
	judgment := func(kind court.Kind) *court.Judgment {
		return &court.Judgment{
			ID: court.NewID(), CaseID: c.ID, Kind: kind, Verdict: "For Side A", Reasoning: c.A.Summary,
			LegalBasis: []string{"Transfer of Property Act, 1882, s. 108"}, Confidence: 70,
			Judge: court.JudgeInfo{Provider: "offline", Model: "rules", PromptVersion: "v1"}, CreatedAt: now,
		}
	}
	if err := s.InTx(ctx, func(tx court.Tx) error { return tx.AddJudgment(judgment(court.Tentative)) }); err != nil {
		b.Fatal(err)
	}
	for range 2 {
		a := &court.Argument{ID: court.NewID(), CaseID: c.ID, Side: court.SideB, Text: "The damp was reported.", CreatedAt: now}
		if err := s.ReserveArgument(ctx, a, time.Minute); err != nil {
			b.Fatal(err)
		}
		a.Response, a.Strengthens, a.Weakens = c.B.Summary, "Side B", "Side A"
		if err := s.InTx(ctx, func(tx court.Tx) error { return tx.CompleteArgument(a, judgment(court.Reconsidered)) }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	cpu0 := cpuTime()
	n := 0
	for b.Loop() {
		n++
		got, err := s.Case(ctx, c.ID)
		if err != nil {
			b.Fatal(err)
		}
		if len(got.Judgments) != 3 {
			b.Fatalf("%d judgments", len(got.Judgments))
		}
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(n), "cpu-µs/op")
}

// cpuTime is the CPU time the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
