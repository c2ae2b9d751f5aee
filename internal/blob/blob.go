// Package blob keeps the original bytes of filed documents in object
// storage through gocloud.dev/blob, so that the same code serves local disk
// (file://), Amazon S3 and S3-compatible servers (s3://), Google Cloud
// Storage (gs://) and Azure Blob Storage (azblob://). Which one is used is
// decided by the BLOB_URL alone; credentials come from each cloud's
// standard environment (AWS_ACCESS_KEY_ID, GOOGLE_APPLICATION_CREDENTIALS,
// AZURE_STORAGE_ACCOUNT …), never from the URL, so the URL can be logged.
//
// A self-hosted S3-compatible server is reached with query parameters that
// gocloud understands, for example
//
//	s3://documents?endpoint=http://minio:9000&region=us-east-1&use_path_style=true
//
// (see gocloud.dev/aws.V2ConfigFromURLParams for the full list).
//
// The gs:// and azblob:// drivers are compiled in only with the build tags
// gcs and azure (go build -tags gcs,azure ./cmd/aijudge), which the
// container image (deploy/Dockerfile) uses by default. Their SDKs take the
// stripped binary from 108 to 136 MB and its resident memory at start from
// 64 to 83 MB, which a plain go build for one machine need not pay.
// Google Cloud Storage is also reachable without the tag through its
// S3-compatible API: s3://bucket?endpoint=https://storage.googleapis.com
// with HMAC keys.
package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/fileblob" // file://
	_ "gocloud.dev/blob/s3blob"   // s3://
	"gocloud.dev/gcerrors"

	"github.com/aijudge/aijudge/internal/court"
)

// drivers records the optional drivers this build has (see gcs.go, azure.go).
var drivers = map[string]bool{}

var tagOf = map[string]string{"gs": "gcs", "azblob": "azure"}

// Store is a bucket of document originals.
type Store struct {
	bucket *blob.Bucket
}

var _ court.Blobs = (*Store)(nil)

// Open opens the bucket that rawURL names. A file:// directory is created
// when missing, because the single-binary default (./data/documents) must
// work on a fresh checkout without a setup step.
func Open(ctx context.Context, rawURL string) (*Store, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		// The parse error quotes the URL; a URL may hold a password in a
		// query parameter, so only the setting is named.
		return nil, errors.New("BLOB_URL is not a valid URL")
	}
	switch u.Scheme {
	case "file":
		q := u.Query()
		if q.Get("create_dir") == "" {
			q.Set("create_dir", "true")
		}
		// Without no_tmp_dir the temporary file is written in os.TempDir
		// and renamed, which fails across file systems (a mounted volume).
		if q.Get("no_tmp_dir") == "" {
			q.Set("no_tmp_dir", "true")
		}
		u.RawQuery = q.Encode()
	case "s3":
	case "gs", "azblob":
		if !drivers[u.Scheme] {
			return nil, fmt.Errorf("BLOB_URL scheme %s:// needs a build with -tags %s", u.Scheme, tagOf[u.Scheme])
		}
	default:
		return nil, fmt.Errorf("BLOB_URL scheme %q is not one of file, s3, gs, azblob", u.Scheme)
	}
	b, err := blob.OpenBucket(ctx, u.String())
	if err != nil {
		return nil, fmt.Errorf("BLOB_URL: open %s bucket: %w", u.Scheme, err)
	}
	return &Store{bucket: b}, nil
}

// Put stores data under key, replacing what was there.
func (s *Store) Put(ctx context.Context, key string, data []byte, mediaType string) error {
	opts := &blob.WriterOptions{ContentType: mediaType}
	if mediaType == "" {
		// gocloud would sniff the type from the bytes; the reader already
		// decided it, and an empty type must not become a guessed one.
		opts.ContentType = "application/octet-stream"
	}
	if err := s.bucket.WriteAll(ctx, key, data, opts); err != nil {
		return wrap(err, "The document could not be stored.")
	}
	return nil
}

// Open returns the bytes stored under key, or an ENotFound error.
func (s *Store) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	r, err := s.bucket.NewReader(ctx, key, nil)
	if err != nil {
		if gcerrors.Code(err) == gcerrors.NotFound {
			return nil, court.Errorf(court.ENotFound, "The document's original file was not found.")
		}
		return nil, wrap(err, "The document could not be read from storage.")
	}
	return r, nil
}

// Delete removes key. Deleting a missing key succeeds, because deletion
// after a case is removed may be retried, and the end state is the same.
func (s *Store) Delete(ctx context.Context, key string) error {
	err := s.bucket.Delete(ctx, key)
	if err != nil && gcerrors.Code(err) != gcerrors.NotFound {
		return wrap(err, "The document could not be deleted from storage.")
	}
	return nil
}

// Ping reports whether the bucket can be reached, for the readiness probe.
func (s *Store) Ping(ctx context.Context) error {
	ok, err := s.bucket.IsAccessible(ctx)
	if err != nil {
		return wrap(err, "Document storage is unavailable.")
	}
	if !ok {
		return court.Errorf(court.EUnavailable, "Document storage is unavailable: the bucket does not exist.")
	}
	return nil
}

// Close releases the bucket's resources.
func (s *Store) Close() error { return s.bucket.Close() }

// wrap classifies a storage failure. Refused credentials are a
// misconfiguration, not an outage a retry could cure; everything else
// (timeouts, network errors, a server error) is a dependency being
// unavailable.
func wrap(err error, msg string) error {
	if gcerrors.Code(err) == gcerrors.PermissionDenied {
		return court.Wrap(court.EInternal, err, msg)
	}
	return court.Wrap(court.EUnavailable, err, msg)
}
