#!/bin/bash
# The harness's search rounds on one restart, without the rest of the harness: starts demo-web on a
# corpus folder that has its index (run bench/run.sh, or bench/restart.sh twice, first), waits until
# /health says the corpus is verified, warms up as bench/run.sh does (10 s of the article page, 5 s of
# searches, 64 connections), then runs ROUNDS rounds of the search mix: wrk -c64 (requests/s) and
# wrk -c2 (p99: one request in flight per core), each 5 s. The -c2 round also collects the answers'
# Server-Timing (the time demo-web spent making each page, see Site.serverTiming) and prints its p99
# beside wrk's, which also holds the loopback, wrk and the scheduling of both on the same cores.
#   usage: bench/search-rounds.sh CORPUS_DIR PORT LUA [ROUNDS] [JVM options...]
#   LUA: the harness's query rotation, e.g. bench-work/corpora/work-n100000/search-mix.lua
set -eu
C=$1; P=$2; LUA=$3; ROUNDS=${4:-4}; shift $(( $# < 4 ? $# : 4 ))
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/demo-web/target/demo-web.jar}
java "$@" -jar "$JAR" --seeds "$C" --port "$P" > "/tmp/search-rounds-$P.log" 2>&1 &
TP=$!
trap 'kill $TP 2>/dev/null; wait $TP 2>/dev/null; rm -f "/tmp/search-rounds-$P.lua"' EXIT
until curl -sf "http://127.0.0.1:$P/health" | grep -q '"verified" *: *true'; do
  kill -0 $TP 2>/dev/null || { echo "demo-web exited:"; tail -5 "/tmp/search-rounds-$P.log"; exit 1; }
  sleep 0.2
done
TIMED=/tmp/search-rounds-$P.lua
cat "$LUA" "$ROOT/bench/server-timing.lua" > "$TIMED"
ID=$(curl -s "http://127.0.0.1:$P/api/articles?pageSize=1" | grep -o '"id":"[0-9a-f]*"' | head -1 | cut -d'"' -f4)
wrk -t2 -c64 -d10s "http://127.0.0.1:$P/articles/$ID" > /dev/null
wrk -t2 -c64 -d5s -s "$LUA" "http://127.0.0.1:$P/" > /dev/null
for i in $(seq "$ROUNDS"); do
  c64=$(wrk -t2 -c64 -d5s -s "$LUA" "http://127.0.0.1:$P/" | awk '/Requests\/sec/{print $2}')
  c2=$(wrk -t2 -c2 -d5s --latency -s "$TIMED" "http://127.0.0.1:$P/" | awk '/^ +99%/{p=$2} /Requests\/sec/{r=$2}
    /^server-timing/{s="; in the server: p50 " $5 ", p99 " $7 " of " $2 " rendered"} END{print p, "at", r, "req/s" s}')
  echo "round $i: -c64 $c64 req/s; -c2 p99 $c2"
done
