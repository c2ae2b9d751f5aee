// Command llmfake serves a fake language-model provider on 127.0.0.1 for
// load runs: the wire protocol of Gemini, OpenAI or Anthropic (from
// internal/llm/llmtest), answers that take 5–15 s by default and are as
// long as a real model's, and optionally the provider's per-minute quota.
// It prints its base URL, stops on SIGINT or SIGTERM or after -lifetime,
// and then prints what it served as JSON.
//
//	llmfake -provider openai -min 5s -max 15s -url-file /tmp/fake.url
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/aijudge/aijudge/internal/llm/llmtest"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "llmfake:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("llmfake", flag.ContinueOnError)
	provider := fs.String("provider", "openai", "wire protocol: gemini, openai or anthropic")
	key := fs.String("key", llmtest.Key, "the API key it accepts")
	minLat := fs.Duration("min", 5*time.Second, "shortest answer latency (uniform between -min and -max)")
	maxLat := fs.Duration("max", 15*time.Second, "longest answer latency")
	rpm := fs.Int("rpm", 0, "requests per minute before 429 with Retry-After (0: no quota)")
	tentative := fs.Int("tentative-tokens", llmtest.DefaultOutputTokens()[llmtest.StageTentative], "output tokens of a tentative judgment")
	argument := fs.Int("argument-tokens", llmtest.DefaultOutputTokens()[llmtest.StageArgument], "output tokens of an answer to an argument")
	final := fs.Int("final-tokens", llmtest.DefaultOutputTokens()[llmtest.StageFinal], "output tokens of a final verdict")
	urlFile := fs.String("url-file", "", "also write the base URL to this file")
	lifetime := fs.Duration("lifetime", time.Hour, "stop by itself after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := llmtest.New(*provider, *key)
	if err != nil {
		return err
	}
	defer s.Close()
	s.SetRecording(false)
	s.SetLoad(&llmtest.Load{
		MinLatency: *minLat, MaxLatency: *maxLat, RequestsPerMinute: *rpm, Seed: uint64(time.Now().UnixNano()),
		OutputTokens: map[string]int{llmtest.StageTentative: *tentative, llmtest.StageArgument: *argument, llmtest.StageFinal: *final},
	})
	fmt.Println(s.BaseURL())
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(s.BaseURL()+"\n"), 0o600); err != nil {
			return err
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	select {
	case <-ctx.Done():
	case <-time.After(*lifetime):
	}
	b, _ := json.Marshal(s.Stats())
	fmt.Println(string(b))
	return nil
}
