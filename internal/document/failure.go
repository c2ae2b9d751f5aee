package document

import (
	"fmt"

	"github.com/aijudge/aijudge/internal/court"
)

// failure is why a file was refused, without the file's name: the parsers
// do not know it, Read adds it.
type failure struct {
	code   court.Code
	reason string // completes the sentence `"name.pdf" …`
}

func (f *failure) Error() string { return f.reason }

func fail(code court.Code, format string, args ...any) *failure {
	return &failure{code: code, reason: fmt.Sprintf(format, args...)}
}

// damaged is the common 422 for a file that claims a type but cannot be
// parsed; what exactly is broken is of no use to the party.
func damaged(kind string) *failure {
	return fail(court.EUnprocessable, "is not a readable %s: it is damaged or incomplete.", kind)
}
