#!/usr/bin/env bash
# CrimeStream end to end on a kind cluster: builds the three images, creates a cluster with the
# Chicago export mounted into its node, installs Strimzi's cluster operator and the chart with its
# development Kafka, applies the study's scenario at a faster pace (hack/kind/e2e-crimestream.yaml)
# and waits, with deadlines, until the metrics ConfigMap shows at least 3 batches and the
# CrimeStream is Ready. Then checks what the pods ran with, prints the metrics and `kubectl get
# cs`, and deletes the cluster. On failure it prints the cluster's events, `describe` of every pod
# that is not Running, the Kafka, KafkaNodePool, KafkaTopic and PersistentVolumeClaim objects
# with their status, and the logs of every pod in the namespace, and exits 1.
#
#   hack/kind-e2e.sh
#
# Written against kind v0.32.0, Helm v3.19.0, Strimzi 0.51.0 and Docker Engine 28 and 29 with
# either image store (README.md, "Develop on kind"; .github/workflows/kind-e2e.yml installs
# these). Strimzi is installed as its documentation says: its release's install/cluster-operator
# files, their RoleBindings' subject namespace set to the namespace, created in that namespace.
# The images reach the node through an archive (docker image save, kind load image-archive):
# `kind load docker-image` fails with Docker's containerd image store (kind issues 3795, 4066).
#
# Needs docker (with a running engine), kind, kubectl, helm, jq and curl. Settings, from the
# environment:
#   CRIMESTREAM_DATA_DIR   folder of the export (default: ../shared/data/chicago beside the repo);
#   CRIMESTREAM_DATA_FILE  the export in it (default: kaggle_2012_2017_sample.csv). When it is not
#                          there, the month is fetched from the city's API (data/fetch-month.sh).
#   KIND_CLUSTER_NAME      (default crimestream-e2e)    KIND_NODE_IMAGE  (default: kind's own)
#   STRIMZI_VERSION        (default 0.51.0)              E2E_NAMESPACE    (default crimestream)
#   IMAGE_REPOSITORY, IMAGE_TAG  the images' names: <repository>/{controller,producer,
#                          streaming-job}:<tag> (default crimestream and e2e)
#   E2E_KEEP_CLUSTER=true  leave the cluster running at the end (to look around)
#   E2E_METRICS_TIMEOUT    seconds to wait for the metrics and Ready (default 900)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cluster="${KIND_CLUSTER_NAME:-crimestream-e2e}"
context="kind-$cluster"
namespace="${E2E_NAMESPACE:-crimestream}"
strimzi_version="${STRIMZI_VERSION:-0.51.0}"
image_repository="${IMAGE_REPOSITORY:-crimestream}"
image_tag="${IMAGE_TAG:-e2e}"
data_dir="${CRIMESTREAM_DATA_DIR:-$root/../shared/data/chicago}"
data_file="${CRIMESTREAM_DATA_FILE:-kaggle_2012_2017_sample.csv}"
metrics_timeout="${E2E_METRICS_TIMEOUT:-900}"
keep_cluster="${E2E_KEEP_CLUSTER:-false}"
# what the script and its workflow were written and run against
written_against_kind=v0.32.0
written_against_helm=v3.19.0
crimestream_file="$root/hack/kind/e2e-crimestream.yaml"
# where the node sees the export: the examples' and the e2e CrimeStream's hostPath folder
data_mount=/data/chicago
# the images, built from <name>/Dockerfile and named as the chart names them
images=(controller producer streaming-job)

log() {
  printf '%s kind-e2e: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2
}

fail() {
  log "FAILED: $*"
  exit 1
}

k() {
  kubectl --context "$context" "$@"
}

for tool in docker kind kubectl helm jq curl; do
  command -v "$tool" >/dev/null 2>&1 || { log "needs $tool on the PATH"; exit 2; }
done
# the versions first: what a failure further down is to be read against
docker version || { log "docker cannot reach a Docker engine"; exit 2; }
kind version
kubectl version --client
helm version
log "written against kind $written_against_kind and Helm $written_against_helm; Strimzi $strimzi_version"

work="$(mktemp -d)"
cluster_created=false

diagnostics() {
  log "---- the cluster's events"
  k get events --all-namespaces --sort-by=.lastTimestamp || true
  log "---- pods"
  k get pods --all-namespaces -o wide || true
  # why a pod is Pending (unschedulable, an image not pulled, a volume not mounted) or failed
  log "---- describe of every pod that is not Running"
  local entry
  for entry in $(k get pods --all-namespaces --field-selector=status.phase!=Running \
      -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name}{"\n"}{end}' \
      2>/dev/null); do
    k -n "${entry%%/*}" describe pod "${entry#*/}" || true
  done
  log "---- Kafka, KafkaNodePool, KafkaTopic and PersistentVolumeClaim objects, with their status"
  local resource
  for resource in kafkas.kafka.strimzi.io kafkanodepools.kafka.strimzi.io \
      kafkatopics.kafka.strimzi.io persistentvolumeclaims; do
    k get "$resource" --all-namespaces -o yaml || true
  done
  log "---- CrimeStreams"
  k -n "$namespace" get crimestreams -o yaml || true
  local pod
  for pod in $(k -n "$namespace" get pods -o name 2>/dev/null); do
    log "---- logs of $pod"
    k -n "$namespace" logs "$pod" --all-containers --prefix --tail=400 || true
    k -n "$namespace" logs "$pod" --all-containers --prefix --tail=100 --previous 2>/dev/null \
      || true
  done
}

finish() {
  local status=$?
  trap - EXIT
  if [[ $status -ne 0 && $cluster_created == true ]]; then
    diagnostics
  fi
  if [[ $cluster_created == true && $keep_cluster != true ]]; then
    log "deleting cluster $cluster"
    kind delete cluster --name "$cluster" || true
  elif [[ $cluster_created == true ]]; then
    log "cluster $cluster left running (kubectl --context $context ...)"
  fi
  rm -rf "$work"
  exit "$status"
}
trap finish EXIT

# ---- the dataset
if [[ ! -f "$data_dir/$data_file" ]]; then
  month="$(sed -n 's/^ *months: *\["\([0-9-]*\)".*/\1/p' "$crimestream_file")"
  log "no $data_dir/$data_file: fetching $month from the city's API"
  data_dir="$work/data"
  data_file="crimes-$month.csv"
  mkdir -p "$data_dir"
  "$root/data/fetch-month.sh" "$month" "$data_dir/$data_file"
  # the producer runs as uid 10001: the folder and the file must be readable by anyone
  chmod 755 "$work" "$data_dir"
  chmod 644 "$data_dir/$data_file"
fi
data_dir="$(cd "$data_dir" && pwd)"
log "dataset: $data_dir/$data_file, mounted at $data_mount in the node"

# ---- the images (before the cluster: a broken build costs no cluster)
export DOCKER_BUILDKIT=1
image_refs=()
for name in "${images[@]}"; do
  ref="$image_repository/$name:$image_tag"
  log "building $ref from $name/Dockerfile"
  docker build --file "$root/$name/Dockerfile" --tag "$ref" "$root"
  image_refs+=("$ref")
done

# ---- the cluster
cat > "$work/kind.yaml" <<KIND
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
  - role: control-plane
    extraMounts:
      - hostPath: $data_dir
        containerPath: $data_mount
        readOnly: true
KIND
log "creating kind cluster $cluster"
cluster_created=true
kind create cluster --name "$cluster" --config "$work/kind.yaml" --wait 180s \
  ${KIND_NODE_IMAGE:+--image "$KIND_NODE_IMAGE"}
# An archive of the host's platform only: with Docker's containerd image store an image may
# list platforms whose layers the engine lacks, and importing those fails. --platform needs
# Docker API 1.48 (Docker 28); older engines keep one platform anyway.
log "loading the images into the node through an archive"
images_archive="$work/crimestream-images.tar"
save=(docker image save --output "$images_archive")
api_version="$(docker version --format '{{.Server.APIVersion}}')"
if [[ "$(printf '%s\n' 1.48 "$api_version" | sort -V | head -n 1)" == 1.48 ]]; then
  save+=(--platform "linux/$(docker version --format '{{.Server.Arch}}')")
fi
"${save[@]}" "${image_refs[@]}"
kind load image-archive --name "$cluster" "$images_archive"
k create namespace "$namespace"

# ---- Strimzi's cluster operator, watching the namespace, with the restricted pod security:
# as Strimzi documents it, its RoleBindings pointed at the namespace, then created in it
log "installing Strimzi $strimzi_version"
strimzi_dir="$work/strimzi-$strimzi_version"
curl -fsSL --retry 3 -o "$work/strimzi-$strimzi_version.tar.gz" \
  "https://github.com/strimzi/strimzi-kafka-operator/releases/download/$strimzi_version/strimzi-$strimzi_version.tar.gz"
tar -xzf "$work/strimzi-$strimzi_version.tar.gz" -C "$work"
sed -i "s/namespace: .*/namespace: $namespace/" "$strimzi_dir"/install/cluster-operator/*RoleBinding*.yaml
k create -f "$strimzi_dir/install/cluster-operator" -n "$namespace"
k -n "$namespace" set env deployment/strimzi-cluster-operator \
  STRIMZI_POD_SECURITY_PROVIDER_CLASS=restricted
k -n "$namespace" rollout status deployment/strimzi-cluster-operator --timeout=300s

# ---- the chart, with the development Kafka the CrimeStream names
kafka_cluster="$(sed -n 's/^ *cluster: *\([a-z0-9-]*\).*/\1/p' "$crimestream_file")"
crimestream="$(sed -n 's/^  name: *\([a-z0-9-]*\).*/\1/p' "$crimestream_file")"
log "installing the chart (images $image_repository/*:$image_tag, Kafka cluster $kafka_cluster)"
helm --kube-context "$context" install crimestream "$root/helm/crimestream" \
  --namespace "$namespace" \
  --set images.repository="$image_repository" \
  --set images.tag="$image_tag" \
  --set devKafka.enabled=true \
  --set devKafka.name="$kafka_cluster" \
  --wait --timeout 5m
log "waiting for Kafka $kafka_cluster"
k -n "$namespace" wait "kafka/$kafka_cluster" --for=condition=Ready --timeout=600s

# ---- the study, faster
log "applying CrimeStream $crimestream (dataset $data_mount/$data_file)"
sed "s|\(path: $data_mount/\).*|\1$data_file|" "$crimestream_file" \
  | k -n "$namespace" apply -f -

deadline=$((SECONDS + metrics_timeout))
while :; do
  summary="$(k -n "$namespace" get configmap "$crimestream-metrics" \
    -o jsonpath='{.data.summary\.json}' 2>/dev/null || true)"
  [[ -n $summary ]] || summary='{}'
  batches="$(jq -r '.batches // 0' <<<"$summary" 2>/dev/null || echo 0)"
  ready="$(k -n "$namespace" get crimestream "$crimestream" \
    -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null || true)"
  phase="$(k -n "$namespace" get crimestream "$crimestream" -o jsonpath='{.status.phase}' \
    2>/dev/null || true)"
  log "phase ${phase:-none}, Ready ${ready:-unknown}, batches ${batches}"
  if [[ $batches =~ ^[0-9]+$ ]] && (( batches >= 3 )) && [[ $ready == True ]]; then
    break
  fi
  if [[ $phase == Failed || $phase == Invalid ]]; then
    fail "CrimeStream $crimestream is $phase: $(k -n "$namespace" get crimestream "$crimestream" \
      -o jsonpath='{.status.conditions[?(@.type=="Ready")].message}')"
  fi
  if (( SECONDS >= deadline )); then
    fail "no 3 batches and Ready within ${metrics_timeout}s"
  fi
  sleep 10
done

# ---- what the pods really ran with (Spark merges its own settings into the executors' template):
# the controller's, the producers', the driver's and the executors' pods run as non-root users
# with the runtime's seccomp profile, no privilege escalation, no capabilities and a read-only
# root file system. (The producers' hostPath dataset volume keeps them from the namespace-wide
# restricted Pod Security Standard, which forbids hostPath; a PersistentVolumeClaim source does.)
log "checking the security settings of every CrimeStream pod"
offending="$(k -n "$namespace" get pods -l app.kubernetes.io/name=crimestream -o json | jq -r '
  .items[]
  | . as $pod
  | select(
      ($pod.spec.securityContext.runAsNonRoot != true)
      or (($pod.spec.securityContext.runAsUser // 0) == 0)
      or ($pod.spec.securityContext.seccompProfile.type != "RuntimeDefault")
      or ([$pod.spec.containers[], ($pod.spec.initContainers // [])[]] | any(
            (.securityContext.allowPrivilegeEscalation != false)
            or (.securityContext.readOnlyRootFilesystem != true)
            or ((.securityContext.capabilities.drop // []) | index("ALL") | not))))
  | .metadata.name')"
pods_checked="$(k -n "$namespace" get pods -l app.kubernetes.io/name=crimestream -o name | wc -l)"
if [[ -n $offending ]]; then
  fail "pods without the restricted security settings: $offending"
fi
if (( pods_checked < 5 )); then
  fail "only $pods_checked CrimeStream pods (expected the controller, a producer, the driver and 2 executors)"
fi
log "$pods_checked pods checked"

# Spark names executors <spark.kubernetes.executor.podNamePrefix>-exec-<id>: the CrimeStream's name
executors="$(k -n "$namespace" get pods -l app.kubernetes.io/component=spark-executor \
  -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}')"
log "executor pods: $(tr '\n' ' ' <<<"$executors")"
[[ -n $executors ]] || fail "no executor pods"
if grep -v -E "^$crimestream-exec-[0-9]+$" <<<"$executors"; then
  fail "executor pods not named $crimestream-exec-<id>"
fi
# the driver's spark-submit runs under the image's init, which is PID 1
pid1="$(k -n "$namespace" exec "$crimestream-driver" -- cat /proc/1/cmdline | tr '\0' ' ')"
log "the driver's PID 1: $pid1"
[[ $pid1 == /usr/bin/tini* ]] || fail "the driver's PID 1 is not tini: $pid1"

log "---- the metrics (ConfigMap $crimestream-metrics, summary.json)"
jq . <<<"$summary"
k -n "$namespace" get configmap "$crimestream-metrics" -o jsonpath='{.data.metrics\.json}' \
  | jq -c '.batches[] | {batch, rowsInBatch, rowsTotal}'
log "---- kubectl get cs"
k -n "$namespace" get cs
k -n "$namespace" get pods -o wide
log "passed: $batches batches, $crimestream Ready"
