package cache

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"time"

	"github.com/redis/go-redis/v9"
)

// encodeKeys makes the invalidation message: a JSON array, because keys
// may hold any byte a separator could.
func encodeKeys(keys []string) (string, error) {
	b, err := json.Marshal(keys)
	return string(b), err
}

// subscribeLoop keeps one subscription to the invalidation channel alive
// for the life of the cache, making a fresh one after any failure.
func (c *TwoLayer) subscribeLoop(ctx context.Context) {
	defer c.wg.Done()
	for ctx.Err() == nil {
		ps := c.rdb.Subscribe(ctx, c.channel)
		// ReceiveTimeout ignores ctx; closing the PubSub unblocks it, so
		// Close does not wait for the read timeout.
		stop := context.AfterFunc(ctx, func() { _ = ps.Close() })
		err := c.receive(ctx, ps)
		stop()
		_ = ps.Close()
		c.subscribed.Store(false)
		if ctx.Err() == nil {
			// Counts as Redis being down, so that one outage logs one
			// line whichever side notices it first.
			c.failed(ctx, err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(c.probe):
		}
	}
}

// receive handles messages until the subscription fails. A subscription
// that stays silent is pinged; one that does not answer within three
// intervals is presumed dead (a half-open TCP connection never errors).
func (c *TwoLayer) receive(ctx context.Context, ps *redis.PubSub) error {
	lastHeard := time.Now()
	for {
		msg, err := ps.ReceiveTimeout(ctx, c.probe)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if !isTimeout(err) {
				return err
			}
			if time.Since(lastHeard) > 3*c.probe {
				return errors.New("invalidation subscription silent")
			}
			if err := ps.Ping(ctx); err != nil {
				return err
			}
			continue
		}
		lastHeard = time.Now()
		switch m := msg.(type) {
		case *redis.Subscription:
			if m.Kind != "subscribe" {
				continue
			}
			// Whatever was published while we were not subscribed is
			// lost; only an empty memory layer is certainly not stale.
			c.epoch.Add(1)
			c.mem.Clear()
			c.subscribed.Store(true)
			c.log.Debug("subscribed to invalidations; memory layer cleared", "channel", c.channel)
		case *redis.Message:
			var keys []string
			if err := json.Unmarshal([]byte(m.Payload), &keys); err != nil {
				c.log.Warn("ignoring malformed invalidation message", "err", err)
				continue
			}
			c.epoch.Add(1)
			for _, k := range keys {
				c.mem.c.Invalidate(k)
			}
		}
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
