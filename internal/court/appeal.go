package court

import "context"

// The position-swap check and the appeal: two ways of asking the judges
// again whether a result holds.

type swapResult struct {
	r   *Ruling
	err error
}

// Swapped returns a copy of c with the sides exchanged: each side's
// summary, evidence and documents filed by the other, the arguments'
// sides and effects with them, and earlier judgments' favours mirrored.
// The parties' names, inside the text, stay as written. Its slices of
// text are shared with c.
func (c *Case) Swapped() *Case {
	s := *c
	s.A, s.B = c.B, c.A
	s.A.Documents = swapDocs(c.B.Documents, SideA)
	s.B.Documents = swapDocs(c.A.Documents, SideB)
	s.Arguments = make([]Argument, len(c.Arguments))
	for i, a := range c.Arguments {
		a.Side = a.Side.Other()
		a.Strengthens, a.Weakens = swapEffect(a.Strengthens), swapEffect(a.Weakens)
		s.Arguments[i] = a
	}
	s.Judgments = make([]Judgment, len(c.Judgments))
	for i, j := range c.Judgments {
		j.Favours = j.Favours.Mirror()
		s.Judgments[i] = j
	}
	return &s
}

// swapEffect names the other side in an argument's effect ("Side A",
// "Side B"); Neither stays.
func swapEffect(e string) string {
	switch e {
	case "Side A":
		return "Side B"
	case "Side B":
		return "Side A"
	}
	return e
}

func swapDocs(docs []Document, side SideID) []Document {
	out := make([]Document, len(docs))
	for i, d := range docs {
		d.Side = side
		out[i] = d
	}
	return out
}

// Other is the opposing side.
func (s SideID) Other() SideID {
	if s == SideA {
		return SideB
	}
	return SideA
}

// checkSwap compares j with the judgment written with the sides
// exchanged. A flip (the other side, or neither, favoured once the sides
// are named back) caps j's confidence at SwapPenalty; a check that could
// not be made is logged and leaves j as it was.
func (s *Service) checkSwap(c *Case, j *Judgment, res swapResult) {
	if res.err != nil {
		s.log.Warn("position-swap check failed; the judgment is recorded without it", "case_id", c.ID, "err", res.err)
		s.rec.SwapChecked("failed")
		return
	}
	chk := &SwapCheck{Favours: res.r.Favours.Mirror(), Confidence: res.r.Confidence, ConfidenceBefore: j.Confidence}
	chk.Consistent = chk.Favours == j.Favours
	if chk.Consistent {
		s.rec.SwapChecked("consistent")
	} else {
		j.Confidence = min(j.Confidence, SwapPenalty)
		s.rec.SwapChecked("flipped")
		s.log.Info("position-swap check: the result flips when the sides are exchanged", "case_id", c.ID, "favours", j.Favours, "swapped", chk.Favours)
	}
	j.Swap = chk
	j.Usage = j.Usage.Add(res.r.Usage)
}

// Appeal asks the appellate judge to review the final verdict of case id
// on side by's appeal, and records its judgment as a version of kind
// appeal: affirmed, varied or reversed, with the appellate judge's
// reasons, and then in the same transaction. One appeal lies, from the
// final verdict only.
func (s *Service) Appeal(ctx context.Context, id string, by SideID, out Stream, then Then[*Judgment]) (*Judgment, error) {
	if by != SideA && by != SideB {
		return nil, Errorf(EInvalid, "side must be \"A\" or \"B\".").On("side")
	}
	c, err := s.Case(ctx, id)
	if err != nil {
		return nil, err
	}
	from := c.Latest()
	switch {
	case from != nil && from.Kind == AppealKind:
		return nil, ErrAppealed
	case c.Status != Closed || from == nil || from.Kind != Final:
		return nil, ErrAppealTooEarly
	}
	r, _, err := s.rulingBy(ctx, s.appellate.Info(), "appeal", c, out, s.appellate.Final)
	if err != nil {
		return nil, err
	}
	j := s.newJudgment(c, AppealKind, r)
	j.Appeal = &Appeal{By: by, From: from.Version, Outcome: appealOutcome(from, r)}
	j.Verdict = appealHeading(j.Appeal) + " " + r.Verdict
	if err := s.addJudgment(ctx, j, then); err != nil {
		return nil, err
	}
	return j, nil
}

func appealHeading(a *Appeal) string {
	switch a.Outcome {
	case Reversed:
		return "On appeal by " + a.By.Label() + ", the final verdict is reversed."
	case Varied:
		return "On appeal by " + a.By.Label() + ", the final verdict is varied."
	}
	return "On appeal by " + a.By.Label() + ", the final verdict is affirmed."
}
