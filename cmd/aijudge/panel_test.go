package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/aijudge/aijudge/internal/llm/llmtest"
)

// favouring is the fakes' tentative answer with another side favoured.
func favouring(t *testing.T, side string) llmtest.Fault {
	t.Helper()
	return favouringAt(t, llmtest.StageTentative, side)
}

// favouringAt is the fakes' answer at stage with another side favoured.
func favouringAt(t *testing.T, stage, side string) llmtest.Fault {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(llmtest.Answer(stage)), &m); err != nil {
		t.Fatal(err)
	}
	m["favours"], m["verdict"] = side, "Tentatively for Side "+side+"."
	b, _ := json.Marshal(m)
	return llmtest.Fault{Text: string(b)}
}

func postJSON(t *testing.T, url, body string) (int, map[string]any) {
	t.Helper()
	res, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// TestBenchAndAppealEndToEnd: a bench of the three providers' fakes,
// through their official SDKs, splits two to one on the tentative
// judgment; the trial runs to its final verdict; Side B appeals, and the
// bench's second judge hears it.
func TestBenchAndAppealEndToEnd(t *testing.T) {
	t.Parallel()
	vars := map[string]string{"AUTH_MODE": "open", "JUDGES": "gemini:model-g,openai:model-o,anthropic:model-c"}
	fakes := map[string]*llmtest.Server{}
	for _, p := range []string{"gemini", "openai", "anthropic"} {
		fake, err := llmtest.New(p, llmtest.Key)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(fake.Close)
		fakes[p] = fake
		up := strings.ToUpper(p)
		vars[up+"_API_KEY"], vars[up+"_BASE_URL"] = llmtest.Key, fake.BaseURL()
	}
	fakes["gemini"].Push(favouring(t, "B"))
	base, stop := startServer(t, vars)
	defer stop()

	j := runTrial(t, base)
	bench, _ := j["bench"].(map[string]any)
	if bench == nil || bench["agree"] != float64(2) || bench["sat"] != float64(3) || j["favours"] != "A" {
		t.Fatalf("tentative judgment: favours %v, bench %v", j["favours"], bench)
	}
	ops := bench["opinions"].([]any)
	roles := ""
	for _, o := range ops {
		op := o.(map[string]any)
		roles += op["judge"].(map[string]any)["provider"].(string) + ":" + op["role"].(string) + " "
	}
	if roles != "gemini:dissenting openai:leading anthropic:concurring " {
		t.Errorf("opinions %s", roles)
	}
	if j["judge"].(map[string]any)["provider"] != "bench" {
		t.Errorf("judge %v", j["judge"])
	}

	id := j["caseId"].(string)
	before := len(fakes["openai"].Calls())
	status, appeal := postJSON(t, base+"/api/cases/"+id+"/appeal", `{"side":"B"}`)
	if status != http.StatusOK || appeal["kind"] != "appeal" {
		t.Fatalf("appeal: %d %v", status, appeal)
	}
	if a := appeal["appeal"].(map[string]any); a["by"] != "B" || a["outcome"] != "affirmed" {
		t.Errorf("appeal record %v", a)
	}
	if jd := appeal["judge"].(map[string]any); jd["provider"] != "openai" || len(fakes["openai"].Calls()) != before+1 {
		t.Errorf("the appeal was heard by %v (openai calls %d → %d)", jd, before, len(fakes["openai"].Calls()))
	}
	if status, again := postJSON(t, base+"/api/cases/"+id+"/appeal", `{"side":"A"}`); status != http.StatusConflict {
		t.Errorf("second appeal: %d %v", status, again)
	}
}

// TestSwapCheckEndToEnd: with BIAS_CHECK=swap a judge that favours Side
// A whatever the sides filed (the fake does) is caught: the judgment
// carries the flip, its confidence is capped, and the metric counts it.
func TestSwapCheckEndToEnd(t *testing.T) {
	t.Parallel()
	fake, err := llmtest.New("openai", llmtest.Key)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	base, stop := startServer(t, map[string]string{
		"AUTH_MODE": "open", "LLM_PROVIDER": "openai", "OPENAI_API_KEY": llmtest.Key, "OPENAI_BASE_URL": fake.BaseURL(),
		"OPENAI_MODEL": "model-a", "BIAS_CHECK": "swap",
	})
	defer stop()
	j := runTrial(t, base)
	swap, _ := j["swap"].(map[string]any)
	if swap == nil || swap["consistent"] != false || swap["favours"] != "B" || j["confidence"].(float64) > 50 {
		t.Fatalf("swap %v, confidence %v", swap, j["confidence"])
	}
	checkMetrics(t, base, map[string]bool{`aijudge_position_swap_total{result="flipped"} 1`: true})
}

// TestBrowserBenchAndAppeal: the verdict page of a case judged by a bench
// of the three providers' fakes shows the split and each opinion, and a
// party appeals from it in the browser.
func TestBrowserBenchAndAppeal(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	browser := newBrowser(t, ctx)
	vars := map[string]string{"AUTH_MODE": "open", "JUDGES": "gemini:model-g,openai:model-o,anthropic:model-c"}
	var gemini *llmtest.Server
	for _, p := range []string{"gemini", "openai", "anthropic"} {
		fake, err := llmtest.New(p, llmtest.Key)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(fake.Close)
		if p == "gemini" {
			gemini = fake
		}
		up := strings.ToUpper(p)
		vars[up+"_API_KEY"], vars[up+"_BASE_URL"] = llmtest.Key, fake.BaseURL()
	}
	// Gemini presides: it dissents on the tentative judgment, answers the
	// five arguments, and dissents again on the final verdict.
	gemini.Push(favouring(t, "B"), llmtest.Fault{}, llmtest.Fault{}, llmtest.Fault{}, llmtest.Fault{}, llmtest.Fault{},
		favouringAt(t, llmtest.StageFinal, "B"))
	base, stop := startServer(t, vars)
	defer stop()
	base = "http://127.0.0.1:" + base[strings.LastIndex(base, ":")+1:]
	id := runTrial(t, base)["caseId"].(string)

	s := session(t, browser, "bench")
	s.run(chromedp.Navigate(base+"/cases/"+id+"/verdict"), chromedp.WaitVisible(chromedp.CSS(`form.appeal button`)))
	if got := evalJS[string](s, `Array.from(document.querySelectorAll('.opinion strong')).map(e => e.textContent).join(',')`); got != "Dissenting,Leading opinion,Concurring" {
		t.Errorf("the final verdict's opinions: %s", got)
	}
	s.audit("verdict with a bench")
	s.docShot("bench-verdict")
	s.run(
		chromedp.SetValue(chromedp.CSS(`#appeal-side`), "B"),
		chromedp.Click(chromedp.CSS(`form.appeal button`)),
		waitJS(`document.querySelector('#appeal .check.appeal') !== null`),
	)
	if got := evalJS[string](s, `document.querySelector('#appeal .check.appeal').textContent`); !strings.Contains(got, "Appeal by Side B") || !strings.Contains(got, "affirmed") {
		t.Errorf("the appeal on the page: %q", got)
	}
	if evalJS[bool](s, `document.querySelector('form.appeal') !== null`) {
		t.Error("the appeal form is still offered after the appeal")
	}
	s.audit("verdict after the appeal")
	s.docShot("appeal")
	if errs := s.errors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
