#!/usr/bin/env bash
# The supervisor of one run (docs/executors.md, "Crashes, restarts and stops"). The orchestrator
# starts it under setsid, so it has a session of its own and the orchestrator's death does not
# reach it. It records itself and the job as "<pid> <start time> <boot id>" (the start time is
# field 22 of /proc/<pid>/stat, so a reused pid is never taken for them), runs the job in a session
# and process group of its own marked with CI_ORCHESTRATOR_RUN and CI_ORCHESTRATOR_RUN_DIR, stops
# it after its timeout even when no orchestrator is left to do so, stops what the job left running
# in its group once it ends, and writes "<exit code> <exited|timeout> <microseconds since the epoch
# when the job ended>" to exit, atomically, last.
#
# usage: supervise.sh STATE_DIR TIMEOUT_MS GRACE_MS RUN_ID -- COMMAND [ARG...]
set -u -f
state=$1 timeout_ms=$2 grace_ms=$3 run=$4
shift 5

# The job gets our stderr (the run's log) as its own; bash's own notes about the job ("Killed")
# go nowhere, so the log holds what the job printed and nothing else.
exec 3>&2 2>/dev/null
say() { printf 'ci-orchestrator supervisor: %s\n' "$*" >&3; }

if ((BASH_VERSINFO[0] < 5 || (BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] < 1))); then
  say "needs bash 5.1 or newer (wait -n -p), found $BASH_VERSION"
  exit 125
fi
# Tools by absolute path: the job's own PATH (its env is ours) must not decide what we run.
tools=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
for tool in setsid sleep mv; do
  found=$(PATH=$tools:${PATH-} type -P "$tool") || { say "$tool not found"; exit 125; }
  printf -v "bin_$tool" '%s' "$found"
done
boot=$(<"/proc/sys/kernel/random/boot_id")

seconds() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }

# started PID: its start time in clock ticks since boot. The command name (field 2) may hold
# spaces and parentheses, so the fields are counted after its last ") ".
started() {
  local stat
  stat=$(<"/proc/$1/stat") || return 1
  stat=${stat##*) }
  set -- $stat
  printf '%s' "${20}"
}

# put NAME TEXT: replaces $state/NAME in one rename, so a reader sees all of it or nothing.
put() { printf '%s\n' "$2" >"$state/.$1.tmp" && "$bin_mv" -f "$state/.$1.tmp" "$state/$1"; }

# await PID...: waits for the first of them to end; sets ended (its pid) and code (its status).
# A child that ended while a foreground command ran may already be dropped from bash's job table,
# where wait -n no longer finds it ("no such job"), but wait PID still has its status: so each
# round first asks for the ones already gone. A signal to the supervisor interrupts wait -n
# without ending anything, so it waits again.
await() {
  local pid
  ended=
  while [ -z "${ended-}" ]; do
    for pid in "$@"; do
      if ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid"
        code=$?
        ended=$pid
        return
      fi
    done
    wait -n -p ended "$@"
    code=$?
    if [ -z "${ended-}" ] && ((code == 127)); then
      "$bin_sleep" 0.1 # nothing to wait for (should not happen): never spin
    fi
  done
}

# Whoever signals the whole service (a terminal's Ctrl-C, systemd stopping its cgroup) reaches
# the job too; the supervisor stays to record how the job ended.
trap ':' TERM INT HUP

if ! put supervisor "$$ $(started $$) $boot"; then
  say "cannot write $state/supervisor; the job is not started"
  exit 125
fi
# The job records itself before it becomes the command: bash reaps a child that ends at once, and
# a reaped child's /proc entry is gone before the supervisor could read its start time.
(
  put job "$BASHPID $(started "$BASHPID") $boot" || say "cannot write $state/job"
  # A stop asked for before the job was recorded found nothing to signal: the job never starts.
  # (Asked for after, its signals find the job by this record.)
  if [ -e "$state/cancel" ]; then
    exit 143
  fi
  CI_ORCHESTRATOR_RUN=$run CI_ORCHESTRATOR_RUN_DIR=$state exec "$bin_setsid" "$@" </dev/null 2>&3 3>&-
) &
job=$!

reason=exited
"$bin_sleep" "$(seconds "$timeout_ms")" &
timer=$!
await "$job" "$timer"
if [ "$ended" = "$timer" ]; then
  reason=timeout
  if [ -f "$state/on-timeout" ]; then
    "$BASH" --noprofile --norc "$state/on-timeout" >/dev/null 2>&1
  fi
  kill -TERM -- "-$job" 2>/dev/null
  "$bin_sleep" "$(seconds "$grace_ms")" &
  timer=$!
  await "$job" "$timer"
  if [ "$ended" = "$timer" ]; then
    kill -KILL -- "-$job" 2>/dev/null
    await "$job"
  fi
fi
# when the job ended, told apart from the orchestrator's stop of it: digits only, whatever the locale
ended_at=${EPOCHREALTIME//[!0-9]/}
status=$code
kill "$timer" 2>/dev/null

# What the job left in its group (a "sleep 60 &") ends with it: SIGTERM, then SIGKILL.
if kill -0 -- "-$job" 2>/dev/null; then
  kill -TERM -- "-$job" 2>/dev/null
  for ((waited = 0; waited < grace_ms; waited += 50)); do
    kill -0 -- "-$job" 2>/dev/null || break
    "$bin_sleep" 0.05
  done
  kill -KILL -- "-$job" 2>/dev/null
fi

# A full disk may clear: try for a while, so a finished job's result is not lost to it.
# A folder the orchestrator removed means it no longer wants the result.
for ((tries = 0; tries < 60; tries++)); do
  put exit "$status $reason $ended_at" && break
  [ -d "$state" ] || break
  "$bin_sleep" 1
done
exit "$status"
