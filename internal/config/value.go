package config

import (
	"net/netip"

	"errors"
	"flag"
	"fmt"
	"github.com/aijudge/aijudge/internal/proxy"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/aijudge/aijudge/internal/court"
)

// field is a Config field with the parser of the setting that fills it. Its
// errors say what is wrong with a value, to follow `NAME="value"`.
type field[T any] struct {
	p     *T
	parse func(string) (T, error)
}

// bind returns the flag.Value that parses a setting into *p.
func bind[T any](p *T, parse func(string) (T, error)) flag.Value { return field[T]{p, parse} }

func (f field[T]) Set(s string) error {
	v, err := f.parse(s)
	if err != nil {
		return err
	}
	*f.p = v
	return nil
}

func (f field[T]) String() string {
	if l, ok := any(*f.p).([]string); ok {
		return strings.Join(l, ",")
	}
	return fmt.Sprint(*f.p)
}

func text(s string) (string, error)  { return s, nil }
func lower(s string) (string, error) { return strings.ToLower(s), nil }

// metricsAddr reads METRICS_ADDR: "off" turns the listener off.
func metricsAddr(s string) (string, error) {
	if strings.EqualFold(s, "off") {
		return "", nil
	}
	return s, nil
}

func jurisdiction(s string) (court.Jurisdiction, error) {
	return court.Jurisdiction(strings.ToUpper(s)), nil
}

func whole[T ~int | ~int32 | ~int64](s string) (T, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errors.New("is not a whole number")
	}
	return T(n), nil
}

func number(s string) (float64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, errors.New("is not a number")
	}
	return f, nil
}

func boolean(s string) (bool, error) {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, errors.New("is not true or false")
	}
	return b, nil
}

// duration accepts Go durations ("30s") and plain seconds ("30").
func duration(s string) (time.Duration, error) {
	if n, err := strconv.Atoi(s); err == nil {
		return time.Duration(n) * time.Second, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, errors.New("is not a duration such as 30s or 2m")
	}
	return d, nil
}

// millis is a duration given, and shown, in milliseconds.
type millis struct{ p *time.Duration }

func (m millis) Set(s string) error {
	n, err := whole[int](s)
	if err != nil {
		return err
	}
	*m.p = time.Duration(n) * time.Millisecond
	return nil
}

func (m millis) String() string { return strconv.FormatInt(m.p.Milliseconds(), 10) }

// list splits a comma-separated value, dropping blanks.
func list(s string) ([]string, error) {
	var out []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out, nil
}

func level(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, errors.New("is not one of debug, info, warn, error")
	}
	return l, nil
}

// lookup returns the value of a setting as the environment gives it, ""
// when unset. A secret NAME may be given as NAME_FILE, the path of a file
// that holds it; giving both is an error, because which one wins would be
// a guess.
func lookup(getenv func(string) string, s *setting) (string, error) {
	if !s.secret {
		return strings.TrimSpace(getenv(s.name)), nil
	}
	v, path := getenv(s.name), strings.TrimSpace(getenv(s.name+"_FILE"))
	if path == "" {
		return strings.TrimSpace(v), nil
	}
	if v != "" {
		return "", fmt.Errorf("%s and %s_FILE are both set; set one", s.name, s.name)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("%s_FILE=%q cannot be read", s.name, path)
	}
	return strings.TrimSpace(string(b)), nil
}

func prefixes(s string) ([]netip.Prefix, error) {
	l, err := list(s)
	if err != nil {
		return nil, err
	}
	return proxy.ParsePrefixes(l)
}
