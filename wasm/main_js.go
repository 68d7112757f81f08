//go:build js && wasm

package main

import (
	"runtime/debug"
	"syscall/js"
)

// gcPercent is the module's GOGC: its live heap is small (some megabytes), and at Go's default
// of 100 the collector ran every few requests. Measured on 2026-12-01 (issue 13): CPU per
// journey -7 % for +5 MiB of WebAssembly memory at 200 (the same after 20, 100 and 200
// logins: no growth); 400 gained no more for +12 MiB.
const gcPercent = 200

// main registers the API on the namespace pronote.js provides (globalThis.__pronoteNamespace
// while the module starts), or on a new globalThis.pronote when loaded without pronote.js,
// then keeps the runtime alive for the callbacks.
func main() {
	debug.SetGCPercent(gcPercent)
	ns := js.Global().Get("__pronoteNamespace")
	if ns.Type() != js.TypeObject {
		ns = jsObject.New()
		js.Global().Set("pronote", ns)
	}
	register(ns)
	select {}
}
