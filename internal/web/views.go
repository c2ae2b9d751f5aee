package web

import (
	"encoding/json"
	"net/http"

	"github.com/aijudge/aijudge/internal/court"
)

// A case's views are its JSON as GET /api/cases/{id} and POST …/judgment
// answer it, kept encoded in the service's cache (court.Service.Views)
// under court.CaseViewKey and court.JudgmentViewKey, which every change
// to the case drops. A cached view costs one lookup and one write: no
// database access and no encoding. The seat (in accounts mode) was checked
// when the request was authorized.

// caseView is the JSON of GET /api/cases/{id}: the case and what follows
// from it.
type caseView struct {
	*court.Case
	RemainingArguments int         `json:"remainingArguments"`
	Usage              court.Usage `json:"usage"`
	Notice             string      `json:"notice"`
}

// judgmentView is the JSON of a judgment as the API returns it.
type judgmentView struct {
	*court.Judgment
	Grounding *court.GroundingRate `json:"grounding,omitempty"`
	Notice    string               `json:"notice"`
}

func newJudgmentView(j *court.Judgment) judgmentView {
	return judgmentView{Judgment: j, Grounding: j.Grounding().OrNil(), Notice: court.Notice}
}

func (s *Server) caseView(r *http.Request) ([]byte, error) {
	ctx := r.Context()
	key := court.CaseViewKey(r.PathValue("id"))
	views := s.svc.Views()
	if b, ok := views.Get(ctx, key); ok {
		return b, nil
	}
	c, err := s.clerk.Case(ctx, s.seat(r))
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(caseView{Case: c, RemainingArguments: c.RemainingArguments(), Usage: c.Usage(), Notice: court.Notice})
	if err != nil {
		return nil, court.Wrap(court.EInternal, err, "The case could not be encoded.")
	}
	views.Set(ctx, key, b)
	return b, nil
}

// judgmentView returns the encoded latest judgment, asking the judge for
// a tentative one when there is none, whether it was there already
// (cached) and whether a new one was written from the memo of a case of
// the same content (reused).
func (s *Server) judgmentView(r *http.Request, out court.Stream) (b []byte, cached, reused bool, err error) {
	ctx := r.Context()
	key := court.JudgmentViewKey(r.PathValue("id"))
	views := s.svc.Views()
	if b, ok := views.Get(ctx, key); ok {
		return b, true, false, nil
	}
	j, cached, err := s.clerk.Judgment(ctx, s.seat(r), out)
	if err != nil {
		return nil, false, false, err
	}
	b, err = json.Marshal(newJudgmentView(j))
	if err != nil {
		return nil, false, false, court.Wrap(court.EInternal, err, "The judgment could not be encoded.")
	}
	views.Set(ctx, key, b)
	return b, cached, j.Reused && !cached, nil
}
