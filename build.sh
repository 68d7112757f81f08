#!/usr/bin/env bash
# build.sh: the project's only entry point.
#   ./build.sh build   write dist/ (the wasm module, its loader and types, the relay worker, the
#                      browser extension: dist/extension/ and dist/extension.zip)
#   ./build.sh test    everything CI checks: format, layout, go mod tidy, vet and staticcheck (native
#                      and js/wasm), Go tests (native with -race, and under Node, replaying the fuzz
#                      corpora), interop with an independent client, workerd, JS and browser tests
#   ./build.sh fuzz [DURATION [PATTERN]]  fuzz every target (or those matching PATTERN) for
#                      DURATION each (default 1m); fails only on a reproducer, which it names
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
# shellcheck source=extension/build.bash
source extension/build.bash

# setup installs what the checks need on a fresh machine: Node packages from package-lock.json.
setup() {
  command -v go >/dev/null || { echo "build.sh: go is required (Go 1.26)" >&2; exit 1; }
  if ! command -v node >/dev/null; then
    log "installing Node.js (apt-get)"
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  fi
  npm_ci
  ui_chromium # Debian's Chromium for the browser tests (web/build.bash)
}

# npm_ci installs exactly what package-lock.json locks (npm ci), unless node_modules already holds
# it. The lock lists every platform's optional workerd package; npm fetches only this one's.
npm_ci() {
  local stamp=node_modules/.build-sh-lock
  if [ -f "$stamp" ] && cat package.json package-lock.json | cmp -s - "$stamp"; then
    return 0
  fi
  log "npm ci (from package-lock.json)"
  local out
  if ! out=$(npm ci --no-audit --no-fund --loglevel=error 2>&1); then
    echo "$out" >&2
    if grep -q 'in sync' <<<"$out"; then
      echo "build.sh: package.json and package-lock.json disagree. Run 'npm install' (it rewrites" >&2
      echo "  the lock for every platform), check the diff of package-lock.json, and commit both files." >&2
    fi
    echo "build.sh: npm ci failed" >&2
    exit 1
  fi
  cat package.json package-lock.json >"$stamp"
}

# fakepronote_build builds cmd/fakepronote once per run into out/ and exports FAKEPRONOTE, the
# path the module's and the browser's suites start it from.
fakepronote_build() {
  [ -n "${FAKEPRONOTE:-}" ] && return 0
  mkdir -p out
  go build -o out/fakepronote ./cmd/fakepronote
  export FAKEPRONOTE=$PWD/out/fakepronote
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

# check_tidy fails when go mod tidy would change go.mod or go.sum, and shows the diff.
check_tidy() {
  log "go mod tidy"
  local diff
  if ! diff=$(go mod tidy -diff 2>&1); then
    echo "$diff" >&2
    echo "build.sh: go mod tidy would change go.mod/go.sum (above): run it and commit the result" >&2
    exit 1
  fi
}

# The staticcheck release the checks run; installed into out/tools by go install.
STATICCHECK_VERSION=v0.8.2

staticcheck_bin() {
  local bin=$root/out/tools/staticcheck
  if ! "$bin" -version 2>/dev/null | grep -qF "(${STATICCHECK_VERSION#v})"; then
    log "installing staticcheck $STATICCHECK_VERSION (go install)"
    GOBIN=$root/out/tools go install "honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION" >&2
  fi
  echo "$bin"
}

# check_staticcheck runs staticcheck for the native and the js/wasm targets and merges the two
# (-merge), so that code used by one target only is not reported as unused.
check_staticcheck() {
  local bin tmp status=0
  bin=$(staticcheck_bin)
  log "staticcheck $STATICCHECK_VERSION (native and js/wasm, merged)"
  tmp=$(mktemp -d)
  # -f binary exits 0 with findings (and compile errors) in its output; non-zero is a failed run.
  "$bin" -f binary ./... >"$tmp/native" &&
    GOOS=js GOARCH=wasm "$bin" -f binary ./... >"$tmp/js" &&
    "$bin" -merge "$tmp/native" "$tmp/js" || status=$?
  rm -rf "$tmp"
  [ "$status" = 0 ] || { echo "build.sh: staticcheck found the problems above" >&2; exit 1; }
}

# check_layout enforces design.md's layout rules: syscall/js only in wasm/, web/ and relay/worker/,
# in *_js.go files or files constrained to js; no "// go:build" (a plain comment, not a
# constraint); and the client core (protocol and its internal packages) never links net/http.
check_layout() {
  log "layout (syscall/js, build constraints)"
  local f bad=0
  for f in $(git ls-files '*.go'); do
    if grep -q '^// *go:build' "$f" && ! grep -q '^//go:build' "$f"; then
      echo "$f: '// go:build' is a comment, not a build constraint: write //go:build" >&2
      bad=1
    fi
    grep -q '"syscall/js"' "$f" || continue
    case $f in
      wasm/* | web/* | relay/worker/*) ;;
      *) echo "$f: imports syscall/js outside wasm/, web/ and relay/worker/ (design.md)" >&2; bad=1; continue ;;
    esac
    case $f in
      *_js.go) ;;
      *) grep -q '^//go:build.*\bjs\b' "$f" || { echo "$f: imports syscall/js but is neither *_js.go nor constrained to js" >&2; bad=1; } ;;
    esac
  done
  local dep
  # (The Go runtime itself links syscall/js on js/wasm, so only net/http is checked here.)
  for dep in $(GOOS=js GOARCH=wasm go list -deps ./protocol ./protocol/internal/... | grep -x 'net/http' || true); do
    echo "protocol links $dep when built for js/wasm (design.md: no net/http in the client core)" >&2
    bad=1
  done
  [ "$bad" = 0 ] || exit 1
}

# test_go_native runs every native package with the race detector (cgo: gcc is on the machine).
test_go_native() {
  log "go test -race (native)"
  PRONOTE_REQUIRE_INTEROP=1 go test -race -count=1 ./...
}

test_go_wasm() {
  log "go test (js/wasm under Node)"
  PATH="$(wasm_exec_dir):$PATH" GOOS=js GOARCH=wasm go test -count=1 ./protocol/...
}

# fuzz_targets prints "package target" for every fuzz target of the module.
fuzz_targets() {
  local pkg target
  for pkg in $(go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.Dir}}{{end}}' ./... | sed "s#^$root#.#"); do
    grep -qs '^func Fuzz' "$pkg"/*_test.go || continue
    for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz'); do
      echo "$pkg $target"
    done
  done
}

# cmd_fuzz [DURATION [PATTERN]] fuzzes every target (or those whose "package target" matches the
# extended regexp PATTERN) for DURATION each (default 1m), one after the other.
# It fails when the fuzzer wrote a reproducer (testdata/fuzz/TARGET/..., printed), or when a
# target does not build. A failure that wrote nothing is Go 1.26's coordinator racing its own
# -fuzztime deadline (fixed in Go 1.27): reported, not a finding. The test command does not fuzz;
# every go test replays the committed corpora.
cmd_fuzz() {
  local duration=${1:-1m} only=${2:-} found=0 pkg target dir before after out new
  [[ $duration =~ ^[0-9]+(s|m|h|x)$ ]] || { echo "usage: ./build.sh fuzz [DURATION], e.g. 30s, 10m, or 1000x (runs)" >&2; exit 2; }
  while read -r pkg target; do
    [ -z "$only" ] || grep -qE "$only" <<<"$pkg $target" || continue
    log "fuzz $pkg $target for $duration"
    dir=$pkg/testdata/fuzz/$target
    before=$(ls "$dir" 2>/dev/null || true)
    if out=$(go test -run='^$' -fuzz="^${target}\$" -fuzztime="$duration" "$pkg" 2>&1); then
      echo "$out" | tail -n 2 >&2
      continue
    fi
    after=$(ls "$dir" 2>/dev/null || true)
    new=$(comm -13 <(echo "$before") <(echo "$after") | sed '/^$/d')
    if [ -n "$new" ]; then
      echo "$out" >&2
      for f in $new; do echo "build.sh: $target found a failing input: $dir/$f" >&2; done
      echo "  replay it: go test -run='$target/$(echo "$new" | head -n1)' $pkg" >&2
      found=1
    elif grep -q 'context deadline exceeded' <<<"$out" && ! grep -qE '^\s+(panic|.*_test\.go:[0-9]+:)' <<<"$out"; then
      echo "$out" | tail -n 3 >&2
      echo "build.sh: $target stopped on the fuzz deadline without a reproducer (Go 1.26's deadline race): not a finding" >&2
    else
      echo "$out" >&2
      echo "build.sh: fuzzing $pkg $target failed without a reproducer (above)" >&2
      found=1
    fi
  done < <(fuzz_targets)
  [ "$found" = 0 ] || exit 1
  echo "fuzz: no failing input in any target ($duration each)" >&2
}

cmd_build() {
  mkdir -p dist
  relay_build
  wasm_build
  ui_page
  ext_build
}

cmd_test() {
  setup
  check_format
  check_layout
  check_tidy
  check_vet
  check_staticcheck
  test_go_native
  test_go_wasm
  cmd_build # once: the relay, module and browser suites below use this dist/
  relay_test
  wasm_test
  ui_test
  ext_test
}

cmd_bench() {
  setup
  cmd_build
  fakepronote_build
  log "bench: the module (dist/pronote-api.wasm) and pawnote side by side (wasm/bench.mjs)"
  node --expose-gc wasm/bench.mjs
  log "bench: the native Go client (go test -bench, protocol/bench_test.go)"
  go test -run '^$' -bench . -benchmem ./protocol/
  relay_bench
}

case "${1:-}" in
  build) cmd_build ;;
  test) cmd_test ;;
  fuzz) shift; cmd_fuzz "$@" ;;
  bench) cmd_bench ;;
  serve) shift; serve "$@" ;;
  only) # ./build.sh only STAGE…: some stages of cmd_test, in the order given (for development)
    shift
    for stage in "$@"; do
      case " setup check_format check_layout check_tidy check_vet check_staticcheck test_go_native test_go_wasm cmd_build relay_test wasm_test ui_test ext_test " in
        *" $stage "*) "$stage" ;;
        *) echo "build.sh only: unknown stage $stage (see cmd_test)" >&2; exit 2 ;;
      esac
    done ;;
  *) echo "usage: ./build.sh build|test|fuzz [DURATION [PATTERN]]|bench|serve|only STAGE..." >&2; exit 2 ;;
esac
