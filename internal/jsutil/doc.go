// Package jsutil holds the raw syscall/js plumbing shared by the browser module (wasm/) and
// the Worker (relay/worker/): waiting for a JavaScript Promise from a goroutine. It builds only
// for GOOS=js.
package jsutil
