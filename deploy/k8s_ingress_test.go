package deploy_test

import (
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"sigs.k8s.io/kustomize/kyaml/filesys"

	"github.com/aijudge/aijudge/internal/config"
)

var (
	issuersOnce sync.Once
	issuers     map[string]*clusterIssuer
)

// clusterIssuers builds k8s/cluster/cert-manager, the ClusterIssuers the
// overlays' Ingresses name.
func clusterIssuers(t *testing.T) map[string]*clusterIssuer {
	t.Helper()
	issuersOnce.Do(func() {
		issuers = map[string]*clusterIssuer{}
		for _, r := range kustomize(t, filesys.MakeFsOnDisk(), filepath.Join("k8s", "cluster", "cert-manager")).Resources() {
			where := "cluster/cert-manager: " + r.GetKind() + " " + r.GetName()
			if r.GetNamespace() != "" {
				t.Errorf("%s: a cluster-scoped object with a namespace", where)
			}
			if ci, ok := decodeStrict(t, where, r).(*clusterIssuer); ok {
				issuers[ci.Name] = ci
			}
		}
	})
	return issuers
}

func TestClusterIssuers(t *testing.T) {
	t.Parallel()
	is := clusterIssuers(t)
	for name, want := range map[string]string{
		"letsencrypt-staging":    "https://acme-staging-v02.api.letsencrypt.org/directory",
		"letsencrypt-production": "https://acme-v02.api.letsencrypt.org/directory",
	} {
		ci, ok := is[name]
		if !ok {
			t.Errorf("no ClusterIssuer %s", name)
			continue
		}
		a := ci.Spec.ACME
		if a.Server != want || a.Email == "" || a.PrivateKeySecretRef.Name == "" || len(a.Solvers) == 0 {
			t.Errorf("ClusterIssuer %s: want ACME at %s with an email, an account key Secret and a solver", name, want)
		}
	}
}

// portOf is the port of a URL, or its scheme's default.
func portOf(t *testing.T, raw string) int32 {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("%q: %v", raw, err)
	}
	p := u.Port()
	if p == "" {
		p = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	n, err := strconv.ParseInt(p, 10, 32)
	if err != nil {
		t.Fatalf("%q: no port", raw)
	}
	return int32(n)
}

// environmentConfig is the configuration a replica of the build starts
// with.
func (b *build) environmentConfig(t *testing.T) *config.Config {
	t.Helper()
	env := b.settingsOf(t, *b.server(t))
	c, err := config.Load(func(n string) string {
		if strings.HasSuffix(n, "_FILE") {
			return "" // the secrets do not bear on what is checked here
		}
		if v, ok := env[n]; ok {
			return v
		}
		if n == "GEMINI_API_KEY" || n == "OPENAI_API_KEY" || n == "ANTHROPIC_API_KEY" {
			return fakeSecret(n)
		}
		return ""
	})
	if err != nil {
		t.Fatalf("the settings do not load: %v", err)
	}
	return c
}

// deniesAll reports whether the ingress-nginx deny list of ing covers
// every client address.
func deniesAll(ing *networkingv1.Ingress) bool {
	list := strings.Split(ing.Annotations["nginx.ingress.kubernetes.io/denylist-source-range"], ",")
	for i := range list {
		list[i] = strings.TrimSpace(list[i])
	}
	return slices.Contains(list, "0.0.0.0/0") && slices.Contains(list, "::/0")
}

// pathMatch reports how long a match p is for the request path, or -1:
// ingress-nginx takes the longest.
func pathMatch(p networkingv1.HTTPIngressPath, path string) int {
	exact := p.PathType != nil && *p.PathType == networkingv1.PathTypeExact
	switch {
	case exact && p.Path == path:
		return len(p.Path) + 1 // an exact path wins over a prefix as long
	case !exact && (p.Path == "/" || path == p.Path || strings.HasPrefix(path, strings.TrimSuffix(p.Path, "/")+"/")):
		return len(p.Path)
	}
	return -1
}

func (b *build) checkIngress(t *testing.T) {
	if len(b.ingresses) == 0 {
		t.Fatal("no Ingress")
	}
	cfg := b.environmentConfig(t)
	wantIssuer := "letsencrypt-staging"
	if b.name == "production" {
		wantIssuer = "letsencrypt-production"
	}
	hosts := map[string]bool{}
	issued := 0
	for _, ing := range b.ingresses {
		where := "Ingress " + ing.Name
		if c := ing.Spec.IngressClassName; c == nil || *c != "nginx" {
			t.Errorf("%s: ingressClassName %v, want nginx", where, c)
		}
		if ing.Spec.DefaultBackend != nil {
			t.Errorf("%s: a default backend routes every path", where)
		}
		tlsHosts := map[string]string{}
		for _, tls := range ing.Spec.TLS {
			if tls.SecretName == "" {
				t.Errorf("%s: TLS without a secretName", where)
			}
			for _, h := range tls.Hosts {
				tlsHosts[h] = tls.SecretName
			}
		}
		if issuer, ok := ing.Annotations["cert-manager.io/cluster-issuer"]; ok {
			issued++
			if issuer != wantIssuer {
				t.Errorf("%s: ClusterIssuer %s, want %s for %s", where, issuer, wantIssuer, b.name)
			}
			ci, ok := clusterIssuers(t)[issuer]
			if !ok {
				t.Errorf("%s: ClusterIssuer %s is not in k8s/cluster/cert-manager", where, issuer)
			} else if s := ci.Spec.ACME.Solvers; len(s) == 0 || s[0].HTTP01.Ingress.IngressClassName != "nginx" {
				t.Errorf("ClusterIssuer %s does not solve through the nginx class", issuer)
			}
		}
		for _, r := range ing.Spec.Rules {
			if r.Host == "" || strings.Contains(r.Host, "*") {
				t.Errorf("%s: rule without a host, or a wildcard", where)
			}
			hosts[r.Host] = true
			if s, ok := tlsHosts[r.Host]; !ok || !strings.Contains(s, b.name) {
				t.Errorf("%s: host %s has no TLS of its own environment (secret %q)", where, r.Host, s)
			}
			if r.HTTP == nil {
				continue
			}
			for _, p := range r.HTTP.Paths {
				be := p.Backend.Service
				if be == nil || be.Name != b.service.Name {
					t.Errorf("%s: path %s goes elsewhere than the Service %s", where, p.Path, b.service.Name)
					continue
				}
				var target int32
				for _, sp := range b.service.Spec.Ports {
					if sp.Name == be.Port.Name || (be.Port.Name == "" && sp.Port == be.Port.Number) {
						target = b.port(t, sp.TargetPort)
					}
				}
				if target != b.listenPort(t) {
					t.Errorf("%s: path %s goes to the Service's port %v, not the one reaching the server's http port", where, p.Path, be.Port)
				}
			}
		}
	}
	if issued != 1 {
		t.Errorf("%d Ingresses ask cert-manager for a certificate; want exactly one (two would fight over the Secret)", issued)
	}
	// Invitation links start with PUBLIC_URL (the server never builds
	// them from the Host header): the environment's own host, over TLS.
	if u, err := url.Parse(cfg.PublicURL); err != nil || u.Scheme != "https" || !hosts[u.Hostname()] || u.Port() != "" {
		t.Errorf("PUBLIC_URL=%q: want https:// and a host the Ingress serves (%v)", cfg.PublicURL, hosts)
	}
	// /metrics: on every host, the longest match is an Ingress denying
	// every address.
	for h := range hosts {
		for _, path := range []string{"/metrics", "/metrics/", "/metrics/x"} {
			best, denied := -1, false
			for _, ing := range b.ingresses {
				for _, r := range ing.Spec.Rules {
					if r.Host != h || r.HTTP == nil {
						continue
					}
					for _, p := range r.HTTP.Paths {
						if n := pathMatch(p, path); n > best {
							best, denied = n, deniesAll(ing)
						} else if n == best && n >= 0 && !deniesAll(ing) {
							denied = false
						}
					}
				}
			}
			if best >= 0 && !denied {
				t.Errorf("host %s: %s is routed to the server", h, path)
			}
		}
	}
	// Hosts are the environment's own.
	for h := range hosts {
		if b.name != "production" && !strings.HasPrefix(h, b.name+".") {
			t.Errorf("host %s: not the %s environment's", h, b.name)
		}
	}

	// Room for a whole case, and for a judgment's longest silence.
	var main *networkingv1.Ingress
	for _, ing := range b.ingresses {
		if !deniesAll(ing) {
			main = ing
		}
	}
	if main == nil {
		t.Fatal("no Ingress routes the site")
	}
	a := main.Annotations
	size, err := resource.ParseQuantity(strings.ToUpper(strings.TrimSuffix(a["nginx.ingress.kubernetes.io/proxy-body-size"], "m")) + "Mi")
	if err != nil || size.Value() < cfg.MaxCaseBytes {
		t.Errorf("proxy-body-size %q is less than MAX_CASE_BYTES (%d): nginx would refuse an upload the server takes", a["nginx.ingress.kubernetes.io/proxy-body-size"], cfg.MaxCaseBytes)
	}
	silence := cfg.LLM.Timeout * time.Duration(max(1, len(cfg.LLM.Models)))
	for _, k := range []string{"proxy-read-timeout", "proxy-send-timeout"} {
		s, err := strconv.Atoi(a["nginx.ingress.kubernetes.io/"+k])
		if err != nil || time.Duration(s)*time.Second <= silence {
			t.Errorf("%s %q: a judgment may wait %s (LLM_TIMEOUT for each of %d models) before its first byte", k, a["nginx.ingress.kubernetes.io/"+k], silence, len(cfg.LLM.Models))
		}
	}
	if a["nginx.ingress.kubernetes.io/proxy-buffering"] != "off" {
		t.Error("proxy-buffering must be off, so that streamed judgments arrive as written")
	}
	if a["nginx.ingress.kubernetes.io/force-ssl-redirect"] != "true" {
		t.Error("force-ssl-redirect must be true")
	}
}
