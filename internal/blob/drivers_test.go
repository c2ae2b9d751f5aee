package blob

import (
	"context"
	"strings"
	"testing"
)

func TestOptionalDrivers(t *testing.T) {
	t.Parallel()
	for scheme, tag := range tagOf {
		_, err := Open(context.Background(), scheme+"://bucket")
		if drivers[scheme] {
			if err != nil && strings.Contains(err.Error(), "-tags") {
				t.Errorf("%s: %v", scheme, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), "-tags "+tag) {
			t.Errorf("%s:// without the %s tag: %v", scheme, tag, err)
		}
	}
}
