//go:build gcs && azure

package blob_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/storage/azblob"

	"github.com/aijudge/aijudge/internal/testenv"
)

// reachable dials addr, or stops t: the emulator is Missing.
func reachable(t *testing.T, what, addr string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		testenv.Missing(t, what+" (run .ci/start-blob-emulators)", err)
	}
	conn.Close()
}

func bucketName() string { return "aijudge-test-" + strings.ToLower(rand.Text())[:16] }

// TestGCSRoundTrip runs gs:// against fake-gcs-server. Not parallel: the
// Cloud Storage client reads STORAGE_EMULATOR_HOST from the process
// environment, which the test sets.
func TestGCSRoundTrip(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	addr := testenv.Getenv("AIJUDGE_TEST_GCS_ADDR", "127.0.0.1:4443")
	reachable(t, "fake-gcs-server", addr)
	t.Setenv("STORAGE_EMULATOR_HOST", addr)

	// The emulator's JSON API makes the bucket; the store never does.
	bucket := bucketName()
	body, _ := json.Marshal(map[string]string{"name": bucket})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+"/storage/v1/b?project=aijudge-test", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		testenv.Missing(t, "fake-gcs-server", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("create bucket: %s", resp.Status)
	}

	openRoundTrip(ctx, t, "gs://"+bucket)
}

// TestAzureRoundTrip runs azblob:// against Azurite, with the fake account
// .ci/start-blob-emulators gives it. Not parallel: gocloud reads the
// account and key from the process environment.
func TestAzureRoundTrip(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	addr := testenv.Getenv("AIJUDGE_TEST_AZURE_ADDR", "127.0.0.1:10000")
	reachable(t, "Azurite", addr)
	account := testenv.Getenv("AZURE_STORAGE_ACCOUNT", "aijudgetest")
	key := testenv.Getenv("AZURE_STORAGE_KEY", base64.StdEncoding.EncodeToString([]byte("aijudge-test-key-not-a-secret")))
	t.Setenv("AZURE_STORAGE_ACCOUNT", account)
	t.Setenv("AZURE_STORAGE_KEY", key)

	cred, err := azblob.NewSharedKeyCredential(account, key)
	if err != nil {
		t.Fatal(err)
	}
	client, err := azblob.NewClientWithSharedKeyCredential(fmt.Sprintf("http://%s/%s", addr, account), cred, nil)
	if err != nil {
		t.Fatal(err)
	}
	container := bucketName()
	if _, err := client.CreateContainer(ctx, container, nil); err != nil {
		testenv.Missing(t, "Azurite", err)
	}
	t.Cleanup(func() { client.DeleteContainer(context.Background(), container, nil) })

	q := url.Values{}
	q.Set("protocol", "http")
	q.Set("domain", addr)
	q.Set("localemu", "true")
	openRoundTrip(ctx, t, "azblob://"+container+"?"+q.Encode())
}
