//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main explains how to build the module: it only runs as GOOS=js GOARCH=wasm.
func main() {
	fmt.Fprintln(os.Stderr, "pronote.wasm is a WebAssembly module: build it with ./build.sh build")
	os.Exit(2)
}
