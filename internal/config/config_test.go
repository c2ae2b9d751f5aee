package config

import (
	"slices"
	"testing"
)

// TestNamesCoverLoad: every setting Load reads is listed by Names (which
// the --help text prints), for each provider and with Redis set or not.
func TestNamesCoverLoad(t *testing.T) {
	names := Names()
	for _, env := range []map[string]string{
		{},
		{"LLM_PROVIDER": "gemini", "GEMINI_API_KEY": "fake-key", "REDIS_URL": "redis://127.0.0.1:6379"},
		{"LLM_PROVIDER": "openai", "OPENAI_API_KEY": "fake-key"},
		{"LLM_PROVIDER": "anthropic", "ANTHROPIC_API_KEY": "fake-key", "REDIS_HOST": "127.0.0.1"},
		{"DATABASE_URL": "postgres://127.0.0.1/test", "JWT_SECRET": "fake-secret-fake-secret-fake-secret-00"},
	} {
		var read []string
		_, err := Load(func(k string) string {
			read = append(read, k)
			return env[k]
		})
		if err != nil {
			t.Logf("%v: %v (the names read so far still count)", env, err)
		}
		for _, k := range read {
			if !slices.Contains(names, k) {
				t.Errorf("Load reads %s, which Names does not list", k)
			}
		}
	}
}
