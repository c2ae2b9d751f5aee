package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/law"
)

// TestLabelledSetProvisions: every provision a labelled case requires or
// forbids is a row of the statute table of the case's jurisdiction, so a
// case cannot expect law the table does not hold; every case says where
// it comes from, and each jurisdiction has cases.
func TestLabelledSetProvisions(t *testing.T) {
	t.Parallel()
	paths, _ := filepath.Glob(filepath.Join("..", "..", "eval", "cases", "*.json"))
	if len(paths) < 40 {
		t.Fatalf("%d labelled cases, want at least 40", len(paths))
	}
	juris := map[court.Jurisdiction]int{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var cf struct {
			Jurisdiction court.Jurisdiction `json:"jurisdiction"`
			Source       string             `json:"source"`
			Expect       Expect             `json:"expect"`
		}
		if err := json.Unmarshal(b, &cf); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		juris[cf.Jurisdiction]++
		if cf.Source == "" {
			t.Errorf("%s says nowhere where it comes from", filepath.Base(p))
		}
		for _, want := range cf.Expect.Required {
			if c := law.Check(cf.Jurisdiction, want, time.Now()); c.Status != law.Verified {
				t.Errorf("%s requires %q, which the %s statute table reads as %s", filepath.Base(p), want, cf.Jurisdiction, c.Status)
			}
		}
		// A forbidden provision may be repealed law, which the table
		// holds as no longer in force.
		for _, want := range cf.Expect.Forbidden {
			if c := law.Check(cf.Jurisdiction, want, time.Now()); c.Status != law.Verified && c.Status != law.NotInForce {
				t.Errorf("%s forbids %q, which the %s statute table reads as %s", filepath.Base(p), want, cf.Jurisdiction, c.Status)
			}
		}
	}
	for _, j := range []court.Jurisdiction{court.India, court.USA, court.UK, court.Canada, court.Australia, court.International} {
		if juris[j] < 5 {
			t.Errorf("%d labelled cases of %s, want at least 5", juris[j], j)
		}
	}
}
