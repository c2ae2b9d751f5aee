package loadgen

import (
	"os"
	"strconv"
	"strings"
)

// selfCPUSeconds is the CPU this process has used (user and system),
// from /proc/self/stat; zero where there is no /proc. The report states
// it so that a run on the same cores as the servers says what the load
// generator took of them.
func selfCPUSeconds() float64 {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	// The fields after the command name, which is in parentheses and
	// may contain spaces: state is field 3, utime 14, stime 15.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0
	}
	u, err1 := strconv.ParseFloat(f[11], 64)
	k, err2 := strconv.ParseFloat(f[12], 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	const ticks = 100 // USER_HZ on Linux
	return (u + k) / ticks
}
