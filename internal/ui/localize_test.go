package ui

import (
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/aijudge/aijudge/internal/court"
)

func TestAPILanguage(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		url, cookie, accept, want string
	}{
		{"/api/cases/1", "", "", "en"},
		{"/api/cases/1", "hi", "", "hi"},
		{"/api/cases/1", "en", "hi", "en"},
		{"/api/cases/1", "xx", "", "en"},
		{"/api/cases/1", "", "hi-IN,hi;q=0.9,en;q=0.5", "hi"},
		{"/api/cases/1", "", "hi", "hi"},
		{"/api/cases/1", "", "en-US,hi;q=0.8", "en"},
		{"/api/cases/1", "", "fr, hi;q=0.9", "en"},
		{"/api/cases/1", "", "en;q=0.5, hi", "hi"},
		{"/api/cases/1", "", "not a language list!", "en"},
		{"/api/cases/1?lang=hi", "", "", "en"},
	} {
		r := httptest.NewRequest("GET", tt.url, nil)
		if tt.cookie != "" {
			r.Header.Set("Cookie", langCookie+"="+tt.cookie)
		}
		if tt.accept != "" {
			r.Header.Set("Accept-Language", tt.accept)
		}
		if got := apiLanguage(r); got != tt.want {
			t.Errorf("%s cookie=%q Accept-Language=%q: %s, want %s", tt.url, tt.cookie, tt.accept, got, tt.want)
		}
	}
}

func TestLocalize(t *testing.T) {
	t.Parallel()
	hi := catalog{"%q is empty.": "%q खाली है।", "Side %s would have %d documents; at most %d are accepted.": "पक्ष %s के %d दस्तावेज़ हो जाएँगे; अधिकतम %d ही स्वीकार किए जाते हैं।"}
	for _, tt := range []struct {
		c    catalog
		err  error
		want string
	}{
		{hi, court.Errorf(court.EUnprocessable, "%q is empty.", "lease.pdf"), `"lease.pdf" खाली है।`},
		{hi, court.Errorf(court.ETooLarge, "Side %s would have %d documents; at most %d are accepted.", court.SideB, 11, 10), "पक्ष B के 11 दस्तावेज़ हो जाएँगे; अधिकतम 10 ही स्वीकार किए जाते हैं।"},
		{nil, court.Errorf(court.EUnprocessable, "%q is empty.", "lease.pdf"), `"lease.pdf" is empty.`},
		{hi, court.Errorf(court.EInvalid, "A message nobody translated."), "A message nobody translated."},
		{hi, errors.New("database password leaked"), "An internal error occurred."},
	} {
		if got := localize(tt.c, court.AsError(tt.err)); got != tt.want {
			t.Errorf("localize(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
