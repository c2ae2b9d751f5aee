package web

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"testing"
)

// FuzzBase64Body: the streamed decoding of an inline document accepts
// what encoding/json and the standard decoder accept together, with the
// same bytes, and refuses the rest without panicking.
func FuzzBase64Body(f *testing.F) {
	for _, s := range []string{`"aGVsbG8="`, `""`, `null`, `"a"`, `"aGVs\nbG8="`, `"aGVs\u0062G8="`, `"ab\/c"`, `12`, `"////"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var got struct {
			B base64Body `json:"b"`
		}
		doc := append(append([]byte(`{"b":`), raw...), '}')
		if json.Unmarshal(doc, &got) != nil || !got.B.set || got.B.bad || got.B.over {
			return
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			t.Fatalf("accepted %q, which is no JSON string", raw)
		}
		want, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			t.Fatalf("accepted %q, which is no base64", raw)
		}
		if !bytes.Equal(got.B.data, want) {
			t.Fatalf("%q decoded to %q; want %q", raw, got.B.data, want)
		}
	})
}
