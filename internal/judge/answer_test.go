package judge

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aijudge/aijudge/internal/court"
)

func TestParseRuling(t *testing.T) {
	t.Parallel()
	valid := rulingText(nil)
	cases := []struct {
		name, text, problem string
	}{
		{"valid", valid, ""},
		{"fenced, with an unknown field", "```json\n" + rulingText(func(m map[string]any) { m["confidence"], m["analysis"] = 62.0, "x" }) + "\n```", ""},
		{"truncated", `{"reasoning":"R","legalBasis":["s. 73"],"verd`, "not a JSON object"},
		{"truncated inside the structure", valid[:len(valid)-20], "not valid JSON"},
		{"not json", `I think Side A wins.`, "not a JSON object"},
		{"missing verdict", rulingText(func(m map[string]any) { delete(m, "verdict") }), `field "verdict" is missing`},
		{"empty reasoning", rulingText(func(m map[string]any) { m["reasoning"] = "  " }), `field "reasoning" is empty`},
		{"confidence too high", rulingText(func(m map[string]any) { m["confidence"] = 101 }), "between 0 and 100"},
		{"confidence negative", rulingText(func(m map[string]any) { m["confidence"] = -1 }), "between 0 and 100"},
		{"confidence fractional", rulingText(func(m map[string]any) { m["confidence"] = 62.5 }), "must be an integer"},
		{"confidence string", rulingText(func(m map[string]any) { m["confidence"] = "62" }), `field "confidence" must be an integer`},
		{"legal basis a string", rulingText(func(m map[string]any) { m["legalBasis"] = "s. 73" }), `field "legalBasis" has the wrong type`},
		{"legal basis empty", rulingText(func(m map[string]any) { m["legalBasis"] = []string{""} }), "at least one"},
		{"two objects", valid + ` {"x":1}`, "text after the JSON object"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r, err := parseRuling(tc.text, testRecord())
			if tc.problem == "" {
				if err != nil || r.Verdict != "V" || r.Confidence != 62 {
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
		"reconsidered": false, "updatedReasoning": "", "verdict": "", "favours": "", "provisionalNote": "P", "confidence": 50}
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
	f.Add(rulingText(nil))
	f.Add(`{"response":"R","strengthens":"Side A","weakens":"Neither","reconsidered":true}`)
	f.Add("```json\n{}\n```")
	f.Fuzz(func(t *testing.T, s string) {
		if r, err := parseRuling(s, testRecord()); err == nil && (r.Confidence < 0 || r.Confidence > 100 || r.Verdict == "" || len(r.LegalBasis) == 0 || !r.Favours.Valid() || !validStructure(r)) {
			t.Errorf("accepted an invalid ruling: %+v", r)
		}
		if a, err := parseAnswer(s); err == nil && (!court.ValidEffect(a.Strengthens) || !court.ValidEffect(a.Weakens) || a.Reconsidered != a.Favours.Valid()) {
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
