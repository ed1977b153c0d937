#!/usr/bin/env bash
# The benchmark harness of issue 7 (see BENCHMARKS.md): builds what exists, installs hugo, nginx and
# wrk from Debian when missing, generates the corpora (kept in bench-work/), measures, and rewrites the
# harness sections of BENCHMARKS.md. Finishes within 20 minutes on a 2-core machine.
#
#   bench/run.sh [--sizes 1000,10000,100000] [--runs 3] [--wrk-seconds 5] [--warmup-seconds 15] [--no-jmh]
#                [--only loading|scale] [--budget-seconds N] [--report FILE]
#
# Environment: LAWREFBOOK=DIR (default ../shared/data/lawrefbook, or ../../shared/data/lawrefbook).
set -euo pipefail
started=$(date +%s)
cd "$(dirname "$0")/.."
root=$PWD

missing=()
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench/run.sh: installing ${missing[*]} from Debian packages"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
fi
export PATH="$PATH:/usr/sbin"

modules=benchmarks
if [ -d demo-web/src/main ]; then
  modules=benchmarks,demo-web
fi
# The jars are rebuilt only when a source or POM is newer than one of them: packaging alone takes
# about 45 s of the 20 minutes.
jars=(benchmarks/target/benchmarks.jar)
[ "$modules" = benchmarks ] || jars+=(demo-web/target/demo-web.jar)
stale=no
for jar in "${jars[@]}"; do
  if [ ! -f "$jar" ] || [ -n "$(find pom.xml */pom.xml */src/main -newer "$jar" -print -quit 2>/dev/null)" ]; then
    stale=yes
  fi
done
if [ $stale = yes ]; then
  echo "bench/run.sh: building $modules"
  ./mvnw -q -DskipTests -pl "$modules" -am package
else
  echo "bench/run.sh: $modules jars are newer than every source and POM; not rebuilding"
fi
built=$(( $(date +%s) - started ))

jvm=(-Xmx3g -Dbench.root="$root")
if [ -n "${LAWREFBOOK:-}" ]; then
  jvm+=(-Dbench.lawrefbook="$LAWREFBOOK")
fi
# The whole run, build included, must fit in 20 minutes: the harness gets what the build left.
budget=$(( 20 * 60 - ($(date +%s) - started) - 10 ))
args=("$@")
has_budget=no
for a in "${args[@]+"${args[@]}"}"; do [ "$a" = "--budget-seconds" ] && has_budget=yes; done
[ $has_budget = yes ] || args+=(--budget-seconds "$budget")
exec java "${jvm[@]}" -cp benchmarks/target/benchmarks.jar dev.content.bench.harness.Harness \
  --root "$root" --command "bench/run.sh${*:+ $*}" --build-seconds "$built" "${args[@]}"
