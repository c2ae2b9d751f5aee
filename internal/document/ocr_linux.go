package document

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// limitMemory caps the address space of the process pid (prlimit(2) on
// RLIMIT_AS). A hostile image or PDF page can make a decoder allocate
// whatever its header claims; past the limit the allocation fails and the
// program exits instead of taking the node's memory.
func limitMemory(pid int, bytes uint64) error {
	return unix.Prlimit(pid, unix.RLIMIT_AS, &unix.Rlimit{Cur: bytes, Max: bytes}, nil)
}

// sysProcAttr kills the programs when the server dies, so none outlives
// it.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
