package deploy_test

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestDockerfile checks what the Dockerfile promises about the program:
// the version it stamps is a variable cmd/aijudge has, the port it exposes
// is the one the service listens on by default, and the image runs as an
// unprivileged numeric user.
func TestDockerfile(t *testing.T) {
	t.Parallel()
	f, err := os.Open("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var final []string // the instructions of the last stage
	var builds []string
	sc := bufio.NewScanner(f)
	line := ""
	for sc.Scan() {
		s := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(s, "#") || s == "" && line == "" {
			continue
		}
		if cont, ok := strings.CutSuffix(s, "\\"); ok {
			line += cont + " "
			continue
		}
		line += s
		word, _, _ := strings.Cut(line, " ")
		switch strings.ToUpper(word) {
		case "FROM":
			final = nil
		case "RUN":
			if strings.Contains(line, "go build") {
				builds = append(builds, line)
			}
		}
		final = append(final, line)
		line = ""
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}

	if len(builds) != 1 {
		t.Fatalf("want one go build, have %d", len(builds))
	}
	build := builds[0]
	for _, want := range []string{"CGO_ENABLED=0", "-trimpath", "./cmd/aijudge"} {
		if !strings.Contains(build, want) {
			t.Errorf("go build lacks %s: %s", want, build)
		}
	}
	m := regexp.MustCompile(`-X main\.(\w+)=`).FindStringSubmatch(build)
	if m == nil {
		t.Fatalf("go build sets no version with -X main.…: %s", build)
	}
	if !hasStringVar(t, "../cmd/aijudge/main.go", m[1]) {
		t.Errorf("-X main.%s: cmd/aijudge/main.go declares no string variable %s, so the version would not be set", m[1], m[1])
	}

	var from, user, expose, health, entry string
	for _, l := range final {
		word, rest, _ := strings.Cut(l, " ")
		switch strings.ToUpper(word) {
		case "FROM":
			from = rest
		case "USER":
			user = rest
		case "EXPOSE":
			expose = rest
		case "HEALTHCHECK":
			health = rest
		case "ENTRYPOINT":
			entry = rest
		}
	}
	// The health check runs the image's own binary: there is no shell.
	bin := strings.Trim(strings.TrimSuffix(strings.TrimPrefix(entry, "["), "]"), `" `)
	if _, cmd, ok := strings.Cut(health, "CMD "); !ok || cmd != `["`+bin+`", "probe"]` {
		t.Errorf("HEALTHCHECK %q; want CMD [%q, \"probe\"] in exec form", health, bin)
	}
	if !strings.Contains(from, "distroless/static") && !strings.HasPrefix(from, "scratch") {
		t.Errorf("final stage FROM %s; want distroless/static or scratch", from)
	}
	if uid, _, _ := strings.Cut(user, ":"); uid == "" || strings.Trim(uid, "0123456789") != "" || strings.Trim(uid, "0") == "" {
		t.Errorf("USER %q; want a numeric non-zero UID, which runAsNonRoot can verify", user)
	}
	if want := fmt.Sprint(defaultPort(t)); expose != want {
		t.Errorf("EXPOSE %s; the service listens on %s by default", expose, want)
	}
}

// hasStringVar reports whether the Go file declares a package-level string
// variable name.
func hasStringVar(t *testing.T, file, name string) bool {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, s := range g.Specs {
			v := s.(*ast.ValueSpec)
			for i, n := range v.Names {
				if n.Name != name {
					continue
				}
				if id, ok := v.Type.(*ast.Ident); ok && id.Name == "string" {
					return true
				}
				if i < len(v.Values) {
					if lit, ok := v.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						return true
					}
				}
			}
		}
	}
	return false
}
