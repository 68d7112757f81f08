//go:build js && wasm

package main

import (
	"context"
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
// an Error carrying a stable code. The returned js.Func lives as long as the namespace.
func method(prepare prepareFunc) js.Func {
	return js.FuncOf(func(this js.Value, args []js.Value) any {
		return promise(func() (job, js.Value, error) { return prepare(this, args) })
	})
}

func promise(prepare func() (job, js.Value, error)) js.Value {
	var resolve, reject js.Value
	executor := js.FuncOf(func(_ js.Value, a []js.Value) any {
		resolve, reject = a[0], a[1]
		return nil
	})
	p := jsPromise.New(executor) // the executor runs synchronously
	executor.Release()
	work, signal, err := safePrepare(prepare)
	if err != nil {
		reject.Invoke(newError(err))
		return p
	}
	ctx, stop, err := watch(signal)
	if err != nil {
		reject.Invoke(newError(err))
		return p
	}
	go func() {
		v, err := safeRun(ctx, work)
		stop()
		if err != nil {
			reject.Invoke(newError(err))
			return
		}
		resolve.Invoke(v)
	}()
	return p
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
	ctx, cancel := context.WithCancel(context.Background())
	if signal.IsUndefined() {
		return ctx, cancel, nil
	}
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
