package proxy

import (
	"net/http"
	"net/netip"
	"testing"
)

func TestClientIP(t *testing.T) {
	t.Parallel()
	lb := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	for _, tc := range []struct {
		name   string
		trust  *Trust
		remote string
		xff    []string
		want   string
	}{
		{"no trust", nil, "203.0.113.9:1234", []string{"1.2.3.4"}, "203.0.113.9"},
		{"peer not a proxy", &Trust{Proxies: lb}, "203.0.113.9:1234", []string{"1.2.3.4"}, "203.0.113.9"},
		{"one proxy", &Trust{Proxies: lb}, "10.1.2.3:80", []string{"198.51.100.7"}, "198.51.100.7"},
		{"one proxy, client's own line first", &Trust{Proxies: lb}, "10.1.2.3:80", []string{"6.6.6.6", "198.51.100.7"}, "198.51.100.7"},
		{"one proxy, forged entries appended to", &Trust{Proxies: lb}, "10.1.2.3:80", []string{"6.6.6.6, 7.7.7.7, 198.51.100.7"}, "198.51.100.7"},
		{"cdn and load balancer", &Trust{Proxies: lb, Hops: 2}, "10.1.2.3:80", []string{"6.6.6.6, 198.51.100.7, 192.0.2.1"}, "198.51.100.7"},
		{"fewer entries than hops", &Trust{Proxies: lb, Hops: 2}, "10.1.2.3:80", []string{"198.51.100.7"}, "10.1.2.3"},
		{"with a port", &Trust{Proxies: lb}, "10.1.2.3:80", []string{"198.51.100.7:5555"}, "198.51.100.7"},
		{"ipv6 in brackets", &Trust{Proxies: lb}, "10.1.2.3:80", []string{"[2001:db8::1]"}, "2001:db8::1"},
		{"garbage", &Trust{Proxies: lb}, "10.1.2.3:80", []string{"not-an-ip"}, "10.1.2.3"},
		{"no header", &Trust{Proxies: lb}, "10.1.2.3:80", nil, "10.1.2.3"},
	} {
		r, _ := http.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.remote
		for _, v := range tc.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		if got := tc.trust.ClientIP(r); got != tc.want {
			t.Errorf("%s: ClientIP = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestSecure(t *testing.T) {
	t.Parallel()
	trust := &Trust{Proxies: Private}
	r, _ := http.NewRequest("GET", "/", nil)
	r.Header.Set("X-Forwarded-Proto", "https")
	r.RemoteAddr = "203.0.113.9:1"
	if trust.Secure(r) {
		t.Error("X-Forwarded-Proto believed from a peer that is not a proxy")
	}
	r.RemoteAddr = "192.168.1.1:1"
	if !trust.Secure(r) {
		t.Error("X-Forwarded-Proto not believed from a proxy")
	}
}

func TestParsePrefixes(t *testing.T) {
	t.Parallel()
	got, err := ParsePrefixes([]string{"10.0.0.0/8", " 192.0.2.1 ", "2001:db8::/32"})
	if err != nil || len(got) != 3 || got[1].Bits() != 32 {
		t.Fatalf("%v %v", got, err)
	}
	if _, err := ParsePrefixes([]string{"10.0.0.0/33"}); err == nil {
		t.Error("a bad CIDR was accepted")
	}
}

func FuzzClientIP(f *testing.F) {
	f.Add("1.2.3.4, 5.6.7.8", "9.9.9.9", 1)
	f.Fuzz(func(t *testing.T, a, b string, hops int) {
		r, _ := http.NewRequest("GET", "/", nil)
		r.RemoteAddr = "10.0.0.1:1"
		r.Header["X-Forwarded-For"] = []string{a, b}
		got := (&Trust{Proxies: Private, Hops: hops % 8}).ClientIP(r)
		if _, err := netip.ParseAddr(got); err != nil {
			t.Fatalf("ClientIP = %q, not an address", got)
		}
	})
}
