// Command worker is the PRONOTE relay as a Cloudflare Worker: the [relay] handler, configured
// from the Worker's variables (PRONOTE_HOSTS, PATH_PREFIXES, ALLOWED_ORIGINS, USER_AGENT,
// MAX_REQUEST_BYTES, MAX_RESPONSE_BYTES, UPSTREAM_TIMEOUT_MS, LOGIN_LIMIT,
// LOGIN_WINDOW_SECONDS; see relay.ConfigFromEnv) and the LOGIN_RATE_LIMITER binding, with the
// Worker's fetch as its upstream.
//
// # Wasm
//
// Built with GOOS=js GOARCH=wasm (relay/build.bash: relay_build) and loaded by worker.js at the
// repository root, which answers CORS preflights without Go and keeps one instance of this
// program per isolate: main registers binding.serve, calls workers.Ready (github.com/syumai/
// workers) and waits; every request is then one call of binding.serve (serve_js.go). A panic
// answers RELAY_INTERNAL and retires the instance; a panic that ends it fails the requests in
// flight on it with RELAY_INTERNAL (worker.js); the next request starts a fresh one.
//
// One instance serves concurrent requests, and workerd ties every promise and timer to the
// request that created it. So nothing in Go lets one request's events resume another's work:
// each request runs on its own goroutine, woken only by its own promises (await in
// jsbridge_js.go); the relay starts no Go timer (the upstream timeout is AbortSignal.timeout,
// see fetch_js.go); no lock is held across an await.
//
// Differences from syumai/workers' own request path (workers.Serve), which this program does
// not use:
//
//   - Bodies stay in JavaScript (body_js.go, worker.js's relayJS helpers): an upstream body of
//     known length is handed from fetch's Response to the answer as a stream; a body of unknown
//     length, and a request body, is read there chunk by chunk up to its limit and cut past it.
//     Go decides the policy and the headers.
//   - Only the request headers the relay reads cross into Go, and headers cross as
//     "name: value" lines, one per value: syumai splits every value on commas, which breaks
//     Set-Cookie values with Expires and cookie values with commas.
//   - A target Go's URL parser refuses ("%zz") reaches the relay verbatim in URL.RawPath, and
//     is refused as RELAY_BAD_REQUEST rather than failing the request.
//   - Upstream requests send the body as a Uint8Array (a real Content-Length) with
//     redirect: "manual", and read Set-Cookie through headers.getSetCookie().
//
// Importing syumai/workers under go test panics at init without globalThis.context, so this
// package has no Go tests; the handler is tested natively in package relay and the Worker in
// workerd by relay/workerd_test.mjs and relay/workerd_instance_test.mjs, the latter with the
// relayhooks build (hooks_js.go: panics on request, never deployed).
//
// Built natively (go run ./relay/worker), it serves the same handler on 127.0.0.1:$PORT
// (default 8788) with net/http as the upstream, for local development.
package main
