package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// TestCacheHitRates measures the cache's hit rate per layer under a
// read-heavy mix: 2,000 cases filed and judged through three replicas
// sharing PostgreSQL and Redis, then 30,000 reads (GET the case or POST
// its judgment) of Zipf-distributed cases spread over the replicas. It
// prints each replica's lookups per layer from aijudge_cache_requests_total
// (reads only: the filing phase is subtracted). It is a measurement, not
// a check, so it runs only with AIJUDGE_CAPACITY=1; docs/CAPACITY.md
// reports its output.
func TestCacheHitRates(t *testing.T) {
	if os.Getenv("AIJUDGE_CAPACITY") != "1" {
		t.Skip("set AIJUDGE_CAPACITY=1 to measure cache hit rates")
	}
	redisURL := machineRedis(t)
	rs := startReplicas(t, buildBinary(t), 3, replicaVars(freshPostgres(t).String(), redisURL, redisPrefix()))
	const cases, reads, workers = 2000, 30000, 8
	ids := make([]string, cases)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < cases; i += workers {
				ids[i] = fileAndJudge(t, rs[i%3].base)
			}
		})
	}
	wg.Wait()
	before := make([]map[string]float64, 3)
	for i, r := range rs {
		before[i] = cacheLookups(t, r.metrics)
	}
	for w := range workers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			zipf := rand.NewZipf(rng, 1.1, 1, cases-1)
			for range reads / workers {
				id, r := ids[zipf.Uint64()], rs[rng.IntN(3)]
				if rng.IntN(2) == 0 {
					mustSend(t, 200, "GET", r.base+"/api/cases/"+id, "")
				} else {
					mustSend(t, 200, "POST", r.base+"/api/cases/"+id+"/judgment", "")
				}
			}
		})
	}
	wg.Wait()
	for i, r := range rs {
		after := cacheLookups(t, r.metrics)
		d := func(k string) float64 { return after[k] - before[i][k] }
		mh, mm := d("memory/hit"), d("memory/miss")
		rh, rm, re := d("redis/hit"), d("redis/miss"), d("redis/error")
		fmt.Printf("replica %d: memory %.0f hits / %.0f lookups (%.1f%%); redis %.0f hits / %.0f lookups (%.1f%%), %.0f errors; overall %.1f%%\n",
			i+1, mh, mh+mm, 100*mh/(mh+mm), rh, rh+rm+re, 100*rh/(rh+rm+re), re, 100*(mh+rh)/(mh+mm))
	}
}

// cacheLookups scrapes aijudge_cache_requests_total by "layer/result"
// from the metrics listener at base.
func cacheLookups(t testing.TB, base string) map[string]float64 {
	t.Helper()
	res, err := replicaClient.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "aijudge_cache_requests_total{") {
			continue
		}
		labels, value, _ := strings.Cut(line[len("aijudge_cache_requests_total{"):], "} ")
		var layer, result string
		for _, kv := range strings.Split(labels, ",") {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "layer":
				layer = strings.Trim(v, `"`)
			case "result":
				result = strings.Trim(v, `"`)
			}
		}
		n, _ := strconv.ParseFloat(value, 64)
		out[layer+"/"+result] += n
	}
	return out
}
