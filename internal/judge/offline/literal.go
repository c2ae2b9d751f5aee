package offline

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
)

// A cue is tried on every sentence of a record, and most sentences hold
// none of its words. needs is, for an expression, a set of strings one of
// which every match contains; a sentence that holds none of them cannot
// match, and is passed over without running the expression.
var needs sync.Map // *regexp.Regexp → []string (nil: no such set)

// mayMatch reports whether re can match s: false only when s holds none
// of the strings every match of re must contain.
func mayMatch(re *regexp.Regexp, s string) bool {
	v, ok := needs.Load(re)
	if !ok {
		v, _ = needs.LoadOrStore(re, required(re.String()))
	}
	lits := v.([]string)
	if lits == nil {
		return true
	}
	for _, l := range lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// findIndex is re.FindStringIndex(s), passing over s when it cannot match.
func findIndex(re *regexp.Regexp, s string) []int {
	if !mayMatch(re, s) {
		return nil
	}
	return re.FindStringIndex(s)
}

// matches is re.MatchString(s), passing over s when it cannot match.
func matches(re *regexp.Regexp, s string) bool {
	return mayMatch(re, s) && re.MatchString(s)
}

// required parses expr and returns strings one of which every match
// contains, or nil when the expression does not say.
func required(expr string) []string {
	t, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	return literals(t.Simplify())
}

func literals(t *syntax.Regexp) []string {
	switch t.Op {
	case syntax.OpLiteral:
		if t.Flags&syntax.FoldCase != 0 || len(t.Rune) == 0 {
			return nil
		}
		return []string{string(t.Rune)}
	case syntax.OpCapture, syntax.OpPlus:
		return literals(t.Sub[0])
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return literals(t.Sub[0])
		}
	case syntax.OpConcat:
		// The longest literal among the parts every match goes through.
		var best []string
		for _, s := range t.Sub {
			if l := literals(s); l != nil && (best == nil || shortest(l) > shortest(best)) {
				best = l
			}
		}
		return best
	case syntax.OpAlternate:
		var out []string
		for _, s := range t.Sub {
			l := literals(s)
			if l == nil {
				return nil
			}
			out = append(out, l...)
		}
		return out
	}
	return nil
}

func shortest(ls []string) int {
	n := -1
	for _, l := range ls {
		if n < 0 || len(l) < n {
			n = len(l)
		}
	}
	return n
}
