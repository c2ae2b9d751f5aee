package cache

import (
	"cmp"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestRedisURLOptions: every accepted form of REDIS_URL ends in the same
// options, with the URL's settings and ClientOptions' defaults in place.
func TestRedisURLOptions(t *testing.T) {
	t.Parallel()
	// opts is what a form decides; the rest of UniversalOptions is go-redis's.
	type opts struct {
		Addrs                        []string
		DB                           int
		Username, Password           string
		SentinelPassword, MasterName string
		ClientName                   string
		TLS, Cluster, ReadOnly       bool
		Dial, Read, Write            time.Duration
		MaxRetries, DialerRetries    int
	}
	ms := time.Millisecond
	def := func(o opts) opts {
		o.ClientName = cmp.Or(o.ClientName, "aijudge")
		o.Dial, o.Read, o.Write = cmp.Or(o.Dial, 500*ms), cmp.Or(o.Read, 500*ms), cmp.Or(o.Write, 500*ms)
		o.MaxRetries, o.DialerRetries = 1, 1
		return o
	}
	tests := []struct {
		url  string
		with ClientOptions
		want opts
	}{
		{url: "redis://127.0.0.1:6379/0", want: opts{Addrs: []string{"127.0.0.1:6379"}}},
		{url: "redis://redis.example", want: opts{Addrs: []string{"redis.example:6379"}}},
		{url: "rediss://:pw@redis.example:6380/2", want: opts{Addrs: []string{"redis.example:6380"}, DB: 2, Password: "pw", TLS: true}},
		{url: "redis://user:pw@h:6379/0?dial_timeout=1s&client_name=worker", want: opts{Addrs: []string{"h:6379"}, Username: "user", Password: "pw", Dial: time.Second, ClientName: "worker"}},
		{url: "redis://h:6379?read_timeout=0", want: opts{Addrs: []string{"h:6379"}, Read: -1}},
		{url: "unix:///run/redis.sock?db=3", want: opts{Addrs: []string{"/run/redis.sock"}, DB: 3}},
		{url: "redis+cluster://:pw@h1:6379,h2:6379,h3:6379", want: opts{Addrs: []string{"h1:6379", "h2:6379", "h3:6379"}, Password: "pw", Cluster: true}},
		{url: "rediss+cluster://h1:6379?read_timeout=1s", want: opts{Addrs: []string{"h1:6379"}, TLS: true, Cluster: true, Read: time.Second}},
		{url: "redis+sentinel://mymaster@h1:26379,h2:26379/1", want: opts{Addrs: []string{"h1:26379", "h2:26379"}, DB: 1, MasterName: "mymaster"}},
		{url: "redis+sentinel://mymaster:sentinelpw@h1:26379/0", want: opts{Addrs: []string{"h1:26379"}, MasterName: "mymaster", SentinelPassword: "sentinelpw"}},
		{url: "rediss+sentinel://h1:26379?master_name=m&password=masterpw&replica_only=true", want: opts{Addrs: []string{"h1:26379"}, MasterName: "m", Password: "masterpw", TLS: true, ReadOnly: true}},
		// ClientOptions: REDIS_PASSWORD replaces the URL's; the URL's query
		// still wins over the defaults.
		{url: "redis://:urlpw@h:6379?write_timeout=3s", with: ClientOptions{Password: "given", Timeout: 2 * time.Second, ClientName: "replica-1"},
			want: opts{Addrs: []string{"h:6379"}, Password: "given", ClientName: "replica-1", Dial: 2 * time.Second, Read: 2 * time.Second, Write: 3 * time.Second}},
		{url: "redis+sentinel://m:sentinelpw@h1:26379", with: ClientOptions{Password: "given"},
			want: opts{Addrs: []string{"h1:26379"}, MasterName: "m", SentinelPassword: "sentinelpw", Password: "given"}},
	}
	for _, tt := range tests {
		o, err := universalOptions(tt.url, tt.with)
		if err != nil {
			t.Errorf("%s: %v", tt.url, err)
			continue
		}
		if !o.ContextTimeoutEnabled {
			t.Errorf("%s: ContextTimeoutEnabled is off", tt.url)
		}
		got := opts{
			Addrs: o.Addrs, DB: o.DB, Username: o.Username, Password: o.Password,
			SentinelPassword: o.SentinelPassword, MasterName: o.MasterName, ClientName: o.ClientName,
			TLS: o.TLSConfig != nil, Cluster: o.IsClusterMode, ReadOnly: o.ReadOnly,
			Dial: o.DialTimeout, Read: o.ReadTimeout, Write: o.WriteTimeout,
			MaxRetries: o.MaxRetries, DialerRetries: o.DialerRetries,
		}
		if want := def(tt.want); !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.url, got, want)
		}
	}
}

func TestRedisURLRefused(t *testing.T) {
	t.Parallel()
	for _, u := range []string{
		"",
		"127.0.0.1:6379",
		"memcached://h",
		"unix+cluster:///run/redis.sock",
		"redis://h:6379/0/1",
		"redis://h:6379?no_such_option=1",
		"redis+cluster://",
		"redis+sentinel://h1:26379",
		// UniversalOptions has nowhere to put it: refused, not ignored.
		"redis+sentinel://m@h1:26379?use_disconnected_replicas=true",
		"redis://:secret@[bad",
	} {
		_, err := universalOptions(u, ClientOptions{})
		if err == nil {
			t.Errorf("%q: accepted", u)
			continue
		}
		if !strings.HasPrefix(err.Error(), "redis url: ") || strings.Contains(err.Error(), "secret") {
			t.Errorf("%q: error %q, want one that starts with \"redis url: \" and holds no password", u, err)
		}
	}
}
