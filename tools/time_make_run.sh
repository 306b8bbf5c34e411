#!/usr/bin/env bash
# Times `make run` in a checkout until /healthz answers, then stops the server.
#   tools/time_make_run.sh DIR [PORT]
# With COLD=1 the uv and pip caches are empty (a fresh temporary directory): a first install.
set -euo pipefail

dir=${1:?usage: tools/time_make_run.sh DIR [PORT]}
port=${2:-8000}
limit=300

if [[ ${COLD:-0} == 1 ]]; then
    cache=$(mktemp -d)
    trap 'rm -rf "$cache"' EXIT
    export UV_CACHE_DIR=$cache/uv PIP_NO_CACHE_DIR=1
fi

log=$(mktemp)
start=$(date +%s.%N)
# setsid: the server and make get their own process group, stopped together below.
HUB_PUBLIC_URL="http://127.0.0.1:$port" setsid make -C "$dir" run PORT="$port" >"$log" 2>&1 &
group=$!
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null; do
    if ! kill -0 "$group" 2>/dev/null; then
        cat "$log" >&2
        echo "make run exited before /healthz answered" >&2
        exit 1
    fi
    if (($(date +%s) - ${start%.*} > limit)); then
        kill -- -"$group"
        echo "no answer from /healthz within ${limit}s" >&2
        exit 1
    fi
    sleep 0.2
done
end=$(date +%s.%N)
kill -- -"$group"
wait "$group" 2>/dev/null || true
grep -E '^make: |Resolved|Prepared|Installed|Audited' "$log" || true
rm -f "$log"
printf 'make run -> /healthz: %.1f s\n' "$(echo "$end - $start" | bc)"
