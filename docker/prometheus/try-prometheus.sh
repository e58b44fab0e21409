#!/usr/bin/env bash
# Scrapes a running tickcast with a real Prometheus on this machine and prints a query result.
#
#   ./tickcast demo --keep-running --set http.host=127.0.0.1 &   # in another terminal; wait for "Still running"
#   docker/prometheus/try-prometheus.sh
#
# Installs Debian's prometheus package if it is missing (apt-get, needs root or sudo), writes a config that
# scrapes TICKCAST (default 127.0.0.1:8080) every 5 s, starts Prometheus on 127.0.0.1:PROM_PORT (default
# 19090, so it cannot clash with a packaged Prometheus on 9090), waits for the first successful scrape,
# prints QUERY (default tickcast_forecasts_total) and the ticks by outcome from its HTTP API, then stops the
# Prometheus it started. --keep leaves it running (its PID and URL are printed).
set -euo pipefail

TICKCAST="${TICKCAST:-127.0.0.1:8080}"
PROM_PORT="${PROM_PORT:-19090}"
QUERY="${QUERY:-tickcast_forecasts_total}"
KEEP=false
[[ "${1:-}" == "--keep" ]] && KEEP=true
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

say() { printf 'try-prometheus: %s\n' "$*" >&2; }

if ! curl -fsS -o /dev/null "http://$TICKCAST/metrics"; then
  say "no tickcast metrics at http://$TICKCAST/metrics; start one first:"
  say "  ./tickcast demo --keep-running --set http.host=127.0.0.1"
  exit 1
fi

if ! command -v prometheus >/dev/null; then
  say "installing Debian's prometheus package ..."
  sudo_cmd=""
  [[ "$(id -u)" -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq prometheus >/dev/null
fi
say "$(prometheus --version 2>&1 | head -1)"

work="$(mktemp -d "${TMPDIR:-/tmp}/tickcast-prometheus-XXXXXX")"
cat >"$work/prometheus.yml" <<YAML
global:
  scrape_interval: 5s
  evaluation_interval: 5s
scrape_configs:
  - job_name: tickcast
    metrics_path: /metrics
    static_configs:
      - targets: ["$TICKCAST"]
YAML
if command -v promtool >/dev/null; then
  promtool check config "$work/prometheus.yml" >/dev/null
  promtool check config "$here/prometheus.yml" >/dev/null  # the compose stack's config is valid too
fi

prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$PROM_PORT" >"$work/prometheus.log" 2>&1 &
pid=$!
stop() {
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
if [[ "$KEEP" == false ]]; then
  trap stop EXIT
fi
say "Prometheus (PID $pid) on http://127.0.0.1:$PROM_PORT, scraping http://$TICKCAST/metrics; log: $work/prometheus.log"

api="http://127.0.0.1:$PROM_PORT/api/v1"
query() { curl -fsS --get "$api/query" --data-urlencode "query=$1"; }

for _ in $(seq 1 60); do
  if query 'up{job="tickcast"} == 1' 2>/dev/null | grep -q '"value"'; then
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    say "Prometheus exited:"; cat "$work/prometheus.log" >&2; exit 1
  fi
  sleep 1
done
query 'up{job="tickcast"} == 1' | grep -q '"value"' || { say "tickcast was not scraped within 60 s"; exit 1; }

format_result() {
  python3 -c '
import json, sys
for r in json.load(sys.stdin)["data"]["result"]:
    m = dict(r["metric"])
    name = m.pop("__name__", "")
    m.pop("job", None)
    m.pop("instance", None)
    labels = ",".join(k + "=\"" + v + "\"" for k, v in sorted(m.items()))
    print("  " + name + "{" + labels + "} " + r["value"][1])
'
}
show() {
  printf '\n%s\n' "$1"
  query "$1" | format_result
}
show "$QUERY"
show 'sum by (outcome) (tickcast_ticks_total)'
show 'sum by (model) (tickcast_inference_seconds_sum) / sum by (model) (tickcast_inference_seconds_count)'

if [[ "$KEEP" == true ]]; then
  say "left running (--keep): http://127.0.0.1:$PROM_PORT; stop it with: kill $pid; then rm -rf $work"
fi
