// Package cache implements court.Cache: an in-process layer (Memory) and a
// two-layer cache (TwoLayer) that puts the in-process layer in front of a
// Redis shared by every replica.
//
// # Layers and staleness
//
// The in-process layer is bounded by bytes and keeps entries for a short TTL
// (5 minutes by default); Redis keeps them for an hour. A Delete removes the
// keys from Redis and from the local layer and publishes them on a Redis
// channel, to which every replica subscribes so that it drops them from its
// own in-process layer: a judgment change reaches every pod within the
// pub/sub latency (milliseconds).
//
// Redis is optional and never fatal. While it is unreachable, Get and Set
// serve from memory, Deletes are remembered and replayed when Redis returns,
// and callers never see an error. A replica whose subscription was broken may
// have missed invalidations, so:
//
//   - no in-process entry outlives the in-process TTL, which bounds how long a
//     missed invalidation can be served; and
//   - whenever the subscription is (re)established, the whole in-process
//     layer is cleared, because the replica cannot know what it missed. After
//     an outage a replica therefore refills from Redis, which the deleting
//     replica has already cleaned (or cleans as soon as it reconnects).
//
// # REDIS_URL
//
// NewRedisClient accepts:
//
//	redis://[[user]:password@]host:6379[/db][?dial_timeout=1s&…]   single node
//	rediss://…                                                    single node over TLS
//	unix:///path/to/redis.sock[?db=0]                             single node, Unix socket
//	redis+cluster://[[user]:password@]h1:6379,h2:6379[?…]         Redis Cluster (seed list)
//	rediss+cluster://…                                            Redis Cluster over TLS
//	redis+sentinel://master@h1:26379,h2:26379[/db][?…]            Sentinel, master name "master"
//	rediss+sentinel://…                                           Sentinel over TLS
//
// Single-node URLs are parsed by redis.ParseURL. For cluster and sentinel the
// comma-separated hosts become the seed list and the query options are those
// of redis.ParseClusterURL and redis.ParseFailoverURL (snake_case option
// names). For sentinel the URL's user names the master (or use
// ?master_name=), the URL's password is the Sentinels' password, and the
// master's own password comes from ClientOptions.Password or ?password=.
package cache
