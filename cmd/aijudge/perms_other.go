//go:build !unix

package main

import "io/fs"

func privateFiles() {}

func othersMayRead(fs.FileInfo) bool { return false }
