// Package proxy reads what the load balancers in front of the server say
// about a request: the client's address (X-Forwarded-For) and whether it
// came over TLS (X-Forwarded-Proto). A request tells only when its direct
// peer is one of the trusted proxies; anyone else could say anything.
package proxy

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Private is what TRUSTED_PROXIES defaults to with TRUST_PROXY_HEADERS:
// loopback and the private networks, where a cluster's load balancers
// and ingress controllers sit.
var Private = []netip.Prefix{
	netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128"),
	netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"), netip.MustParsePrefix("fc00::/7"),
}

// Any is every address: every peer is a proxy.
var Any = []netip.Prefix{netip.MustParsePrefix("0.0.0.0/0"), netip.MustParsePrefix("::/0")}

// Trust says which peers are proxies and how many of them stand in front
// of the server. The zero value (or nil) trusts nobody.
type Trust struct {
	// Proxies are the networks of the direct peers whose forwarding
	// headers are believed.
	Proxies []netip.Prefix
	// Hops is how many proxies append to X-Forwarded-For: the client is
	// the Hops-th address from the right. One load balancer is 1; a CDN
	// in front of a load balancer is 2. Zero is read as 1.
	Hops int
}

// ParsePrefixes reads comma-separated CIDRs or single addresses.
func ParsePrefixes(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("%q is not a CIDR or an IP address", s)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// trusted reports whether the request's direct peer is a proxy.
func (t *Trust) trusted(r *http.Request) bool {
	if t == nil || len(t.Proxies) == 0 {
		return false
	}
	a, ok := peer(r)
	if !ok {
		return false
	}
	for _, p := range t.Proxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// ClientIP is the client's address: the direct peer's, or behind trusted
// proxies the one Hops places from the right of every X-Forwarded-For
// line joined. A proxy that adds a line of its own instead of appending
// to the client's is read the same as one that appends.
func (t *Trust) ClientIP(r *http.Request) string {
	if t.trusted(r) {
		var all []string
		for _, line := range r.Header.Values("X-Forwarded-For") {
			for _, a := range strings.Split(line, ",") {
				if a = strings.TrimSpace(a); a != "" {
					all = append(all, a)
				}
			}
		}
		hops := max(t.Hops, 1)
		if len(all) >= hops {
			if a, ok := parseAddr(all[len(all)-hops]); ok {
				return a.String()
			}
		}
	}
	if a, ok := peer(r); ok {
		return a.String()
	}
	return r.RemoteAddr
}

// Secure reports whether the client reached the server over TLS, its own
// or one a trusted proxy ended.
func (t *Trust) Secure(r *http.Request) bool {
	return r.TLS != nil || t.trusted(r) && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

func peer(r *http.Request) (netip.Addr, bool) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return parseAddr(host)
}

// parseAddr reads an address as X-Forwarded-For may give it: plain, in
// brackets, or with a port.
func parseAddr(s string) (netip.Addr, bool) {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), true
	}
	a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]"))
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}
