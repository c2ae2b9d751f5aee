package judge

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"hash/maphash"
	"log/slog"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/llm"
)

// maxEcho bounds how much of an invalid answer the repair call shows the
// model again.
const maxEcho = 12_000

// LLM is a court.Judge backed by a language model. It is safe for
// concurrent use; each call builds its prompts afresh.
type LLM struct {
	p         *llm.Resilient
	info      court.JudgeInfo
	temp      *float64
	maxTokens int
	log       *slog.Logger
	now       func() time.Time

	// secret keys the data-block boundary; see seal.
	secret []byte
	seeds  [2]maphash.Seed
	// Replaceable by tests.
	boundary func() string
	scan     func(source, text string) []court.Flag
}

var _ court.Judge = (*LLM)(nil)

// New returns a judge that asks p, which already bounds, retries and
// prices its calls (see FromSettings). Only the model, temperature and
// output limit of s are used here. A nil log discards.
func New(p *llm.Resilient, s Settings, log *slog.Logger) *LLM {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s = s.withDefaults()
	model := s.Model
	if chain := s.chain(); len(chain) > 0 {
		model = chain[0]
	}
	now := s.Now
	if now == nil {
		now = time.Now
	}
	return &LLM{
		p:         p,
		info:      court.JudgeInfo{Provider: p.ProviderName(), Model: model, PromptVersion: PromptVersion},
		temp:      s.temperature(),
		maxTokens: s.MaxOutputTokens,
		log:       log.With("provider", p.ProviderName()),
		now:       now,
		secret:    []byte(rand.Text()),
		seeds:     [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()},
		boundary:  newBoundary,
		scan:      newScanCache(defaultScan).Scan,
	}
}

// Info implements court.Judge.
func (j *LLM) Info() court.JudgeInfo { return j.info }

func (j *LLM) prompter() *prompter {
	return &prompter{boundary: j.boundary(), scan: j.scan, now: j.now()}
}

// Tentative implements court.Judge.
func (j *LLM) Tentative(ctx context.Context, c *court.Case, out court.Stream) (*court.Ruling, error) {
	p := j.prompter()
	d := p.base(stageTentative, c)
	d.Flags, d.size = p.flags, p.size
	return j.ruling(ctx, c, d, p.record(), out)
}

// Final implements court.Judge.
func (j *LLM) Final(ctx context.Context, c *court.Case, out court.Stream) (*court.Ruling, error) {
	p := j.prompter()
	d := p.base(stageFinal, c)
	d.Latest = c.Latest()
	d.History = c.Judgments
	d.Prior = p.prior(c)
	d.Flags, d.size = p.flags, p.size
	return j.ruling(ctx, c, d, p.record(), out)
}

// Answer implements court.Judge. Its flags are those of the new argument;
// the case's own were reported with the tentative judgment.
func (j *LLM) Answer(ctx context.Context, c *court.Case, a *court.Argument, out court.Stream) (*court.Answer, error) {
	if c.Latest() == nil {
		return nil, court.Errorf(court.EConflict, "The case has no judgment to argue against yet.")
	}
	p := j.prompter()
	d := p.base(stageArgument, c)
	d.Latest = c.Latest()
	d.Prior = p.prior(c)
	before := len(p.flags)
	arg := p.argument(len(c.Arguments)+1, a)
	d.Argument = &arg
	d.Flags, d.size = p.flags, p.size
	var res *court.Answer
	usage, err := j.run(ctx, d, argumentSchemaFor, "response", out, func(text string) (string, error) {
		v, err := parseAnswer(text)
		if err == nil {
			res = v
			return v.Response, nil
		}
		return "", err
	})
	if err != nil {
		return nil, err
	}
	res.Flags = append([]court.Flag(nil), p.flags[before:]...)
	res.Judge, res.Usage = usage.judge, usage.usage
	return res, nil
}

func (j *LLM) ruling(ctx context.Context, c *court.Case, d *promptData, rec record, out court.Stream) (*court.Ruling, error) {
	var res *court.Ruling
	o, err := j.run(ctx, d, rulingSchemaFor, "reasoning", out, func(text string) (string, error) {
		v, err := parseRuling(text, rec)
		if err == nil {
			res = v
			return v.Reasoning, nil
		}
		return "", err
	})
	if err != nil {
		return nil, err
	}
	res = j.reground(ctx, c, d.Stage, rec, &o, res, out)
	res.Flags = append([]court.Flag(nil), d.Flags...)
	res.Judge, res.Usage = o.judge, o.usage
	return res, nil
}

// reground asks the model once to correct the quotes of res that are not
// in the sources they name, and keeps the corrected answer if it is valid
// and better grounded. Otherwise res stands, and the service shows its
// bad quotes as ungrounded.
func (j *LLM) reground(ctx context.Context, c *court.Case, stage string, rec record, o *outcome, res *court.Ruling, out court.Stream) *court.Ruling {
	before := court.Ground(c, res.Issues)
	bad := court.UngroundedQuotes(res.Issues)
	if len(bad) == 0 {
		return res
	}
	log := j.log.With("stage", stage)
	log.Warn("judge quoted passages its sources do not hold; asking for a correction", "quotes", len(bad), "quoted", before.Quoted)
	fix, err := renderReground(stage, bad)
	if err != nil {
		return res
	}
	echo := o.text
	if len(echo) > maxEcho {
		echo = echo[:maxEcho]
	}
	req := *o.req
	req.Messages = append(append([]llm.Message(nil), o.req.Messages...),
		llm.Message{Role: llm.Assistant, Text: echo},
		llm.Message{Role: llm.User, Text: fix})
	resp, err := j.p.Generate(ctx, &req)
	if err != nil {
		log.Warn("judge grounding correction failed; the first answer stands", "err", err)
		return res
	}
	j.add(o, resp)
	v, err := parseRuling(resp.Text, rec)
	if err != nil {
		log.Warn("judge grounding correction invalid; the first answer stands", "problem", err.Error())
		return res
	}
	if after := court.Ground(c, v.Issues); after.Rate() <= before.Rate() {
		log.Warn("judge grounding correction no better; the first answer stands", "found", after.Found, "quoted", after.Quoted)
		return res
	}
	out.Send("\n\n[The judge corrected passages it had quoted that were not in their sources.]\n\n" + v.Reasoning)
	return v
}

type outcome struct {
	judge court.JudgeInfo
	usage court.Usage
	// req is the request answered last and text its accepted answer, for
	// a follow-up such as a grounding correction.
	req  *llm.Request
	text string
}

// run asks the model, validates the answer with accept (which returns the
// text that was streamed to the listener), and asks for one repair if the
// answer is invalid.
func (j *LLM) run(ctx context.Context, d *promptData, schema func(string) []byte, field string, out court.Stream, accept func(string) (string, error)) (outcome, error) {
	var o outcome
	o.judge = j.info
	system, user, err := render(d)
	if err != nil {
		return o, court.Wrap(court.EInternal, err, "The judge's prompt could not be prepared.")
	}
	system, user = j.seal(system, user, d.Boundary)
	req := &llm.Request{
		System:          system,
		Messages:        []llm.Message{{Role: llm.User, Text: user}},
		Schema:          schema(d.Stage),
		SchemaName:      d.Stage,
		Temperature:     j.temp,
		MaxOutputTokens: j.maxTokens,
	}
	log := j.log.With("stage", d.Stage)

	var fs *fieldStream
	var resp *llm.Response
	if out != nil {
		fs = newFieldStream(field, out)
		resp, err = j.p.Stream(ctx, req, fs.write)
	} else {
		resp, err = j.p.Generate(ctx, req)
	}
	if err != nil {
		log.Warn("judge call failed", "err", err)
		return o, courtError(err)
	}
	j.add(&o, resp)
	shown, verr := accept(resp.Text)
	if verr == nil {
		o.req, o.text = req, resp.Text
		if fs != nil && !fs.sent {
			out.Send(shown)
		}
		log.Info("judge answered", "model", resp.Model, "inputTokens", resp.InputTokens, "outputTokens", resp.OutputTokens, "latency", resp.Latency, "attempts", resp.Attempts)
		return o, nil
	}

	// One repair: show the model its answer and what is wrong with it.
	// What the answer said is not logged: it quotes the parties' filings.
	log.Warn("judge answer invalid; asking for a repair", "problem", verr.Error(), "chars", len(resp.Text))
	fix, err := renderRepair(d.Stage, verr.Error())
	if err != nil {
		return o, court.Wrap(court.EInternal, err, "The judge's prompt could not be prepared.")
	}
	echo := resp.Text
	if len(echo) > maxEcho {
		echo = echo[:maxEcho]
	}
	repair := *req
	repair.Messages = append(append([]llm.Message(nil), req.Messages...),
		llm.Message{Role: llm.Assistant, Text: echo},
		llm.Message{Role: llm.User, Text: fix})
	resp, err = j.p.Generate(ctx, &repair)
	if err != nil {
		log.Warn("judge repair call failed", "err", err)
		return o, courtError(err)
	}
	j.add(&o, resp)
	shown, verr2 := accept(resp.Text)
	o.req, o.text = &repair, resp.Text
	if verr2 != nil {
		log.Warn("judge repair invalid", "problem", verr2.Error(), "chars", len(resp.Text))
		return o, court.Wrap(court.EUpstream, errors.Join(verr, verr2),
			"The judge's answer was incomplete or malformed, even after it was asked to correct it. Nothing was saved; a retry may help.")
	}
	if out != nil {
		// The listener saw the invalid answer's text; mark the restart.
		out.Send("\n\n[The judge corrected the format of its answer.]\n\n" + shown)
	}
	log.Info("judge answered after a repair", "model", resp.Model, "inputTokens", o.usage.InputTokens, "outputTokens", o.usage.OutputTokens)
	return o, nil
}

// seal replaces the request's random boundary with one derived from the
// prompt and a per-process secret. The parties still cannot know it, but
// identical requests now render identical prompts, so that a request made
// again (a retry after a failure) sends the provider the very prompt it
// saw before, which its prompt cache can recognise. The prompt is first
// reduced to a 128-bit maphash digest (cheap on 100 kB), which the HMAC
// then keys, so that a boundary the model might quote reveals nothing
// about others.
func (j *LLM) seal(system, user, boundary string) (string, string) {
	var d [16]byte
	for i, seed := range j.seeds {
		var h maphash.Hash
		h.SetSeed(seed)
		for _, s := range []string{system, user} {
			for {
				k := strings.Index(s, boundary)
				if k < 0 {
					h.WriteString(s)
					break
				}
				h.WriteString(s[:k])
				s = s[k+len(boundary):]
			}
			h.WriteByte(0)
		}
		binary.LittleEndian.PutUint64(d[8*i:], h.Sum64())
	}
	m := hmac.New(sha256.New, j.secret)
	m.Write(d[:])
	sealed := base32.StdEncoding.EncodeToString(m.Sum(nil))[:len(boundary)]
	return strings.ReplaceAll(system, boundary, sealed), strings.ReplaceAll(user, boundary, sealed)
}

func (j *LLM) add(o *outcome, r *llm.Response) {
	o.usage = o.usage.Add(court.Usage{
		InputTokens:  r.InputTokens,
		OutputTokens: r.OutputTokens,
		LatencyMS:    r.Latency.Milliseconds(),
		Cost:         r.Cost,
		Calls:        1,
	})
	if r.Model != "" {
		o.judge.Model = r.Model
	}
}

func rulingSchemaFor(string) []byte   { return rulingSchema }
func argumentSchemaFor(string) []byte { return argumentSchema }
