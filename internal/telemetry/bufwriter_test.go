package telemetry

import (
	"strings"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/testenv"
)

func TestBufferedWriter(t *testing.T) {
	t.Parallel()
	var out testenv.Buffer
	w := NewBufferedWriter(&out, 1<<16, 20*time.Millisecond)
	w.Write([]byte("one\n"))
	if out.String() != "" {
		t.Fatal("written before a flush")
	}
	deadline := time.Now().Add(2 * time.Second)
	for out.String() != "one\n" {
		if time.Now().After(deadline) {
			t.Fatal("not flushed by the interval")
		}
		time.Sleep(5 * time.Millisecond)
	}
	w.Write([]byte("two\n"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out.String(), "two\n") {
		t.Fatalf("Close did not flush: %q", out.String())
	}
}
