package ui

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"
)

// asset is one embedded static file with the hash its URL carries.
type asset struct {
	data  []byte
	hash  string
	ctype string
}

// assets holds every static file, hashed once at start-up, so that a URL
// names exactly one content and may be cached for a year.
type assets map[string]asset

func loadAssets(fsys fs.FS) (assets, error) {
	out := assets{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = "application/octet-stream"
		}
		out[p] = asset{data: b, hash: hex.EncodeToString(sum[:6]), ctype: ct}
		return nil
	})
	return out, err
}

// url is the content-hashed URL of the static file name. A name that is
// not embedded is an error, so a template naming one fails start-up.
func (a assets) url(name string) (string, error) {
	f, ok := a[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + f.hash + "/" + name, nil
}

// serve answers GET /static/{hash}/{name...}: immutable, with an ETag.
// An old hash is not found rather than served with new content.
func (a assets) serve(w http.ResponseWriter, r *http.Request) {
	f, ok := a[r.PathValue("name")]
	if !ok || f.hash != r.PathValue("hash") {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", `"`+f.hash+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.data))
}
