#!/usr/bin/env bash
# Picks, of the streaming job's runtime jars, those the Spark image lacks: the streaming-job
# image's Dockerfile runs it on top of the official apache/spark image, and deploy-checks'
# ImagesTest runs it on the Spark 4.2.0 jar list.
#
#   hack/select-job-jars.sh DEPS_DIR SPARK_JARS_DIR DEST_DIR
#
# DEPS_DIR holds the job's runtime dependencies in Maven's repository layout
# (GROUP/PATH/ARTIFACT/VERSION/FILE.jar, as `dependency:copy-dependencies
# -Dmdep.useRepositoryLayout=true` writes them). A jar is left out when Spark's jars folder has
# the same artifact (any version: Spark's own wins, the job is built against the same release);
# Fabric8's Kubernetes client is Spark's too (its HTTP back end included), never mixed with ours.
# Everything else (the Kafka connector, kafka-clients, the project's jars, picocli ...) is copied
# to DEST_DIR. One line per jar says why.
set -euo pipefail

if [[ $# -ne 3 ]]; then
  echo "usage: $0 DEPS_DIR SPARK_JARS_DIR DEST_DIR" >&2
  exit 2
fi
deps="${1%/}"
spark_jars="${2%/}"
dest="${3%/}"
if [[ ! -d "$deps" || ! -d "$spark_jars" ]]; then
  echo "$0: $deps and $spark_jars must be folders" >&2
  exit 2
fi
mkdir -p "$dest"

# the jar Spark ships for an artifact id (its file name is ARTIFACT-VERSION[-CLASSIFIER].jar)
spark_jar() {
  local found
  found="$(compgen -G "$spark_jars/$1-[0-9]*.jar" | head -n 1 || true)"
  [[ -n "$found" ]] && basename "$found"
}

added=0
while IFS= read -r -d '' jar; do
  rel="${jar#"$deps"/}"
  version_dir="$(dirname "$rel")"
  artifact_dir="$(dirname "$version_dir")"
  group="$(dirname "$artifact_dir" | tr / .)"
  artifact="$(basename "$artifact_dir")"
  if [[ "$version_dir" == "." || "$artifact_dir" == "." || "$group" == "." ]]; then
    echo "$0: $rel is not in Maven's repository layout" >&2
    exit 2
  fi
  provided="$(spark_jar "$artifact" || true)"
  if [[ -n "$provided" ]]; then
    echo "in Spark:  $group:$artifact ($provided)"
  elif [[ "$group" == io.fabric8 || "$group" == io.fabric8.* ]]; then
    if [[ "$artifact" == kubernetes-httpclient-* ]] \
        && [[ -n "$(compgen -G "$spark_jars/kubernetes-httpclient-*.jar" || true)" ]]; then
      echo "in Spark:  $group:$artifact (Spark's Fabric8 client brings its own HTTP back end)"
    else
      echo "$0: $group:$artifact is part of Fabric8's client, which Spark ships at another" \
        "version without it: the two must not be mixed" >&2
      exit 1
    fi
  else
    cp "$jar" "$dest/"
    echo "added:     $group:$artifact ($(basename "$jar"))"
    added=$((added + 1))
  fi
done < <(find "$deps" -type f -name '*.jar' -print0 | sort -z)

if [[ $added -eq 0 ]]; then
  echo "$0: no jar added from $deps: the job needs at least the Kafka connector" >&2
  exit 1
fi
echo "$added jars in $dest"
