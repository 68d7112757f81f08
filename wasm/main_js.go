//go:build js && wasm

package main

import "syscall/js"

// main registers the API on the namespace pronote.js provides (globalThis.__pronoteNamespace
// while the module starts), or on a new globalThis.pronote when loaded without pronote.js,
// then keeps the runtime alive for the callbacks.
func main() {
	ns := js.Global().Get("__pronoteNamespace")
	if ns.Type() != js.TypeObject {
		ns = jsObject.New()
		js.Global().Set("pronote", ns)
	}
	register(ns)
	select {}
}
