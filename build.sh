#!/usr/bin/env bash
# build.sh: the project's only entry point.
#   ./build.sh build   write dist/ (the wasm module, its loader and types, the relay worker)
#   ./build.sh test    everything CI checks: format, vet (native and js/wasm), Go tests (native and
#                      under Node), brief fuzzing, interop with an independent client, JS tests
#   ./build.sh bench   size and latency figures (a report, not assertions)
#   ./build.sh serve   build, then run the local demo (page, relay, demo school) on 127.0.0.1
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

log() { printf '\n== %s\n' "$*" >&2; }

# shellcheck source=relay/build.bash
source relay/build.bash
# shellcheck source=wasm/build.bash
source wasm/build.bash
# shellcheck source=web/build.bash
source web/build.bash

# setup installs what the checks need on a fresh machine: Node packages from package-lock.json.
setup() {
  command -v go >/dev/null || { echo "build.sh: go is required (Go 1.26)" >&2; exit 1; }
  if ! command -v node >/dev/null; then
    log "installing Node.js (apt-get)"
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  fi
  # npm install (not npm ci) from the lock file: the registry reachable here serves only the
  # Linux builds of workerd, so the lock cannot list the other platforms' optional packages,
  # which npm ci insists on. The versions still come from package-lock.json, unchanged.
  if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.lock-copy; then
    log "npm install (from package-lock.json)"
    npm install --no-audit --no-fund --loglevel=error
    git diff --quiet -- package-lock.json 2>/dev/null || { echo "build.sh: npm changed package-lock.json" >&2; exit 1; }
    cp package-lock.json node_modules/.lock-copy
  fi
  ui_chromium # Debian's Chromium for the browser tests (web/build.bash)
}

wasm_exec_dir() { echo "$(go env GOROOT)/lib/wasm"; }

check_format() {
  log "gofmt"
  local bad
  bad=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './node_modules/*'))
  if [ -n "$bad" ]; then echo "gofmt would change:" >&2; echo "$bad" >&2; exit 1; fi
}

check_vet() {
  log "go vet (native)"
  go vet ./...
  log "go vet (js/wasm)"
  GOOS=js GOARCH=wasm go vet ./...
}

test_go_native() {
  log "go test (native)"
  PRONOTE_REQUIRE_INTEROP=1 go test -count=1 ./...
}

test_go_wasm() {
  log "go test (js/wasm under Node)"
  PATH="$(wasm_exec_dir):$PATH" GOOS=js GOARCH=wasm go test -count=1 ./protocol/...
}

# fuzz runs every fuzz target briefly; the seed corpora in testdata/ run in every go test too.
fuzz() {
  log "fuzz (brief)"
  local pkg target
  for pkg in $(grep -l --include='*_test.go' -r '^func Fuzz' . | grep -v node_modules | xargs -n1 dirname | sort -u); do
    for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
      if ! out=$(go test -run='^$' -fuzz="^${target}\$" -fuzztime="${FUZZTIME:-4s}" "$pkg" 2>&1); then
        echo "$out" >&2
        echo "build.sh: fuzzing $pkg $target failed (the failing input is under $pkg/testdata/fuzz/$target)" >&2
        return 1
      fi
      echo "fuzzed $pkg $target"
    done
  done
}

cmd_build() {
  mkdir -p dist
  relay_build
  wasm_build
  ui_page
}

cmd_test() {
  setup
  check_format
  check_vet
  test_go_native
  test_go_wasm
  cmd_build # once: the relay, module and browser suites below use this dist/
  relay_test
  wasm_test
  ui_test
  fuzz
}

cmd_bench() {
  setup
  cmd_build
  relay_bench
}

case "${1:-}" in
  build) cmd_build ;;
  test) cmd_test ;;
  bench) cmd_bench ;;
  serve) shift; serve "$@" ;;
  *) echo "usage: ./build.sh build|test|bench|serve" >&2; exit 2 ;;
esac
