package judge

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/aijudge/aijudge/internal/court"
)

// Decoding is strict about what matters and lenient about what does not.
// Every required field must be present, of the right type and non-empty,
// and the values the schema cannot bound are checked here. Unknown fields
// are ignored rather than rejected (json.Decoder.DisallowUnknownFields
// would be too strict): some models, especially OpenAI-compatible local
// ones without strict mode, add a field such as "analysis" next to a
// complete and correct answer, and rejecting it would cost a repair call
// and risk an error for no gain. Likewise a JSON object wrapped in a
// Markdown code fence or a sentence is unwrapped.

type rulingFields struct {
	Reasoning  *string         `json:"reasoning"`
	Roles      *rolesFields    `json:"roles"`
	FactsDate  *string         `json:"factsDate"`
	Issues     *[]issueFields  `json:"issues"`
	LegalBasis *[]string       `json:"legalBasis"`
	Verdict    *string         `json:"verdict"`
	Favours    *string         `json:"favours"`
	Relief     *[]orderFields  `json:"relief"`
	Confidence json.RawMessage `json:"confidence"`
}

type argumentFields struct {
	Response           *string         `json:"response"`
	Strengthens        *string         `json:"strengthens"`
	Weakens            *string         `json:"weakens"`
	UncertaintyRemains *string         `json:"uncertaintyRemains"`
	Reconsidered       *bool           `json:"reconsidered"`
	UpdatedReasoning   *string         `json:"updatedReasoning"`
	Verdict            *string         `json:"verdict"`
	Favours            *string         `json:"favours"`
	ProvisionalNote    *string         `json:"provisionalNote"`
	Confidence         json.RawMessage `json:"confidence"`
}

// problems collects what is wrong with an answer, so that the repair
// request can name everything at once.
type problems []string

func (p *problems) addf(format string, args ...any) { *p = append(*p, fmt.Sprintf(format, args...)) }

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return errors.New(strings.Join(p, "; "))
}

// unmarshal finds the JSON object in text and decodes it into v.
func unmarshal(text string, v any) error {
	s := strings.TrimSpace(text)
	if i, j := strings.IndexByte(s, '{'), strings.LastIndexByte(s, '}'); i >= 0 && j > i {
		s = s[i : j+1]
	} else {
		return errors.New("the answer is not a JSON object")
	}
	dec := json.NewDecoder(strings.NewReader(s))
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return fmt.Errorf("field %q has the wrong type (%s, expected %s)", te.Field, te.Value, te.Type)
		}
		return fmt.Errorf("the answer is not valid JSON (%v)", err)
	}
	if _, err := dec.Token(); err == nil {
		return errors.New("the answer has text after the JSON object")
	}
	return nil
}

func (p *problems) text(name string, v *string) string {
	if v == nil {
		p.addf("field %q is missing", name)
		return ""
	}
	s := strings.TrimSpace(*v)
	if s == "" {
		p.addf("field %q is empty", name)
	}
	return s
}

func (p *problems) confidence(v json.RawMessage) int {
	s := string(v)
	if v == nil || s == "null" {
		p.addf(`field "confidence" is missing`)
		return 0
	}
	// Some models write 70.0; an integral value is accepted as such. A
	// quoted number is not: the schema says integer.
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) {
		p.addf(`field "confidence" must be an integer, not %s`, clip(s, 20))
		return 0
	}
	if f < 0 || f > 100 {
		p.addf(`field "confidence" must be between 0 and 100, not %s`, s)
		return 0
	}
	return int(f)
}

func (p *problems) effect(name string, v *string) string {
	s := p.text(name, v)
	if s != "" && !court.ValidEffect(s) {
		p.addf(`field %q must be exactly "Side A", "Side B" or "Neither", not %q`, name, clip(s, 40))
	}
	return s
}

// parseRuling decodes and validates a tentative or final ruling against
// what the request showed the judge.
func parseRuling(text string, rec record) (*court.Ruling, error) {
	var f rulingFields
	if err := unmarshal(text, &f); err != nil {
		return nil, err
	}
	var p problems
	r := &court.Ruling{
		Reasoning:  p.text("reasoning", f.Reasoning),
		Roles:      p.roles(f.Roles),
		FactsDate:  p.factsDate(f.FactsDate, rec.today),
		Issues:     p.issues(f.Issues, rec),
		Verdict:    p.text("verdict", f.Verdict),
		Favours:    p.favours("favours", f.Favours),
		Relief:     p.relief(f.Relief),
		Confidence: p.confidence(f.Confidence),
	}
	if f.LegalBasis == nil {
		p.addf(`field "legalBasis" is missing`)
	} else {
		for _, b := range *f.LegalBasis {
			if b = strings.TrimSpace(b); b != "" {
				r.LegalBasis = append(r.LegalBasis, b)
			}
		}
		if len(r.LegalBasis) == 0 {
			p.addf(`field "legalBasis" must list at least one provision, case or principle`)
		}
	}
	return r, p.err()
}

// parseAnswer decodes and validates the answer to an argument.
func parseAnswer(text string) (*court.Answer, error) {
	var f argumentFields
	if err := unmarshal(text, &f); err != nil {
		return nil, err
	}
	var p problems
	a := &court.Answer{
		Response:           p.text("response", f.Response),
		Strengthens:        p.effect("strengthens", f.Strengthens),
		Weakens:            p.effect("weakens", f.Weakens),
		UncertaintyRemains: p.text("uncertaintyRemains", f.UncertaintyRemains),
		ProvisionalNote:    p.text("provisionalNote", f.ProvisionalNote),
		Confidence:         p.confidence(f.Confidence),
	}
	if a.Strengthens == a.Weakens && a.Strengthens != court.Neither && a.Strengthens != "" {
		p.addf(`fields "strengthens" and "weakens" both name %s; an argument cannot strengthen and weaken the same side`, a.Strengthens)
	}
	if f.Reconsidered == nil {
		p.addf(`field "reconsidered" is missing`)
	} else if a.Reconsidered = *f.Reconsidered; a.Reconsidered {
		a.UpdatedReasoning = p.text("updatedReasoning", f.UpdatedReasoning)
		a.Verdict = p.text("verdict", f.Verdict)
		// Only a reconsidered view's side is kept; otherwise the field
		// restates the current view, and its value does not matter.
		a.Favours = p.favours("favours", f.Favours)
	}
	return a, p.err()
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
