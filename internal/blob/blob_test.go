package blob_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/aijudge/aijudge/internal/blob"
	"github.com/aijudge/aijudge/internal/court"
	"github.com/aijudge/aijudge/internal/testenv"
)

func TestFileRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// A directory that does not exist yet: Open must create it.
	dir := t.TempDir() + "/nested/documents"
	s, err := blob.Open(ctx, "file://"+dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	roundTrip(t, s, 256<<10)
}

// TestS3RoundTrip is not parallel: gocloud takes credentials from the
// process environment only, which the test sets.
func TestS3RoundTrip(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	endpoint := testenv.S3Endpoint()
	u, err := url.Parse(endpoint)
	if err != nil {
		t.Fatalf("AIJUDGE_TEST_S3_ENDPOINT: %v", err)
	}
	conn, err := net.DialTimeout("tcp", u.Host, 2*time.Second)
	if err != nil {
		testenv.Missing(t, "S3-compatible server (run .ci/start-s3)", err)
	}
	conn.Close()

	// The same fake credentials .ci/start-s3 gives its server; gocloud
	// reads them from the standard variables.
	t.Setenv("AWS_ACCESS_KEY_ID", testenv.Getenv("AWS_ACCESS_KEY_ID", "aijudge-test"))
	t.Setenv("AWS_SECRET_ACCESS_KEY", testenv.Getenv("AWS_SECRET_ACCESS_KEY", "aijudge-test-secret"))
	t.Setenv("AWS_REGION", testenv.Getenv("AWS_REGION", "us-east-1"))

	client := s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider(
			testenv.Getenv("AWS_ACCESS_KEY_ID", "aijudge-test"),
			testenv.Getenv("AWS_SECRET_ACCESS_KEY", "aijudge-test-secret"), ""),
	})
	bucket := "aijudge-test-" + strings.ToLower(rand.Text())[:16]
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		testenv.Missing(t, "S3-compatible server (run .ci/start-s3)", err)
	}
	t.Cleanup(func() {
		ctx := context.Background()
		out, err := client.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(bucket)})
		if err == nil {
			for _, o := range out.Contents {
				client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: o.Key})
			}
		}
		client.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(bucket)})
	})

	q := url.Values{}
	q.Set("endpoint", endpoint)
	q.Set("region", "us-east-1")
	q.Set("use_path_style", "true")
	if u.Scheme == "http" {
		q.Set("disable_https", "true")
	}
	openRoundTrip(ctx, t, "s3://"+bucket+"?"+q.Encode())
}

// openRoundTrip opens the store at rawURL, pings it and runs roundTrip
// on it with a 1 MiB object.
func openRoundTrip(ctx context.Context, t *testing.T, rawURL string) {
	t.Helper()
	s, err := blob.Open(ctx, rawURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	roundTrip(t, s, 1<<20)
}

// roundTrip is what every backend must do: bytes come back identical,
// a missing key is ENotFound, deleting twice is fine.
func roundTrip(t *testing.T, s *blob.Store, size int) {
	t.Helper()
	ctx := context.Background()
	data := make([]byte, size)
	rand.Read(data)
	key := "documents/" + strings.ToLower(rand.Text())

	if err := s.Put(ctx, key, data, "application/pdf"); err != nil {
		t.Fatalf("Put: %v", err)
	}
	r, err := s.Open(ctx, key)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	got, err := io.ReadAll(r)
	r.Close()
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if !bytes.Equal(got, data) {
		t.Fatalf("read %d bytes, want the %d written, byte-identical", len(got), len(data))
	}

	if _, err := s.Open(ctx, "documents/missing"); court.ErrorCode(err) != court.ENotFound {
		t.Fatalf("Open(missing) = %v, want ENotFound", err)
	}
	if err := s.Delete(ctx, key); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if err := s.Delete(ctx, key); err != nil {
		t.Fatalf("Delete twice: %v", err)
	}
	if _, err := s.Open(ctx, key); court.ErrorCode(err) != court.ENotFound {
		t.Fatalf("Open after Delete = %v, want ENotFound", err)
	}
}

func TestOpenRejectsUnknownScheme(t *testing.T) {
	t.Parallel()
	if _, err := blob.Open(context.Background(), "ftp://example.com/x"); err == nil {
		t.Fatal("Open(ftp://) succeeded")
	}
}
