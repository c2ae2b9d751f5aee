package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/testenv"
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

// eval runs JavaScript in the page and returns its value.
func eval[T any](s *browserSession, expr string, opts ...chromedp.EvaluateOption) T {
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
	png, err := chromedp.Run(s.ctx, chromedp.FullScreenshot(100))
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

func (s *browserSession) errors() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.errs...)
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
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	t.Cleanup(cancel) // after the failure screenshots
	browser := newBrowser(t, ctx)
	base, _ := startServer(t, map[string]string{"AUTH_MODE": "accounts"})
	base = "http://127.0.0.1:" + base[strings.LastIndex(base, ":")+1:]
	lease, err := filepath.Abs("../../internal/document/testdata/lease.pdf")
	if err != nil {
		t.Fatal(err)
	}

	a := session(t, browser, "sideA")
	a.signup(base, "Ravi", "ravi@example.com")
	a.docShot("cases")

	// File, with the evidence buttons and a PDF.
	a.run(
		chromedp.Navigate(base+"/cases/new"),
		chromedp.WaitVisible(chromedp.CSS(`.side-A .points input`)),
		chromedp.SetValue(chromedp.CSS(`#caseType`), "property"),
		chromedp.SendKeys(chromedp.CSS(`#sideASummary`), "The landlord kept my deposit of ₹50,000 after the lease of 1 April 2024 ended."),
		chromedp.SendKeys(chromedp.CSS(`.side-A .points input`), "Lease of 1 April 2024"),
		chromedp.Click(chromedp.CSS(`.side-A .add-point`)),
		waitJS(`document.querySelectorAll('.side-A .points input').length === 2`),
		chromedp.SendKeys(chromedp.CSS(`.side-A .points li:nth-child(2) input`), "Bank statement showing the deposit"),
		chromedp.SendKeys(chromedp.CSS(`#sideBSummary`), "The tenant damaged the flat; the deposit covers the repairs."),
		chromedp.SendKeys(chromedp.CSS(`.side-B .points input`), "Photographs of the damage"),
		chromedp.SetUploadFiles(chromedp.CSS(`#sideADocs`), []string{lease}),
		waitJS(`document.querySelector('#sideADocs-errors li.ok') !== null`),
	)
	a.docShot("filing")
	a.run(
		chromedp.Click(chromedp.CSS(`form.filing button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#judgment`)),
	)
	casePath := eval[string](a, `location.pathname`)
	if !eval[bool](a, `document.body.textContent.includes('lease.pdf')`) {
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
	inviteURL := eval[string](a, `document.getElementById('invite-url').value`)
	b := session(t, browser, "sideB")
	b.signup(base, "Meera", "meera@example.com")
	b.run(
		chromedp.Navigate(inviteURL),
		chromedp.Click(chromedp.CSS(`main form button`)),
		chromedp.WaitVisible(chromedp.CSS(`#arguments`)),
	)
	boxes := func(s *browserSession) string {
		return eval[string](s, `Array.from(document.querySelectorAll('textarea[name=argument]')).map(e => e.id).join(',')`)
	}
	if got := boxes(b); got != "argument-B" {
		t.Errorf("side B sees boxes %q, want only argument-B", got)
	}
	a.run(chromedp.Navigate(base+casePath), chromedp.WaitVisible(chromedp.CSS(`#arguments`)))
	if got := boxes(a); got != "argument-A" {
		t.Errorf("side A sees boxes %q, want only argument-A", got)
	}
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
		s.run(
			chromedp.SendKeys(chromedp.CSS(box), fmt.Sprintf("Argument %d: the lease of 1 April 2024 makes the deposit refundable.", i+1)),
			chromedp.Click(chromedp.CSS(box+` ~ button`)),
			waitJS(fmt.Sprintf(`document.querySelectorAll('.exchange').length === %d`, i+1)),
		)
	}
	// The fifth answer was swapped into side A's page; side B reloads.
	b.run(chromedp.Navigate(base+casePath), chromedp.WaitVisible(chromedp.CSS(`#arguments`)))
	for _, s := range []*browserSession{a, b} {
		s.run(waitJS(`document.getElementById('remaining').textContent.includes('0')`))
		if !eval[bool](s, `document.querySelector('.closed-boxes') !== null && document.querySelectorAll('textarea[name=argument]').length === 0`) {
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
	a.docShot("verdict")
	head := eval[string](a, `fetch(location.pathname + '.pdf').then(r => r.arrayBuffer()).then(b => String.fromCharCode(...new Uint8Array(b.slice(0, 5))))`,
		chromedp.EvalAwaitPromise)
	if head != "%PDF-" {
		t.Errorf("the PDF starts with %q", head)
	}

	// Hindi.
	a.run(
		chromedp.Click(chromedp.CSS(`a[hreflang=hi]`)),
		waitJS(`document.documentElement.lang === 'hi' && document.body.textContent.includes('फ़ैसला')`),
	)
	a.docShot("verdict-hi")

	for _, s := range []*browserSession{a, b} {
		for _, e := range s.errors() {
			t.Errorf("%s browser reported: %s", s.name, e)
		}
	}
}
