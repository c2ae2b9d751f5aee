package law

import (
	"strings"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

func TestTableBuilt(t *testing.T) {
	t.Parallel()
	for _, e := range buildErrors {
		t.Error(e)
	}
	if len(rows) < 300 {
		t.Errorf("the table has %d rows", len(rows))
	}
}

// Every row names its act, section, title, jurisdiction, scope, first day
// and source; its days are real and in order.
func TestEveryRowComplete(t *testing.T) {
	t.Parallel()
	known := map[court.Jurisdiction]bool{}
	for _, j := range court.Jurisdictions {
		known[j] = true
	}
	for _, p := range All() {
		switch {
		case p.Act == "", p.Section == "", p.Title == "", p.Scope == "", p.Source == "":
			t.Errorf("incomplete row: %+v", p)
		case !known[p.Jurisdiction]:
			t.Errorf("%s: unknown jurisdiction %q", p, p.Jurisdiction)
		case p.From.IsZero():
			t.Errorf("%s: no start date", p)
		case !p.From.valid():
			t.Errorf("%s: start date %d is not a day", p, p.From)
		case !p.Until.IsZero() && !p.Until.valid():
			t.Errorf("%s: end date %d is not a day", p, p.Until)
		case !p.Until.IsZero() && p.Until < p.From:
			t.Errorf("%s: ends %s before it begins %s", p, p.Until, p.From)
		}
		if strings.TrimSpace(p.Title) != p.Title || (strings.HasSuffix(p.Title, ".") && !strings.HasSuffix(p.Title, "etc.")) {
			t.Errorf("%s: title %q should be a bare phrase", p, p.Title)
		}
	}
}

// No section appears twice unless as successive versions that do not
// overlap, and each later version names the one it replaced.
func TestNoDuplicates(t *testing.T) {
	t.Parallel()
	seen := map[string][]Provision{}
	for _, p := range All() {
		k := p.Act + "\x00" + p.Section
		for _, q := range seen[k] {
			if q.Until.IsZero() || q.Until >= p.From {
				t.Errorf("duplicate or overlapping rows: %s (%s–%s) and (%s–%s)", p, q.From, q.Until, p.From, p.Until)
			}
			if !contains(p.Replaces(), q) {
				t.Errorf("%s (from %s) does not name the version it replaced", p, p.From)
			}
		}
		seen[k] = append(seen[k], p)
	}
}

// Replacements point to rows that exist, run forward in time, and take
// over the day after the old law ends.
func TestReplacements(t *testing.T) {
	t.Parallel()
	for _, p := range All() {
		for _, old := range p.Replaces() {
			if old.Until.IsZero() {
				t.Errorf("%s replaces %s, which has no end date", p, old)
				continue
			}
			if old.Until.next() != p.From {
				t.Errorf("%s begins %s but %s ends %s", p, p.From, old, old.Until)
			}
			if !contains(old.ReplacedBy(), p) {
				t.Errorf("%s does not name %s as its replacement", old, p)
			}
			if old.Jurisdiction != p.Jurisdiction {
				t.Errorf("%s and %s are in different tables", old, p)
			}
		}
	}
}

func contains(ps []Provision, p Provision) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// The corrections of the issue, row by row.
func TestKnownCorrections(t *testing.T) {
	t.Parallel()
	row := func(act, section string, on time.Time) Provision {
		t.Helper()
		for _, p := range All() {
			if p.Act == act && p.Section == section && p.InForce(on) {
				return p
			}
		}
		t.Fatalf("no row %s %s in force on %s", act, section, on.Format(time.DateOnly))
		return Provision{}
	}
	sections := func(ps []Provision) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Section)
		}
		return strings.Join(out, ", ")
	}
	later := day(2025, 1, 1)
	if got := sections(row("Bharatiya Nyaya Sanhita, 2023", "s. 115", later).Replaces()); got != "s. 321, s. 323" {
		t.Errorf("BNS s. 115 replaces %s, want IPC ss. 321 and 323", got)
	}
	if got := sections(row("Bharatiya Nyaya Sanhita, 2023", "s. 114", later).Replaces()); got != "s. 319" {
		t.Errorf("BNS s. 114 replaces %s, want IPC s. 319", got)
	}
	if got := sections(row("Bharatiya Nyaya Sanhita, 2023", "s. 318", later).Replaces()); got != "s. 415, s. 417, s. 418, s. 420" {
		t.Errorf("BNS s. 318 replaces %s", got)
	}
	if got := sections(row("Bharatiya Sakshya Adhiniyam, 2023", "s. 104", later).Replaces()); got != "s. 101" {
		t.Errorf("BSA s. 104 replaces %s", got)
	}
	if got := sections(row("Bharatiya Sakshya Adhiniyam, 2023", "s. 63", later).Replaces()); got != "s. 65B" {
		t.Errorf("BSA s. 63 replaces %s", got)
	}
	for _, act := range []string{"Bharatiya Nyaya Sanhita, 2023", "Bharatiya Nagarik Suraksha Sanhita, 2023", "Bharatiya Sakshya Adhiniyam, 2023"} {
		for _, p := range All() {
			if p.Act == act && p.From != Day(2024, time.July, 1) {
				t.Errorf("%s begins %s, want 2024-07-01", p, p.From)
			}
		}
	}
	for _, act := range []string{"Indian Penal Code, 1860", "Code of Criminal Procedure, 1973", "Indian Evidence Act, 1872"} {
		for _, p := range All() {
			if p.Act == act && p.Until != Day(2024, time.June, 30) {
				t.Errorf("%s ends %s, want 2024-06-30", p, p.Until)
			}
		}
	}
	if p := row("Criminal Code Act 1995 (Cth), Sch. (Criminal Code)", "s. 134.1", later); !strings.Contains(p.Scope, "Commonwealth entity") {
		t.Errorf("Criminal Code (Cth) s. 134.1 scope %q", p.Scope)
	}
	if p := row("Industrial Disputes Act, 1947", "s. 25F", day(2025, 1, 1)); p.Until != Day(2025, time.November, 20) {
		t.Errorf("IDA s. 25F ends %s", p.Until)
	}
	if p := row("Payment of Gratuity Act, 1972", "s. 4", day(2025, 1, 1)); len(p.ReplacedBy()) != 1 || p.ReplacedBy()[0].Act != "Code on Social Security, 2020" {
		t.Errorf("PGA s. 4 replaced by %v", p.ReplacedBy())
	}
	if p := row("Income-tax Act, 1961", "s. 147", day(2025, 1, 1)); p.Until != Day(2026, time.March, 31) {
		t.Errorf("Income-tax Act, 1961 ends %s", p.Until)
	}
	if p := row("Information Technology Act, 2000", "s. 43A", day(2025, 1, 1)); p.Until.IsZero() || len(p.ReplacedBy()) == 0 {
		t.Errorf("IT Act s. 43A: until %s, replaced by %v", p.Until, p.ReplacedBy())
	}
	for _, p := range All() {
		if p.Jurisdiction == court.UK && (p.Act == "Theft Act 1968" || p.Act == "Matrimonial Causes Act 1973" || p.Act == "Landlord and Tenant Act 1985" || p.Act == "Children Act 1989") && p.Scope != "England and Wales" {
			t.Errorf("%s scope %q", p, p.Scope)
		}
	}
}

// Every act of the table can be found by Check under its own name and its
// aliases, for every one of its rows.
func TestEveryRowChecks(t *testing.T) {
	t.Parallel()
	for _, p := range All() {
		on := p.From.Time().AddDate(0, 0, 1)
		if !p.InForce(on) {
			on = p.From.Time()
		}
		for _, text := range []string{p.Act + ", " + p.Section, p.Section + " of the " + p.Act, p.String()} {
			c := Check(p.Jurisdiction, text, on)
			if c.Status != Verified || c.Provision != p {
				t.Errorf("Check(%q, %s) = %v, want verified %s", text, on.Format(time.DateOnly), c, p)
			}
		}
	}
}
