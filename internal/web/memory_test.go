package web_test

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/web"
)

// The memory test's server runs in a child process (this test binary
// again, in TestMain's helper mode), so that its peak resident memory is
// its own and not the clients'.
const memoryServerEnv = "AIJUDGE_MEMORY_SERVER"

// TestMemoryServer is the child: the real stack at the default limits
// (10 MB per file, 100 MB per case), serving until its stdin closes.
func TestMemoryServer(t *testing.T) {
	if os.Getenv(memoryServerEnv) == "" {
		t.Skip("the memory test's server; runs only as its child process")
	}
	s := newServer(t, webOption(func(o *web.Options) { o.MaxFileSize, o.MaxCaseBytes = 10<<20, 100<<20 }))
	fmt.Printf("listening %s\n", s.URL)
	io.Copy(io.Discard, os.Stdin)
}

// TestConcurrentFilingMemory sends 20 maximum-size filings at once, twice:
// multipart filings of ten 10 MB files (100 MB, the case limit), then JSON
// filings with the largest inline documents accepted. Every one is filed
// or refused with 503 and Retry-After, and the server's peak resident
// memory stays under 600 MB. Without the process-wide budget, 20 filings
// of 100 MB hold 2 GB at once (4.3 GB of RSS measured). -short and -race
// skip it; .ci/run runs it without -race (about 10 s of both cores).
func TestConcurrentFilingMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the concurrent filing memory test takes about 10 s")
	}
	if raceEnabled {
		// .ci/run runs this test once more without -race.
		t.Skip("-race: the race detector's shadow memory would be measured with the server's")
	}
	if os.Getenv(memoryServerEnv) != "" {
		t.Skip("inside the memory test's server")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestMemoryServer$", "-test.count=1")
	cmd.Env = append(os.Environ(), memoryServerEnv+"=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Wait() })
	lines := bufio.NewScanner(stdout)
	var url string
	for lines.Scan() {
		if u, ok := strings.CutPrefix(lines.Text(), "listening "); ok {
			url = u
			break
		}
	}
	if url == "" {
		t.Fatal("the memory test's server did not start")
	}
	go io.Copy(io.Discard, stdout)

	const filings = 20
	client := &http.Client{Timeout: 2 * time.Minute}
	send := func(name string, body func(i int) (string, io.Reader)) {
		statuses := make([]int, filings)
		retry := make([]string, filings)
		var wg sync.WaitGroup
		start := time.Now()
		for i := range filings {
			wg.Go(func() {
				ct, r := body(i)
				res, err := client.Post(url+"/api/cases", ct, r)
				if err != nil {
					t.Errorf("%s %d: %v", name, i, err)
					return
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				statuses[i], retry[i] = res.StatusCode, res.Header.Get("Retry-After")
			})
		}
		wg.Wait()
		count := map[int]int{}
		for i, st := range statuses {
			count[st]++
			if st != http.StatusCreated && (st != http.StatusServiceUnavailable || retry[i] == "") {
				t.Errorf("%s %d: status %d (Retry-After %q); want 201, or 503 with Retry-After", name, i, st, retry[i])
			}
		}
		t.Logf("%s: %v in %s; server peak RSS %d MB", name, count, time.Since(start).Round(time.Millisecond), peakRSS(t, cmd.Process.Pid)>>20)
	}

	send("multipart, 10 × 10 MB", func(i int) (string, io.Reader) {
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		go func() {
			mw.WriteField("caseType", "contract")
			mw.WriteField("sideASummary", "The buyer paid Rs. 5,00,000 and no goods came.")
			mw.WriteField("sideBSummary", "The goods were dispatched.")
			line := bytes.Repeat([]byte(fmt.Sprintf("Filing %d: the statement of account shows Rs. 5,00,000 paid.\n", i)), 1<<20/64)
			for f := range 10 {
				w, err := mw.CreateFormFile("sideADocs", fmt.Sprintf("statement-%d.txt", f))
				if err != nil { // the server answered before reading it all
					pw.CloseWithError(err)
					return
				}
				fmt.Fprintf(w, "Statement %d of filing %d\n", f, i)
				for left := 10<<20 - 64; left > 0; left -= len(line) {
					if _, err := w.Write(line[:min(left, len(line))]); err != nil {
						pw.CloseWithError(err)
						return
					}
				}
			}
			pw.CloseWithError(mw.Close())
		}()
		return mw.FormDataContentType(), pr
	})
	if peak := peakRSS(t, cmd.Process.Pid); peak > 600<<20 {
		t.Fatalf("the server's peak resident memory was %d MB; want under 600 MB", peak>>20)
	}

	send("JSON, inline documents at the limit", func(i int) (string, io.Reader) {
		doc := bytes.Repeat([]byte(fmt.Sprintf("Filing %d: receipt for Rs. 45,000. ", i)), 1<<20/16)[:1<<20-1024]
		b, _ := json.Marshal(map[string]any{
			"caseType": "consumer", "sideASummary": "The phone stopped working.", "sideBSummary": "Water damage.",
			"sideADocs": []map[string]string{{"name": "a.txt", "contentBase64": base64.StdEncoding.EncodeToString(doc)}},
			"sideBDocs": []map[string]string{{"name": "b.txt", "contentBase64": base64.StdEncoding.EncodeToString(doc)}},
		})
		return "application/json", bytes.NewReader(b)
	})
	if peak := peakRSS(t, cmd.Process.Pid); peak > 600<<20 {
		t.Fatalf("the server's peak resident memory was %d MB; want under 600 MB", peak>>20)
	}
}

// peakRSS is a process's peak resident memory (VmHWM), in bytes.
func peakRSS(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Skipf("no /proc to read the server's memory from: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc/PID/status")
	return 0
}

// TestLargeInlineJSONIsRefused: the filing of the failure report, ten
// inline documents of 1 MB, is refused at once with a sentence naming
// multipart, before its documents are decoded.
func TestLargeInlineJSONIsRefused(t *testing.T) {
	t.Parallel()
	s := newServer(t, webOption(func(o *web.Options) { o.MaxFileSize, o.MaxCaseBytes = 10<<20, 100<<20 }))
	f := chequeCase()
	docs := []map[string]string{}
	for i := range 10 {
		docs = append(docs, map[string]string{"name": fmt.Sprintf("page-%d.txt", i),
			"contentBase64": base64.StdEncoding.EncodeToString(bytes.Repeat([]byte("a receipt "), 100_000))})
	}
	f["sideADocs"] = docs
	r := s.postJSON("/api/cases", f)
	if r.Status != http.StatusRequestEntityTooLarge || !strings.Contains(r.Raw, "multipart") {
		t.Fatalf("%d %s; want 413 naming multipart", r.Status, r.Raw)
	}
}
