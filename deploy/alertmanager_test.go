package deploy_test

import (
	"os"
	"os/exec"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/aijudge/aijudge/internal/testenv"
)

// receiverFor is who each severity of deploy/prometheus/alerts.yaml goes
// to.
var receiverFor = map[string]string{"critical": "pagerduty", "warning": "opsgenie"}

// TestAlertmanagerRoutes checks deploy/alertmanager/alertmanager.yml with
// amtool and routes every alert of the rules through it: a critical one
// must page (PagerDuty), a warning open an Opsgenie alert.
func TestAlertmanagerRoutes(t *testing.T) {
	t.Parallel()
	amtool := testenv.Tool(t, "amtool")
	const file = "alertmanager/alertmanager.yml"
	if out, err := exec.Command(amtool, "check-config", file).CombinedOutput(); err != nil {
		t.Fatalf("amtool check-config: %v\n%s", err, out)
	}
	b, err := os.ReadFile("prometheus/alerts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var rules struct {
		Groups []struct {
			Rules []struct {
				Alert  string            `yaml:"alert"`
				Labels map[string]string `yaml:"labels"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	if err := yaml.Unmarshal(b, &rules); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			if r.Alert == "" {
				continue
			}
			n++
			want, ok := receiverFor[r.Labels["severity"]]
			if !ok {
				t.Errorf("%s: severity %q is neither critical nor warning", r.Alert, r.Labels["severity"])
				continue
			}
			out, err := exec.Command(amtool, "config", "routes", "test", "--config.file="+file, "--verify.receivers="+want,
				"alertname="+r.Alert, "severity="+r.Labels["severity"], "job=aijudge").CombinedOutput()
			if err != nil {
				t.Errorf("%s (%s) does not reach %s: %v\n%s", r.Alert, r.Labels["severity"], want, err, out)
			}
		}
	}
	if n < 10 {
		t.Fatalf("found %d alerts in prometheus/alerts.yaml", n)
	}
}
