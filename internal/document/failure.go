package document

import (
	"strings"

	"github.com/aijudge/aijudge/internal/court"
)

// failure is why a file was refused. The parsers do not know the file's
// name, so every format starts with a %q for it, formatted empty here and
// filled in by named.
type failure struct{ err *court.Error }

func (f *failure) Error() string { return strings.TrimPrefix(f.err.Message, `"" `) }

// fail is a refusal; format starts with "%q " for the file's name.
func fail(code court.Code, format string, args ...any) *failure {
	return &failure{court.Errorf(code, format, append([]any{""}, args...)...)}
}

// named is the refusal as the party sees it: one sentence naming the file.
// It keeps the format, so that the sentence can be translated.
func (f *failure) named(name string) *court.Error {
	return court.Errorf(f.err.Code, f.err.Format, append([]any{name}, f.err.Args[1:]...)...)
}

// damaged is the common 422 for a file that claims a type but cannot be
// parsed; what exactly is broken is of no use to the party.
func damaged(kind string) *failure {
	return fail(court.EUnprocessable, "%q is not a readable %s: it is damaged or incomplete.", kind)
}
