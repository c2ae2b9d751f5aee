package ui

import "testing"

func TestSafeNext(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"/cases/abc":          "/cases/abc",
		"/cases?page=2":       "/cases?page=2",
		"/":                   "/",
		"":                    "/cases",
		"cases":               "/cases",
		"//evil.com":          "/cases",
		"/\t/evil.com":        "/cases",
		"/\n/evil.com":        "/cases",
		"/\r/evil.com":        "/cases",
		"/ /evil.com":         "/cases",
		"/\\evil.com":         "/cases",
		"/\u00a0/evil.com":    "/cases",
		"/\u200b/evil.com":    "/cases",
		"https://evil.com":    "/cases",
		"/%2F/evil.com":       "/cases",
		"javascript:alert(1)": "/cases",
		"/x\x00":              "/cases",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzSafeNext(f *testing.F) {
	f.Add("/\t/evil.com")
	f.Fuzz(func(t *testing.T, s string) {
		got := safeNext(s)
		if got == "/cases" {
			return
		}
		if got[0] != '/' || len(got) > 1 && (got[1] == '/' || got[1] == '\\') {
			t.Fatalf("safeNext(%q) = %q leaves the site", s, got)
		}
		for _, r := range got {
			if r <= ' ' || r == '\\' {
				t.Fatalf("safeNext(%q) = %q holds %q", s, got, r)
			}
		}
	})
}
