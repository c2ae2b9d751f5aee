//go:build unix

package main

import (
	"io/fs"
	"os"
	"slices"
	"syscall"
)

// privateFiles makes every file the process creates readable by its own
// user only (0600, folders 0700), whatever DATA_DIR's own mode: the
// database, its WAL and journal, stored documents and the generated JWT
// secret are the parties' and the service's secrets.
func privateFiles() { syscall.Umask(0o077) }

// othersMayRead reports whether users other than this process's may read
// the file: anyone (o+r), or a group the process is not in (g+r). A
// group the process is in (Kubernetes' fsGroup) is its own.
func othersMayRead(fi fs.FileInfo) bool {
	m := fi.Mode().Perm()
	if m&0o004 != 0 {
		return true
	}
	if m&0o040 == 0 {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return true
	}
	gid := int(st.Gid)
	if gid == os.Getegid() {
		return false
	}
	groups, _ := os.Getgroups()
	return !slices.Contains(groups, gid)
}
