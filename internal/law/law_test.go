package law

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }

func TestEveryJurisdictionAndTypeHasProvisions(t *testing.T) {
	t.Parallel()
	for _, j := range court.Jurisdictions {
		for _, ct := range court.CaseTypes {
			ps := Provisions(j, ct)
			if len(ps) == 0 {
				t.Errorf("Provisions(%s, %s) is empty", j, ct)
			}
			for _, p := range ps {
				if p.Act == "" || p.Title == "" {
					t.Errorf("Provisions(%s, %s) has an incomplete row %+v", j, ct, p)
				}
				if !p.InForce(time.Now()) {
					t.Errorf("Provisions(%s, %s) lists %s, not in force today", j, ct, p)
				}
			}
		}
	}
}

// Commercial and tort cases have their own first look where the table
// holds one, not the general civil list.
func TestCommercialAndTortHaveTheirOwn(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		j    court.Jurisdiction
		t    court.CaseType
		want string
	}{
		{court.India, court.Commercial, "Commercial Courts Act, 2015, s. 12A"},
		{court.India, court.Tort, "Motor Vehicles Act, 1988, s. 166"},
		{court.UK, court.Tort, "Occupiers' Liability Act 1957, s. 2"},
		{court.USA, court.Tort, "28 U.S.C. § 2674"},
		{court.Australia, court.Tort, "Civil Liability Act 2002 (NSW), s. 5B"},
		{court.International, court.Tort, "Regulation (EC) No 864/2007 (Rome II), Art. 4"},
		{court.International, court.Commercial, "UN Convention on Contracts for the International Sale of Goods (1980), Art. 74"},
	} {
		got := Strings(Provisions(tc.j, tc.t))
		if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, tc.want+" — ") }) {
			t.Errorf("Provisions(%s, %s) = %q, want it to hold %q", tc.j, tc.t, got, tc.want)
		}
	}
}

func TestIndia(t *testing.T) {
	t.Parallel()
	tests := []struct {
		typ  court.CaseType
		want []string
	}{
		{court.Consumer, []string{"Consumer Protection Act, 2019, s. 35 — complaints before the District Commission", "Consumer Protection Act, 2019, s. 2(11)", "s. 2(47)", "s. 39", "s. 2(7)", "s. 69"}},
		{court.Contract, []string{"Indian Contract Act, 1872, s. 10", "Indian Contract Act, 1872, s. 73", "Indian Contract Act, 1872, s. 74", "Specific Relief Act, 1963, s. 10"}},
		{court.Criminal, []string{"Negotiable Instruments Act, 1881, s. 138", "Bharatiya Nyaya Sanhita, 2023, s. 318 — cheating (formerly IPC ss. 415, 417, 418 and 420)", "s. 316", "s. 303",
			"Bharatiya Nyaya Sanhita, 2023, s. 115 — voluntarily causing hurt (formerly IPC ss. 321 and 323)", "Bharatiya Nagarik Suraksha Sanhita, 2023, s. 173"}},
		{court.Cyber, []string{"Information Technology Act, 2000, s. 66C", "s. 66D", "s. 43 ", "Bharatiya Sakshya Adhiniyam, 2023, s. 63"}},
		{court.Property, []string{"Transfer of Property Act, 1882, s. 105", "s. 106", "s. 108"}},
		{court.Constitutional, []string{"Art. 14", "Art. 19", "Art. 21", "Art. 32", "Art. 226"}},
		{court.Labour, []string{"Industrial Relations Code, 2020, s. 2(zr)", "Code on Social Security, 2020, s. 53", "Code on Wages, 2019, s. 5"}},
		{court.Family, []string{"Hindu Marriage Act, 1955, s. 13 ", "Bharatiya Nagarik Suraksha Sanhita, 2023, s. 144"}},
		{court.Civil, []string{"Code of Civil Procedure, 1908, s. 9", "O. XXXIX rr. 1–2", "Bharatiya Sakshya Adhiniyam, 2023, s. 104"}},
		{court.Tax, []string{"Income-tax Act, 2025, s. 270", "Art. 265"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.typ), func(t *testing.T) {
			t.Parallel()
			all := strings.Join(Strings(Provisions(court.India, tt.typ)), "\n") + "\n"
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("India %s lacks %q; has\n%s", tt.typ, w, all)
				}
			}
			acts := actsOf(Provisions(court.India, tt.typ))
			for _, old := range []string{"Indian Penal Code", "Code of Criminal Procedure, 1973", "Indian Evidence Act", "Industrial Disputes Act", "Payment of Gratuity Act", "Income-tax Act, 1961"} {
				if strings.Contains(acts, old) {
					t.Errorf("India %s today lists repealed law %q:\n%s", tt.typ, old, all)
				}
			}
		})
	}
}

// The brief's two dates: an offence of 15 June 2024 is under the IPC, one
// of 15 July 2024 under the BNS; evidence and procedure follow the date of
// the proceedings.
func TestProvisionsOnChoosesByDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name              string
		typ               court.CaseType
		facts, proceeding time.Time
		want, notWant     []string
	}{
		{"offence before BNS", court.Criminal, day(2024, 6, 15), day(2024, 6, 20),
			[]string{"Indian Penal Code, 1860, s. 420", "Code of Criminal Procedure, 1973, s. 154"},
			[]string{"Bharatiya Nyaya Sanhita", "Bharatiya Nagarik"}},
		{"offence after BNS", court.Criminal, day(2024, 7, 15), day(2024, 8, 1),
			[]string{"Bharatiya Nyaya Sanhita, 2023, s. 318", "Bharatiya Nagarik Suraksha Sanhita, 2023, s. 173"},
			[]string{"Indian Penal Code", "Code of Criminal Procedure"}},
		{"IPC offence tried under BNSS", court.Criminal, day(2024, 6, 15), day(2025, 1, 10),
			[]string{"Indian Penal Code, 1860, s. 420", "Bharatiya Nagarik Suraksha Sanhita, 2023, s. 173"},
			[]string{"Bharatiya Nyaya Sanhita", "Code of Criminal Procedure"}},
		{"civil evidence before BSA", court.Civil, day(2023, 1, 1), day(2024, 6, 1),
			[]string{"Indian Evidence Act, 1872, s. 101"}, []string{"Bharatiya Sakshya"}},
		{"civil evidence after BSA", court.Civil, day(2023, 1, 1), day(2024, 7, 1),
			[]string{"Bharatiya Sakshya Adhiniyam, 2023, s. 104"}, []string{"Indian Evidence Act"}},
		{"electronic record before BSA", court.Cyber, day(2022, 1, 1), day(2024, 6, 30),
			[]string{"Indian Evidence Act, 1872, s. 65B"}, []string{"Bharatiya Sakshya"}},
		{"dismissal before labour codes", court.Labour, day(2025, 11, 20), day(2026, 1, 1),
			[]string{"Industrial Disputes Act, 1947, s. 25F", "Payment of Gratuity Act, 1972, s. 4"}, []string{"Industrial Relations Code", "Code on Social Security"}},
		{"dismissal under labour codes", court.Labour, day(2025, 11, 21), day(2026, 1, 1),
			[]string{"Industrial Relations Code, 2020, s. 2(zr)", "Code on Social Security, 2020, s. 53"}, []string{"Industrial Disputes Act", "Payment of Gratuity"}},
		{"tax year under the 1961 Act", court.Tax, day(2025, 6, 1), day(2026, 6, 1),
			[]string{"Income-tax Act, 1961, s. 147"}, []string{"Income-tax Act, 2025"}},
		{"data breach after DPDP commencement", court.Cyber, day(2027, 6, 1), day(2027, 7, 1),
			[]string{"Digital Personal Data Protection Act, 2023, s. 8"}, []string{"s. 43A", "Rules, 2011"}},
		{"data breach before DPDP commencement", court.Cyber, day(2026, 6, 1), day(2026, 7, 1),
			[]string{"Information Technology Act, 2000, s. 43A", "Rules, 2011, r. 8"}, []string{"Digital Personal Data Protection"}},
		{"specific performance before 2018", court.Contract, day(2017, 1, 1), day(2017, 1, 1),
			[]string{"Specific Relief Act, 1963, s. 10 — specific performance of contracts, discretionary"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ps := ProvisionsOn(court.India, tt.typ, tt.facts, tt.proceeding)
			all := strings.Join(Strings(ps), "\n")
			acts := actsOf(ps)
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("lacks %q; has\n%s", w, all)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(acts, w) {
					t.Errorf("has %q; has\n%s", w, all)
				}
			}
		})
	}
}

// actsOf is the act and section of each provision, a line each.
func actsOf(ps []Provision) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Act + ", " + p.Section + "\n")
	}
	return b.String()
}

func TestAt(t *testing.T) {
	t.Parallel()
	find := func(act, section string) Provision {
		for _, p := range All() {
			if p.Act == act && p.Section == section {
				return p
			}
		}
		t.Fatalf("no row %s %s", act, section)
		return Provision{}
	}
	bns318 := find("Bharatiya Nyaya Sanhita, 2023", "s. 318")
	ipc420 := find("Indian Penal Code, 1860", "s. 420")
	tests := []struct {
		name string
		p    Provision
		on   time.Time
		want []string
	}{
		{"BNS cited for a June 2024 offence", bns318, day(2024, 6, 15), []string{"s. 415", "s. 417", "s. 418", "s. 420"}},
		{"BNS for a July 2024 offence", bns318, day(2024, 7, 15), []string{"s. 318"}},
		{"IPC cited for a July 2024 offence", ipc420, day(2024, 7, 15), []string{"s. 318"}},
		{"IPC for a June 2024 offence", ipc420, day(2024, 6, 15), []string{"s. 420"}},
		{"the last day of the IPC", ipc420, day(2024, 6, 30), []string{"s. 420"}},
		{"the first day of the BNS", ipc420, day(2024, 7, 1), []string{"s. 318"}},
		{"evidence by date of proceedings", find("Indian Evidence Act, 1872", "s. 65B"), day(2024, 7, 2), []string{"s. 63"}},
		{"before anything", bns318, day(1800, 1, 1), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, p := range At(tt.p, tt.on) {
				got = append(got, p.Section)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("At(%s, %s) = %v, want %v", tt.p, tt.on.Format(time.DateOnly), got, tt.want)
			}
		})
	}
	if InForce(ipc420, day(2024, 7, 15)) || !InForce(bns318, day(2024, 7, 15)) {
		t.Error("InForce on 15 July 2024: the IPC should be out and the BNS in")
	}
	if !InForce(ipc420, day(2024, 6, 15)) || InForce(bns318, day(2024, 6, 15)) {
		t.Error("InForce on 15 June 2024: the IPC should be in and the BNS not yet")
	}
	// The day is read in the caller's zone: 00:30 on 1 July in India is
	// still 30 June in UTC.
	ist := time.FixedZone("IST", 5*3600+1800)
	if !InForce(bns318, time.Date(2024, 7, 1, 0, 30, 0, 0, ist)) {
		t.Error("00:30 IST on 1 July 2024 is a BNS day")
	}
}

func TestFallbacks(t *testing.T) {
	t.Parallel()
	if got, want := Provisions(court.Canada, court.Property), Provisions(court.Canada, court.Civil); len(got) != len(want) || got[0] != want[0] {
		t.Errorf("Canada property should fall back to civil: %v", got)
	}
	if got := Provisions("MARS", court.Contract); len(got) == 0 || !strings.Contains(got[0].Act, "Sale of Goods") {
		t.Errorf("an unknown jurisdiction should fall back to international: %v", got)
	}
	// The result is the caller's to change.
	ps := Provisions(court.India, court.Consumer)
	ps[0].Act = "changed"
	if Provisions(court.India, court.Consumer)[0].Act == "changed" {
		t.Error("Provisions returned the table's own slice")
	}
	// Fallbacks that would mislead: the Charter binds governments, not
	// contracting parties; the ICCPR is not consumer law; HRA s. 6 is about
	// public authorities.
	for _, p := range Provisions(court.Canada, court.Contract) {
		if strings.Contains(p.Act, "Charter") {
			t.Errorf("Canada contract cites %s", p)
		}
	}
	for _, p := range Provisions(court.International, court.Consumer) {
		if strings.Contains(p.Act, "Civil and Political") {
			t.Errorf("international consumer cites %s", p)
		}
	}
	if p := Provisions(court.UK, court.Civil)[0]; p.Act == "Human Rights Act 1998" {
		t.Errorf("UK civil starts with %s", p)
	}
	for _, typ := range []court.CaseType{court.Criminal, court.Family, court.Property} {
		for _, p := range Provisions(court.UK, typ) {
			if p.Act != "Human Rights Act 1998" && !strings.Contains(p.Scope, "England") {
				t.Errorf("UK %s row %s has scope %q", typ, p, p.Scope)
			}
		}
	}
}

func TestString(t *testing.T) {
	t.Parallel()
	p := Provision{Act: "Consumer Protection Act, 2019", Section: "s. 35", Title: "complaints before the District Commission"}
	if got, want := p.String(), "Consumer Protection Act, 2019, s. 35 — complaints before the District Commission"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := (Provision{Act: "Universal Declaration of Human Rights (1948)"}).String(); got != "Universal Declaration of Human Rights (1948)" {
		t.Errorf("String() without section = %q", got)
	}
}

func TestDate(t *testing.T) {
	t.Parallel()
	d := Day(2024, time.July, 1)
	if d.String() != "2024-07-01" || d.Year() != 2024 || d.Month() != time.July || d.DayOfMonth() != 1 {
		t.Errorf("Day(2024, 7, 1) = %v", d)
	}
	if DateOf(time.Time{}) != 0 || !Date(0).IsZero() || Date(0).String() != "" || !Date(0).Time().IsZero() {
		t.Error("the zero Date")
	}
	if got := DateOf(d.Time()); got != d {
		t.Errorf("DateOf(Time()) = %v", got)
	}
}
