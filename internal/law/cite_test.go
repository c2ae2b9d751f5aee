package law

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aijudge/aijudge/internal/court"
)

func TestCheck(t *testing.T) {
	t.Parallel()
	on := day(2025, 1, 1)
	tests := []struct {
		j       court.Jurisdiction
		text    string
		on      time.Time
		status  Status
		act     string
		section string
		sub     string
		instead string // sections of Instead, joined
	}{
		// The forms judges write.
		{court.India, "Section 138, Negotiable Instruments Act, 1881", on, Verified, "Negotiable Instruments Act, 1881", "s. 138", "", ""},
		{court.India, "NI Act s.138", on, Verified, "Negotiable Instruments Act, 1881", "s. 138", "", ""},
		{court.India, "N.I. Act, Sec. 143-A", on, Verified, "Negotiable Instruments Act, 1881", "s. 143A", "", ""},
		{court.India, "s. 73 of the Indian Contract Act", on, Verified, "Indian Contract Act, 1872", "s. 73", "", ""},
		{court.UK, "Employment Rights Act 1996, s 98", on, Verified, "Employment Rights Act 1996", "s. 98", "", ""},
		{court.UK, "ERA 1996 s.98(4)", on, Verified, "Employment Rights Act 1996", "s. 98", "(4)", ""},
		{court.India, "BNS s.318", on, Verified, "Bharatiya Nyaya Sanhita, 2023", "s. 318", "", ""},
		{court.India, "IPC 420", day(2024, 6, 15), Verified, "Indian Penal Code, 1860", "s. 420", "", ""},
		{court.India, "punishable u/s 420 IPC", day(2024, 6, 15), Verified, "Indian Penal Code, 1860", "s. 420", "", ""},
		{court.India, "Section 2(7) of the Consumer Protection Act, 2019", on, Verified, "Consumer Protection Act, 2019", "s. 2(7)", "", ""},
		{court.India, "s. 35(1) CPA", on, Verified, "Consumer Protection Act, 2019", "s. 35", "(1)", ""},
		{court.India, "Order XXXIX Rule 1 CPC", on, Verified, "Code of Civil Procedure, 1908", "O. XXXIX rr. 1–2", "", ""},
		{court.India, "O. 39 r. 2 of the Code of Civil Procedure", on, Verified, "Code of Civil Procedure, 1908", "O. XXXIX rr. 1–2", "", ""},
		{court.India, "Order VII Rule 11 CPC", on, Verified, "Code of Civil Procedure, 1908", "O. VII r. 11", "", ""},
		{court.India, "Article 21 of the Constitution", on, Verified, "Constitution of India", "Art. 21", "", ""},
		{court.India, "Art. 300-A, Constitution of India", on, Verified, "Constitution of India", "Art. 300A", "", ""},
		{court.India, "Section 43-A IT Act", on, Verified, "Information Technology Act, 2000", "s. 43A", "", ""},
		{court.India, "Article 113 of the Limitation Act", on, Verified, "Limitation Act, 1963", "Sch., Art. 113", "", ""},
		{court.India, "Rule 8 of the SPDI Rules", on, Verified, "Information Technology (Reasonable Security Practices and Procedures and Sensitive Personal Data or Information) Rules, 2011", "r. 8", "", ""},
		{court.India, "Sec. 13-B HMA", on, Verified, "Hindu Marriage Act, 1955", "s. 13B", "", ""},
		{court.India, "BNSS s. 528", on, Verified, "Bharatiya Nagarik Suraksha Sanhita, 2023", "s. 528", "", ""},
		{court.India, "Section 104 BSA", on, Verified, "Bharatiya Sakshya Adhiniyam, 2023", "s. 104", "", ""},
		{court.USA, "42 U.S.C. § 1983", on, Verified, "42 U.S.C.", "§ 1983", "", ""},
		{court.USA, "the Fourteenth Amendment", on, Verified, "U.S. Const.", "amend. XIV, § 1", "", ""},
		{court.USA, "U.S. Const. amend. XIV, § 1", on, Verified, "U.S. Const.", "amend. XIV, § 1", "", ""},
		{court.USA, "First Amendment", on, Verified, "U.S. Const.", "amend. I", "", ""},
		{court.USA, "Fed. R. Civ. P. 56", on, Verified, "Federal Rules of Civil Procedure", "Rule 56", "", ""},
		{court.USA, "UCC § 2-314", on, Verified, "Uniform Commercial Code", "§ 2-314", "", ""},
		{court.UK, "Article 6 of Schedule 1 to the Human Rights Act 1998", on, Verified, "Human Rights Act 1998", "Sch. 1, Art. 6", "", ""},
		{court.UK, "TULRCA s.207A", on, Verified, "Trade Union and Labour Relations (Consolidation) Act 1992", "s. 207A", "", ""},
		{court.UK, "Acas Code, para 4", on, Verified, "Acas Code of Practice on Disciplinary and Grievance Procedures", "para. 4", "", ""},
		{court.Australia, "s 18 of the Australian Consumer Law", on, Verified, "Competition and Consumer Act 2010 (Cth), Sch. 2 (Australian Consumer Law)", "s. 18", "", ""},
		{court.Australia, "Competition and Consumer Act 2010 (Cth) Sch 2 s 18", on, Verified, "Competition and Consumer Act 2010 (Cth), Sch. 2 (Australian Consumer Law)", "s. 18", "", ""},
		{court.Australia, "ITAA 1997 s 8-1", on, Verified, "Income Tax Assessment Act 1997 (Cth)", "s. 8-1", "", ""},
		{court.Canada, "s. 11(d) of the Charter", on, Verified, "Canadian Charter of Rights and Freedoms", "s. 11(d)", "", ""},
		{court.Canada, "Criminal Code, s. 380(1)(a)", on, Verified, "Criminal Code, R.S.C. 1985, c. C-46", "s. 380", "(1)(a)", ""},
		{court.India, "Art. 74 CISG", on, Verified, "UN Convention on Contracts for the International Sale of Goods (1980)", "Art. 74", "", ""},
		{court.India, "Art. 14(3)(d) ICCPR", on, Verified, "International Covenant on Civil and Political Rights (1966)", "Art. 14", "(3)(d)", ""},

		// A section the act does not have.
		{court.India, "NI Act s.999", on, UnknownSection, "Negotiable Instruments Act, 1881", "999", "", ""},
		{court.India, "Section 2(12) of the Consumer Protection Act, 2019", on, UnknownSection, "Consumer Protection Act, 2019", "2(12)", "", ""},
		{court.India, "the Indian Contract Act", on, UnknownSection, "Indian Contract Act, 1872", "", "", ""},

		// Repealed, or not yet in force.
		{court.India, "IPC s.420", on, NotInForce, "Indian Penal Code, 1860", "s. 420", "", "s. 318"},
		{court.India, "ss. 415 and 420 IPC", on, NotInForce, "Indian Penal Code, 1860", "s. 415", "", "s. 318"},
		{court.India, "Section 323 IPC", on, NotInForce, "Indian Penal Code, 1860", "s. 323", "", "s. 115"},
		{court.India, "BNS s. 318", day(2024, 6, 15), NotInForce, "Bharatiya Nyaya Sanhita, 2023", "s. 318", "", "s. 415, s. 417, s. 418, s. 420"},
		{court.India, "Section 65B of the Evidence Act", on, NotInForce, "Indian Evidence Act, 1872", "s. 65B", "", "s. 63"},
		{court.India, "Section 25F, Industrial Disputes Act, 1947", day(2026, 1, 1), NotInForce, "Industrial Disputes Act, 1947", "s. 25F", "", ""},
		{court.India, "Payment of Gratuity Act, s. 4", day(2026, 1, 1), NotInForce, "Payment of Gratuity Act, 1972", "s. 4", "", "s. 53"},
		{court.India, "Income Tax Act s. 279", on, NotInForce, "Income-tax Act, 2025", "s. 279", "", "s. 147"},
		{court.India, "Income-tax Act, 1961, s. 147", day(2026, 6, 1), NotInForce, "Income-tax Act, 1961", "s. 147", "", "s. 279"},
		{court.India, "DPDP Act s. 8", day(2026, 6, 1), NotInForce, "Digital Personal Data Protection Act, 2023", "s. 8", "", "s. 43A, r. 8"},
		{court.India, "IT Act s. 43A", day(2027, 6, 1), NotInForce, "Information Technology Act, 2000", "s. 43A", "", "s. 8"},
		{court.UK, "Theft Act 1968, s. 15", on, NotInForce, "Theft Act 1968", "s. 15", "", "s. 1"},
		{court.UK, "Housing Act 1988, s 21", day(2026, 6, 1), NotInForce, "Housing Act 1988", "s. 21", "", ""},
		{court.UK, "Housing Act 1988, s 21", day(2026, 4, 30), Verified, "Housing Act 1988", "s. 21", "", ""},

		// The right version of a section that changed.
		{court.UK, "Matrimonial Causes Act 1973 s 1", day(2021, 1, 1), Verified, "Matrimonial Causes Act 1973", "s. 1", "", ""},
		{court.India, "Specific Relief Act, s. 10", day(2017, 5, 1), Verified, "Specific Relief Act, 1963", "s. 10", "", ""},

		// Acts the table does not hold.
		{court.India, "Section 10 of the Indian Partnership Act, 1932", on, OutsideTable, "Indian Partnership Act, 1932", "10", "", ""},
		{court.India, "RERA s. 18", on, OutsideTable, "RERA", "18", "", ""},
		{court.India, "Section 2(1)(d) of the Consumer Protection Act, 1986", on, OutsideTable, "Consumer Protection Act, 1986", "2(1)(d)", "", ""},
		{court.UK, "Data Protection Act 2018, s. 170", on, OutsideTable, "Data Protection Act 2018", "170", "", ""},
		{court.UK, "IPC 420", on, OutsideTable, "Indian Penal Code, 1860", "420", "", ""},

		// No act at all.
		{court.India, "the Act", on, Unreadable, "", "", "", ""},
		{court.India, "principles of natural justice", on, Unreadable, "", "", "", ""},
		{court.India, "", on, Unreadable, "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			c := Check(tt.j, tt.text, tt.on)
			var instead []string
			for _, p := range c.Instead {
				instead = append(instead, p.Section)
			}
			if c.Status != tt.status || c.Act != tt.act || c.Section != tt.section || c.Sub != tt.sub || strings.Join(instead, ", ") != tt.instead {
				t.Errorf("Check(%s, %q, %s) = %s / act %q / section %q / sub %q / instead %q\nwant %s / %q / %q / %q / %q",
					tt.j, tt.text, tt.on.Format(time.DateOnly), c.Status, c.Act, c.Section, c.Sub, instead, tt.status, tt.act, tt.section, tt.sub, tt.instead)
			}
			if (c.Status == Verified || c.Status == NotInForce) && (c.Provision.Act != c.Act || c.Title == "") {
				t.Errorf("Check(%q): provision %+v", tt.text, c.Provision)
			}
		})
	}
}

func TestCitationString(t *testing.T) {
	t.Parallel()
	c := Check(court.India, "IPC s.420", day(2025, 1, 1))
	want := "not in force: Indian Penal Code, 1860, s. 420 — cheating and dishonestly inducing delivery of property; instead: Bharatiya Nyaya Sanhita, 2023, s. 318 — cheating (formerly IPC ss. 415, 417, 418 and 420)"
	if got := c.String(); got != want {
		t.Errorf("String() = %q\nwant %q", got, want)
	}
	for _, s := range []Status{Unreadable, Verified, UnknownSection, NotInForce, OutsideTable, 99} {
		if s.String() == "" {
			t.Errorf("Status(%d) has no name", s)
		}
	}
}

func TestCheckAllocations(t *testing.T) {
	on := day(2025, 1, 1)
	for _, text := range []string{"Section 138, Negotiable Instruments Act, 1881", "Employment Rights Act 1996, s 98", "NI Act s.999", "Section 10 of the Indian Partnership Act, 1932"} {
		if n := testing.AllocsPerRun(100, func() { Check(court.India, text, on) }); n != 0 {
			t.Errorf("Check(%q) allocates %v times", text, n)
		}
	}
}

// FuzzCheck feeds Check untrusted text: it must not panic, and what it
// reports must hold together.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"Section 138, Negotiable Instruments Act, 1881", "NI Act s.138", "s. 73 of the Indian Contract Act",
		"Employment Rights Act 1996, s 98", "BNS s.318", "IPC 420", "O. XXXIX rr. 1–2 CPC", "§§ 2-314–2-315 UCC",
		"Art. 14(1)(a)(b)(c)(d)(e)(f)(g)(h)", "amend. XIV, § 1", "Sch. 1, Pt. II, Art. 1 HRA", "s.((((", "§", "1–",
		"Section 2(1)(d) of the Consumer Protection Act, 1986", "RERA s. 18", "\xc2", "\xe2\x80", "99999999999999999999 IPC",
	} {
		f.Add(s, int64(0))
	}
	f.Fuzz(func(t *testing.T, text string, days int64) {
		on := day(2025, 1, 1).AddDate(0, 0, int(days%40000))
		j := court.Jurisdictions[int(uint64(days)%uint64(len(court.Jurisdictions)))]
		c := Check(j, text, on)
		switch c.Status {
		case Verified:
			if !c.Provision.InForce(on) || c.Provision.Act != c.Act || c.Section != c.Provision.Section {
				t.Fatalf("verified but %+v", c)
			}
		case NotInForce:
			if c.Provision.InForce(on) {
				t.Fatalf("not in force but %+v", c)
			}
			for _, p := range c.Instead {
				if !p.InForce(on) {
					t.Fatalf("instead %s is not in force either", p)
				}
			}
		case UnknownSection, OutsideTable:
			if c.Act == "" {
				t.Fatalf("%s without an act: %+v", c.Status, c)
			}
		case Unreadable:
			if c.Act != "" || c.Section != "" {
				t.Fatalf("unreadable with %+v", c)
			}
		default:
			t.Fatalf("status %d", c.Status)
		}
		if utf8.ValidString(text) && (!utf8.ValidString(c.Act) || !utf8.ValidString(c.Section) || !utf8.ValidString(c.Sub)) {
			t.Fatalf("invalid UTF-8 out of valid input: %+v", c)
		}
		if c.Status == Verified || c.Status == NotInForce || c.Status == UnknownSection {
			if c.Act != c.Provision.Act && c.Provision.Act != "" {
				t.Fatalf("act %q but provision %q", c.Act, c.Provision.Act)
			}
		}
	})
}

func BenchmarkCheck(b *testing.B) {
	on := day(2025, 1, 1)
	texts := []struct {
		j    court.Jurisdiction
		text string
	}{
		{court.India, "Section 138, Negotiable Instruments Act, 1881"},
		{court.India, "s. 73 of the Indian Contract Act"},
		{court.UK, "Employment Rights Act 1996, s 98"},
		{court.India, "IPC 420"},
		{court.India, "NI Act s.999"},
		{court.India, "Section 10 of the Indian Partnership Act, 1932"},
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		t := texts[i%len(texts)]
		Check(t.j, t.text, on)
	}
}
