package cache

import (
	"cmp"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// ClientOptions tunes the Redis client made by NewRedisClient. Options
// given in the URL's query win over these.
type ClientOptions struct {
	// Password for the Redis data nodes, for REDIS_PASSWORD(_FILE); it
	// replaces the URL's password for single nodes and cluster, and sets
	// the master's password for sentinel.
	Password string

	// Timeout bounds dialling, each read and each write; 500 ms when zero.
	// A cache that waits longer than that for Redis is slower than no
	// cache.
	Timeout time.Duration

	// ClientName is shown by CLIENT LIST; "aijudge" when empty.
	ClientName string
}

// NewRedisClient returns a client for rawURL in any of the forms the
// package documentation lists. Every form becomes one
// redis.UniversalOptions, completed from o, from which go-redis makes a
// single-node, cluster or sentinel client; an option UniversalOptions
// cannot carry (use_disconnected_replicas) is refused. go-redis connects
// lazily and reconnects by itself, so this does not contact Redis. Errors
// never include the URL, which may hold a password.
func NewRedisClient(rawURL string, o ClientOptions) (redis.UniversalClient, error) {
	opt, err := universalOptions(rawURL, o)
	if err != nil {
		return nil, err
	}
	return redis.NewUniversalClient(opt), nil
}

// universalOptions reads rawURL into the options every form shares, then
// fills in what neither the URL nor o set.
func universalOptions(rawURL string, o ClientOptions) (*redis.UniversalOptions, error) {
	opt, err := parseRedisURL(rawURL)
	if err != nil {
		return nil, err
	}
	if o.Password != "" {
		opt.Password = o.Password
	}
	timeout := cmp.Or(o.Timeout, 500*time.Millisecond)
	opt.ClientName = cmp.Or(opt.ClientName, o.ClientName, "aijudge")
	// Zero is unset; the URL disables a timeout with a negative value.
	opt.DialTimeout = cmp.Or(opt.DialTimeout, timeout)
	opt.ReadTimeout = cmp.Or(opt.ReadTimeout, timeout)
	opt.WriteTimeout = cmp.Or(opt.WriteTimeout, timeout)
	opt.DialerRetries = cmp.Or(opt.DialerRetries, 1)
	opt.MaxRetries = cmp.Or(opt.MaxRetries, 1)
	opt.ContextTimeoutEnabled = true
	return opt, nil
}

// parseRedisURL parses rawURL with the go-redis parser of its form, which
// knows that form's query options, and copies the result into
// UniversalOptions.
func parseRedisURL(rawURL string) (*redis.UniversalOptions, error) {
	scheme, rest, ok := strings.Cut(rawURL, "://")
	if !ok {
		return nil, errors.New("redis url: missing scheme (want redis://, rediss://, redis+cluster:// or redis+sentinel://)")
	}
	switch scheme {
	case "redis", "rediss", "unix":
		opt, err := redis.ParseURL(rawURL)
		if err != nil {
			return nil, fmt.Errorf("redis url: %w", redactErr(err, rawURL))
		}
		// Network follows from Addr: go-redis dials a path that starts
		// with "/" as a Unix socket.
		uo, err := universal(opt, "Network", "Addr")
		if err != nil {
			return nil, err
		}
		uo.Addrs = []string{opt.Addr}
		return uo, nil

	case "redis+cluster", "rediss+cluster":
		u, err := multiHostURL(strings.TrimSuffix(scheme, "+cluster"), rest)
		if err != nil {
			return nil, err
		}
		opt, err := redis.ParseClusterURL(u)
		if err != nil {
			return nil, fmt.Errorf("redis url: %w", redactErr(err, u))
		}
		uo, err := universal(opt)
		if err != nil {
			return nil, err
		}
		// A cluster may be reached through one seed, such as a
		// configuration endpoint.
		uo.IsClusterMode = true
		return uo, nil

	case "redis+sentinel", "rediss+sentinel":
		u, err := sentinelURL(strings.TrimSuffix(scheme, "+sentinel"), rest)
		if err != nil {
			return nil, err
		}
		opt, err := redis.ParseFailoverURL(u)
		if err != nil {
			return nil, fmt.Errorf("redis url: %w", redactErr(err, u))
		}
		if opt.MasterName == "" {
			return nil, errors.New("redis url: sentinel needs a master name: redis+sentinel://master@host:26379")
		}
		uo, err := universal(opt, "SentinelAddrs", "ReplicaOnly")
		if err != nil {
			return nil, err
		}
		uo.Addrs, uo.ReadOnly = opt.SentinelAddrs, opt.ReplicaOnly
		return uo, nil
	}
	return nil, fmt.Errorf("redis url: unsupported scheme %q (want redis, rediss, unix, redis+cluster or redis+sentinel)", scheme)
}

// universal copies every field the URL set in src (a *redis.Options,
// *redis.ClusterOptions or *redis.FailoverOptions) to the field of
// UniversalOptions with the same name, except those named in moved, which
// the caller maps itself. The names are go-redis's own: NewUniversalClient
// maps them back the same way. A field with no counterpart is refused
// rather than dropped.
func universal(src any, moved ...string) (*redis.UniversalOptions, error) {
	dst := &redis.UniversalOptions{}
	d, s := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem()
	for i := range s.NumField() {
		f, v := s.Type().Field(i), s.Field(i)
		if !f.IsExported() || v.IsZero() || slices.Contains(moved, f.Name) {
			continue
		}
		to := d.FieldByName(f.Name)
		if !to.IsValid() || to.Type() != f.Type {
			return nil, fmt.Errorf("redis url: the option %s is not supported", f.Name)
		}
		to.Set(v)
	}
	return dst, nil
}

// sentinelURL is multiHostURL for sentinel. The brief form names the
// master as the URL's user; it moves to the query parameter go-redis
// reads, and a password, if any, stays for the Sentinels.
func sentinelURL(scheme, rest string) (string, error) {
	u, err := multiHostURL(scheme, rest)
	if err != nil {
		return "", err
	}
	pu, err := url.Parse(u)
	if err != nil {
		return "", fmt.Errorf("redis url: %w", redactErr(err, u))
	}
	if q := pu.Query(); q.Get("master_name") == "" && pu.User != nil && pu.User.Username() != "" {
		q.Set("master_name", pu.User.Username())
		pu.RawQuery = q.Encode()
		if p, ok := pu.User.Password(); ok {
			pu.User = url.UserPassword("", p)
		} else {
			pu.User = nil
		}
	}
	return pu.String(), nil
}

// multiHostURL turns "user:pw@h1:1,h2:2/0?x=y" into the single-host form
// go-redis parses, "scheme://user:pw@h1:1/0?x=y&addr=h2:2".
func multiHostURL(scheme, rest string) (string, error) {
	authority, tail := rest, ""
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		authority, tail = rest[:i], rest[i:]
	}
	userinfo := ""
	if i := strings.LastIndex(authority, "@"); i >= 0 {
		userinfo, authority = authority[:i+1], authority[i+1:]
	}
	var hosts []string
	for h := range strings.SplitSeq(authority, ",") {
		if h = strings.TrimSpace(h); h != "" {
			hosts = append(hosts, h)
		}
	}
	if len(hosts) == 0 {
		return "", errors.New("redis url: no hosts")
	}
	var extra strings.Builder
	for _, h := range hosts[1:] {
		extra.WriteString("addr=")
		extra.WriteString(url.QueryEscape(h))
		extra.WriteByte('&')
	}
	path, query, _ := strings.Cut(tail, "?")
	q := strings.TrimSuffix(extra.String()+query, "&")
	u := scheme + "://" + userinfo + hosts[0] + path
	if q != "" {
		u += "?" + q
	}
	return u, nil
}

// redactErr keeps a password in the URL out of logs: url.Parse errors quote
// the whole URL.
func redactErr(err error, rawURL string) error {
	msg := err.Error()
	if u, perr := url.Parse(rawURL); perr == nil && u.User != nil {
		if p, ok := u.User.Password(); ok && p != "" {
			msg = strings.ReplaceAll(msg, p, "xxxxx")
		}
	}
	if i := strings.Index(rawURL, "@"); i >= 0 {
		// Unparseable URLs: drop anything that looks like userinfo.
		msg = strings.ReplaceAll(msg, rawURL[:i], "redacted")
	}
	return errors.New(msg)
}
