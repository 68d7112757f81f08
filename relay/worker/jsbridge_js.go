package main

import (
	"errors"
	"syscall/js"
)

// helpers are the JavaScript functions worker.js hands to this instance (worker.js: relayJS).
// They keep bodies and headers on the JavaScript side, so that a request crosses into Go a few
// times only, whatever the size of its body.
var helpers = js.Global().Get("context").Get("relayJS")

var uint8Array = js.Global().Get("Uint8Array")

// errTimeout is a JavaScript TimeoutError: AbortSignal.timeout fired.
var errTimeout = errors.New("worker: the upstream timeout fired")

// errJS is any other rejection. Its JavaScript text is not kept: it may hold the upstream URL.
var errJS = errors.New("worker: a JavaScript promise was rejected")

// await waits for a promise without blocking a JavaScript callback: the callbacks only send on
// a buffered channel, and both are released once one has fired. The goroutine that waits is
// woken by this promise's own settlement, inside the request that created it.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	catch := js.FuncOf(func(_ js.Value, args []js.Value) any {
		err := errJS
		if len(args) > 0 && args[0].Type() == js.TypeObject && args[0].Get("name").String() == "TimeoutError" {
			err = errTimeout
		}
		ch <- result{err: err}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	p.Call("then", then, catch)
	r := <-ch
	return r.v, r.err
}

// bytesToJS copies b into a new Uint8Array.
func bytesToJS(b []byte) js.Value {
	arr := uint8Array.New(len(b))
	js.CopyBytesToJS(arr, b)
	return arr
}
