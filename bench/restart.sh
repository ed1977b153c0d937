#!/bin/bash
# Times one start of demo-web over a corpus folder: until /api/articles answers ("page"), until
# /health reports the index ready and /api/search answers ("ready"), and until /health reports the
# served corpus verified against the folder ("verified": a restart serves the corpus snapshot first and
# checks the folder in the background), with the CPU time of the launcher and server JVMs and the peak RSS of
# the larger (/usr/bin/time -v),
# then stops it. Run it twice over an unchanged folder: the second run is
# a restart. HEAP=1 also prints the live heap after two full GCs (jcmd).
#   usage: bench/restart.sh CORPUS_DIR PORT [JVM options...]     (JAR=... overrides the jar)
set -u
C=$1; P=$2; shift 2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/demo-web/target/demo-web.jar}
LOG=${LOG:-/tmp/demo-web-restart-$P.log}
t0=$(date +%s.%N)
/usr/bin/time -v -o "$LOG.time" java "$@" -jar "$JAR" --seeds "$C" --port "$P" > "$LOG" 2>&1 &
TP=$!
page=""; ready=""
while true; do
  now=$(date +%s.%N)
  if [ -z "$page" ] && curl -sf -o /dev/null "http://127.0.0.1:$P/api/articles?pageSize=1"; then
    page=$(echo "$now - $t0" | bc)
  fi
  if [ -n "$page" ] && curl -sf "http://127.0.0.1:$P/health" | grep -q '"state" *: *"ready' \
      && curl -sf -o /dev/null "http://127.0.0.1:$P/api/search?q=%E7%BD%91%E8%B4%B7"; then
    ready=$(echo "$(date +%s.%N) - $t0" | bc)
    break
  fi
  if ! kill -0 $TP 2>/dev/null; then echo "demo-web exited:"; tail -5 "$LOG"; exit 1; fi
  if (( $(echo "$now - $t0 > 900" | bc) )); then echo "not ready after 900 s"; break; fi
  sleep 0.05
done
verified=$ready
while curl -sf "http://127.0.0.1:$P/health" | grep -q '"verified" *: *false'; do
  sleep 0.05
  verified=$(echo "$(date +%s.%N) - $t0" | bc)
done
JP=$(pgrep -P $TP java)
# The launcher's child JVM serves (see demo-web's Launcher); the process itself with the launcher off.
SP=$(pgrep -P "$JP" java || echo "$JP")
if [ -n "${HEAP:-}" ]; then
  jcmd "$SP" GC.run > /dev/null; sleep 1; jcmd "$SP" GC.run > /dev/null
  jcmd "$SP" GC.heap_info | grep -E 'garbage-first heap' | sed 's/^ */heap: /'
fi
kill "$JP"; wait $TP
cpu=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} /Maximum resident/{r=$2}
  END{printf "cpu %.2f s (user %.2f, sys %.2f), peak RSS %d MB", u+s, u, s, r/1024}' "$LOG.time")
echo "page $page s, ready $ready s, verified $verified s, $cpu, load $(cut -d' ' -f1-3 /proc/loadavg)"
