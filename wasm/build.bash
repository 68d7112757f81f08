# wasm/build.bash: build, size and test hooks for pronote.wasm and its JavaScript loader.
# Sourced by build.sh; expects the repository root as the working directory.

# The library (API alone, -tags noui) must stay within this many bytes of gzip -9 (1.5 MiB, issue 10: room for every data call).
WASM_BUDGET_GZIP=$((1572864))

# Inlining stays on (no -gcflags=all=-l): measured on 2026-12-01, the API module's CPU per
# grades call falls from 6.4 to 4.9 ms (-22 %) for 98 KB more gzip (1338 -> 1437 KB), which
# the budget allows (issue 13).
WASM_GOFLAGS=(-trimpath -ldflags='-s -w')

# wasm_compile OUT [TAGS]: builds ./wasm for GOOS=js into OUT.
wasm_compile() {
  GOOS=js GOARCH=wasm go build "${WASM_GOFLAGS[@]}" -tags "${2:-}" -o "$1" ./wasm
}

# wasm_sizes FILE: prints "raw gzip brotli" in bytes (gzip -9; brotli quality 11 by node's zlib).
wasm_sizes() {
  local br
  br=$(node -e '
    const z = require("node:zlib"), b = require("node:fs").readFileSync(process.argv[1]);
    console.log(z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11, [z.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length);' "$1")
  echo "$(wc -c <"$1") $(gzip -9 -n -c "$1" | wc -c) $br"
}

# wasm_report LABEL FILE: prints the sizes in bytes and MiB.
wasm_report() {
  local sizes
  sizes=$(wasm_sizes "$2")
  awk -v l="$1" -v s="$sizes" 'BEGIN { split(s, a, " "); printf "%s: %d bytes raw (%.2f MiB), %d gzip (%.3f MiB), %d brotli (%.3f MiB)\n", l, a[1], a[1]/1048576, a[2], a[2]/1048576, a[3], a[3]/1048576 }' >&2
}

# wasm_build writes dist/: pronote-api.wasm (the API alone, what load() takes), pronote.wasm
# (the API and the interface, load({ ui: true })), pronote.js, pronote.d.ts, wasm_exec.js,
# package.json (type: module, for Node versions without syntax detection), and prints sizes.
wasm_build() {
  printf '\n== wasm: dist/pronote-api.wasm, dist/pronote.wasm\n' >&2
  mkdir -p dist
  wasm_compile dist/pronote.wasm
  wasm_compile dist/pronote-api.wasm noui # what load() takes unless asked for { ui: true }
  cp web/pronote.js web/pronote.d.ts dist/
  cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" dist/wasm_exec.js
  printf '{ "type": "module" }\n' >dist/package.json
  if GOOS=js GOARCH=wasm go list -deps ./wasm | grep -qx net/http; then
    echo "wasm_build: pronote.wasm links net/http (~1.8 MiB gzip): use the fetch transport" >&2
    return 1
  fi
  wasm_report "dist/pronote-api.wasm (API alone)" dist/pronote-api.wasm
  wasm_report "dist/pronote.wasm (API + UI)" dist/pronote.wasm
}

# wasm_size_check fails when the library (dist/pronote-api.wasm, the API alone) exceeds its
# gzip budget.
wasm_size_check() {
  local gz
  gz=$(wasm_sizes dist/pronote-api.wasm | cut -d' ' -f2)
  if [ "$gz" -gt "$WASM_BUDGET_GZIP" ]; then
    echo "wasm_size_check: the API module is $gz bytes gzip, over its budget of $WASM_BUDGET_GZIP (1.5 MiB)" >&2
    return 1
  fi
  echo "wasm_size_check: $gz <= $WASM_BUDGET_GZIP bytes gzip" >&2
}

# wasm_test takes dist/ as wasm_build wrote it, builds a test module with the panic hook
# (-tags pronote_testhook, never in dist/) and the fake server, then runs the JavaScript suite
# and type-checks the example.
wasm_test() {
  local tmp status=0 size=0
  wasm_size_check || size=$? # reported now, fails the build after the tests
  tmp=$(mktemp -d)
  printf '\n== wasm: JavaScript tests (node --test)\n' >&2
  wasm_compile "$tmp/testhook.wasm" pronote_testhook
  fakepronote_build
  PRONOTE_TEST_WASM="$tmp/testhook.wasm" \
    node --test --test-concurrency=2 wasm/test/*.test.mjs || status=$?
  rm -rf "$tmp"
  [ "$status" = 0 ] || return "$status"
  printf '\n== wasm: tsc --strict on wasm/test/example.ts\n' >&2
  node_modules/.bin/tsc --strict --noEmit --target es2022 --module es2022 --moduleResolution bundler \
    --lib es2022,dom wasm/test/example.ts
  return "$size"
}
