#!/usr/bin/env bash
# Installs what Capstan needs to build, test and run on Debian 12.
# Idempotent; run as root (or via sudo).
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
    exec sudo --preserve-env=PATH "$0" "$@"
fi

packages=(
    build-essential pkg-config        # C toolchain for -sys crates
    protobuf-compiler libprotobuf-dev # etcd-client's gRPC code generation
    etcd-server                       # real etcd: the HA datastore, tests and the store benchmark's peer
    ca-certificates curl
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Debian starts etcd as a service on install; Capstan's tests start their own.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet etcd 2>/dev/null; then
    systemctl stop etcd || true
    systemctl disable etcd >/dev/null 2>&1 || true
fi

if ! command -v cargo >/dev/null 2>&1; then
    echo "error: cargo (Rust) is required; install it with rustup (https://rustup.rs)" >&2
    exit 1
fi
if ! command -v kubectl >/dev/null 2>&1; then
    echo "error: kubectl is required to use (and test) the cluster; install kubectl 1.32 or newer" >&2
    exit 1
fi
echo "setup complete"
