package sqlite_test

import (
	"testing"

	"github.com/aijudge/aijudge/internal/storetest"
)

func TestAccounts(t *testing.T) {
	storetest.RunAccounts(t, func(t *testing.T) storetest.AccountStore { return openTemp(t) })
}
