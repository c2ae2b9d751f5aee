package law

import (
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// Checker is the court's citation check (court.Checker) on this table:
// every engine's legal basis goes through it.
type Checker struct{}

var _ court.Checker = Checker{}

// Check resolves each legal-basis entry. Substantive law is read as it
// stood on facts (the day of the events; zero means proceedings);
// procedure and evidence, as they stand on proceedings (the filing).
func (Checker) Check(j court.Jurisdiction, legalBasis []string, facts, proceedings time.Time) []court.Citation {
	if facts.IsZero() {
		facts = proceedings
	}
	out := make([]court.Citation, 0, len(legalBasis))
	for _, text := range legalBasis {
		c := Check(j, text, facts)
		if c.Provision.Procedural && !facts.Equal(proceedings) {
			c = Check(j, text, proceedings)
		}
		out = append(out, courtCitation(text, c))
	}
	return out
}

func courtCitation(text string, c Citation) court.Citation {
	out := court.Citation{Text: text, Act: c.Act, Section: c.Section, Title: c.Title}
	switch c.Status {
	case Verified:
		out.Status = court.CitationVerified
	case UnknownSection:
		out.Status = court.CitationUnknownSection
	case NotInForce:
		out.Status = court.CitationNotInForce
		names := make([]string, len(c.Instead))
		for i, p := range c.Instead {
			names[i] = p.String()
		}
		out.Instead = strings.Join(names, "; ")
	case OutsideTable:
		out.Status = court.CitationOutsideTable
	default:
		out.Status = court.CitationUnreadable
	}
	if out.Title == "" && c.Provision.Title != "" {
		out.Title = c.Provision.Title
	}
	return out
}
