package deploy_test

import (
	"net/netip"
	"testing"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// peer is one end of a connection, as NetworkPolicy sees it: a pod (with
// its namespace's labels, its own labels and container ports) or an
// address outside the cluster.
type peer struct {
	nsLabels, podLabels labels.Set
	ports               []corev1.ContainerPort
	ip                  string
}

// inNamespace is a pod of namespace ns.
func inNamespace(ns string, podLabels labels.Set, ports ...corev1.ContainerPort) peer {
	return peer{nsLabels: labels.Set{"kubernetes.io/metadata.name": ns}, podLabels: podLabels, ports: ports}
}

// outside is an address outside the cluster.
func outside(ip string) peer { return peer{ip: ip} }

// matchesSelector reports whether s selects l; an empty selector selects
// everything, as in NetworkPolicy.
func matchesSelector(t *testing.T, s *metav1.LabelSelector, l labels.Set) bool {
	t.Helper()
	sel, err := metav1.LabelSelectorAsSelector(s)
	if err != nil {
		t.Error(err)
		return false
	}
	return sel.Matches(l)
}

// matchesPeer applies one entry of a rule's from or to.
func (b *build) matchesPeer(t *testing.T, np networkingv1.NetworkPolicyPeer, p peer) bool {
	t.Helper()
	if np.IPBlock != nil {
		if p.ip == "" {
			return false // pod addresses are not known here
		}
		addr := netip.MustParseAddr(p.ip)
		if !netip.MustParsePrefix(np.IPBlock.CIDR).Contains(addr) {
			return false
		}
		for _, e := range np.IPBlock.Except {
			if netip.MustParsePrefix(e).Contains(addr) {
				return false
			}
		}
		return true
	}
	if p.ip != "" {
		return false
	}
	if np.NamespaceSelector == nil {
		// A pod selector alone: pods of the policy's own namespace.
		if p.nsLabels["kubernetes.io/metadata.name"] != b.namespace {
			return false
		}
	} else if !matchesSelector(t, np.NamespaceSelector, p.nsLabels) {
		return false
	}
	return np.PodSelector == nil || matchesSelector(t, np.PodSelector, p.podLabels)
}

// matchesPort applies a rule's ports to a connection to port/proto on
// dest; a named port is one of dest's container ports.
func matchesPort(ports []networkingv1.NetworkPolicyPort, dest peer, port int32, proto corev1.Protocol) bool {
	if len(ports) == 0 {
		return true
	}
	for _, p := range ports {
		pp := corev1.ProtocolTCP
		if p.Protocol != nil {
			pp = *p.Protocol
		}
		if pp != proto {
			continue
		}
		switch {
		case p.Port == nil:
			return true
		case p.Port.Type == intstr.String:
			for _, cp := range dest.ports {
				if cp.Name == p.Port.StrVal && cp.ContainerPort == port {
					return true
				}
			}
		case p.Port.IntVal == port || (p.EndPort != nil && p.Port.IntVal <= port && port <= *p.EndPort):
			return true
		}
	}
	return false
}

// allowed reports whether the policies of the build let from connect to
// port/proto on to. At least one of the two is a pod of the build's
// namespace; for each such end, the policies selecting it must allow the
// connection (no policy selecting it for that direction allows all).
func (b *build) allowed(t *testing.T, from, to peer, port int32, proto corev1.Protocol) bool {
	t.Helper()
	ours := func(p peer) bool { return p.ip == "" && p.nsLabels["kubernetes.io/metadata.name"] == b.namespace }
	check := func(pod peer, typ networkingv1.PolicyType) bool {
		selected := false
		for _, np := range b.policies {
			if !matchesSelector(t, &np.Spec.PodSelector, pod.podLabels) {
				continue
			}
			types := np.Spec.PolicyTypes
			has := false
			for _, pt := range types {
				has = has || pt == typ
			}
			if !has {
				continue
			}
			selected = true
			if typ == networkingv1.PolicyTypeIngress {
				for _, r := range np.Spec.Ingress {
					if !matchesPort(r.Ports, to, port, proto) {
						continue
					}
					if len(r.From) == 0 {
						return true
					}
					for _, f := range r.From {
						if b.matchesPeer(t, f, from) {
							return true
						}
					}
				}
			} else {
				for _, r := range np.Spec.Egress {
					if !matchesPort(r.Ports, to, port, proto) {
						continue
					}
					if len(r.To) == 0 {
						return true
					}
					for _, f := range r.To {
						if b.matchesPeer(t, f, to) {
							return true
						}
					}
				}
			}
		}
		return !selected
	}
	ok := true
	if ours(from) {
		ok = ok && check(from, networkingv1.PolicyTypeEgress)
	}
	if ours(to) {
		ok = ok && check(to, networkingv1.PolicyTypeIngress)
	}
	return ok
}

func (b *build) checkNetworkPolicies(t *testing.T) {
	// Deny by default: a policy selecting every pod for both directions.
	deny := false
	for _, np := range b.policies {
		if len(np.Spec.PodSelector.MatchLabels)+len(np.Spec.PodSelector.MatchExpressions) == 0 &&
			len(np.Spec.PolicyTypes) == 2 && len(np.Spec.Ingress)+len(np.Spec.Egress) == 0 {
			deny = true
		}
	}
	if !deny {
		t.Fatal("no default-deny NetworkPolicy (every pod, Ingress and Egress, no rules)")
	}
	// Named ports resolve on the pods the policy selects.
	for _, np := range b.policies {
		for _, r := range np.Spec.Ingress {
			for _, p := range r.Ports {
				if p.Port == nil || p.Port.Type != intstr.String {
					continue
				}
				for name, pod := range b.pods() {
					if matchesSelector(t, &np.Spec.PodSelector, pod.Labels) && !hasPortName(pod, p.Port.StrVal) {
						t.Errorf("NetworkPolicy %s: port %s is not a port of %s", np.Name, p.Port.StrVal, name)
					}
				}
			}
		}
	}

	c := b.server(t)
	server := inNamespace(b.namespace, b.podLabels(), c.Ports...)
	controller := inNamespace("ingress-nginx", labels.Set{"app.kubernetes.io/name": "ingress-nginx"})
	prometheus := inNamespace("monitoring", labels.Set{"app.kubernetes.io/name": "prometheus"})
	stranger := inNamespace("default", labels.Set{"app": "curl"})
	neighbour := inNamespace(b.namespace, labels.Set{"app": "curl"})
	dns := inNamespace("kube-system", labels.Set{"k8s-app": "kube-dns"})
	collector := inNamespace("observability", labels.Set{"app.kubernetes.io/name": "opentelemetry-collector"})
	http, metrics := b.listenPort(t), b.metricsPort(t)
	tcp, udp := corev1.ProtocolTCP, corev1.ProtocolUDP
	otlp := int32(4318)
	if u := b.settingsOf(t, *c)["OTEL_EXPORTER_OTLP_ENDPOINT"]; u != "" {
		otlp = portOf(t, u)
	}
	for _, tc := range []struct {
		what     string
		from, to peer
		port     int32
		proto    corev1.Protocol
		want     bool
	}{
		{"ingress controller → app", controller, server, http, tcp, true},
		{"Prometheus → metrics", prometheus, server, metrics, tcp, true},
		{"ingress controller → metrics", controller, server, metrics, tcp, false},
		{"another namespace → app", stranger, server, http, tcp, false},
		{"another pod of the namespace → app", neighbour, server, http, tcp, false},
		{"app → DNS (UDP)", server, dns, 53, udp, true},
		{"app → DNS (TCP)", server, dns, 53, tcp, true},
		{"app → PostgreSQL", server, outside("10.20.30.40"), 5432, tcp, true},
		{"app → Redis", server, outside("10.20.30.41"), 6379, tcp, true},
		{"app → Azure Cache for Redis (TLS)", server, outside("20.40.60.80"), 6380, tcp, true},
		{"app → OpenTelemetry collector", server, collector, otlp, tcp, true},
		{"app → model provider (HTTPS)", server, outside("142.250.183.10"), 443, tcp, true},
		{"app → model provider (IPv6)", server, outside("2001:4860:4860::8888"), 443, tcp, true},
		{"app → plain HTTP outside", server, outside("142.250.183.10"), 80, tcp, false},
		{"app → another namespace's pod", server, stranger, 8080, tcp, false},
	} {
		if got := b.allowed(t, tc.from, tc.to, tc.port, tc.proto); got != tc.want {
			t.Errorf("%s (port %d/%s): allowed %v, want %v", tc.what, tc.port, tc.proto, got, tc.want)
		}
	}
	// The cloud metadata address is reachable only where workload identity
	// needs it.
	metadata := b.allowed(t, server, outside("169.254.169.254"), 80, tcp)
	if want := b.cloud == "gcp"; metadata != want {
		t.Errorf("app → metadata server 169.254.169.254:80: allowed %v, want %v (only GKE Workload Identity needs it)", metadata, want)
	}

	for _, cj := range b.cronJobs {
		pod := cj.Spec.JobTemplate.Spec.Template
		it := inNamespace(b.namespace, pod.Labels)
		if !b.allowed(t, it, outside("10.20.30.40"), 5432, tcp) || !b.allowed(t, it, outside("52.95.128.10"), 443, tcp) || !b.allowed(t, it, dns, 53, udp) {
			t.Errorf("CronJob %s: cannot reach PostgreSQL, DNS or the bucket", cj.Name)
		}
		if b.allowed(t, neighbour, it, 8080, tcp) || b.allowed(t, it, outside("10.20.30.40"), 6379, tcp) {
			t.Errorf("CronJob %s: reachable, or reaches more than it needs", cj.Name)
		}
		if matchesSelector(t, &metav1.LabelSelector{MatchLabels: b.podLabels()}, pod.Labels) {
			t.Errorf("CronJob %s: its pods carry the server's labels, so the Service and the server's policy select them", cj.Name)
		}
	}
	for _, s := range b.statefulSets {
		pod := s.Spec.Template
		var port int32
		for _, c := range pod.Spec.Containers {
			for _, p := range c.Ports {
				port = p.ContainerPort
			}
		}
		it := inNamespace(b.namespace, pod.Labels, pod.Spec.Containers[0].Ports...)
		if !b.allowed(t, server, it, port, tcp) {
			t.Errorf("app → StatefulSet %s port %d: denied", s.Name, port)
		}
		if b.allowed(t, neighbour, it, port, tcp) || b.allowed(t, stranger, it, port, tcp) {
			t.Errorf("StatefulSet %s port %d: reachable from pods other than the server's", s.Name, port)
		}
		if b.allowed(t, it, outside("142.250.183.10"), 443, tcp) || b.allowed(t, it, dns, 53, udp) {
			t.Errorf("StatefulSet %s: may connect out; it needs nothing", s.Name)
		}
	}
}

func hasPortName(pod *corev1.PodTemplateSpec, name string) bool {
	for _, c := range pod.Spec.Containers {
		for _, p := range c.Ports {
			if p.Name == name {
				return true
			}
		}
	}
	return false
}
