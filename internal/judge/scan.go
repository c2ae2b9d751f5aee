package judge

import (
	"hash/maphash"
	"sync"

	"github.com/aijudge/aijudge/internal/court"
)

// maxScanCache bounds the memo of scan results. At about 100 bytes an
// entry it stays near a megabyte.
const maxScanCache = 10_000

// scanCache remembers injection-scan results by source and text. A case's
// filings are scanned again for every argument and for the final verdict,
// and scanning long documents dominates the time the judge spends outside
// the LLM call, so each text is scanned once per process.
type scanCache struct {
	scan func(source, text string) []court.Flag
	mu   sync.Mutex
	seed maphash.Seed
	m    map[scanKey][]court.Flag
}

// scanKey is a 64-bit hash with a random per-process seed, plus the
// length; nobody can aim a collision at it.
type scanKey struct {
	h uint64
	n int
}

func newScanCache(scan func(source, text string) []court.Flag) *scanCache {
	return &scanCache{scan: scan, seed: maphash.MakeSeed(), m: map[scanKey][]court.Flag{}}
}

func (c *scanCache) Scan(source, text string) []court.Flag {
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString(source)
	h.WriteByte(0)
	h.WriteString(text)
	k := scanKey{h.Sum64(), len(source) + len(text)}
	c.mu.Lock()
	flags, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return flags
	}
	flags = c.scan(source, text)
	c.mu.Lock()
	if len(c.m) >= maxScanCache {
		clear(c.m) // crude, but bounded; a miss only costs a rescan
	}
	c.m[k] = flags
	c.mu.Unlock()
	return flags
}
