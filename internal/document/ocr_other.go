//go:build !linux

package document

import "syscall"

// limitMemory does nothing outside Linux, which the service is built and
// deployed for; the page timeout still bounds every run.
func limitMemory(int, uint64) error { return nil }

func sysProcAttr() *syscall.SysProcAttr { return nil }
