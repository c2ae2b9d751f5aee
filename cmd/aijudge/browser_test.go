package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/document"
	"github.com/aijudge/aijudge/internal/testenv"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// browserSession is one browser context (its own cookies) driven by
// chromedp, collecting everything the page reports as an error.
type browserSession struct {
	t    *testing.T
	name string
	ctx  context.Context
	mu   sync.Mutex
	errs []string
	// expected are console messages a step provokes on purpose, such
	// as the browser's note of a refused upload's 4xx status.
	expected []string
}

// newBrowser starts Debian's Chromium headless on a fresh profile. A
// missing browser skips locally and fails under CI.
func newBrowser(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	exe := testenv.Chromium()
	if _, err := os.Stat(exe); err != nil {
		testenv.Missing(t, "Chromium", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancel)
	bctx, cancelB := chromedp.NewContext(actx)
	t.Cleanup(cancelB)
	if err := chromedp.Do(bctx); err != nil {
		testenv.Missing(t, "Chromium", err)
	}
	return bctx
}

// session opens a tab in a browser context of its own.
func session(t *testing.T, browser context.Context, name string) *browserSession {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	s := &browserSession{t: t, name: name, ctx: ctx}
	// Subscribe before the first page loads, and collect in the
	// background until the tab's context ends.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				s.mu.Lock()
				s.errs = append(s.errs, fmt.Sprintf("%s: %s (%s)", m.Type, m.Text, m.URL))
				s.mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() {
		if t.Failed() {
			s.screenshot("failure-" + name)
		}
	})
	return s
}

func (s *browserSession) run(actions ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	if err := chromedp.Do(s.ctx, actions...); err != nil {
		loc, _ := chromedp.Run(s.ctx, chromedp.Location())
		shown, _ := chromedp.Run(s.ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('.stream, .alert, .field-error, #remaining')).map(e => e.textContent).join(' | ') + ' exchanges=' + document.querySelectorAll('.exchange').length`))
		s.t.Fatalf("%s at %s: %v (messages on the page: %q)", s.name, loc, err, shown)
	}
}

// evalJS runs JavaScript in the page and returns its value.
func evalJS[T any](s *browserSession, expr string, opts ...chromedp.EvaluateOption) T {
	s.t.Helper()
	v, err := chromedp.Run(s.ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		s.t.Fatalf("%s: %s: %v", s.name, expr, err)
	}
	return v
}

// screenshot saves the page to $AIJUDGE_ARTIFACTS (or the test's temp
// directory) and says where.
func (s *browserSession) screenshot(name string) {
	dir := os.Getenv("AIJUDGE_ARTIFACTS")
	if dir == "" {
		dir = s.t.TempDir()
	}
	ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		s.t.Logf("no screenshot: %v", err)
		return
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err == nil {
		s.t.Logf("screenshot: %s", p)
	}
}

// docShot saves a screenshot for the README when AIJUDGE_SCREENSHOTS=1.
func (s *browserSession) docShot(name string) {
	if os.Getenv("AIJUDGE_SCREENSHOTS") != "1" {
		return
	}
	shot := chromedp.FullScreenshot(100)
	if strings.HasPrefix(name, "phone-") {
		shot = chromedp.CaptureScreenshot() // the first screenful
	}
	png, err := chromedp.Run(s.ctx, shot)
	if err != nil {
		s.t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "docs", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// axeSource is axe-core, the accessibility rules engine (testdata/axe).
var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	return string(b), err
})

// audit runs axe-core's WCAG 2.1 A and AA rules (labels, roles, names,
// contrast, language …) on the page and reports every violation.
func (s *browserSession) audit(page string) {
	s.t.Helper()
	src, err := axeSource()
	if err != nil {
		s.t.Fatal(err)
	}
	if !evalJS[bool](s, `typeof axe === 'object'`) {
		evalJS[bool](s, src+"\n;true")
	}
	got := evalJS[string](s, `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
		.then(r => r.passes.length === 0 ? 'no rule ran' : r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' +
			v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; ')).join('\n'))`, chromedp.EvalAwaitPromise)
	if got != "" {
		s.t.Errorf("%s: accessibility audit of %s:\n%s", s.name, page, got)
	}
}

// dropFiles drags the files from the disk onto the element and drops
// them, through the browser's own drag-and-drop (Input.dispatchDragEvent).
func dropFiles(sel string, paths ...string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := chromedp.ScrollIntoView(chromedp.CSS(sel))(ctx, t); err != nil {
			return err
		}
		at, err := chromedp.Evaluate[[]float64](`(r => [r.x + r.width / 2, r.y + r.height / 2])(document.querySelector(`+strconv.Quote(sel)+`).getBoundingClientRect())`)(ctx, t)
		if err != nil {
			return err
		}
		data := &input.DragData{Items: []*input.DragDataItem{}, Files: paths, DragOperationsMask: 1}
		for _, typ := range []input.DispatchDragEventType{input.DispatchDragEventTypeDragEnter, input.DispatchDragEventTypeDragOver, input.DispatchDragEventTypeDrop} {
			if _, err := cdp.Call(ctx, t, input.DispatchDragEvent, input.DispatchDragEventParams{Type: typ, X: at[0], Y: at[1], Data: data}); err != nil {
				return fmt.Errorf("%s on %s: %w", typ, sel, err)
			}
		}
		return nil
	})
}

// expect lets one console error containing msg through.
func (s *browserSession) expect(msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expected = append(s.expected, msg)
}

// errors returns the console errors that were not expected.
func (s *browserSession) errors() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	expected := append([]string(nil), s.expected...)
next:
	for _, e := range s.errs {
		for i, want := range expected {
			if strings.Contains(e, want) {
				expected = append(expected[:i], expected[i+1:]...)
				continue next
			}
		}
		out = append(out, e)
	}
	return out
}

func (s *browserSession) signup(base, name, email string) {
	s.t.Helper()
	s.run(
		chromedp.Navigate(base+"/signup"),
		chromedp.WaitVisible(chromedp.CSS(`#name`)),
		chromedp.SendKeys(chromedp.CSS(`#name`), name),
		chromedp.SendKeys(chromedp.CSS(`#email`), email),
		chromedp.SendKeys(chromedp.CSS(`#password`), "a long passphrase"),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`a.button[href="/cases/new"]`)),
	)
}

// waitJS evaluates a JavaScript condition until it is true. It polls
// from Go: a page's timers and animation frames are throttled in a tab
// that is not in front.
func waitJS(cond string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		deadline := time.Now().Add(30 * time.Second)
		for {
			ok, err := chromedp.Evaluate[bool](cond)(ctx, t)
			if err == nil && ok {
				return nil
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("%s stayed false for 30 s (last error: %v)", cond, err)
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(100 * time.Millisecond):
			}
		}
	})
}

// TestBrowser drives the real program in Chromium: sign up, file a case
// with a PDF, stream a judgment, invite the other side (each party sees
// only its own box), argue five times until the boxes close, get the
// final verdict, download the PDF, switch to Hindi; no errors in either
// browser's console.
func TestBrowser(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	t.Cleanup(cancel) // after the failure screenshots
	browser := newBrowser(t, ctx)
	base, _ := startServer(t, map[string]string{"AUTH_MODE": "accounts"})
	base = "http://127.0.0.1:" + base[strings.LastIndex(base, ":")+1:]
	lease, err := filepath.Abs("../../internal/document/testdata/lease.pdf")
	if err != nil {
		t.Fatal(err)
	}

	a := session(t, browser, "sideA")
	a.run(chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS(`#email`)))
	a.audit("login")
	// Keyboard: the first Tab reaches the skip link, Enter moves the
	// focus to the page's content, the next Tab to its first field.
	a.run(chromedp.KeyEvent("\t"), waitJS(`document.activeElement.classList.contains('skip')`),
		chromedp.KeyEvent("\r"), waitJS(`document.activeElement.id === 'main'`),
		chromedp.KeyEvent("\t"), waitJS(`document.activeElement.id === 'email'`))
	a.signup(base, "Ravi", "ravi@example.com")
	a.audit("cases")
	a.docShot("cases")

	// File, with the evidence buttons and documents dropped on the
	// panels: a file of the wrong type is refused in the page, a file
	// only the server can tell is broken is refused next to its name,
	// and what was typed and chosen stays.
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.exe")
	forged := filepath.Join(dir, "forged.pdf")
	if err := os.WriteFile(notes, []byte("MZ not a document"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(forged, []byte("\x7fELF\x02\x01\x01 an executable named as a PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	a.run(chromedp.Navigate(base+"/cases/new"), chromedp.WaitVisible(chromedp.CSS(`.side-A .points input`)))
	a.audit("new")
	// An empty filing is stopped in the page, the message by the field.
	a.run(
		chromedp.Click(chromedp.CSS(`form.filing button[type=submit]`)),
		waitJS(`document.getElementById('sideASummary-error') !== null && document.getElementById('sideBSummary').getAttribute('aria-invalid') === 'true' && document.activeElement.id === 'sideASummary'`),
	)
	a.run(
		chromedp.SetValue(chromedp.CSS(`#caseType`), "property"),
		chromedp.SendKeys(chromedp.CSS(`#sideASummary`), "The landlord kept my deposit of ₹50,000 after the lease of 1 April 2024 ended."),
		chromedp.SendKeys(chromedp.CSS(`.side-A .points input`), "Lease of 1 April 2024"),
		chromedp.Click(chromedp.CSS(`.side-A .add-point`)),
		waitJS(`document.querySelectorAll('.side-A .points input').length === 2`),
		chromedp.SendKeys(chromedp.CSS(`.side-A .points li:nth-child(2) input`), "Bank statement showing the deposit"),
		chromedp.SendKeys(chromedp.CSS(`#sideBSummary`), "The tenant damaged the flat; the deposit covers the repairs."),
		chromedp.SendKeys(chromedp.CSS(`.side-B .points input`), "Photographs of the damage"),
		dropFiles(`.side-A .dropzone`, lease, notes),
		waitJS(`document.querySelectorAll('#sideADocs-errors li').length === 2`),
	)
	if got := evalJS[string](a, `Array.from(document.querySelectorAll('#sideADocs-errors li')).map(li => li.className + ':' + li.querySelector('.name').textContent).join(',')`); got != "ok:lease.pdf,field-error:notes.exe" {
		t.Errorf("after the drop the files read %q", got)
	}
	a.run(
		chromedp.Click(chromedp.CSS(`form.filing button[type=submit]`)),
		waitJS(`document.querySelector('.form-error') !== null && !document.querySelector('.form-error').hidden && document.getElementById('sideASummary-error') === null`),
		chromedp.Click(chromedp.CSS(`#sideADocs-errors li.field-error .remove-file`)),
		waitJS(`document.querySelectorAll('#sideADocs-errors li').length === 1`),
		dropFiles(`.side-B .dropzone`, forged),
		waitJS(`document.querySelectorAll('#sideBDocs-errors li.ok').length === 1`),
	)
	if n := evalJS[int](a, `document.getElementById('sideADocs').files.length + document.getElementById('sideBDocs').files.length`); n != 2 {
		t.Errorf("the file inputs hold %d files, want 2", n)
	}
	a.docShot("filing")
	a.expect("status of 415") // the browser notes the refusal of forged.pdf
	a.run(
		chromedp.Click(chromedp.CSS(`form.filing button[type=submit]`)),
		waitJS(`document.querySelector('#sideBDocs-errors li.field-error') !== null`),
	)
	if got := evalJS[string](a, `document.querySelector('#sideBDocs-errors li.field-error .msg').textContent`); !strings.Contains(got, "forged.pdf") {
		t.Errorf("the server's refusal is not next to forged.pdf: %q", got)
	}
	if !evalJS[bool](a, `location.pathname === '/cases/new' && document.getElementById('sideASummary').value.includes('₹50,000') && document.querySelector('#sideADocs-errors li.ok progress').value === 100`) {
		t.Error("after the refusal the page lost what was typed, or lease.pdf's progress is not complete")
	}
	a.audit("new-refused")
	a.run(
		chromedp.Click(chromedp.CSS(`#sideBDocs-errors li.field-error .remove-file`)),
		chromedp.Click(chromedp.CSS(`form.filing button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#judgment`)),
	)
	casePath := evalJS[string](a, `location.pathname`)
	if !evalJS[bool](a, `document.body.textContent.includes('lease.pdf')`) {
		t.Error("the case page does not list lease.pdf")
	}

	// The judgment streams in and is swapped into the page.
	a.run(
		chromedp.Click(chromedp.CSS(`#judgment form button`)),
		chromedp.WaitVisible(chromedp.CSS(`#judgment .gauge`)),
		waitJS(`document.getElementById('remaining').textContent.includes('5')`),
	)

	// Invite side B, who joins in a browser context of its own.
	a.run(
		chromedp.SetValue(chromedp.CSS(`#invite-role`), "B"),
		chromedp.Click(chromedp.CSS(`#invite form button`)),
		chromedp.WaitVisible(chromedp.CSS(`#invite-url`)),
	)
	inviteURL := evalJS[string](a, `document.getElementById('invite-url').value`)
	b := session(t, browser, "sideB")
	b.signup(base, "Meera", "meera@example.com")
	b.run(chromedp.Navigate(inviteURL), chromedp.WaitVisible(chromedp.CSS(`main form button`)))
	b.audit("invite")
	b.run(
		chromedp.Click(chromedp.CSS(`main form button`)),
		chromedp.WaitVisible(chromedp.CSS(`#arguments`)),
	)
	boxes := func(s *browserSession) string {
		return evalJS[string](s, `Array.from(document.querySelectorAll('textarea[name=argument]')).map(e => e.id).join(',')`)
	}
	if got := boxes(b); got != "argument-B" {
		t.Errorf("side B sees boxes %q, want only argument-B", got)
	}
	a.run(chromedp.Navigate(base+casePath), chromedp.WaitVisible(chromedp.CSS(`#arguments`)))
	if got := boxes(a); got != "argument-A" {
		t.Errorf("side A sees boxes %q, want only argument-A", got)
	}
	a.audit("case")
	a.docShot("case")

	// Five arguments, alternating sides, each streamed and swapped in.
	for i := range 5 {
		s, box := a, "#argument-A"
		if i%2 == 1 {
			s, box = b, "#argument-B"
			s.run(chromedp.Navigate(base+casePath), chromedp.WaitVisible(chromedp.CSS(box)))
		} else if i > 0 {
			s.run(chromedp.Navigate(base+casePath), chromedp.WaitVisible(chromedp.CSS(box)))
		}
		s.run(chromedp.SendKeys(chromedp.CSS(box), fmt.Sprintf("Argument %d: the lease of 1 April 2024 makes the deposit refundable.", i+1)))
		if i == 0 {
			// The fact-check marks the date the lease does not bear out.
			s.run(waitJS(`document.querySelector('#factcheck-A li.fact-contradicted') !== null`))
			if got := evalJS[string](s, `document.getElementById('factcheck-A').textContent`); !strings.Contains(got, "1 April 2024") || !strings.Contains(got, "March") {
				t.Errorf("the fact-check reads %q", got)
			}
			s.audit("case-factcheck")
		}
		s.run(
			chromedp.Click(chromedp.CSS(box+` ~ button`)),
			waitJS(fmt.Sprintf(`document.querySelectorAll('.exchange').length === %d`, i+1)),
		)
	}
	// The fifth answer was swapped into side A's page; side B reloads.
	b.run(chromedp.Navigate(base+casePath), chromedp.WaitVisible(chromedp.CSS(`#arguments`)))
	for _, s := range []*browserSession{a, b} {
		s.run(waitJS(`document.getElementById('remaining').textContent.includes('0')`))
		if !evalJS[bool](s, `document.querySelector('.closed-boxes') !== null && document.querySelectorAll('textarea[name=argument]').length === 0`) {
			t.Errorf("%s: after five arguments the boxes are still open", s.name)
		}
	}
	a.docShot("arguments")

	// The final verdict, then the PDF.
	a.run(
		chromedp.Click(chromedp.CSS(`form.final button`)),
		chromedp.WaitVisible(chromedp.CSS(`#final-title`)),
		chromedp.WaitVisible(chromedp.CSS(`.timeline svg`)),
	)
	a.audit("verdict")
	a.docShot("verdict")
	// The PDF the page links to opens: the document reader finds its
	// pages and the parties' words in it.
	pdf64 := evalJS[string](a, `fetch(document.querySelector('a[href$=".pdf"]').href).then(r => r.blob()).then(b => new Promise(ok => {
		const f = new FileReader(); f.onload = () => ok(f.result.split(',')[1]); f.readAsDataURL(b); }))`, chromedp.EvalAwaitPromise)
	pdfBytes, err := base64.StdEncoding.DecodeString(pdf64)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := document.NewReader(document.Options{}).Read(ctx, court.Upload{Name: "verdict.pdf", Data: pdfBytes})
	if err != nil {
		t.Errorf("the verdict PDF does not open: %v", err)
	} else if doc.Pages < 1 || !strings.Contains(doc.Text, "deposit") {
		t.Errorf("the verdict PDF has %d pages and reads %.200q", doc.Pages, doc.Text)
	}

	// Hindi.
	a.run(
		chromedp.Click(chromedp.CSS(`a[hreflang=hi]`)),
		waitJS(`document.documentElement.lang === 'hi' && document.body.textContent.includes('फ़ैसला')`),
	)
	verdictPath := evalJS[string](a, `location.pathname`)
	if !strings.HasSuffix(verdictPath, "/verdict") {
		t.Errorf("the language switch on the verdict led to %s", verdictPath)
	}
	a.audit("verdict-hi")
	a.docShot("verdict-hi")

	// A phone-sized screen: nothing is wider than the screen, the three
	// panels stack, and the pages pass the same audit.
	a.run(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	for _, p := range []struct {
		name, path, ready string
		shot              bool
	}{
		{"phone-cases", "/cases?lang=en", `table.cases`, false},
		{"phone-new", "/cases/new", `.side-B .dropzone`, false},
		{"phone-case", casePath + "#arguments", `#arguments .exchange`, true},
		{"phone-verdict", verdictPath, `#final-title`, true},
		{"phone-new-hi", "/cases/new?lang=hi", `.side-B .dropzone`, true},
	} {
		a.run(chromedp.Navigate(base+p.path), chromedp.WaitVisible(chromedp.CSS(p.ready)))
		if over := evalJS[string](a, `Array.from(document.querySelectorAll('body *')).filter(e => !e.closest('.sr-only, .sr-table') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ') + (document.documentElement.scrollWidth > window.innerWidth ? ' (page scrolls sideways)' : '')`); over != "" {
			t.Errorf("%s: wider than a phone screen: %s", p.name, over)
		}
		a.audit(p.name)
		if p.shot {
			a.docShot(p.name)
		}
	}
	if cols := evalJS[string](a, `getComputedStyle(document.querySelector('.sides')).gridTemplateColumns`); strings.Contains(cols, " ") {
		t.Errorf("on a phone the two sides' panels are side by side: %s", cols)
	}

	for _, s := range []*browserSession{a, b} {
		for _, e := range s.errors() {
			t.Errorf("%s browser reported: %s", s.name, e)
		}
	}
}
