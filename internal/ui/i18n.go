package ui

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"strings"

	"golang.org/x/text/language"
)

// Languages the UI speaks; the first is the fallback.
var languages = []language.Tag{language.English, language.Hindi}

// langCookie remembers the language a visitor switched to.
const langCookie = "aijudge_lang"

// catalog is one language's messages by key.
type catalog map[string]string

// loadCatalogs reads locales/{lang}.json for every language. Every
// language must have every key of English, so a missing translation fails
// start-up (and the tests) rather than showing a key to a user.
func loadCatalogs(fsys fs.FS) (map[string]catalog, error) {
	out := map[string]catalog{}
	for _, t := range languages {
		c, err := readCatalog(fsys, "locales/"+t.String()+".json")
		if err != nil {
			return nil, err
		}
		out[t.String()] = c
	}
	en := out["en"]
	for lang, c := range out {
		for k := range en {
			if _, ok := c[k]; !ok {
				return nil, fmt.Errorf("locales/%s.json lacks %q", lang, k)
			}
		}
		for k := range c {
			if _, ok := en[k]; !ok {
				return nil, fmt.Errorf("locales/%s.json has %q, which English lacks", lang, k)
			}
		}
	}
	return out, nil
}

var matcher = language.NewMatcher(languages)

// langOf picks the request's language: ?lang=, then the cookie, then
// Accept-Language. It reports whether ?lang= asked for a switch.
func langOf(r *http.Request) (lang string, switched bool) {
	if q := r.URL.Query().Get("lang"); q == "en" || q == "hi" {
		return q, true
	}
	if c, err := r.Cookie(langCookie); err == nil && (c.Value == "en" || c.Value == "hi") {
		return c.Value, false
	}
	tags, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return "en", false
	}
	return languages[i].String(), false
}

// T translates key, formatting args into it when there are any.
func (c catalog) T(key string, args ...any) string {
	s, ok := c[key]
	if !ok {
		s = key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// partyRole translates a party's name in the forum ("complainant",
// "opposite party") when the catalogue knows it, and keeps the judge's
// word otherwise.
func (c catalog) partyRole(role string) string {
	key := "party." + strings.ReplaceAll(strings.ToLower(strings.TrimSpace(role)), " ", "_")
	if s, ok := c[key]; ok {
		return s
	}
	return role
}

// readCatalog reads one catalogue file, naming it in the error.
func readCatalog(fsys fs.FS, name string) (catalog, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var c catalog
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return c, nil
}
