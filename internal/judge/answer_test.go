package judge

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aijudge/aijudge/internal/court"
)

func TestParseRuling(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, text, problem string
	}{
		{"valid", `{"reasoning":"R","legalBasis":["s. 73"],"verdict":"V","confidence":62}`, ""},
		{"fenced, with an unknown field", "```json\n{\"reasoning\":\"R\",\"legalBasis\":[\"s. 73\"],\"verdict\":\"V\",\"confidence\":62.0,\"analysis\":\"x\"}\n```", ""},
		{"truncated", `{"reasoning":"R","legalBasis":["s. 73"],"verd`, "not a JSON object"},
		{"not json", `I think Side A wins.`, "not a JSON object"},
		{"missing verdict", `{"reasoning":"R","legalBasis":["a"],"confidence":1}`, `field "verdict" is missing`},
		{"empty reasoning", `{"reasoning":"  ","legalBasis":["a"],"verdict":"V","confidence":1}`, `field "reasoning" is empty`},
		{"confidence too high", `{"reasoning":"R","legalBasis":["a"],"verdict":"V","confidence":101}`, "between 0 and 100"},
		{"confidence negative", `{"reasoning":"R","legalBasis":["a"],"verdict":"V","confidence":-1}`, "between 0 and 100"},
		{"confidence fractional", `{"reasoning":"R","legalBasis":["a"],"verdict":"V","confidence":62.5}`, "must be an integer"},
		{"confidence string", `{"reasoning":"R","legalBasis":["a"],"verdict":"V","confidence":"62"}`, `field "confidence" must be an integer`},
		{"legal basis a string", `{"reasoning":"R","legalBasis":"s. 73","verdict":"V","confidence":1}`, `field "legalBasis" has the wrong type`},
		{"legal basis empty", `{"reasoning":"R","legalBasis":[""],"verdict":"V","confidence":1}`, "at least one"},
		{"two objects", `{"reasoning":"R","legalBasis":["a"],"verdict":"V","confidence":1} {"x":1}`, "text after the JSON object"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, err := parseRuling(tc.text)
			if tc.problem == "" {
				if err != nil || r.Verdict != "V" || r.Confidence != 62 && r.Confidence != 1 {
					t.Errorf("got %+v, %v", r, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.problem) {
				t.Errorf("err = %v, want %q", err, tc.problem)
			}
		})
	}
}

func TestParseAnswer(t *testing.T) {
	t.Parallel()
	base := map[string]any{"response": "R", "strengthens": "Side A", "weakens": "Side B", "uncertaintyRemains": "U",
		"reconsidered": false, "updatedReasoning": "", "verdict": "", "provisionalNote": "P", "confidence": 50}
	with := func(k string, v any) string {
		m := map[string]any{}
		for a, b := range base {
			m[a] = b
		}
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
		b, _ := json.Marshal(m)
		return string(b)
	}
	cases := []struct {
		name, text, problem string
	}{
		{"valid", with("x", 1), ""},
		{"neither both", with("strengthens", "Neither")[:0] + `{"response":"R","strengthens":"Neither","weakens":"Neither","uncertaintyRemains":"U","reconsidered":false,"updatedReasoning":"","verdict":"","provisionalNote":"P","confidence":50}`, ""},
		{"bad side", with("strengthens", "side a"), `exactly "Side A", "Side B" or "Neither"`},
		{"same side", with("weakens", "Side A"), "cannot strengthen and weaken the same side"},
		{"missing reconsidered", with("reconsidered", nil), `field "reconsidered" is missing`},
		{"reconsidered without reasoning", with("reconsidered", true), `field "updatedReasoning" is empty`},
		{"missing note", with("provisionalNote", nil), `field "provisionalNote" is missing`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, err := parseAnswer(tc.text)
			if tc.problem == "" {
				if err != nil || !court.ValidEffect(a.Strengthens) {
					t.Errorf("got %+v, %v", a, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.problem) {
				t.Errorf("err = %v, want %q", err, tc.problem)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add(`{"reasoning":"R","legalBasis":["a"],"verdict":"V","confidence":1}`)
	f.Add(`{"response":"R","strengthens":"Side A","weakens":"Neither","reconsidered":true}`)
	f.Add("```json\n{}\n```")
	f.Fuzz(func(t *testing.T, s string) {
		if r, err := parseRuling(s); err == nil && (r.Confidence < 0 || r.Confidence > 100 || r.Verdict == "" || len(r.LegalBasis) == 0) {
			t.Errorf("accepted an invalid ruling: %+v", r)
		}
		if a, err := parseAnswer(s); err == nil && (!court.ValidEffect(a.Strengthens) || !court.ValidEffect(a.Weakens)) {
			t.Errorf("accepted an invalid answer: %+v", a)
		}
	})
}

// TestFieldStream feeds a JSON answer split at every byte, and in one
// piece, and expects exactly the decoded field.
func TestFieldStream(t *testing.T) {
	t.Parallel()
	want := "Line one \"quoted\" \\ back\nLine two: café ☕ 😀 done."
	b, _ := json.Marshal(map[string]any{"confidence": 3, "reasoning": want, "verdict": "reasoning"})
	// json.Marshal sorts keys; write the 😀 as an escaped surrogate pair too.
	text := strings.Replace(string(b), "😀", `\ud83d\ude00`, 1)
	text = strings.Replace(text, `{`, `{"note": "the \"reasoning\" key", `, 1)
	for split := 1; split <= len(text); split++ {
		var got strings.Builder
		fs := newFieldStream("reasoning", func(d string) { got.WriteString(d) })
		for i := 0; i < len(text); i += split {
			fs.write(text[i:min(i+split, len(text))])
		}
		if got.String() != want {
			t.Fatalf("split %d: got %q", split, got.String())
		}
	}
}

func FuzzFieldStream(f *testing.F) {
	f.Add(`{"reasoning":"a\u00e9b\"c"}`, 3)
	f.Fuzz(func(t *testing.T, s string, split int) {
		if split <= 0 || split > 64 {
			split = 1
		}
		fs := newFieldStream("reasoning", func(string) {})
		for i := 0; i < len(s); i += split {
			fs.write(s[i:min(i+split, len(s))])
		}
	})
}
