// Package deploy_test checks the deployment files in this directory
// against the program they deploy: the Kubernetes manifests (built with
// kustomize and decoded strictly into the Kubernetes API types), the
// Compose file and the Dockerfile. What the files may name (settings,
// routes, ports) is read from the code, not from a second list kept here,
// so a renamed setting or route fails this test rather than a rollout.
package deploy_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aijudge/aijudge/internal/config"
	"github.com/aijudge/aijudge/internal/telemetry"
)

// external lists the environment variables a deployment may set that the
// service's own code does not read: the AWS SDK reads them when BLOB_URL is
// s3:// (internal/blob takes credentials from each cloud's standard
// environment, never from the URL).
var external = map[string]bool{
	"AWS_ACCESS_KEY_ID":           true,
	"AWS_SECRET_ACCESS_KEY":       true,
	"AWS_SESSION_TOKEN":           true,
	"AWS_REGION":                  true,
	"AWS_SHARED_CREDENTIALS_FILE": true,
	"AWS_ROLE_ARN":                true,
	"AWS_WEB_IDENTITY_TOKEN_FILE": true,
	"GOMEMLIMIT":                  true, // the Go runtime's
}

// recorder is a getenv that answers from values and remembers every name
// asked for.
type recorder struct {
	values map[string]string
	asked  map[string]bool
}

func (r *recorder) getenv(name string) string {
	r.asked[name] = true
	return r.values[name]
}

var (
	settingsOnce sync.Once
	settingsSet  map[string]bool
)

// settings returns every environment variable the service reads. It runs
// the real readers, config.Load and telemetry.SetupTracing, through a
// recording getenv, once per branch that reads more names (each LLM
// provider reads its own *_MODEL and *_BASE_URL, REDIS_HOST brings
// REDIS_PORT and REDIS_PASSWORD, an OTLP endpoint brings the exporter's
// settings), and adds config.Names, the list --help prints.
func settings(t *testing.T) map[string]bool {
	t.Helper()
	settingsOnce.Do(func() {
		asked := map[string]bool{}
		for _, env := range []map[string]string{
			{},
			{"LLM_PROVIDER": "gemini"},
			{"LLM_PROVIDER": "openai"},
			{"LLM_PROVIDER": "anthropic"},
			{"REDIS_HOST": "redis"},
		} {
			r := &recorder{values: env, asked: asked}
			config.Load(r.getenv) // a validation error comes after every read
		}
		for _, env := range []map[string]string{
			{},
			{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"},
		} {
			r := &recorder{values: env, asked: asked}
			_, shutdown, err := telemetry.SetupTracing(context.Background(), r.getenv)
			if err == nil {
				shutdown(context.Background())
			}
		}
		for _, n := range config.Names() {
			asked[n] = true
		}
		settingsSet = asked
	})
	if len(settingsSet) < 20 {
		t.Fatalf("found only %d settings in internal/config and internal/telemetry", len(settingsSet))
	}
	return settingsSet
}

// checkSettingNames fails for every name that is neither a setting of the
// service nor one of the external variables.
func checkSettingNames(t *testing.T, where string, names []string) {
	t.Helper()
	known := settings(t)
	for _, n := range names {
		if !known[n] && !external[n] {
			t.Errorf("%s: %s is not a setting the service reads (internal/config, internal/telemetry)", where, n)
		}
	}
}

// secretSettings returns the settings that hold secrets: those with a
// NAME_FILE twin.
func secretSettings(t *testing.T) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	known := settings(t)
	for n := range known {
		if base, ok := strings.CutSuffix(n, "_FILE"); ok && known[base] {
			out[base] = true
		}
	}
	for _, want := range []string{"DATABASE_URL", "JWT_SECRET"} {
		if !out[want] {
			t.Fatalf("%s has no %s_FILE twin in internal/config", want, want)
		}
	}
	return out
}

// fakeSecret is a value of the right shape for a secret setting, written to
// the file a NAME_FILE setting names when the settings are loaded.
func fakeSecret(name string) string {
	switch name {
	case "DATABASE_URL":
		return "postgres://aijudge@postgres.example:5432/aijudge"
	case "REDIS_URL":
		return "redis://redis.example:6379/0"
	default:
		return strings.Repeat("x", 40)
	}
}

// loadSettings runs the service's configuration and tracing set-up on env,
// as a replica started with it would. Each secret's NAME_FILE is pointed at
// a file here holding fileContent(NAME, the path env gives).
func loadSettings(t *testing.T, where string, env map[string]string, fileContent func(name, path string) string) {
	t.Helper()
	values := map[string]string{}
	dir := t.TempDir()
	for k, v := range env {
		values[k] = v
		if base, ok := strings.CutSuffix(k, "_FILE"); ok && secretSettings(t)[base] {
			content := fileContent(base, v)
			p := filepath.Join(dir, base)
			if err := os.WriteFile(p, []byte(content+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			values[k] = p
		}
	}
	getenv := func(n string) string { return values[n] }
	if _, err := config.Load(getenv); err != nil {
		t.Errorf("%s: the service would not start: %v", where, err)
	}
	_, shutdown, err := telemetry.SetupTracing(context.Background(), getenv)
	if err != nil {
		t.Errorf("%s: the service would not start: %v", where, err)
		return
	}
	if err := shutdown(context.Background()); err != nil {
		t.Errorf("%s: tracing shutdown: %v", where, err)
	}
}

var (
	routesOnce sync.Once
	routesSet  map[string]bool
	routesErr  error
)

// getRoutes returns the paths internal/web registers for GET, read from its
// source: the string literals "GET /path" its ServeMux patterns are made of.
func getRoutes(t *testing.T) map[string]bool {
	t.Helper()
	routesOnce.Do(func() {
		routesSet = map[string]bool{}
		pattern := regexp.MustCompile(`^GET (/\S*)$`)
		files, err := filepath.Glob("../internal/web/*.go")
		if err != nil || len(files) == 0 {
			routesErr = err
			return
		}
		fset := token.NewFileSet()
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			file, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
			if err != nil {
				routesErr = err
				return
			}
			ast.Inspect(file, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					return true
				}
				if m := pattern.FindStringSubmatch(s); m != nil {
					routesSet[m[1]] = true
				}
				return true
			})
		}
	})
	if routesErr != nil {
		t.Fatalf("reading internal/web: %v", routesErr)
	}
	for _, p := range []string{"/livez", "/readyz", "/metrics"} {
		if !routesSet[p] {
			t.Fatalf("internal/web registers no GET %s (found %v)", p, routesSet)
		}
	}
	return routesSet
}

// defaultPort is the port the service listens on when PORT is not set.
func defaultPort(t *testing.T) int {
	t.Helper()
	c, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatalf("the defaults do not load: %v", err)
	}
	return c.Port
}

// alertSelectors returns what deploy/prometheus/alerts.yaml expects of a
// deployment: the regular expression the job label must match and the
// container name kube-state-metrics reports.
func alertSelectors(t *testing.T) (job *regexp.Regexp, container string) {
	t.Helper()
	b, err := os.ReadFile("prometheus/alerts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	j := regexp.MustCompile(`up\{job=~"([^"]+)"\}`).FindSubmatch(b)
	c := regexp.MustCompile(`kube_pod_container_status_restarts_total\{container="([^"]+)"\}`).FindSubmatch(b)
	if j == nil || c == nil {
		t.Fatal("prometheus/alerts.yaml: no up{job=~…} or no kube_pod_container_status_restarts_total{container=…} selector")
	}
	// Prometheus anchors label regular expressions at both ends.
	return regexp.MustCompile("^(?:" + string(j[1]) + ")$"), string(c[1])
}

func TestSettingsAreRead(t *testing.T) {
	t.Parallel()
	known := settings(t)
	for _, n := range []string{"PORT", "DATA_DIR", "DATABASE_URL", "DATABASE_URL_FILE", "REDIS_URL", "BLOB_URL", "JWT_SECRET_FILE",
		"LLM_PROVIDER", "GEMINI_API_KEY_FILE", "GEMINI_MODEL", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_TRACES_SAMPLER"} {
		if !known[n] {
			t.Errorf("%s was not read by config.Load or telemetry.SetupTracing", n)
		}
	}
}
