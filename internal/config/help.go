package config

import (
	"fmt"
	"sort"
	"strings"
)

// Help is the table of settings for --help: each with its default, and
// whether it is a secret that may be given as NAME_FILE.
func Help() string {
	var b strings.Builder
	b.WriteString("Settings, from the environment. A setting that cannot work stops start-up\n" +
		"with one line that names it. A secret NAME may instead be given as\n" +
		"NAME_FILE, the path of a file that holds it; no secret is ever logged.\n\n")
	for _, s := range (&Config{}).settings() {
		fmt.Fprintf(&b, "  %s", s.name)
		switch {
		case s.about != "":
			fmt.Fprintf(&b, "  (default: %s)", s.about)
		case s.def != "":
			fmt.Fprintf(&b, "=%s", s.def)
		}
		if s.secret {
			fmt.Fprintf(&b, "  [secret, or %s_FILE]", s.name)
		}
		fmt.Fprintf(&b, "\n        %s\n", s.help)
	}
	return b.String()
}

// Names lists every setting the service reads, for --help.
func Names() []string {
	var n []string
	for _, s := range (&Config{}).settings() {
		n = append(n, s.name)
		if s.secret {
			n = append(n, s.name+"_FILE")
		}
	}
	sort.Strings(n)
	return n
}

// Dump lists the settings in effect for the start-up log, as key-value
// pairs: each key is the setting's name in lower case, and a secret shows
// only whether it is set. A provider's own settings appear for the chosen
// provider only.
func (c *Config) Dump() []any {
	var out []any
	for _, s := range c.settings() {
		if s.to == nil || !s.applies(c) {
			continue
		}
		v := s.to.String()
		switch {
		case s.secret && v == "":
			v = "unset"
		case s.secret:
			v = "set"
		case s.show != nil:
			v = s.show(v)
		}
		out = append(out, strings.ToLower(s.name), v)
	}
	return out
}
