#!/usr/bin/env bash
# Runs every check Capstan has: formatting, lints, unit tests, and end-to-end
# tests that start the real binary and drive it with real kubectl.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup-debian.sh

cargo fmt --all -- --check
cargo build --locked -p capstan -p capstan-bench
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo test --locked --workspace --no-fail-fast
