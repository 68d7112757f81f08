//go:build js && wasm && pronote_testhook

package main

import (
	"context"
	"syscall/js"
)

// This file is compiled only with -tags pronote_testhook (wasm/build.bash builds such a
// module for the tests, never into dist/). It adds ns._testPanic(where): a method that
// panics in its synchronous part (where === "prepare") or in its goroutine (otherwise), so
// tests can check that a panic becomes a rejection and that the module keeps working.
func init() {
	testHooks = append(testHooks, func(ns js.Value) {
		ns.Set("_testPanic", method(func(_ js.Value, args []js.Value) (job, js.Value, error) {
			if len(args) > 0 && args[0].String() == "prepare" {
				panic("test panic in prepare")
			}
			return func(context.Context) (js.Value, error) { panic("test panic in job") }, js.Undefined(), nil
		}))
	})
}
