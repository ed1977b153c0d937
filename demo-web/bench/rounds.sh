#!/usr/bin/env bash
# wrk rounds against a running demo-web, with the server's CPU time per request: the figure that holds
# on a shared machine, where requests/s and p99 move with the other processes.
# Usage (from the project root): demo-web/bench/rounds.sh PORT PID ARTICLE_ID [ROUNDS=3] [SECS=8] [WARMUP=30]
#   PORT, PID: the running server's port and process id; ARTICLE_ID: the article page to request.
#   WARMUP: seconds of unmeasured wrk load first, split like bench/run.sh's (2/3 article, 1/3 search).
# Each round, like bench/run.sh: the article page, then /search?q=劳动合同 (one query), then the search
# page over many distinct queries in turn (demo-web/bench/queries.lua): the 60 of
# demo-web/bench/queries.txt and the 1,229 document titles of lawrefbook's MANIFEST.tsv, more than the
# site keeps search pages for, so that this round measures searching, not the cache.
# NGINX_PORT=P also runs each round against nginx on that port serving the page as articles/ID.html.
set -euo pipefail
PORT=$1 PID=$2 ID=$3 ROUNDS=${4:-3} SECS=${5:-8} WARMUP=${6:-30}
BASE=http://127.0.0.1:$PORT
WORK=${WORK:-$(pwd)/bench-work/demo-web}
DATA=${CONTENT_SHARED_DATA:-$(pwd)/../shared/data}
mkdir -p "$WORK"
export QUERIES=$WORK/queries.txt
{ grep -v '^#' demo-web/bench/queries.txt
  [ ! -f "$DATA/lawrefbook/MANIFEST.tsv" ] || tail -n +2 "$DATA/lawrefbook/MANIFEST.tsv" | cut -f4 | shuf --random-source=<(yes); } > "$QUERIES"
echo "$(wc -l < "$QUERIES") distinct queries for the rotating search round"
Q=%E5%8A%B3%E5%8A%A8%E5%90%88%E5%90%8C   # 劳动合同, the harness's query
cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
# round LABEL URL [wrk options]: one wrk run, its requests/s, p99 and the server's CPU per request.
round() {
  local label=$1 url=$2 c0 c1 out n
  shift 2
  c0=$(cpu)
  out=$(wrk -t2 -c64 -d"${SECS}s" --latency "$@" "$url")
  c1=$(cpu)
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$label: $(echo "$out" | awk '/Requests\/sec/ {printf "%s req/s ", $2} / 99%/ {printf "p99 %s ", $2}')" \
    "$( [ -n "${NOCPU:-}" ] || echo "server CPU $(( (c1 - c0) * 10000000 / n / 1000 )) us/request")" \
    "$(echo "$out" | grep -o 'Non-2xx.*' || true)"
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$WARMUP" -gt 0 ]; then
  wrk -t2 -c64 -d"$(( WARMUP * 2 / 3 ))s" "$BASE/articles/$ID" > /dev/null
  wrk -t2 -c64 -d"$(( WARMUP / 3 ))s" "$BASE/search?q=$Q" > /dev/null
fi
for i in $(seq "$ROUNDS"); do
  round "round $i demo-web article" "$BASE/articles/$ID"
  [ -z "${NGINX_PORT:-}" ] || NOCPU=1 round "round $i nginx article   " "http://127.0.0.1:$NGINX_PORT/articles/$ID"
  round "round $i demo-web search 劳动合同" "$BASE/search?q=$Q"
  round "round $i demo-web search, rotating queries" "$BASE/search" -s demo-web/bench/queries.lua
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
