#!/usr/bin/env bash
# demo-web speed: time to the first article page at N articles, then wrk at 64 connections against an
# article page and a search, beside nginx serving the same article page saved as a static file.
# Usage: demo-web/bench/wrk.sh [ARTICLES=10000] [SECONDS=10]   (from the project root, after
# ./mvnw -q -DskipTests package). Needs Debian's wrk and nginx; talks to 127.0.0.1 only.
set -euo pipefail
N=${1:-10000}
SECS=${2:-10}
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
FIRST=$(find "$CORPUS/" -name '*.txt' -print -quit)
ID=$(basename "$FIRST" .txt | grep -o '[0-9a-f]\{16\}$')

start=$(date +%s%N)
java -jar demo-web/target/demo-web.jar --seeds "$CORPUS" --port $PORT > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true' EXIT
deadline=$(( $(date +%s) + 900 ))
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/articles/$ID"; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "no article page after 900 s; see $WORK/server.log"; exit 1; }
  sleep 0.05
done
echo "first article page after $(( ($(date +%s%N) - start) / 1000000 )) ms at $N articles"

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
# Search needs the index, which is built in the background after the first page is served.
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/search?q=x")" = 200 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "no search index after 900 s"; exit 1; }
  sleep 1
done
echo "search index ready after $(( ($(date +%s%N) - start) / 1000000 )) ms"
wrk -t2 -c64 -d20s "http://127.0.0.1:$PORT/articles/$ID" > /dev/null   # JIT warm-up
wrk -t2 -c64 -d10s "http://127.0.0.1:$PORT/search?q=$Q" > /dev/null
for i in 1 2 3; do
  for target in "demo-web article|http://127.0.0.1:$PORT/articles/$ID" \
                "nginx article|http://127.0.0.1:$NGINX_PORT/articles/$ID" \
                "demo-web search|http://127.0.0.1:$PORT/search?q=$Q"; do
    out=$(wrk -t2 -c64 -d"${SECS}s" --latency "${target#*|}")
    echo "round $i ${target%%|*}: $(echo "$out" | awk '/Requests\/sec/ {print $2 " req/s"} / 99%/ {print "p99 " $2}' | tr '\n' ' ')"
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
