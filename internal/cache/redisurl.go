package cache

import (
	"errors"
	"fmt"
	"net/url"
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
// package documentation lists. go-redis connects lazily and reconnects by
// itself, so this does not contact Redis. Errors never include the URL,
// which may hold a password.
func NewRedisClient(rawURL string, o ClientOptions) (redis.UniversalClient, error) {
	if o.Timeout <= 0 {
		o.Timeout = 500 * time.Millisecond
	}
	if o.ClientName == "" {
		o.ClientName = "aijudge"
	}
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
		if o.Password != "" {
			opt.Password = o.Password
		}
		opt.ClientName = firstString(opt.ClientName, o.ClientName)
		setTimeouts(&opt.DialTimeout, &opt.ReadTimeout, &opt.WriteTimeout, o.Timeout)
		opt.DialerRetries = firstInt(opt.DialerRetries, 1)
		opt.MaxRetries = firstInt(opt.MaxRetries, 1)
		opt.ContextTimeoutEnabled = true
		return redis.NewClient(opt), nil

	case "redis+cluster", "rediss+cluster":
		u, err := multiHostURL(strings.TrimSuffix(scheme, "+cluster"), rest)
		if err != nil {
			return nil, err
		}
		opt, err := redis.ParseClusterURL(u)
		if err != nil {
			return nil, fmt.Errorf("redis url: %w", redactErr(err, u))
		}
		if o.Password != "" {
			opt.Password = o.Password
		}
		opt.ClientName = firstString(opt.ClientName, o.ClientName)
		setTimeouts(&opt.DialTimeout, &opt.ReadTimeout, &opt.WriteTimeout, o.Timeout)
		opt.DialerRetries = firstInt(opt.DialerRetries, 1)
		opt.MaxRetries = firstInt(opt.MaxRetries, 1)
		opt.ContextTimeoutEnabled = true
		return redis.NewClusterClient(opt), nil

	case "redis+sentinel", "rediss+sentinel":
		u, err := multiHostURL(strings.TrimSuffix(scheme, "+sentinel"), rest)
		if err != nil {
			return nil, err
		}
		pu, err := url.Parse(u)
		if err != nil {
			return nil, fmt.Errorf("redis url: %w", redactErr(err, u))
		}
		// The brief form names the master as the URL's user; move it to
		// the query parameter go-redis reads, keeping a password, if any,
		// for the Sentinels.
		if q := pu.Query(); q.Get("master_name") == "" && pu.User != nil && pu.User.Username() != "" {
			q.Set("master_name", pu.User.Username())
			pu.RawQuery = q.Encode()
			if p, ok := pu.User.Password(); ok {
				pu.User = url.UserPassword("", p)
			} else {
				pu.User = nil
			}
		}
		opt, err := redis.ParseFailoverURL(pu.String())
		if err != nil {
			return nil, fmt.Errorf("redis url: %w", redactErr(err, u))
		}
		if opt.MasterName == "" {
			return nil, errors.New("redis url: sentinel needs a master name: redis+sentinel://master@host:26379")
		}
		if o.Password != "" {
			opt.Password = o.Password
		}
		opt.ClientName = firstString(opt.ClientName, o.ClientName)
		setTimeouts(&opt.DialTimeout, &opt.ReadTimeout, &opt.WriteTimeout, o.Timeout)
		opt.DialerRetries = firstInt(opt.DialerRetries, 1)
		opt.MaxRetries = firstInt(opt.MaxRetries, 1)
		opt.ContextTimeoutEnabled = true
		return redis.NewFailoverClient(opt), nil
	}
	return nil, fmt.Errorf("redis url: unsupported scheme %q (want redis, rediss, unix, redis+cluster or redis+sentinel)", scheme)
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

func setTimeouts(dial, read, write *time.Duration, d time.Duration) {
	for _, p := range []*time.Duration{dial, read, write} {
		if *p == 0 {
			*p = d
		}
	}
}

func firstInt(v, def int) int {
	if v != 0 {
		return v
	}
	return def
}

func firstString(v, def string) string {
	if v != "" {
		return v
	}
	return def
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
