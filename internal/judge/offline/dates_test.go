package offline

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/factcheck"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestAddMonths(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		from   string
		months int
		want   string
	}{
		{"2024-03-15", 1, "2024-04-15"},
		{"2024-01-31", 1, "2024-02-29"}, // leap year: the last day of February
		{"2023-01-31", 1, "2023-02-28"},
		{"2024-03-31", 1, "2024-04-30"},
		{"2024-11-30", 3, "2025-02-28"},
		{"2023-11-30", 3, "2024-02-29"},
		{"2024-12-31", 3, "2025-03-31"},
		{"2024-08-31", 6, "2025-02-28"},
		{"2024-02-29", 12, "2025-02-28"},
		{"2024-02-29", 48, "2028-02-29"},
		{"2023-08-15", 24, "2025-08-15"},
		{"2024-10-10", 3, "2025-01-10"},
	} {
		if got := addMonths(day(tc.from), tc.months).Format(time.DateOnly); got != tc.want {
			t.Errorf("addMonths(%s, %d) = %s, want %s", tc.from, tc.months, got, tc.want)
		}
	}
}

// TestDerivedDate checks the steps a claimed date may follow a document
// date by: 15 and 30 days on the calendar, one and three months with the
// month-end rule.
func TestDerivedDate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		doc, claim string
		want       string // the step named, or "" for none
	}{
		{"24/01/2024", "2024-02-08", "15 days"},
		{"15/03/2024", "2024-04-14", "30 days"},
		{"31/12/2023", "2024-01-15", "15 days"},
		{"15/02/2024", "2024-03-16", "30 days"}, // across 29 February
		{"15/02/2023", "2023-03-17", "30 days"},
		{"08/02/2024", "2024-03-08", "one month"},
		{"31/01/2024", "2024-02-29", "one month"},
		{"31/01/2023", "2023-02-28", "one month"},
		{"30/11/2023", "2024-02-29", "three months"},
		{"10/10/2024", "2025-01-10", "three months"},
		{"31/01/2024", "2024-03-02", ""}, // not one month: 31 January plus a month is 29 February
		{"24/01/2024", "2024-02-09", ""},
	} {
		docs := readPassages(court.Source{Label: "doc"}, "The notice was received on "+tc.doc+".", nil, nil)
		d := factcheck.Date{Value: tc.claim, Text: tc.claim}
		note, ok := derivedDate(d, docs, nil)
		switch {
		case tc.want == "" && ok:
			t.Errorf("%s from %s: derived as %q", tc.claim, tc.doc, note)
		case tc.want != "" && (!ok || !strings.Contains(note, " is "+tc.want+" after ")):
			t.Errorf("%s from %s: %q, %v; want %s", tc.claim, tc.doc, note, ok, tc.want)
		}
	}
}

// TestLimitationExamples counts limitation periods of the templates on
// worked examples: India (a consumer complaint within two years, a suit
// for the price within three years), Great Britain (three months
// beginning with the effective date of termination) and Australia (21
// days after the dismissal).
func TestLimitationExamples(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		c    *court.Case
		want string // the last day the limitation issue states
		in   bool   // the claim is in time
	}{
		{"uk-dismissal", findGolden("uk-dismissal"), "9 January 2025", true},
		{"australia-dismissal", findGolden("australia-dismissal"), "24 February 2025", true},
		{"india-consumer", &court.Case{Type: court.Consumer, Jurisdiction: court.India, CreatedAt: filed2025,
			A: court.Side{Summary: "The complainant bought a washing machine from XYZ Appliances on 29 February 2024 for Rs. 30,000. It is defective. The complaint was filed on 1 March 2026."}},
			"28 February 2026", false},
		{"india-recovery", &court.Case{Type: court.Contract, Jurisdiction: court.India, CreatedAt: filed2025,
			A: court.Side{Summary: "The plaintiff supplied goods to the defendant under an agreement of 3 March 2021. The defendant has not paid the price of Rs. 2,00,000 since 10 March 2021. The suit was filed on 10 March 2024."}},
			"10 March 2024", true},
		// One sentence gives the start of the employment and the
		// dismissal, and nothing of the other side dates either: the
		// period runs from the dismissal.
		{"uk-employed-and-dismissed", &court.Case{Type: court.Labour, Jurisdiction: court.UK, CreatedAt: filed2025,
			A: court.Side{Summary: "I was employed by Northway Logistics Ltd from 1 March 2019 and dismissed on 10 October 2024 without a hearing. My claim was presented on 20 December 2024."},
			B: court.Side{Summary: "Northway Logistics Ltd says the claimant was dismissed for gross misconduct."}},
			"9 January 2025", true},
		{"australia-employed-and-dismissed", &court.Case{Type: court.Labour, Jurisdiction: court.Australia, CreatedAt: filed2025,
			A: court.Side{Summary: "I was employed by Harbour Cafe Pty Ltd from 2 January 2022 and dismissed on 3 February 2025 without warning. My application was lodged on 10 March 2025."},
			B: court.Side{Summary: "Harbour Cafe Pty Ltd says her performance was poor after two warnings."}},
			"24 February 2025", false},
	} {
		r := read(tc.c, 0)
		i := r.issueIndex("limitation")
		if i < 0 {
			t.Errorf("%s: no limitation issue", tc.name)
			continue
		}
		is := r.issues[i].issue
		if len(is.Findings) == 0 || !strings.Contains(is.Findings[0].Fact, "its last day was "+tc.want) {
			t.Errorf("%s: findings %+v, want the last day %s", tc.name, is.Findings, tc.want)
		}
		if in := strings.HasPrefix(is.Answer, "Yes"); in != tc.in {
			t.Errorf("%s: answer %q, want in time %v", tc.name, is.Answer, tc.in)
		}
	}
}

func findGolden(name string) *court.Case {
	for _, gc := range goldenCases() {
		if gc.name == name {
			return gc.c
		}
	}
	panic(name)
}

// TestAdmissionBeforeBut reads the clause before "but" as an admission
// and what follows as the other side's own case.
func TestAdmissionBeforeBut(t *testing.T) {
	t.Parallel()
	drew := &templates[chequeDishonour].issues[0].facts[0]
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Mr. Rao admits he signed and issued the cheque but says it was only a security cheque.", true},
		{"The accused accepts that he signed the cheque, but says it was blank.", true},
		{"He says the cheque was signed by him but never given.", false},
		{"He does not admit that he signed the cheque but says it was stolen.", false},
		{"He admits nothing, but says the cheque was issued by his brother.", false},
	} {
		ps := readPassages(court.Source{Side: court.SideB}, tc.text, nil, nil)
		if got := admission(drew, &ps[0]); got != tc.want {
			t.Errorf("%q: admission %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestDayNear dates a finding by the date next to the event it is about.
func TestDayNear(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text, cue, want string
	}{
		{"I was employed from 1 March 2019 and dismissed on 10 October 2024.", `\bdismiss`, "2024-10-10"},
		{"I was employed from 1 March 2019 and dismissed on 10 October 2024.", `\bemployed\b`, "2019-03-01"},
		{"The cause of action arose on 8 February 2024 and the complaint was filed on 20/02/2024.", cueFiled.String(), "2024-02-20"},
		{"On 16 August 2024 Rs. 48,000 was debited from her account.", `\bdebited\b`, "2024-08-16"},
	} {
		ps := readPassages(court.Source{}, tc.text, nil, nil)
		got := dayNear(&ps[0], regexp.MustCompile(tc.cue))
		if got.Format(time.DateOnly) != tc.want {
			t.Errorf("%q by %s: %s, want %s", tc.text, tc.cue, got.Format(time.DateOnly), tc.want)
		}
	}
}
