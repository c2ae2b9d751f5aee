package ui

import (
	"encoding/json"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/factcheck"
	"github.com/maypok86/otter/v2"
)

// factsCacheSize bounds the documents whose facts are kept in memory.
const factsCacheSize = 2048

// factsCache keeps the facts extracted from each document's text, by the
// document's SHA-256: extraction reads the whole text, and the case page
// that carries the facts is loaded again after every argument.
type factsCache struct {
	c *otter.Cache[string, factcheck.Details]
}

func newFactsCache() *factsCache {
	return &factsCache{c: otter.Must(&otter.Options[string, factcheck.Details]{MaximumSize: factsCacheSize})}
}

// caseFacts returns the facts of the case's documents as the JSON the
// fact-check endpoint takes, or "" when no document has text.
func (f *factsCache) caseFacts(c *court.Case) string {
	var all factcheck.Details
	found := false
	for _, side := range []court.SideID{court.SideA, court.SideB} {
		for _, d := range c.Side(side).Documents {
			if d.Text == "" {
				continue
			}
			facts, ok := f.c.GetIfPresent(d.SHA256)
			if !ok {
				facts = factcheck.ExtractDetails(d.Text)
				f.c.Set(d.SHA256, facts)
			}
			all.Merge(facts)
			found = true
		}
	}
	if !found {
		return ""
	}
	b, err := json.Marshal(all.Facts())
	if err != nil {
		return ""
	}
	return string(b)
}
