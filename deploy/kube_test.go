package deploy_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/aijudge/aijudge/internal/testenv"
)

// TestKubernetesControlPlane runs .ci/kube: every overlay with every
// component through a real kube-apiserver's server-side dry run (restricted
// Pod Security, CRDs from their projects), then production applied for real
// and scheduled onto three kwok nodes in three zones. The binaries are
// built by .ci/kube-build (from .ci/services) into a cache directory keyed
// by version; without them the test is Missing.
func TestKubernetesControlPlane(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a control plane (about a minute)")
	}
	mod, err := os.ReadFile("../.ci/kube-tools/go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^(?:require )?\s*k8s\.io/kubernetes (v[^\s]+)`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("../.ci/kube-tools/go.mod does not require k8s.io/kubernetes")
	}
	cache := os.Getenv("AIJUDGE_TOOL_CACHE")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			t.Fatal(err)
		}
		cache = filepath.Join(home, ".cache", "aijudge-tools")
	}
	for _, name := range []string{"kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubectl"} {
		p := filepath.Join(cache, "kube-"+string(m[1]), name)
		if _, err := os.Stat(p); err != nil {
			testenv.Missing(t, name+" (bash .ci/kube-build builds it)", err)
		}
	}
	if _, err := exec.LookPath("etcd"); err != nil {
		testenv.Missing(t, "etcd (Debian's etcd-server)", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "../.ci/kube")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	t.Logf(".ci/kube:\n%s", out.Bytes())
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatal(".ci/kube did not finish in 10 minutes")
	}
	if err != nil {
		t.Fatalf(".ci/kube: %v", err)
	}
}
