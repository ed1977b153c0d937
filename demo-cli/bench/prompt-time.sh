#!/bin/sh
# Time from `java -jar demo-cli.jar` to the REPL prompt on screen, in a real pseudo-terminal (tmux).
# usage: demo-cli/bench/prompt-time.sh [SEEDS_DIR] [RUNS]   (build first: ./mvnw -pl demo-cli -am package -DskipTests)
# Prints one time per run (ms) and the median. Needs tmux. Polls the screen every 5 ms.
set -eu
SEEDS=${1:-seeds}
RUNS=${2:-10}
JAR=${JAR:-demo-cli/target/demo-cli.jar}
SOCK=prompt-time-$$
HIST=$(mktemp)
trap 'tmux -L "$SOCK" kill-server 2>/dev/null || true; rm -f "$HIST"' EXIT
times=""
cpus=""
i=0
while [ "$i" -lt "$RUNS" ]; do
  i=$((i + 1))
  start=$(date +%s%N)
  tmux -L "$SOCK" -f /dev/null -u new-session -d -s p -x 100 -y 30 \
    "LANG=C.UTF-8 java -jar '$JAR' --seeds '$SEEDS' --history '$HIST'; sleep 5"
  while ! tmux -L "$SOCK" capture-pane -p -t p 2>/dev/null | grep -q '^content>'; do
    sleep 0.005
    if [ $(( ($(date +%s%N) - start) / 1000000 )) -gt 120000 ]; then echo "no prompt after 120 s" >&2; exit 1; fi
  done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  # CPU time the JVM had used when the prompt appeared: on a busy machine wall time mostly measures the
  # wait for a core, CPU time what starting costs.
  pid=$(pgrep -P "$(tmux -L "$SOCK" display -p -t p '#{pane_pid}')" java || true)
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$pid/stat" 2>/dev/null || echo 0)
  echo "run $i: ${ms} ms wall, ${cpu} ms CPU"
  times="$times $ms"
  cpus="$cpus $cpu"
  tmux -L "$SOCK" kill-server 2>/dev/null || true
  sleep 0.2
done
echo "$times" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {printf "wall: median %d ms, min %d ms, max %d ms over %d runs\n", a[int((NR+1)/2)], a[1], a[NR], NR}'
echo "$cpus" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {printf "CPU:  median %d ms, min %d ms, max %d ms\n", a[int((NR+1)/2)], a[1], a[NR]}'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
