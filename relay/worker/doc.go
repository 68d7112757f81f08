// Command worker is the PRONOTE relay as a Cloudflare Worker: the [relay] handler served by
// github.com/syumai/workers, configured from the Worker's variables (PRONOTE_HOSTS,
// PATH_PREFIXES, ALLOWED_ORIGINS, USER_AGENT, MAX_REQUEST_BYTES, MAX_RESPONSE_BYTES,
// UPSTREAM_TIMEOUT_MS; see relay.ConfigFromEnv), with JS fetch as its upstream.
//
// # Wasm
//
// Built with GOOS=js GOARCH=wasm (relay/build.bash: relay_build) and loaded by worker.js at the
// repository root, which answers CORS preflights without starting Go. Differences from the
// syumai/workers defaults:
//
//   - Upstream requests go through a small fetch bridge of our own (fetch_js.go), not
//     syumai's fetch package: it sends the body as bytes (a real Content-Length, where syumai
//     streams it chunked), uses redirect: "manual", and reads Set-Cookie through
//     headers.getSetCookie() (syumai splits header values on commas, which breaks Expires).
//   - The global fetch is called with Get("fetch").Invoke, since Call("fetch") throws
//     "Illegal invocation" in workerd.
//   - The handler recovers from panics (a panic would kill the instance).
//
// Importing syumai/workers under go test panics at init without globalThis.context, so this
// package has no tests; the handler is tested natively in package relay and the Worker in
// workerd by relay/workerd_test.mjs.
//
// Built natively (go run ./relay/worker), it serves the same handler on 127.0.0.1:$PORT
// (default 8788) with net/http as the upstream, for local development.
package main
