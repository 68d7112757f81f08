//go:build relayhooks

package main

import (
	"net/http"
	"runtime"
	"strconv"
	"time"
)

// instanceID tells one Go instance from the next, for the workerd tests.
var instanceID = strconv.FormatInt(time.Now().UnixNano(), 36)

// withTestHooks adds the test build's hooks (relay_build_hooks in relay/build.bash; never in
// the deployed module): GET /_hooks/instance answers the instance's id, /_hooks/goroutines the
// number of goroutines, /_hooks/bad-header answers a header JavaScript refuses, /_hooks/panic panics
// in the request's goroutine, /_hooks/crash panics on a goroutine of its own, which ends the
// instance.
func withTestHooks(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/_hooks/instance":
			_, _ = w.Write([]byte(instanceID))
		case "/_hooks/goroutines":
			_, _ = w.Write([]byte(strconv.Itoa(runtime.NumGoroutine())))
		case "/_hooks/bad-header":
			w.Header().Set("Bad Name", "x") // JavaScript's Headers refuses the name
			_, _ = w.Write([]byte("x"))
		case "/_hooks/panic":
			panic("test hook")
		case "/_hooks/crash":
			go func() { panic("test hook crash") }()
			select {}
		default:
			h.ServeHTTP(w, r)
		}
	})
}
