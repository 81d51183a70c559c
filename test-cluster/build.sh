#!/usr/bin/env bash
# Builds target/test-cluster, the local control plane the controller's real-control-plane tests
# start, from this folder's Go sources at the Kubernetes release go.mod pins. Maven runs it in the
# compile phase; by hand: test-cluster/build.sh. Go's own caches (GOCACHE, GOMODCACHE, in their
# default places) make a rebuild fast; an up-to-date binary is kept as it is.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

binary=target/test-cluster
if ! command -v go >/dev/null 2>&1; then
  echo "[WARNING] test-cluster: no 'go' on the PATH, so $binary is not built and the tests on a"
  echo "[WARNING] real control plane (controller's *RealClusterIT) will NOT run: they are skipped."
  echo "[WARNING] Install Go 1.26 or newer (https://go.dev/doc/install) and build again."
  exit 0
fi

sources=(go.mod go.sum ./*.go)
if [[ -x "$binary" ]]; then
  newer="$(find "${sources[@]}" -newer "$binary" | head -n 1)"
  if [[ -z "$newer" ]]; then
    echo "test-cluster: $binary is up to date"
    exit 0
  fi
fi

version="$(awk '$1 == "k8s.io/kubernetes" { print $2 }' go.mod)"
major="${version#v}"
major="${major%%.*}"
minor="${version#v*.}"
minor="${minor%%.*}"
echo "test-cluster: building $binary (Kubernetes $version, $(go version | awk '{ print $3 }'))"
mkdir -p target
start=$SECONDS
# -trimpath: no paths of this machine in the binary; -s -w: no symbol tables (a smaller binary,
# a faster link); the version is what kube-apiserver reports and checks feature gates against.
go build -trimpath -buildvcs=false \
  -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=$version \
    -X k8s.io/component-base/version.gitMajor=$major -X k8s.io/component-base/version.gitMinor=$minor" \
  -o "$binary.partial" .
mv "$binary.partial" "$binary"
echo "test-cluster: built $binary in $((SECONDS - start)) s"
