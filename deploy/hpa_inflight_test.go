package deploy_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	autoscalingv2 "k8s.io/api/autoscaling/v2"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

// TestHPAInFlightComponent builds the production overlay with the
// hpa-inflight component and checks that the HPA scales on the pods'
// judge calls in flight (the gauge the service exports, at 70 % of
// LLM_MAX_CONCURRENT's 16 slots) with CPU beside it, and that the
// adapter's rule exposes that same gauge.
func TestHPAInFlightComponent(t *testing.T) {
	t.Parallel()
	overlay, _ := filepath.Abs(filepath.Join("k8s", "overlays", "production"))
	component, _ := filepath.Abs(filepath.Join("k8s", "components", "hpa-inflight"))
	dir := t.TempDir()
	// kustomize takes only relative paths to other kustomizations.
	rel := func(p string) string {
		r, err := filepath.Rel(dir, p)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	k := "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - " + rel(overlay) + "\ncomponents:\n  - " + rel(component) + "\n"
	if err := os.WriteFile(filepath.Join(dir, "kustomization.yaml"), []byte(k), 0o600); err != nil {
		t.Fatal(err)
	}
	opts := krusty.MakeDefaultOptions()
	opts.LoadRestrictions = types.LoadRestrictionsNone
	res, err := runKustomize(opts, filesys.MakeFsOnDisk(), dir)
	if err != nil {
		t.Fatalf("kustomize build: %v", err)
	}
	var hpa *autoscalingv2.HorizontalPodAutoscaler
	for _, r := range res.Resources() {
		if r.GetKind() != "HorizontalPodAutoscaler" {
			continue
		}
		data, err := r.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		hpa = &autoscalingv2.HorizontalPodAutoscaler{}
		if strict, err := kjson.UnmarshalStrict(data, hpa); err != nil || len(strict) > 0 {
			t.Fatalf("HPA: %v %v", err, strict)
		}
	}
	if hpa == nil {
		t.Fatal("no HPA in the build")
	}
	if hpa.Spec.MinReplicas == nil || *hpa.Spec.MinReplicas < 2 || hpa.Spec.MaxReplicas < *hpa.Spec.MinReplicas {
		t.Errorf("replicas %v–%d: the overlay's bounds were lost", hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas)
	}
	var pods, cpu bool
	for _, m := range hpa.Spec.Metrics {
		switch {
		case m.Type == autoscalingv2.PodsMetricSourceType && m.Pods.Metric.Name == "aijudge_llm_calls_in_flight":
			pods = m.Pods.Target.Type == autoscalingv2.AverageValueMetricType && m.Pods.Target.AverageValue.String() == "11"
		case m.Type == autoscalingv2.ResourceMetricSourceType && m.Resource.Name == "cpu":
			cpu = true
		default:
			t.Errorf("unexpected metric %+v", m)
		}
	}
	if !pods || !cpu {
		t.Errorf("metrics %+v: want judge calls in flight (average 11 a pod) and CPU", hpa.Spec.Metrics)
	}
	if hpa.Spec.Behavior == nil || hpa.Spec.Behavior.ScaleUp == nil || hpa.Spec.Behavior.ScaleDown == nil {
		t.Errorf("behavior %+v: want both directions stated", hpa.Spec.Behavior)
	}

	b, err := os.ReadFile(filepath.Join(component, "prometheus-adapter-values.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var values struct {
		Rules struct {
			Custom []struct {
				SeriesQuery string `json:"seriesQuery"`
				Name        struct {
					As string `json:"as"`
				} `json:"name"`
				MetricsQuery string `json:"metricsQuery"`
			} `json:"custom"`
		} `json:"rules"`
	}
	if err := yaml.Unmarshal(b, &values); err != nil {
		t.Fatal(err)
	}
	if len(values.Rules.Custom) != 1 || values.Rules.Custom[0].Name.As != "aijudge_llm_calls_in_flight" ||
		!strings.HasPrefix(values.Rules.Custom[0].SeriesQuery, "aijudge_llm_calls_in_flight{") {
		t.Errorf("adapter rules %+v do not expose aijudge_llm_calls_in_flight", values.Rules.Custom)
	}
}
