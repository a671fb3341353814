#!/usr/bin/env bash
# CI smoke test on a kind cluster: load the images, install the chart with bundled NATS and
# ClickHouse, replay a recorded session at full speed, and check that events reached JetStream and
# ClickHouse and that every service reports ready. Needs kind, kubectl, helm and docker.
set -euo pipefail
cd "$(dirname "$0")/../.."

namespace=slipstream
cluster=${KIND_CLUSTER:-slipstream}
session=data/sessions/2025-mexico-city-gp-qualifying
say() { printf '\033[1;34m[kind-smoke]\033[0m %s\n' "$*"; }

say "loading images into kind"
for service in telemetry-replay normalization projection live-gateway; do
  kind load docker-image --name "$cluster" "ghcr.io/slipstream-f1/slipstream-$service:ci"
done

kubectl create namespace "$namespace" --dry-run=client -o yaml | kubectl apply -f -
# A short session: every topic but the two large car-data and position files (ConfigMaps hold 1 MiB).
say "recording fixture from $session"
args=()
for file in "$session"/*.jsonStream.gz "$session"/session_info.json; do
  case "$file" in *CarData.z*|*Position.z*) continue ;; esac
  args+=("--from-file=$file")
done
kubectl -n "$namespace" create configmap replay-fixture "${args[@]}" --dry-run=client -o yaml | kubectl apply -f -

say "installing the chart (the provisioning Job runs after install)"
helm repo add nats https://nats-io.github.io/k8s/helm/charts/ >/dev/null
helm repo add altinity https://helm.altinity.com >/dev/null
helm dependency build charts/slipstream >/dev/null
helm upgrade --install slipstream charts/slipstream --namespace "$namespace" \
  --values charts/slipstream/ci/kind-values.yaml --wait --timeout 15m

say "waiting for every service to be ready"
kubectl -n "$namespace" rollout status deployment --timeout=5m
kubectl -n "$namespace" wait --for=condition=complete job/slipstream-provision --timeout=5m 2>/dev/null || true

nats_password=$(kubectl -n "$namespace" get secret slipstream-credentials -o jsonpath='{.data.nats-provisioner-password}' | base64 -d)
stream_messages() {
  kubectl -n "$namespace" run "nats-check-$RANDOM" --rm -i --restart=Never --quiet --image=natsio/nats-box:0.18.0 -- \
    nats --server nats://slipstream-nats:4222 --user slipstream-provisioner --password "$nats_password" \
    stream info "$1" --json | sed -n 's/.*"messages": *\([0-9]*\).*/\1/p' | head -1
}

say "waiting for the replay to flow through RAW into EVENTS"
for _ in $(seq 1 60); do
  raw=$(stream_messages RAW || echo 0)
  events=$(stream_messages EVENTS || echo 0)
  say "RAW=${raw:-0} EVENTS=${events:-0}"
  if [ "${events:-0}" -gt 0 ]; then break; fi
  sleep 5
done
[ "${events:-0}" -gt 0 ] || { say "no events reached the EVENTS stream"; exit 1; }

say "checking every service's health endpoints"
for entry in telemetry-replay:3002 normalization:3003 projection:3004 live-gateway:3005; do
  service=${entry%%:*}
  port=${entry##*:}
  kubectl -n "$namespace" port-forward "svc/slipstream-$service" "$port:$port" >/dev/null 2>&1 &
  forward=$!
  sleep 2
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null
  curl -fsS "http://127.0.0.1:$port/metrics" | grep -q '^process_cpu_seconds_total'
  kill "$forward"
done

say "checking that projection wrote rows to ClickHouse as its least-privileged user"
clickhouse_password=$(kubectl -n "$namespace" get secret slipstream-credentials -o jsonpath='{.data.clickhouse-query-password}' | base64 -d)
kubectl -n "$namespace" port-forward svc/clickhouse-slipstream-clickhouse 8123:8123 >/dev/null 2>&1 &
forward=$!
sleep 2
rows=$(curl -fsS -u "slipstream_query:$clickhouse_password" \
  --data-binary "SELECT sum(rows) FROM system.parts WHERE database = 'slipstream' AND active" http://127.0.0.1:8123/)
kill "$forward"
say "rows in slipstream tables: $rows"
[ "${rows:-0}" -gt 0 ] || { say "projection wrote no rows"; exit 1; }

say "helm test: health of every service, a history and an OpenF1 route, a Socket.io session"
helm test slipstream --namespace "$namespace" --logs --timeout 5m

say "reading the replayed session's result through the cluster (/v1/session_result)"
session_key=$(gunzip -c "$session/SessionInfo.jsonStream.gz" | sed -n 's/.*"Key": *\([0-9]*\).*/\1/p' | head -1)
kubectl -n "$namespace" port-forward svc/slipstream-projection 3004:3004 >/dev/null 2>&1 &
forward=$!
sleep 2
result=""
for _ in $(seq 1 60); do
  result=$(curl -fsS "http://127.0.0.1:3004/v1/session_result?session_key=${session_key}" || true)
  case "$result" in *driver_number*) break ;; esac
  sleep 5
done
kill "$forward"
case "$result" in *driver_number*) say "session_result of ${session_key}: $(printf '%s' "$result" | grep -o driver_number | wc -l) drivers" ;;
  *) say "no session_result for session ${session_key}: ${result:0:300}"; exit 1 ;; esac

say "upgrade re-runs the provisioning hook and keeps the generated passwords"
before=$(kubectl -n "$namespace" get secret slipstream-credentials -o jsonpath='{.data.nats-projection-password}')
helm upgrade slipstream charts/slipstream --namespace "$namespace" --values charts/slipstream/ci/kind-values.yaml --wait --timeout 10m
after=$(kubectl -n "$namespace" get secret slipstream-credentials -o jsonpath='{.data.nats-projection-password}')
[ "$before" = "$after" ] || { say "an upgrade changed a generated password"; exit 1; }
say "passed"
