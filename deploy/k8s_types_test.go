package deploy_test

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The custom resources the manifests hold, as far as they use them. Their
// Go modules (the Prometheus Operator, the External Secrets Operator,
// cert-manager) would bring in far more than these few fields. Decoding is
// strict, so a field added to a manifest must be added here, spelled as the
// CRD spells it.

// serviceMonitor is monitoring.coreos.com/v1 ServiceMonitor.
type serviceMonitor struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		JobLabel  string               `json:"jobLabel,omitempty"`
		Selector  metav1.LabelSelector `json:"selector"`
		Endpoints []struct {
			Port          string `json:"port"`
			Path          string `json:"path"`
			Interval      string `json:"interval"`
			ScrapeTimeout string `json:"scrapeTimeout"`
		} `json:"endpoints"`
	} `json:"spec"`
}

// externalSecret is external-secrets.io/v1 ExternalSecret.
type externalSecret struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		RefreshInterval string `json:"refreshInterval"`
		SecretStoreRef  struct {
			Kind string `json:"kind"`
			Name string `json:"name"`
		} `json:"secretStoreRef"`
		Target struct {
			Name           string `json:"name"`
			CreationPolicy string `json:"creationPolicy"`
		} `json:"target"`
		Data []struct {
			SecretKey string `json:"secretKey"`
			RemoteRef struct {
				Key      string `json:"key"`
				Property string `json:"property,omitempty"`
			} `json:"remoteRef"`
		} `json:"data"`
	} `json:"spec"`
}

// serviceAccountRef names the ServiceAccount a store authenticates as.
type serviceAccountRef struct {
	Name string `json:"name"`
}

// secretStore is external-secrets.io/v1 SecretStore, with the three
// providers of the components.
type secretStore struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		Provider struct {
			AWS *struct {
				Service string `json:"service"`
				Region  string `json:"region"`
				Auth    struct {
					JWT struct {
						ServiceAccountRef serviceAccountRef `json:"serviceAccountRef"`
					} `json:"jwt"`
				} `json:"auth"`
			} `json:"aws,omitempty"`
			GCPSM *struct {
				ProjectID string `json:"projectID"`
				Auth      struct {
					WorkloadIdentity struct {
						ClusterLocation   string            `json:"clusterLocation"`
						ClusterName       string            `json:"clusterName"`
						ClusterProjectID  string            `json:"clusterProjectID"`
						ServiceAccountRef serviceAccountRef `json:"serviceAccountRef"`
					} `json:"workloadIdentity"`
				} `json:"auth"`
			} `json:"gcpsm,omitempty"`
			AzureKV *struct {
				AuthType          string            `json:"authType"`
				VaultURL          string            `json:"vaultUrl"`
				ServiceAccountRef serviceAccountRef `json:"serviceAccountRef"`
			} `json:"azurekv,omitempty"`
		} `json:"provider"`
	} `json:"spec"`
}

// clusterIssuer is cert-manager.io/v1 ClusterIssuer with an ACME HTTP-01
// solver.
type clusterIssuer struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		ACME struct {
			Server              string `json:"server"`
			Email               string `json:"email"`
			PrivateKeySecretRef struct {
				Name string `json:"name"`
			} `json:"privateKeySecretRef"`
			Solvers []struct {
				HTTP01 struct {
					Ingress struct {
						IngressClassName string `json:"ingressClassName"`
					} `json:"ingress"`
				} `json:"http01"`
			} `json:"solvers"`
		} `json:"acme"`
	} `json:"spec"`
}
