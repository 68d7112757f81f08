# relay/build.bash: build, test and bench hooks for the relay Worker. Sourced by build.sh (and by
# wrangler's [build] command); expects the repository root as the working directory.

# relay_glue writes the wasm_exec.js the Worker needs: Go's own (from GOROOT, so it always
# matches the compiler) with the change syumai/workers expects: run(instance, context) exposes
# `context` as globalThis.context to that Go instance only (worker.js keeps one per isolate).
relay_glue() {
  local src out
  src="$(go env GOROOT)/lib/wasm/wasm_exec.js"
  out=$1
  sed -e 's/^\t\tasync run(instance) {$/\t\tasync run(instance, context) {\n\t\t\tconst globalProxy = new Proxy(globalThis, { get: (t, p) => (p === "context" ? context : Reflect.get(t, p, t)) });/' \
    -e 's/^\t\t\t\tglobalThis,$/\t\t\t\tglobalProxy,/' \
    -e 's/\[globalThis, 5\]/[globalProxy, 5]/' "$src" >"$out"
  if [ "$(grep -c globalProxy "$out")" != 3 ]; then
    echo "relay_glue: $src changed shape; update the patch in relay/build.bash" >&2
    return 1
  fi
}

# relay_build writes dist/relay/{relay.wasm,wasm_exec.js} and prints the module's size.
relay_build() {
  local out=dist/relay raw gz
  mkdir -p "$out"
  GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$out/relay.wasm" ./relay/worker
  relay_glue "$out/wasm_exec.js"
  raw=$(wc -c <"$out/relay.wasm")
  gz=$(gzip -9 -c "$out/relay.wasm" | wc -c)
  awk -v r="$raw" -v g="$gz" 'BEGIN { printf "relay worker: dist/relay/relay.wasm %d bytes raw, %d bytes gzip (%.2f MiB)\n", r, g, g / 1048576 }' >&2
}

# relay_build_hooks writes dist/relay-hooks/: the same Worker built with the relayhooks tag
# (relay/worker/hooks_js.go: panics on request, an instance id), for the workerd tests only.
# wrangler deploys dist/relay, never this one.
relay_build_hooks() {
  local out=dist/relay-hooks
  mkdir -p "$out"
  GOOS=js GOARCH=wasm go build -tags relayhooks -trimpath -ldflags='-s -w' -o "$out/relay.wasm" ./relay/worker
  relay_glue "$out/wasm_exec.js"
}

# relay_test runs the Worker built by relay_build (and its hooks build) in the real Workers
# runtime (workerd) against a local fake upstream. The handler's native tests run with the other
# Go tests.
relay_test() {
  printf '\n== relay: workerd tests\n' >&2
  relay_build_hooks
  node --test --test-reporter=spec relay/workerd_test.mjs relay/workerd_instance_test.mjs
}

# relay_bench reports the relay's CPU per request beside a minimal JavaScript pass-through
# Worker, its added latency and its memory, in workerd (a report, no assertion), for the Worker
# built by relay_build.
relay_bench() {
  printf '\n== relay: CPU, latency and memory in workerd\n' >&2
  node relay/bench.mjs
}
