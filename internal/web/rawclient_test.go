package web_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/web"
)

// TestRawClientGets413 is a client that writes its whole request, a
// 15 MB file against a 10 MB limit, before it reads a byte of the answer,
// and never asks for 100-continue (Python's and Node's clients behave so).
// It must read the 413 and its JSON, not a connection reset.
func TestRawClientGets413(t *testing.T) {
	t.Parallel()
	s := newServer(t, webOption(func(o *web.Options) { o.MaxFileSize, o.MaxCaseBytes = 10<<20, 40<<20 }))
	id := s.file()
	big := bytes.Repeat([]byte("fifteen megabytes of text. "), 15<<20/27+1)
	tests := []struct {
		name, path string
		fields     map[string]string
		field      string
	}{
		{"upload", "/api/cases/" + id + "/documents", map[string]string{"side": "A"}, "documents"},
		{"filing", "/api/cases", map[string]string{"caseType": "civil", "sideASummary": "A loan was not repaid.", "sideBSummary": "It was repaid."}, "sideADocs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct, body := multipartBody(t, tt.fields, map[string][]byte{"big.txt": big}, tt.field)
			conn, err := net.DialTimeout("tcp", strings.TrimPrefix(s.URL, "http://"), 5*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(30 * time.Second))
			head := fmt.Sprintf("POST %s HTTP/1.1\r\nHost: test\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", tt.path, ct, body.Len())
			if _, err := io.Copy(conn, io.MultiReader(strings.NewReader(head), body)); err != nil {
				t.Fatalf("writing the request: %v", err)
			}
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatalf("reading the answer: %v", err)
			}
			defer res.Body.Close()
			var p struct {
				Error string `json:"error"`
			}
			if err := json.NewDecoder(res.Body).Decode(&p); err != nil {
				t.Fatalf("reading the answer's JSON: %v", err)
			}
			if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(p.Error, "big.txt") {
				t.Fatalf("%d %q; want 413 naming big.txt", res.StatusCode, p.Error)
			}
		})
	}
}
