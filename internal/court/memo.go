package court

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"hash"
	"strings"
	"sync"
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
	return s.rulingBy(ctx, s.judge.Info(), stage, c, out, ask)
}

// rulingBy is ruling by the judge that info names, which ask asks.
func (s *Service) rulingBy(ctx context.Context, info JudgeInfo, stage string, c *Case, out Stream,
	ask func(context.Context, *Case, Stream) (*Ruling, error)) (*Ruling, bool, error) {
	key := memoKey(info, stage, c, nil)
	if b, ok := s.cache.Get(ctx, key); ok {
		var r Ruling
		if json.Unmarshal(b, &r) == nil {
			r.Usage = Usage{}
			out.Send(r.Reasoning)
			return &r, true, nil
		}
	}
	v, err := s.once(ctx, key, out, func(ctx context.Context, out Stream) (any, error) {
		r, err := ask(ctx, c, out)
		if err != nil {
			return nil, err
		}
		if b, err := json.Marshal(r); err == nil {
			s.cache.Set(ctx, key, b)
		}
		return r, nil
	})
	if err != nil {
		return nil, false, err
	}
	return v.(*Ruling), false, nil
}

// answer asks the judge about argument a, or reuses a memoised answer.
func (s *Service) answer(ctx context.Context, c *Case, a *Argument, out Stream) (*Answer, error) {
	key := memoKey(s.judge.Info(), "argument", c, a)
	if b, ok := s.cache.Get(ctx, key); ok {
		var ans Answer
		if json.Unmarshal(b, &ans) == nil {
			ans.Usage = Usage{}
			out.Send(ans.Response)
			return &ans, nil
		}
	}
	v, err := s.once(ctx, key, out, func(ctx context.Context, out Stream) (any, error) {
		ans, err := s.judge.Answer(ctx, c, a, out)
		if err != nil {
			return nil, err
		}
		if b, err := json.Marshal(ans); err == nil {
			s.cache.Set(ctx, key, b)
		}
		return ans, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*Answer), nil
}

// calls is the one place identical judge calls are deduplicated, by their
// memo key. The first request starts the call detached from its own
// context (keeping its values: the actor, the trace), bounded by the
// service's judge deadline instead; every request, the first included,
// waits for it only until its own context ends. So a client that gives up
// fails nobody else, and the answer it paid for is still memoised for
// its retry.
type calls struct {
	mu sync.Mutex
	m  map[string]*call
}

// call is one judge call in flight. What the judge writes goes to every
// waiter still watching; a waiter that joins late first gets what was
// written so far.
type call struct {
	done chan struct{}
	val  any
	err  error

	mu       sync.Mutex
	text     strings.Builder
	watchers map[*Stream]Stream
}

func (c *call) send(delta string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.text.WriteString(delta)
	for _, w := range c.watchers {
		w(delta)
	}
}

// watch passes what was written so far to out and then every new delta,
// until the returned function is called.
func (c *call) watch(out Stream) (unwatch func()) {
	if out == nil {
		return func() {}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.text.Len() > 0 {
		out(c.text.String())
	}
	key := &out
	c.watchers[key] = out
	return func() {
		c.mu.Lock()
		delete(c.watchers, key)
		c.mu.Unlock()
	}
}

// once runs fn for key unless a call for key is in flight, and waits for
// its result until ctx ends.
func (s *Service) once(ctx context.Context, key string, out Stream, fn func(context.Context, Stream) (any, error)) (any, error) {
	s.calls.mu.Lock()
	c := s.calls.m[key]
	if c == nil {
		if s.calls.m == nil {
			s.calls.m = map[string]*call{}
		}
		c = &call{done: make(chan struct{}), watchers: map[*Stream]Stream{}}
		s.calls.m[key] = c
		detached, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.deadline)
		s.bg.Go(func() {
			defer cancel()
			go func() {
				select {
				case <-s.stop:
					cancel()
				case <-detached.Done():
				}
			}()
			c.val, c.err = fn(detached, c.send)
			s.calls.mu.Lock()
			delete(s.calls.m, key)
			s.calls.mu.Unlock()
			close(c.done)
		})
	}
	unwatch := c.watch(out)
	s.calls.mu.Unlock()
	defer unwatch()
	select {
	case <-c.done:
		return c.val, c.err
	case <-ctx.Done():
		return nil, Wrap(EUnavailable, ctx.Err(), "The request was cancelled before the judge answered.")
	}
}

// memoKey keys a memoised ruling or answer by the judge that info names,
// the stage, what the parties filed and, past the tentative stage, the
// arguments and the latest judgment.
func memoKey(info JudgeInfo, stage string, c *Case, a *Argument) string {
	h := sha256.New()
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
