package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/config"
)

const probeUsage = `Usage: aijudge probe [flags]

Asks the server on this machine (127.0.0.1, port PORT) whether it is
ready, GET /readyz, and exits 0 when it answers 200 and 1 otherwise. It is
the container image's health check: the image has no shell and no HTTP
client to run one with.

Example:

  PORT=3001 aijudge probe --path /livez --timeout 2s

Flags:
`

func probe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "probe", probeUsage)
	path := fs.String("path", "/readyz", "the path to ask for; /livez asks only whether the process serves")
	timeout := fs.Duration("timeout", 3*time.Second, "how long to wait for the answer")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !strings.HasPrefix(*path, "/") {
		return usageError{"--path must start with /"}
	}
	port := strconv.Itoa(config.DefaultPort)
	if p := e.getenv("PORT"); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return usageError{fmt.Sprintf("PORT %q is not a port number", p)}
		}
		port = p
	}
	url := "http://" + net.JoinHostPort("127.0.0.1", port) + *path
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	// No proxy: the question is about this machine.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	res, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", url, err)
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", url, res.Status)
	}
	fmt.Fprintf(e.stdout, "%s: %s\n", url, res.Status)
	return nil
}
