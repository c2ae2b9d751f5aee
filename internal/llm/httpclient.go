package llm

import (
	"net/http"
	"time"
)

// HTTPClient returns the client the provider SDKs share the settings of:
// no client-wide timeout (each call's context carries its deadline, and a
// streamed answer may legitimately take longer than any fixed timeout) and
// enough idle connections per host to keep hundreds of concurrent calls
// from reconnecting.
func HTTPClient(wrap func(http.RoundTripper) http.RoundTripper) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 512
	t.MaxIdleConnsPerHost = 256
	t.IdleConnTimeout = 90 * time.Second
	t.ResponseHeaderTimeout = 0
	var rt http.RoundTripper = t
	if wrap != nil {
		rt = wrap(rt)
	}
	return &http.Client{Transport: rt}
}
