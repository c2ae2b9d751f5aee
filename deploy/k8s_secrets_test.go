package deploy_test

import (
	"path"
	"strings"
	"testing"
)

// secretKeys returns, for each Secret a pod of the build reads, the keys
// it reads: the files its *_FILE settings name in the Secret's volume, and
// the keys of env secretKeyRefs.
func (b *build) secretKeys(t *testing.T) map[string]map[string]bool {
	t.Helper()
	out := map[string]map[string]bool{}
	add := func(secret, key string) {
		if out[secret] == nil {
			out[secret] = map[string]bool{}
		}
		out[secret][key] = true
	}
	secrets := secretSettings(t)
	for _, pod := range b.pods() {
		for _, c := range append(pod.Spec.InitContainers, pod.Spec.Containers...) {
			for _, e := range c.Env {
				if r := e.ValueFrom; r != nil && r.SecretKeyRef != nil {
					add(r.SecretKeyRef.Name, r.SecretKeyRef.Key)
				}
			}
			if pod != &b.deployment.Spec.Template {
				continue
			}
			for k, v := range b.settingsOf(t, c) {
				base, ok := strings.CutSuffix(k, "_FILE")
				if !ok || !secrets[base] {
					continue
				}
				for _, m := range c.VolumeMounts {
					vol := b.volume(m.Name)
					dir := strings.TrimSuffix(m.MountPath, "/") + "/"
					if vol != nil && vol.Secret != nil && strings.HasPrefix(v, dir) {
						add(vol.Secret.SecretName, strings.TrimPrefix(v, dir))
					}
				}
			}
		}
	}
	return out
}

// checkSecrets: every Secret a pod reads comes from an ExternalSecret of
// the build, with every key read, through the cloud's SecretStore,
// refreshed hourly.
func (b *build) checkSecrets(t *testing.T) {
	read := b.secretKeys(t)
	if len(read["aijudge-secrets"]) == 0 {
		t.Fatal("the server reads nothing from the Secret aijudge-secrets")
	}
	made := map[string]*externalSecret{}
	for _, es := range b.externalSecrets {
		where := "ExternalSecret " + es.Name
		s := es.Spec
		if s.Target.Name == "" || s.Target.CreationPolicy != "Owner" {
			t.Errorf("%s: want a target Secret it owns", where)
		}
		if made[s.Target.Name] != nil {
			t.Errorf("%s: a second ExternalSecret for Secret %s", where, s.Target.Name)
		}
		made[s.Target.Name] = es
		if s.RefreshInterval != "1h" {
			t.Errorf("%s: refreshInterval %q, want 1h", where, s.RefreshInterval)
		}
		if s.SecretStoreRef.Kind != "SecretStore" || !b.hasStore(s.SecretStoreRef.Name) {
			t.Errorf("%s: store %s %s is not a SecretStore of the build", where, s.SecretStoreRef.Kind, s.SecretStoreRef.Name)
		}
		have := map[string]bool{}
		for _, d := range s.Data {
			if have[d.SecretKey] {
				t.Errorf("%s: key %s twice", where, d.SecretKey)
			}
			have[d.SecretKey] = true
			// One secret per environment in the cloud's store, named
			// after the namespace; one property per file.
			if d.RemoteRef.Key != b.namespace || d.RemoteRef.Property == "" {
				t.Errorf("%s: key %s reads %s/%s; want property %s of the secret %s", where, d.SecretKey, d.RemoteRef.Key, d.RemoteRef.Property, d.SecretKey, b.namespace)
			}
		}
		for k := range read[s.Target.Name] {
			if !have[k] {
				t.Errorf("%s: the pods read key %s of Secret %s, which it does not make", where, k, s.Target.Name)
			}
		}
		for k := range have {
			if !read[s.Target.Name][k] {
				t.Errorf("%s: makes key %s, which no pod reads", where, k)
			}
		}
	}
	for secret := range read {
		if made[secret] == nil {
			t.Errorf("the pods read Secret %s, which no ExternalSecret makes", secret)
		}
	}
	// Only the environment's own provider key.
	provider := b.settingsOf(t, *b.server(t))["LLM_PROVIDER"]
	for k := range read["aijudge-secrets"] {
		if p, ok := strings.CutSuffix(k, "-api-key"); ok && p != provider {
			t.Errorf("aijudge-secrets: key %s for a provider other than %s", k, provider)
		}
	}
	if len(b.secretStores) != 1 {
		t.Fatalf("%d SecretStores; want the one of the cloud's component", len(b.secretStores))
	}
	b.checkStore(t, b.secretStores[0])
}

func (b *build) hasStore(name string) bool {
	for _, s := range b.secretStores {
		if s.Name == name {
			return true
		}
	}
	return false
}

// checkStore: the store authenticates as the pods' ServiceAccount, which
// carries the annotation the cloud's workload identity reads.
func (b *build) checkStore(t *testing.T, s *secretStore) {
	p := s.Spec.Provider
	var sa, annotation string
	switch b.cloud {
	case "aws":
		if p.AWS == nil || p.AWS.Service != "SecretsManager" || p.AWS.Region == "" {
			t.Fatal("aws: want AWS Secrets Manager in a region")
		}
		sa, annotation = p.AWS.Auth.JWT.ServiceAccountRef.Name, "eks.amazonaws.com/role-arn"
		if a := b.serviceAccount.Annotations[annotation]; !strings.HasPrefix(a, "arn:aws:iam::") || !strings.Contains(a, ":role/") {
			t.Errorf("%s %q is not a role ARN", annotation, a)
		}
	case "gcp":
		if p.GCPSM == nil || p.GCPSM.ProjectID == "" {
			t.Fatal("gcp: want GCP Secret Manager of a project")
		}
		sa, annotation = p.GCPSM.Auth.WorkloadIdentity.ServiceAccountRef.Name, "iam.gke.io/gcp-service-account"
		if a := b.serviceAccount.Annotations[annotation]; !strings.HasSuffix(a, "@"+p.GCPSM.ProjectID+".iam.gserviceaccount.com") {
			t.Errorf("%s %q is not a service account of %s", annotation, a, p.GCPSM.ProjectID)
		}
	case "azure":
		if p.AzureKV == nil || p.AzureKV.AuthType != "WorkloadIdentity" || !strings.HasPrefix(p.AzureKV.VaultURL, "https://") {
			t.Fatal("azure: want Azure Key Vault with WorkloadIdentity")
		}
		sa, annotation = p.AzureKV.ServiceAccountRef.Name, "azure.workload.identity/client-id"
		if b.podLabels()["azure.workload.identity/use"] != "true" {
			t.Error("azure: the pods need the label azure.workload.identity/use=true for the identity webhook")
		}
	}
	if sa != b.serviceAccount.Name {
		t.Errorf("%s: the store authenticates as %q, not the pods' ServiceAccount %s", b.cloud, sa, b.serviceAccount.Name)
	}
	if b.serviceAccount.Annotations[annotation] == "" {
		t.Errorf("%s: the ServiceAccount lacks %s", b.cloud, annotation)
	}
	// Only the cloud's own annotations.
	for k := range b.serviceAccount.Annotations {
		domain := path.Dir(k)
		if want := map[string]string{"aws": "eks.amazonaws.com", "gcp": "iam.gke.io", "azure": "azure.workload.identity"}[b.cloud]; domain != want && strings.Contains(domain, ".") {
			t.Errorf("%s: ServiceAccount annotation %s is another cloud's", b.cloud, k)
		}
	}
}
