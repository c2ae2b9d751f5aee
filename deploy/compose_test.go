package deploy_test

import (
	"fmt"
	"net"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// composeFile is the part of the Compose file this test reads.
type composeFile struct {
	Services map[string]composeService `yaml:"services"`
	Secrets  map[string]struct {
		File string `yaml:"file"`
	} `yaml:"secrets"`
}

type composeService struct {
	Image string `yaml:"image"`
	Build *struct {
		Context    string `yaml:"context"`
		Dockerfile string `yaml:"dockerfile"`
	} `yaml:"build"`
	Command     []string          `yaml:"command"`
	User        string            `yaml:"user"`
	ReadOnly    bool              `yaml:"read_only"`
	Environment map[string]string `yaml:"environment"`
	Secrets     []string          `yaml:"secrets"`
	Volumes     []string          `yaml:"volumes"`
	DependsOn   map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
}

func readCompose(t *testing.T) *composeFile {
	t.Helper()
	b, err := os.ReadFile("compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var f composeFile
	if err := yaml.Unmarshal(b, &f); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	return &f
}

// interpolate does what Compose does to ${NAME:-default} when NAME is not
// set, and to $$.
func interpolate(s string) string {
	s = regexp.MustCompile(`\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-([^}]*))?\}`).ReplaceAllString(s, "$1")
	return strings.ReplaceAll(s, "$$", "$")
}

// bindSource returns the host path of a bind mount, relative to this
// directory, or "" for a named volume.
func bindSource(volume string) string {
	src, _, _ := strings.Cut(volume, ":")
	if strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") {
		return filepath.FromSlash(src)
	}
	return ""
}

func TestCompose(t *testing.T) {
	t.Parallel()
	f := readCompose(t)

	// The services that run the image this repository builds.
	var built string
	for name, s := range f.Services {
		if s.Build != nil {
			if s.Build.Dockerfile != "deploy/Dockerfile" {
				t.Errorf("%s: builds %s, want deploy/Dockerfile", name, s.Build.Dockerfile)
			}
			if _, err := os.Stat(filepath.Join(s.Build.Context, "go.mod")); err != nil {
				t.Errorf("%s: build context %s holds no go.mod", name, s.Build.Context)
			}
			built = s.Image
		}
	}
	if built == "" {
		t.Fatal("no service builds deploy/Dockerfile")
	}
	var servers, migrates []string
	for name, s := range f.Services {
		if s.Image != built {
			continue
		}
		switch {
		case slices.Equal(s.Command, []string{"migrate"}):
			migrates = append(migrates, name)
		case slices.Equal(s.Command, []string{"serve"}):
			servers = append(servers, name)
		default:
			t.Errorf("%s: command %q, want serve or migrate", name, s.Command)
		}
	}
	if len(migrates) != 1 || len(servers) < 2 {
		t.Fatalf("want one migrate service and at least two replicas, have %v and %v", migrates, servers)
	}

	for _, name := range append(servers, migrates...) {
		s := f.Services[name]
		t.Run(name, func(t *testing.T) {
			names := make([]string, 0, len(s.Environment))
			env := map[string]string{}
			for k, v := range s.Environment {
				names = append(names, k)
				env[k] = interpolate(v)
			}
			checkSettingNames(t, "environment", names)
			// A secret is a file, or comes from the environment of
			// `docker compose up`; its value is never written here.
			secrets := secretSettings(t)
			passed := regexp.MustCompile(`^\$\{[A-Z0-9_]+(:?-)?\}$`)
			for k, v := range s.Environment {
				if secrets[k] && !passed.MatchString(v) {
					t.Errorf("the secret %s has a value here; give it as %s_FILE, or as ${%s:-} from the caller's environment", k, k, k)
				}
			}
			if env["AUTO_MIGRATE"] == "true" {
				t.Error("AUTO_MIGRATE=true; the migrate service applies migrations")
			}
			if s.User == "" || strings.HasPrefix(s.User, "0") || strings.HasPrefix(s.User, "root") {
				t.Errorf("user %q, want an unprivileged UID", s.User)
			}
			if !s.ReadOnly {
				t.Error("read_only must be true, as in Kubernetes")
			}
			if name != migrates[0] && s.DependsOn[migrates[0]].Condition != "service_completed_successfully" {
				t.Errorf("must wait for %s to complete", migrates[0])
			}
			// Every NAME_FILE is a Compose secret of this service, whose
			// file exists; the settings load with its contents.
			loadSettings(t, name, env, func(setting, p string) string {
				secret, ok := strings.CutPrefix(p, "/run/secrets/")
				if !ok || !slices.Contains(s.Secrets, secret) {
					t.Errorf("%s_FILE=%s is not a secret of this service", setting, p)
					return fakeSecret(setting)
				}
				b, err := os.ReadFile(f.Secrets[secret].File)
				if err != nil {
					t.Errorf("secret %s: %v", secret, err)
					return fakeSecret(setting)
				}
				return strings.TrimSpace(string(b))
			})
		})
	}

	for name, s := range f.Services {
		for _, src := range binds(s) {
			if _, err := os.Stat(src); err != nil {
				t.Errorf("%s: mounts %s: %v", name, src, err)
			}
		}
	}
	for name, s := range f.Secrets {
		if _, err := os.Stat(s.File); err != nil {
			t.Errorf("secret %s: %v", name, err)
		}
	}

	t.Run("prometheus", func(t *testing.T) { checkComposePrometheus(t, f, servers) })
	t.Run("grafana", func(t *testing.T) { checkComposeGrafana(t, f) })
}

// binds returns the bind mounts of s: the path in the container to the
// path here.
func binds(s composeService) map[string]string {
	out := map[string]string{}
	for _, v := range s.Volumes {
		if src := bindSource(v); src != "" {
			_, rest, _ := strings.Cut(v, ":")
			dst, _, _ := strings.Cut(rest, ":")
			out[dst] = src
		}
	}
	return out
}

// mountOf returns where service s mounts the file src, or "".
func mountOf(s composeService, src string) string {
	for dst, from := range binds(s) {
		if from == filepath.FromSlash(src) {
			return dst
		}
	}
	return ""
}

// checkComposePrometheus checks that Prometheus loads the alert rules and
// scrapes every replica under a job the rules select.
func checkComposePrometheus(t *testing.T, f *composeFile, servers []string) {
	s, ok := f.Services["prometheus"]
	if !ok {
		t.Fatal("no prometheus service")
	}
	rules := mountOf(s, "./prometheus/alerts.yaml")
	configPath := ""
	for dst, src := range binds(s) {
		if path.Base(dst) == "prometheus.yml" {
			configPath = src
		}
	}
	if rules == "" || configPath == "" {
		t.Fatalf("prometheus must mount ./prometheus/alerts.yaml (%q) and a prometheus.yml (%q)", rules, configPath)
	}
	b, err := os.ReadFile(configPath)
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		RuleFiles     []string `yaml:"rule_files"`
		ScrapeConfigs []struct {
			JobName       string `yaml:"job_name"`
			MetricsPath   string `yaml:"metrics_path"`
			StaticConfigs []struct {
				Targets []string `yaml:"targets"`
			} `yaml:"static_configs"`
		} `yaml:"scrape_configs"`
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		t.Fatalf("%s: %v", configPath, err)
	}
	if !slices.ContainsFunc(cfg.RuleFiles, func(p string) bool { ok, _ := path.Match(p, rules); return ok }) {
		t.Errorf("%s: rule_files %q do not load %s, where the alerts are mounted", configPath, cfg.RuleFiles, rules)
	}
	job, _ := alertSelectors(t)
	routes := getRoutes(t)
	scraped := map[string]bool{}
	for _, sc := range cfg.ScrapeConfigs {
		if !job.MatchString(sc.JobName) {
			t.Errorf("%s: job %q does not match %s, which AIJudgeTargetDown selects", configPath, sc.JobName, job)
		}
		if p := sc.MetricsPath; p != "" && !routes[p] {
			t.Errorf("%s: metrics_path %q is not a route of internal/web", configPath, p)
		}
		for _, st := range sc.StaticConfigs {
			for _, target := range st.Targets {
				host, port, err := net.SplitHostPort(target)
				if err != nil {
					t.Errorf("%s: target %q: %v", configPath, target, err)
					continue
				}
				if want := composeMetricsPort(t, f.Services[host]); port != want {
					t.Errorf("%s: target %s: the service serves /metrics on %s", configPath, target, want)
				}
				scraped[host] = true
			}
		}
	}
	for _, s := range servers {
		if !scraped[s] {
			t.Errorf("%s: %s is not scraped", configPath, s)
		}
	}
}

// composePort returns the port a service of the image listens on.
func composePort(t *testing.T, s composeService) string {
	t.Helper()
	if p := s.Environment["PORT"]; p != "" {
		return interpolate(p)
	}
	return fmt.Sprint(defaultPort(t))
}

// composeMetricsPort returns the port of METRICS_ADDR of a service of
// the image, which Prometheus, in another container, must reach: the
// application's port never serves /metrics.
func composeMetricsPort(t *testing.T, s composeService) string {
	t.Helper()
	addr := interpolate(s.Environment["METRICS_ADDR"])
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Errorf("METRICS_ADDR=%q: %v; Prometheus reads /metrics on a listener of its own", addr, err)
		return ""
	}
	if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() {
		t.Errorf("METRICS_ADDR=%q: Prometheus, in another container, cannot reach a loopback address", addr)
	}
	return port
}

// checkComposeGrafana checks that Grafana provisions the dashboard.
func checkComposeGrafana(t *testing.T, f *composeFile) {
	s, ok := f.Services["grafana"]
	if !ok {
		t.Fatal("no grafana service")
	}
	dashboard := mountOf(s, "./grafana/aijudge.json")
	if dashboard == "" {
		t.Fatal("grafana does not mount ./grafana/aijudge.json")
	}
	var providerDirs []string
	for dst, src := range binds(s) {
		if !strings.Contains(dst, "/provisioning/dashboards/") {
			continue
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		var p struct {
			Providers []struct {
				Options struct {
					Path string `yaml:"path"`
				} `yaml:"options"`
			} `yaml:"providers"`
		}
		if err := yaml.Unmarshal(b, &p); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		for _, pr := range p.Providers {
			providerDirs = append(providerDirs, pr.Options.Path)
		}
	}
	if !slices.Contains(providerDirs, path.Dir(dashboard)) {
		t.Errorf("the dashboard is mounted at %s; the dashboard providers read %q", dashboard, providerDirs)
	}
}
