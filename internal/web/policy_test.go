package web

import (
	"os"
	"regexp"
	"testing"
)

// TestEveryRouteHasAPolicy reads the route registrations and checks that
// each /api pattern has an entry in the access policy.
func TestEveryRouteHasAPolicy(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`api\.Handle\("([^"]+)"`)
	for _, f := range []string{"server.go", "accounts.go"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if _, ok := policy[m[1]]; !ok {
				t.Errorf("%s: route %q has no access policy in access.go", f, m[1])
			}
		}
	}
}
