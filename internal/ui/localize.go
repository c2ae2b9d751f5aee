package ui

import (
	"fmt"
	"io/fs"
	"net/http"

	"golang.org/x/text/language"

	"github.com/aijudge/aijudge/internal/court"
)

// errorCatalogueFile translates the court's error messages into Hindi.
// Like gettext, it is keyed by the English: each court.Error's Format, the
// constant sentence it was made from. English needs no catalogue, since
// the message already is English. TestErrorCatalogue keeps it complete.
const errorCatalogueFile = "errors.hi.json"

// loadErrorCatalogs reads locales/errors.{lang}.json for every language
// but English.
func loadErrorCatalogs(fsys fs.FS) (map[string]catalog, error) {
	out := map[string]catalog{}
	for _, t := range languages[1:] {
		c, err := readCatalog(fsys, "locales/errors."+t.String()+".json")
		if err != nil {
			return nil, err
		}
		out[t.String()] = c
	}
	return out, nil
}

// localize is e's message in the language of c, an error catalogue: the
// translation of e.Format with e.Args, or the English message when there is
// none (English itself, or a message the catalogue lacks).
func localize(c catalog, e *court.Error) string {
	tr, ok := c[e.Format]
	if !ok || e.Format == "" {
		return e.Message
	}
	return fmt.Sprintf(tr, e.Args...)
}

// errorText is err's client-safe message in the page's language.
func (q *request) errorText(err error) string {
	return localize(q.errs, court.AsError(err))
}

// LocalizeError is the API's error message for a request from these
// pages (web.Options.Localize): Hindi when the request carries the
// language cookie the language switch sets, or, without the cookie, an
// Accept-Language whose first choice is Hindi; English otherwise. So the
// page's own script gets messages in the page's language, and API clients
// that ask for no language get exactly the English they always did.
func (u *UI) LocalizeError(r *http.Request, e *court.Error) string {
	return localize(u.errors[apiLanguage(r)], e)
}

// apiLanguage is stricter than langOf: no ?lang=, and Accept-Language
// counts only when its first choice is a language the pages speak, since
// HTTP libraries send Accept-Language lists nobody chose.
func apiLanguage(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && (c.Value == "en" || c.Value == "hi") {
		return c.Value
	}
	tags, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil || len(tags) == 0 {
		return "en"
	}
	base, _ := tags[0].Base()
	if l := base.String(); l == "hi" || l == "en" {
		return l
	}
	return "en"
}
