//go:build js && wasm && noui

package main

import "syscall/js"

// registerUI adds a mount that says where the interface is: this build (-tags noui,
// dist/pronote-api.wasm) is the API alone, which load() takes unless asked for { ui: true }.
func registerUI(ns js.Value) {
	ns.Set("mount", method(func(js.Value, []js.Value) (job, js.Value, error) {
		return nil, js.Undefined(), argError("ui", "this is the API-only module: load it with load({ ui: true }) to mount the interface")
	}))
}
