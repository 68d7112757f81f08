//go:build js && wasm

package main

import (
	"context"
	"syscall/js"

	"github.com/pronote-web/pronote/protocol"
)

// typed adapts a typed session method of the shape (ctx, Query) (Result, error) to
// JavaScript: its query is an options object, or is built from the leading positional
// arguments named by positional (e.g. markNewsRead(id, read) has positional "id", "read")
// followed by an options object. The query is read into Q strictly (readObject: a field of
// the wrong type or an unknown one is INVALID_ARGUMENT naming it), then checked by the Go
// method itself, so JavaScript and Go refuse the same queries in the same words. The
// options' signal aborts the call; the result crosses as JSON.
func typed[Q, R any](call func(*protocol.Session, context.Context, Q) (R, error), positional ...string) func(e *entry, args []js.Value) (job, js.Value, error) {
	return func(e *entry, args []js.Value) (job, js.Value, error) {
		var q Q
		signal, err := decodeQuery(args, positional, &q)
		if err != nil {
			return nil, js.Undefined(), err
		}
		return jsonJob(func(ctx context.Context) (R, error) { return call(e.s, ctx, q) }), signal, nil
	}
}

// decodeQuery reads the positional arguments and the options object after them into q,
// strictly (readObject).
func decodeQuery(args []js.Value, positional []string, q any) (js.Value, error) {
	var over map[string]js.Value
	for i, name := range positional {
		if i >= len(args) || args[i].IsUndefined() {
			continue
		}
		if over == nil {
			over = make(map[string]js.Value, len(positional))
		}
		over[name] = args[i]
	}
	opts, err := optionsOf(args, len(positional), "query")
	if err != nil {
		return js.Undefined(), err
	}
	signal := js.Undefined()
	if !opts.IsUndefined() {
		if signal, err = signalOf(opts); err != nil {
			return js.Undefined(), err
		}
	}
	return signal, readObject(opts, "query", q, true, over)
}

// typedVoid is typed for a method that resolves with undefined (a write such as
// markNewsRead or reply): the Go result is dropped.
func typedVoid[Q, R any](call func(*protocol.Session, context.Context, Q) (R, error), positional ...string) func(e *entry, args []js.Value) (job, js.Value, error) {
	return func(e *entry, args []js.Value) (job, js.Value, error) {
		var q Q
		signal, err := decodeQuery(args, positional, &q)
		if err != nil {
			return nil, js.Undefined(), err
		}
		return doneJob(func(ctx context.Context) error { _, err := call(e.s, ctx, q); return err }), signal, nil
	}
}

// typedFile is typed for a method that resolves with a file: { name, type, bytes }, its
// bytes copied into a Uint8Array (bytes cross as bytes, not as JSON).
func typedFile[Q any](call func(*protocol.Session, context.Context, Q) (*protocol.File, error), positional ...string) func(e *entry, args []js.Value) (job, js.Value, error) {
	return func(e *entry, args []js.Value) (job, js.Value, error) {
		var q Q
		signal, err := decodeQuery(args, positional, &q)
		if err != nil {
			return nil, js.Undefined(), err
		}
		return func(ctx context.Context) (js.Value, error) {
			f, err := call(e.s, ctx, q)
			if err != nil {
				return js.Undefined(), err
			}
			b := jsUint8Array.New(len(f.Bytes))
			js.CopyBytesToJS(b, f.Bytes)
			v := jsObject.New()
			v.Set("name", f.Name)
			v.Set("type", f.Type)
			v.Set("bytes", b)
			return v, nil
		}, signal, nil
	}
}
