//go:build js && wasm && noui

package main

import "syscall/js"

// registerUI adds nothing: this build (-tags noui) is the API alone, for the size budget.
func registerUI(js.Value) {}
