#!/usr/bin/env bash
# demo-web at N articles: first start and restart (time to the first article page, time until /health
# says the index is ready), live heap after a full GC, then wrk at 64 connections against an article
# page and a search, beside nginx serving the same article page saved as a static file.
# Usage: demo-web/bench/wrk.sh [ARTICLES=10000] [SECONDS=10] [WARMUP_SECONDS=60]   (from the project
# root, after ./mvnw -q -DskipTests package). Needs Debian's wrk and nginx; talks to 127.0.0.1 only.
set -euo pipefail
N=${1:-10000}
SECS=${2:-10}
WARMUP=${3:-60}
ROOT=$(pwd)
WORK=${WORK:-$ROOT/bench-work/demo-web}
DATA=${CONTENT_SHARED_DATA:-$ROOT/../shared/data}
PORT=7471
NGINX_PORT=7472
mkdir -p "$WORK"
CORPUS=$WORK/c$N
if [ ! -d "$CORPUS" ]; then
  CP=content-generator/target/classes:content-loader/target/classes:content-core/target/classes
  CP=$CP:$(find ~/.m2/repository/com/google/guava/guava -name 'guava-*.jar' | head -1)
  java -cp "$CP" dev.content.generator.Main --source "$DATA/lawrefbook" --count "$N" --out "$CORPUS"
fi
FIRST=$(find "$CORPUS/" -name '*.txt' -not -path '*/.*' -print -quit)
ID=$(basename "$FIRST" .txt | grep -o '[0-9a-f]\{16\}$')
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true' EXIT

# start LABEL: starts the server, prints the time to the first article page and until the index is ready.
start() {
  local t0 deadline
  t0=$(date +%s%N)
  java -jar demo-web/target/demo-web.jar --seeds "$CORPUS" --port $PORT > "$WORK/server-$1.log" 2>&1 &
  SERVER=$!
  deadline=$(( $(date +%s) + 900 ))
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/articles/$ID"; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "no article page after 900 s; see $WORK/server-$1.log"; exit 1; }
    sleep 0.05
  done
  echo "$1: first article page after $(( ($(date +%s%N) - t0) / 1000000 )) ms at $N articles"
  until curl -s "http://127.0.0.1:$PORT/health" | grep -q '"state":"ready'; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "no search index after 900 s"; exit 1; }
    sleep 0.1
  done
  echo "$1: index ready after $(( ($(date +%s%N) - t0) / 1000000 )) ms ($(curl -s "http://127.0.0.1:$PORT/health" | grep -o '"state":"[^"]*"'))"
}

heap() {
  jcmd $SERVER GC.run > /dev/null
  echo "$1: live heap after full GC: $(jcmd $SERVER GC.heap_info | grep -o 'used [0-9]*K' | head -1);" \
    "peak RSS $(grep VmHWM /proc/$SERVER/status | awk '{print $2 " " $3}')"
}

# The first start analyses everything: the index of an earlier run is removed.
rm -rf "$CORPUS/.content-index"
start "first start"
heap "after the first start"
jcmd $SERVER GC.class_histogram > "$WORK/histogram.txt"

mkdir -p "$WORK/www/articles"
curl -sf "http://127.0.0.1:$PORT/articles/$ID" > "$WORK/www/articles/$ID.html"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; default_type text/html;
           location / { try_files \$uri \$uri.html =404; } }
}
CONF
nginx -c "$WORK/nginx.conf"

Q=%E7%BD%91%E8%B4%B7   # 网贷
# The rotating search round: many distinct queries (more than the site keeps search pages for), so that
# it measures searching; /search?q=网贷 repeats one query and is answered from the cache after the first.
export QUERIES=$WORK/queries.txt
{ grep -v '^#' demo-web/bench/queries.txt
  [ ! -f "$DATA/lawrefbook/MANIFEST.tsv" ] || tail -n +2 "$DATA/lawrefbook/MANIFEST.tsv" | cut -f4 | shuf --random-source=<(yes); } > "$QUERIES"
# JIT warm-up: the article page until its compiled code settles, then the search page.
wrk -t2 -c64 -d"${WARMUP}s" "http://127.0.0.1:$PORT/articles/$ID" > /dev/null
wrk -t2 -c64 -d10s "http://127.0.0.1:$PORT/search" -s demo-web/bench/queries.lua > /dev/null
cpu() { awk '{print $14 + $15}' /proc/$SERVER/stat; }
for i in 1 2 3; do
  for target in "demo-web article|http://127.0.0.1:$PORT/articles/$ID" \
                "nginx article|http://127.0.0.1:$NGINX_PORT/articles/$ID" \
                "demo-web search|http://127.0.0.1:$PORT/search?q=$Q" \
                "demo-web search, rotating queries|http://127.0.0.1:$PORT/search"; do
    c0=$(cpu)
    lua=()
    [ "${target%%|*}" != "demo-web search, rotating queries" ] || lua=(-s demo-web/bench/queries.lua)
    out=$(wrk -t2 -c64 -d"${SECS}s" --latency "${lua[@]}" "${target#*|}")
    c1=$(cpu)
    n=$(echo "$out" | awk '/requests in/ {print $1}')
    extra=""
    [ "${target%%|*}" = "nginx article" ] || extra="server CPU $(( (c1 - c0) * 10000000 / n / 1000 )) us/request"
    echo "round $i ${target%%|*}: $(echo "$out" | awk '/Requests\/sec/ {print $2 " req/s"} / 99%/ {print "p99 " $2}' | tr '\n' ' ')$extra"
  done
done
heap "after the wrk rounds"

kill $SERVER
wait $SERVER 2>/dev/null || true
start "restart"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
