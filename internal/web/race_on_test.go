//go:build race

package web_test

// raceEnabled: the race detector's shadow memory inflates a process's
// resident memory, so memory targets are measured without it.
const raceEnabled = true
