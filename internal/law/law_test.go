package law

import (
	"strings"
	"testing"

	"github.com/aijudge/aijudge/internal/court"
)

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
			}
		}
	}
}

func TestIndia(t *testing.T) {
	t.Parallel()
	tests := []struct {
		typ  court.CaseType
		want []string
	}{
		{court.Consumer, []string{"Consumer Protection Act, 2019, s. 35 — complaints before the District Commission", "Consumer Protection Act, 2019, s. 2(11)", "s. 2(47)", "s. 39"}},
		{court.Contract, []string{"Indian Contract Act, 1872, s. 10", "Indian Contract Act, 1872, s. 73", "Indian Contract Act, 1872, s. 74", "Specific Relief Act, 1963, s. 10"}},
		{court.Criminal, []string{"Negotiable Instruments Act, 1881, s. 138", "Bharatiya Nyaya Sanhita, 2023, s. 318 — cheating (formerly IPC ss. 415 and 420)", "s. 316", "s. 303", "s. 115"}},
		{court.Cyber, []string{"Information Technology Act, 2000, s. 66C", "s. 66D", "s. 43 "}},
		{court.Property, []string{"Transfer of Property Act, 1882, s. 105", "s. 106"}},
		{court.Constitutional, []string{"Art. 14", "Art. 19", "Art. 21", "Art. 32", "Art. 226"}},
		{court.Labour, []string{"Industrial Disputes Act, 1947, s. 25F"}},
		{court.Family, []string{"Hindu Marriage Act, 1955, s. 13 "}},
		{court.Civil, []string{"Code of Civil Procedure, 1908, s. 9", "O. XXXIX rr. 1–2"}},
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
		})
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
}

func TestString(t *testing.T) {
	t.Parallel()
	p := Provision{"Consumer Protection Act, 2019", "s. 35", "complaints before the District Commission"}
	if got, want := p.String(), "Consumer Protection Act, 2019, s. 35 — complaints before the District Commission"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := (Provision{Act: "Universal Declaration of Human Rights (1948)"}).String(); got != "Universal Declaration of Human Rights (1948)" {
		t.Errorf("String() without section = %q", got)
	}
}
