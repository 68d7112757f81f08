//go:build !relayhooks

package main

import "net/http"

// withTestHooks returns h: the hooks exist only in the test build (hooks_js.go).
func withTestHooks(h http.Handler) http.Handler { return h }
