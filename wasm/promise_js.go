//go:build js && wasm

package main

import (
	"context"
	"sync/atomic"
	"syscall/js"
)

// job is the asynchronous part of a JavaScript method. It runs on its own goroutine; its
// result resolves the method's Promise (js.Undefined() for none), its error rejects it.
type job func(ctx context.Context) (js.Value, error)

// prepareFunc reads a method's arguments synchronously, inside the JavaScript call, and
// returns the job to run and the AbortSignal that cancels it (undefined for none).
type prepareFunc func(this js.Value, args []js.Value) (job, js.Value, error)

// method is the one Promise helper: it wraps prepare as a JavaScript function that returns a
// Promise. It never blocks inside the callback, releases every js.Func it creates once the
// Promise settles, turns panics (in prepare or in the job) into rejections, and rejects with
// an Error carrying a stable code. The returned function lives as long as the namespace.
//
// With pronote.js, the Promise is made in JavaScript (its hostMethod), which hands this
// function its resolve and reject with the call's this and arguments: one crossing per call.
// Made from Go, it took a js.FuncOf for the executor and a nested call back into Go (issue 13).
func method(prepare prepareFunc) js.Value {
	if host.method.Type() == js.TypeFunction {
		return host.method.Invoke(js.FuncOf(func(_ js.Value, a []js.Value) any {
			start(a[0], a[1], func() (job, js.Value, error) { return prepare(a[2], a[3:]) })
			return nil
		}))
	}
	return js.FuncOf(func(this js.Value, args []js.Value) any {
		return promise(func() (job, js.Value, error) { return prepare(this, args) })
	}).Value
}

// promise makes the Promise from Go, for a module started without pronote.js.
func promise(prepare func() (job, js.Value, error)) js.Value {
	var resolve, reject js.Value
	executor := js.FuncOf(func(_ js.Value, a []js.Value) any {
		resolve, reject = a[0], a[1]
		return nil
	})
	p := jsPromise.New(executor) // the executor runs synchronously
	executor.Release()
	start(resolve, reject, prepare)
	return p
}

// start prepares the job inside the JavaScript call, then runs it on a goroutine and settles
// the Promise with resolve or reject.
func start(resolve, reject js.Value, prepare func() (job, js.Value, error)) {
	work, signal, err := safePrepare(prepare)
	if err != nil {
		reject.Invoke(newError(err))
		return
	}
	ctx, stop, err := watch(signal)
	if err != nil {
		reject.Invoke(newError(err))
		return
	}
	spawn(func() {
		v, err := safeRun(ctx, work)
		stop()
		if err != nil {
			reject.Invoke(newError(err))
			return
		}
		resolve.Invoke(v)
	})
}

// idleWorkers hands a job to a goroutine waiting for one; spawn starts a new goroutine when
// none waits. A worker keeps its stack, grown by the calls before: each call on a new
// goroutine grew a new one (copied at each doubling), and started one more goroutine.
var (
	idleWorkers = make(chan func())
	idleCount   atomic.Int32
)

// maxIdleWorkers bounds the goroutines kept waiting after a burst of concurrent calls.
const maxIdleWorkers = 4

func spawn(f func()) {
	select {
	case idleWorkers <- f:
	default:
		go worker(f)
	}
}

func worker(f func()) {
	for {
		f()
		if idleCount.Add(1) > maxIdleWorkers {
			idleCount.Add(-1)
			return
		}
		f = <-idleWorkers
		idleCount.Add(-1)
	}
}

func safePrepare(prepare func() (job, js.Value, error)) (work job, signal js.Value, err error) {
	defer func() {
		if recover() != nil {
			work, signal, err = nil, js.Undefined(), errInternal
		}
	}()
	return prepare()
}

func safeRun(ctx context.Context, work job) (v js.Value, err error) {
	defer func() {
		if recover() != nil {
			v, err = js.Undefined(), errInternal
		}
	}()
	return work(ctx)
}

// watch returns a context cancelled when signal aborts, and the function that detaches the
// listener and releases it. An already aborted signal is an error (ABORTED).
func watch(signal js.Value) (context.Context, func(), error) {
	if signal.IsUndefined() {
		// Nothing can cancel the call: a context that is never done lets the session skip
		// the goroutine and select that watch a cancellable one (Session.roundTrip).
		return context.Background(), func() {}, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	if signal.Get("aborted").Truthy() {
		cancel()
		return ctx, cancel, context.Canceled
	}
	onAbort := js.FuncOf(func(js.Value, []js.Value) any {
		cancel()
		return nil
	})
	signal.Call("addEventListener", "abort", onAbort)
	stop := func() {
		signal.Call("removeEventListener", "abort", onAbort)
		onAbort.Release()
		cancel()
	}
	return ctx, stop, nil
}
