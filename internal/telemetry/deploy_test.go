package telemetry_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/rulefmt"
	"github.com/prometheus/prometheus/promql/parser"

	"github.com/aijudge/aijudge/internal/telemetry"
)

// The dashboard and the alert rules live in deploy/, but what they may
// name is decided here, by what Metrics registers: a renamed metric must
// fail this test, not a dashboard at three in the morning.

const (
	alertsFile    = "../../deploy/prometheus/alerts.yaml"
	dashboardFile = "../../deploy/grafana/aijudge.json"
	runbooksFile  = "../../docs/OPERATIONS.md"
)

// externalMetric reports names that come from elsewhere than the service:
// Prometheus itself and kube-state-metrics.
func externalMetric(name string) bool {
	return name == "up" || name == "ALERTS" || strings.HasPrefix(name, "kube_")
}

// exported returns every series name the service exposes, with the
// _bucket, _sum and _count names of its histograms.
func exported(t *testing.T) map[string]bool {
	t.Helper()
	m := telemetry.NewMetrics(telemetry.MetricsOptions{Version: "test"})
	exercise(m)
	names := map[string]bool{}
	for name, mf := range series(t, m) {
		names[name] = true
		if mf.GetType().String() == "HISTOGRAM" {
			for _, s := range []string{"_bucket", "_sum", "_count"} {
				names[name+s] = true
			}
		}
	}
	return names
}

// metricNames returns the metric names expr selects.
func metricNames(t *testing.T, p parser.Parser, where, expr string) []string {
	t.Helper()
	e, err := p.ParseExpr(expr)
	if err != nil {
		t.Errorf("%s: %v\n%s", where, err, expr)
		return nil
	}
	var out []string
	parser.Inspect(e, func(n parser.Node, _ []parser.Node) error {
		if vs, ok := n.(*parser.VectorSelector); ok {
			out = append(out, vs.Name)
		}
		return nil
	})
	return out
}

// checkNames fails for each name that neither the service nor a recording
// rule provides.
func checkNames(t *testing.T, where string, names []string, have, recorded map[string]bool) {
	t.Helper()
	for _, n := range names {
		switch {
		case n == "":
			t.Errorf("%s: a selector without a metric name", where)
		case strings.Contains(n, ":"):
			if !recorded[n] {
				t.Errorf("%s: recording rule %s is not defined in %s", where, n, alertsFile)
			}
		case externalMetric(n):
		case !have[n]:
			t.Errorf("%s: %s is not a metric the service exports", where, n)
		}
	}
}

func TestAlertRules(t *testing.T) {
	t.Parallel()
	have := exported(t)
	b, err := os.ReadFile(alertsFile)
	if err != nil {
		t.Fatal(err)
	}
	p := parser.NewParser(parser.Options{})
	groups, errs := rulefmt.Parse(b, false, model.UTF8Validation, p, slog.New(slog.NewTextHandler(io.Discard, nil)))
	for _, err := range errs {
		t.Errorf("%s: %v", alertsFile, err)
	}
	if groups == nil {
		t.FailNow()
	}
	anchors := runbookAnchors(t)

	recorded := map[string]bool{}
	for _, g := range groups.Groups {
		for _, r := range g.Rules {
			if r.Record != "" {
				recorded[r.Record] = true
			}
		}
	}
	alerts := 0
	for _, g := range groups.Groups {
		for _, r := range g.Rules {
			where := r.Record + r.Alert
			checkNames(t, where, metricNames(t, p, where, r.Expr), have, recorded)
			if r.Alert == "" {
				continue
			}
			alerts++
			for _, a := range []string{"summary", "description", "runbook_url"} {
				if r.Annotations[a] == "" {
					t.Errorf("%s: no %s annotation", r.Alert, a)
				}
			}
			if s := r.Labels["severity"]; s != "critical" && s != "warning" {
				t.Errorf("%s: severity %q, want critical or warning", r.Alert, s)
			}
			_, anchor, _ := strings.Cut(r.Annotations["runbook_url"], "/docs/OPERATIONS.md#")
			if !anchors[anchor] {
				t.Errorf("%s: runbook_url %s has no matching heading in %s", r.Alert, r.Annotations["runbook_url"], runbooksFile)
			}
		}
	}
	if alerts < 8 {
		t.Errorf("%d alerts, want the SLO, latency, LLM, breaker and cache ones at least", alerts)
	}
}

func TestDashboard(t *testing.T) {
	t.Parallel()
	have := exported(t)
	b, err := os.ReadFile(dashboardFile)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		UID    string  `json:"uid"`
		Panels []panel `json:"panels"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("%s: %v", dashboardFile, err)
	}
	if d.UID == "" {
		t.Errorf("%s: no uid, so links to it break on every import", dashboardFile)
	}
	alertsYAML, err := os.ReadFile(alertsFile)
	if err != nil {
		t.Fatal(err)
	}
	recorded := map[string]bool{}
	for _, m := range regexp.MustCompile(`record: (\S+)`).FindAllSubmatch(alertsYAML, -1) {
		recorded[string(m[1])] = true
	}

	// Grafana's variables are not PromQL; give them values that are.
	vars := strings.NewReplacer("$__rate_interval", "5m", "$__range", "6h", "$__interval", "1m",
		"$job", ".+", "$instance", ".+")
	p := parser.NewParser(parser.Options{})
	seen := map[string]bool{}
	ids := map[int]bool{}
	var walk func([]panel)
	walk = func(ps []panel) {
		for _, pn := range ps {
			if ids[pn.ID] {
				t.Errorf("panel id %d used twice", pn.ID)
			}
			ids[pn.ID] = true
			walk(pn.Panels)
			for _, tg := range pn.Targets {
				where := pn.Title + "/" + tg.RefID
				names := metricNames(t, p, where, vars.Replace(tg.Expr))
				checkNames(t, where, names, have, recorded)
				for _, n := range names {
					seen[n] = true
				}
			}
		}
	}
	walk(d.Panels)

	// The issue asks the dashboard to cover these.
	for _, want := range []string{
		"aijudge_http_request_duration_seconds_bucket", "aijudge_http_request_duration_seconds_count",
		"aijudge_llm_api_calls_total", "aijudge_llm_request_duration_seconds_bucket", "aijudge_llm_tokens_total",
		"aijudge_llm_cost_total", "aijudge_cache_requests_total", "aijudge_db_query_duration_seconds_bucket",
		"aijudge_db_pool_connections", "aijudge_circuit_breaker_state", "process_cpu_seconds_total",
		"process_resident_memory_bytes", "kube_pod_container_status_restarts_total",
	} {
		if !seen[want] {
			t.Errorf("the dashboard shows nothing from %s", want)
		}
	}
}

type panel struct {
	ID      int    `json:"id"`
	Title   string `json:"title"`
	Panels  []panel
	Targets []struct {
		RefID string `json:"refId"`
		Expr  string `json:"expr"`
	} `json:"targets"`
}

// runbookAnchors returns the anchors GitHub gives the headings of the
// runbooks: lower case, spaces to hyphens, punctuation dropped.
func runbookAnchors(t *testing.T) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(runbooksFile)
	if err != nil {
		t.Fatal(err)
	}
	drop := regexp.MustCompile(`[^a-z0-9 _-]`)
	out := map[string]bool{}
	for line := range strings.Lines(string(b)) {
		if !strings.HasPrefix(line, "#") {
			continue
		}
		h := strings.ToLower(strings.TrimSpace(strings.TrimLeft(line, "#")))
		out[strings.ReplaceAll(drop.ReplaceAllString(h, ""), " ", "-")] = true
	}
	return out
}

// TestOperationsListsMetrics keeps the metric list in the runbooks honest.
func TestOperationsListsMetrics(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(runbooksFile)
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for name := range exported(t) {
		if strings.HasPrefix(name, "aijudge_") && !strings.HasSuffix(name, "_bucket") &&
			!strings.HasSuffix(name, "_sum") && !strings.HasSuffix(name, "_count") &&
			!strings.Contains(string(b), "`"+name+"`") {
			missing = append(missing, name)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("%s does not list %v", filepath.Base(runbooksFile), missing)
	}
}
