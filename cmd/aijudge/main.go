// Command aijudge serves AI Judge and runs cases from the command line.
//
//	aijudge [serve]        serve the web UI and the API (the default)
//	aijudge migrate        bring the database schema up to date
//	aijudge judge CASE     run a whole case from a JSON file
//	aijudge eval DIR       measure the judge on labelled cases
//	aijudge audit verify ID  check a case's audit log against the stored rows
//	aijudge probe          ask the local server whether it is ready (health checks)
//	aijudge load           play user sessions against a local server or fleet and measure it
//	aijudge cost           the monthly bill for a number of daily users
//	aijudge version        print the version
//	aijudge help           list the commands and every setting with its default
//
// Settings come from the environment; see the README.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/aijudge/aijudge/internal/config"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{args: os.Args[1:], getenv: os.Getenv, stdout: os.Stdout, stderr: os.Stderr}
	if err := run(ctx, e); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "aijudge:", err)
		}
		os.Exit(exitCode(err))
	}
}

// env is everything run takes from the process, so tests can run the
// real program in-process.
type env struct {
	args           []string
	getenv         func(string) string
	stdout, stderr io.Writer
	// listening, if not nil, receives the address the server listens on;
	// metricsListening, that of its metrics listener (METRICS_ADDR),
	// first.
	listening        chan<- string
	metricsListening chan<- string
}

// usageError is a mistake on the command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

const usage = `Usage: aijudge [command] [flags]

Commands:
  serve         serve the web UI and the JSON API (the default)
  migrate       bring the database schema up to date and exit
  judge CASE    run a whole case from a JSON file: judgment, arguments, final verdict
  eval DIR      measure the judge on labelled cases: sides, provisions, issues,
                argument effects, grounding, position swaps, calibration, cost
  audit verify CASE_ID
                check a case's hash-chained audit log against the stored rows
  probe         ask the server on this machine whether it is ready (exit 0 or 1)
  load          play user sessions against a server or fleet on this machine and
                report latency, errors, judge calls, cache hits, CPU and memory
  cost          the monthly bill for a number of daily users on AWS, GCP or Azure
  version       print the version and exit
  help          print this and every setting with its default

Run "aijudge COMMAND --help" for a command's flags. Settings come from the
environment (PORT, DATA_DIR, DATABASE_URL, REDIS_URL, LLM_PROVIDER, …);
"aijudge help" lists them all.
`

func run(ctx context.Context, e *env) error {
	cmd, args := "serve", e.args
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	} else if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		cmd = "help"
	}
	switch cmd {
	case "serve":
		return serve(ctx, e, args)
	case "migrate":
		return migrate(ctx, e, args)
	case "judge":
		return judgeCase(ctx, e, args)
	case "eval":
		return evalCases(ctx, e, args)
	case "audit":
		return auditCmd(ctx, e, args)
	case "probe":
		return probe(ctx, e, args)
	case "load":
		return loadCmd(ctx, e, args)
	case "cost":
		return costCmd(e, args)
	case "version":
		return printVersion(e, args)
	case "help":
		fmt.Fprint(e.stdout, usage, "\n", config.Help())
		return nil
	}
	fmt.Fprint(e.stderr, usage)
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}

// newFlags returns a flag set whose --help prints about and the flags.
func newFlags(e *env, name, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, about)
		fs.PrintDefaults()
	}
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

func printVersion(e *env, args []string) error {
	fs := newFlags(e, "version", "Usage: aijudge version\n\nPrints the version of this build.\n\nExample:\n\n  aijudge version\n")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "aijudge %s\n", buildVersion())
	return nil
}

func buildVersion() string {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok {
		v += " " + info.GoVersion
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " " + s.Value[:12]
			}
		}
	}
	return v
}
