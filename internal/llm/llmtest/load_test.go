package llmtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestSizedAnswer(t *testing.T) {
	t.Parallel()
	for _, stage := range []string{StageTentative, StageArgument, StageFinal} {
		a := SizedAnswer(stage, 1000)
		if n := tokens(len(a)); n < 990 || n > 1010 {
			t.Errorf("%s: %d tokens, want about 1000", stage, n)
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(a), &v); err != nil {
			t.Errorf("%s: not JSON: %v", stage, err)
		}
		if SizedAnswer(stage, 1) != Answer(stage) {
			t.Errorf("%s: a short size changed the canned answer", stage)
		}
	}
}

func TestLoadQuotaAndLatency(t *testing.T) {
	t.Parallel()
	s := NewOpenAI(Key)
	t.Cleanup(s.Close)
	s.SetLoad(&Load{MinLatency: 20 * time.Millisecond, MaxLatency: 40 * time.Millisecond, RequestsPerMinute: 2,
		OutputTokens: map[string]int{StageTentative: 500}})
	post := func() (*http.Response, time.Duration) {
		req, _ := http.NewRequest("POST", s.BaseURL()+"/chat/completions", strings.NewReader(`{"model":"m","messages":[{"role":"user","content":"STAGE: tentative_verdict"}]}`))
		req.Header.Set("Authorization", "Bearer "+Key)
		start := time.Now()
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res, time.Since(start)
	}
	for range 2 {
		res, took := post()
		if res.StatusCode != 200 || took < 20*time.Millisecond {
			t.Fatalf("within quota: %d after %s", res.StatusCode, took)
		}
	}
	res, _ := post()
	if res.StatusCode != 429 || res.Header.Get("Retry-After") == "" {
		t.Fatalf("over quota: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	st := s.Stats()
	if st.Requests != 3 || st.RateLimited != 1 || st.OutputTokens < 900 || st.InFlight != 0 || st.MaxInFlight != 1 {
		t.Fatalf("stats: %+v", st)
	}
}
