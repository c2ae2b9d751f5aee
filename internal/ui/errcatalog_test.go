package ui

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const (
	modulePath = "github.com/aijudge/aijudge"
	courtPath  = modulePath + "/internal/court"
)

// sink names a function one of whose arguments becomes a court.Error's
// message: court.Errorf's format, court.Wrap's message, or a parameter a
// helper passes on to one of them (the stores' dbError, say).
type sink struct{ pkg, fn string }

// srcFile is one parsed non-test file and the packages it imports.
type srcFile struct {
	pkg     string
	file    *ast.File
	imports map[string]string // local name → import path
}

// messageScan is what a walk of the source found.
type messageScan struct {
	messages map[string][]string // message → where it is used
	problems []string            // messages that cannot be checked
}

// scanMessages walks every non-test Go file under root (the internal
// directory) and finds each constant string that becomes a court.Error
// message. Helpers that forward a parameter as the message, directly or
// through a function value (schema.Check's dbError), are followed; a
// message that is neither a constant nor such a parameter is a problem,
// since the catalogue test could not see it.
func scanMessages(root string) (*messageScan, error) {
	fset := token.NewFileSet()
	var files []srcFile
	funcs := map[sink]*ast.FuncDecl{}
	consts := map[sink]string{} // package-level string constants
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, filepath.Dir(p))
		if err != nil {
			return err
		}
		sf := srcFile{pkg: modulePath + "/internal/" + filepath.ToSlash(rel), file: f, imports: map[string]string{}}
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			name := path[strings.LastIndexByte(path, '/')+1:]
			if im.Name != nil {
				name = im.Name.Name
			}
			sf.imports[name] = path
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					funcs[sink{sf.pkg, d.Name.Name}] = d
				}
			case *ast.GenDecl:
				if d.Tok != token.CONST {
					continue
				}
				for _, s := range d.Specs {
					vs := s.(*ast.ValueSpec)
					for i, n := range vs.Names {
						if i < len(vs.Values) {
							if s, ok := stringConst(vs.Values[i]); ok {
								consts[sink{sf.pkg, n.Name}] = s
							}
						}
					}
				}
			}
		}
		files = append(files, sf)
		return nil
	})
	if err != nil {
		return nil, err
	}

	// sinks maps a function to the index of its message argument; params
	// maps a function-typed parameter (keyed by its function and name) the
	// same way.
	sinks := map[sink]int{{courtPath, "Errorf"}: 1, {courtPath, "Wrap"}: 2}
	params := map[sink]map[string]int{}

	// calleeOf resolves a call to the sink it names, if any.
	calleeOf := func(sf srcFile, encl sink, fun ast.Expr) (sink, int, bool) {
		switch fn := fun.(type) {
		case *ast.Ident:
			if i, ok := params[encl][fn.Name]; ok {
				return sink{}, i, true
			}
			i, ok := sinks[sink{sf.pkg, fn.Name}]
			return sink{sf.pkg, fn.Name}, i, ok
		case *ast.SelectorExpr:
			if x, ok := fn.X.(*ast.Ident); ok {
				if path, ok := sf.imports[x.Name]; ok {
					i, ok := sinks[sink{path, fn.Sel.Name}]
					return sink{path, fn.Sel.Name}, i, ok
				}
			}
		}
		return sink{}, 0, false
	}
	// target is the function a call calls, if it is declared in the tree.
	target := func(sf srcFile, fun ast.Expr) (sink, bool) {
		switch fn := fun.(type) {
		case *ast.Ident:
			return sink{sf.pkg, fn.Name}, funcs[sink{sf.pkg, fn.Name}] != nil
		case *ast.SelectorExpr:
			if x, ok := fn.X.(*ast.Ident); ok {
				if path, ok := sf.imports[x.Name]; ok {
					return sink{path, fn.Sel.Name}, funcs[sink{path, fn.Sel.Name}] != nil
				}
			}
		}
		return sink{}, false
	}

	scan := &messageScan{messages: map[string][]string{}}
	// visit walks every call; with record it collects messages, else it
	// only learns new sinks and reports whether it did.
	visit := func(record bool) bool {
		grew := false
		for _, sf := range files {
			for _, d := range sf.file.Decls {
				var encl sink
				var paramNames []string
				if fd, ok := d.(*ast.FuncDecl); ok {
					encl = sink{sf.pkg, fd.Name.Name}
					if fd.Recv != nil {
						// Methods are not followed: a call cannot be
						// told from its receiver without types.
						encl.fn = "(" + fd.Name.Name + ")"
					}
					paramNames = paramNamesOf(fd)
				}
				ast.Inspect(d, func(n ast.Node) bool {
					if cl, ok := n.(*ast.CompositeLit); ok && record && sf.pkg != courtPath {
						if sel, ok := cl.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Error" {
							if x, ok := sel.X.(*ast.Ident); ok && sf.imports[x.Name] == courtPath {
								for _, e := range cl.Elts {
									if kv, ok := e.(*ast.KeyValueExpr); ok && fmt.Sprint(kv.Key) == "Message" {
										scan.problems = append(scan.problems, fmt.Sprintf("%s: a court.Error literal sets Message; use court.Errorf so that it can be translated", fset.Position(cl.Pos())))
									}
								}
							}
						}
					}
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					// A sink passed as a function value makes the
					// receiving parameter a sink inside the callee.
					for ai, a := range call.Args {
						id, ok := a.(*ast.Ident)
						if !ok {
							continue
						}
						mi, ok := sinks[sink{sf.pkg, id.Name}]
						if !ok {
							continue
						}
						t, ok := target(sf, call.Fun)
						if !ok {
							continue
						}
						names := paramNamesOf(funcs[t])
						if ai >= len(names) {
							continue
						}
						if params[t] == nil {
							params[t] = map[string]int{}
						}
						if _, ok := params[t][names[ai]]; !ok {
							params[t][names[ai]] = mi
							grew = true
						}
					}
					_, mi, ok := calleeOf(sf, encl, call.Fun)
					if !ok || mi >= len(call.Args) {
						return true
					}
					arg := call.Args[mi]
					if s, ok := stringConst(arg); ok {
						if record {
							scan.messages[s] = append(scan.messages[s], fset.Position(arg.Pos()).String())
						}
						return true
					}
					switch a := arg.(type) {
					case *ast.Ident:
						if s, ok := consts[sink{sf.pkg, a.Name}]; ok {
							if record {
								scan.messages[s] = append(scan.messages[s], fset.Position(arg.Pos()).String())
							}
							return true
						}
						if pi := slices.Index(paramNames, a.Name); pi >= 0 && !strings.HasPrefix(encl.fn, "(") {
							if _, ok := sinks[encl]; !ok {
								sinks[encl] = pi
								grew = true
							}
							return true
						}
					case *ast.SelectorExpr:
						// Another court.Error's message or format,
						// catalogued where that error is made.
						if a.Sel.Name == "Message" || a.Sel.Name == "Format" {
							return true
						}
					}
					if record {
						scan.problems = append(scan.problems, fmt.Sprintf("%s: the message is not a constant string, so it cannot be translated", fset.Position(arg.Pos())))
					}
					return true
				})
			}
		}
		return grew
	}
	for visit(false) {
	}
	visit(true)
	return scan, nil
}

func paramNamesOf(fd *ast.FuncDecl) []string {
	var names []string
	for _, f := range fd.Type.Params.List {
		for _, n := range f.Names {
			names = append(names, n.Name)
		}
		if len(f.Names) == 0 {
			names = append(names, "_")
		}
	}
	return names
}

// stringConst is the value of a string literal or a + of them.
func stringConst(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.ParenExpr:
		return stringConst(e.X)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := stringConst(e.X)
		b, ok2 := stringConst(e.Y)
		return a + b, ok1 && ok2
	}
	return "", false
}

// verbs lists a format's verbs by the argument each formats, as
// "index:verb" sorted, so that two formats can be compared whatever order
// their words put the arguments in.
func verbs(format string) ([]string, error) {
	var out []string
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		explicit := false
		if i < len(format) && format[i] == '[' {
			j := strings.IndexByte(format[i:], ']')
			if j < 0 {
				return nil, fmt.Errorf("unclosed [ in %q", format)
			}
			n, err := strconv.Atoi(format[i+1 : i+j])
			if err != nil || n < 1 {
				return nil, fmt.Errorf("bad argument index in %q", format)
			}
			arg, explicit, i = n-1, true, i+j+1
		}
		for i < len(format) && (format[i] >= '0' && format[i] <= '9' || format[i] == '.') {
			i++
		}
		if i >= len(format) {
			return nil, fmt.Errorf("%q ends inside a verb", format)
		}
		if format[i] == '%' && !explicit {
			continue
		}
		out = append(out, fmt.Sprintf("%d:%c", arg, format[i]))
		arg++
	}
	slices.Sort(out)
	return out, nil
}

// TestErrorCatalogue checks the Hindi error catalogue against the source:
// every message code can produce is translated, every translation is of a
// message code can produce, and each keeps its original's verbs.
func TestErrorCatalogue(t *testing.T) {
	t.Parallel()
	scan, err := scanMessages("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range scan.problems {
		t.Error(p)
	}
	if len(scan.messages) < 50 {
		t.Fatalf("found only %d messages; is the walk looking in the right place?", len(scan.messages))
	}
	b, err := os.ReadFile("locales/" + errorCatalogueFile)
	if err != nil {
		t.Fatal(err)
	}
	var hi map[string]string
	if err := json.Unmarshal(b, &hi); err != nil {
		t.Fatal(err)
	}
	var missing []string
	for m := range scan.messages {
		if _, ok := hi[m]; !ok {
			missing = append(missing, m)
		}
	}
	slices.Sort(missing)
	for _, m := range missing {
		t.Errorf("locales/%s lacks %q (used at %s)", errorCatalogueFile, m, strings.Join(scan.messages[m], ", "))
	}
	for en, tr := range hi {
		if _, ok := scan.messages[en]; !ok {
			t.Errorf("locales/%s has %q, which no code uses", errorCatalogueFile, en)
		}
		want, err := verbs(en)
		if err != nil {
			t.Errorf("English: %v", err)
			continue
		}
		got, err := verbs(tr)
		if err != nil {
			t.Errorf("Hindi: %v", err)
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("the translation of %q formats %v, the English %v", en, got, want)
		}
	}
}

func TestVerbs(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		format string
		want   []string
	}{
		{"no verbs, 100%% sure", nil},
		{"%q is %s; files up to %s are accepted.", []string{"0:q", "1:s", "2:s"}},
		{"%[2]s के लिए %[1]q", []string{"0:q", "1:s"}},
		{"%-5d and %.2f then %[1]v", []string{"0:d", "0:v", "1:f"}},
	} {
		got, err := verbs(tt.format)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("verbs(%q) = %v, %v; want %v", tt.format, got, err, tt.want)
		}
	}
	if _, err := verbs("ends in %"); err == nil {
		t.Error("a format ending inside a verb passed")
	}
}
