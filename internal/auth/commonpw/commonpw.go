// Package commonpw knows the passwords most often found in leaked password
// sets (README.md says where they come from), so that no account is given
// one of them.
package commonpw

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
)

//go:embed common-passwords.txt.gz
var listGz []byte

// set is the list, read once on first use (about 1 MB in memory).
var set = sync.OnceValue(func() map[string]struct{} {
	zr, err := gzip.NewReader(bytes.NewReader(listGz))
	if err != nil {
		panic("commonpw: the embedded list is damaged: " + err.Error())
	}
	m := make(map[string]struct{}, 18_000)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		if w := sc.Text(); w != "" {
			m[strings.ToLower(w)] = struct{}{}
		}
	}
	if err := sc.Err(); err != nil {
		panic("commonpw: the embedded list is damaged: " + err.Error())
	}
	return m
})

// Contains reports whether password, in any letter case, is on the list.
func Contains(password string) bool {
	_, ok := set()[strings.ToLower(password)]
	return ok
}

// Len is the number of passwords on the list.
func Len() int { return len(set()) }
