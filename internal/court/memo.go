package court

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"hash"
)

// The judge's answers are memoised by a content key: the SHA-256 of a
// canonical encoding of everything the judge reads (the case content, the
// arguments so far, the latest judgment, the new argument) together with
// the judge's provider, model and prompt version. The same inputs to the
// same judge cost no second call, whichever case they come from.

// ruling asks judge stage for a ruling on c, or reuses a memoised one. It
// reports whether the ruling was memoised.
func (s *Service) ruling(ctx context.Context, stage string, c *Case, out Stream,
	ask func(context.Context, *Case, Stream) (*Ruling, error)) (*Ruling, bool, error) {
	key := s.memoKey(stage, c, nil)
	if b, ok := s.cache.Get(ctx, key); ok {
		var r Ruling
		if json.Unmarshal(b, &r) == nil {
			r.Usage = Usage{}
			out.Send(r.Reasoning)
			return &r, true, nil
		}
	}
	v, err, _ := s.flight.Do(key, func() (any, error) { return ask(ctx, c, out) })
	if err != nil {
		return nil, false, err
	}
	r := v.(*Ruling)
	if b, err := json.Marshal(r); err == nil {
		s.cache.Set(ctx, key, b)
	}
	return r, false, nil
}

// answer asks the judge about argument a, or reuses a memoised answer.
func (s *Service) answer(ctx context.Context, c *Case, a *Argument, out Stream) (*Answer, error) {
	key := s.memoKey("argument", c, a)
	if b, ok := s.cache.Get(ctx, key); ok {
		var ans Answer
		if json.Unmarshal(b, &ans) == nil {
			ans.Usage = Usage{}
			out.Send(ans.Response)
			return &ans, nil
		}
	}
	v, err, _ := s.flight.Do(key, func() (any, error) { return s.judge.Answer(ctx, c, a, out) })
	if err != nil {
		return nil, err
	}
	ans := v.(*Answer)
	if b, err := json.Marshal(ans); err == nil {
		s.cache.Set(ctx, key, b)
	}
	return ans, nil
}

func (s *Service) memoKey(stage string, c *Case, a *Argument) string {
	h := sha256.New()
	info := s.judge.Info()
	put(h, "aijudge-memo-v1", stage, info.Provider, info.Model, info.PromptVersion)
	sum := ContentHash(c)
	h.Write(sum[:])
	if stage != "tentative" {
		for i := range c.Arguments {
			put(h, string(c.Arguments[i].Side), c.Arguments[i].Text)
		}
		if j := c.Latest(); j != nil {
			put(h, string(j.Kind), j.Verdict, j.Reasoning)
		}
	}
	if a != nil {
		put(h, string(a.Side), a.Text)
	}
	return "memo:" + hex.EncodeToString(h.Sum(nil))
}

// ContentHash is the SHA-256 of a canonical encoding of what the parties
// filed: case type, jurisdiction, and for each side the summary, the
// evidence points and each document's name, digest and text. Each field is
// length-prefixed, so no two different cases encode alike.
func ContentHash(c *Case) [32]byte {
	h := sha256.New()
	put(h, "aijudge-case-v1", string(c.Type), string(c.Jurisdiction))
	for _, side := range []*Side{&c.A, &c.B} {
		put(h, side.Summary)
		putLen(h, len(side.Evidence))
		put(h, side.Evidence...)
		putLen(h, len(side.Documents))
		for i := range side.Documents {
			d := &side.Documents[i]
			put(h, d.Name, d.SHA256, d.Text)
		}
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

func put(h hash.Hash, fields ...string) {
	for _, f := range fields {
		putLen(h, len(f))
		h.Write([]byte(f))
	}
}

func putLen(h hash.Hash, n int) {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(n))
	h.Write(b[:])
}
