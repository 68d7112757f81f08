//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"github.com/pronote-web/pronote/protocol"
)

// The JavaScript globals the module uses, looked up once.
var (
	jsJSON    = js.Global().Get("JSON")
	jsObject  = js.Global().Get("Object")
	jsError   = js.Global().Get("Error")
	jsPromise = js.Global().Get("Promise")

	jsUint8Array = js.Global().Get("Uint8Array")
	jsArray      = js.Global().Get("Array")
)

// fromJSON turns JSON text made by encoding/json into a plain JavaScript value.
func fromJSON(text []byte) js.Value {
	return jsJSON.Call("parse", string(text))
}

// toJSON returns the JSON text of a JavaScript argument, "" for undefined and null. A value
// JSON.stringify refuses (a BigInt, a cycle) or that is not an object is reported by name.
func toJSON(v js.Value, name string, wantObject bool) (text string, err error) {
	if v.IsUndefined() || v.IsNull() {
		return "", nil
	}
	if wantObject && v.Type() != js.TypeObject {
		return "", argError(name, "must be an object")
	}
	defer func() {
		if recover() != nil {
			text, err = "", argError(name, "cannot be converted to JSON")
		}
	}()
	s := jsJSON.Call("stringify", v)
	if s.Type() != js.TypeString {
		return "", argError(name, "cannot be converted to JSON")
	}
	return s.String(), nil
}

// optionsOf returns args[i] when it is an options object, undefined when absent.
func optionsOf(args []js.Value, i int, name string) (js.Value, error) {
	if i >= len(args) || args[i].IsUndefined() || args[i].IsNull() {
		return js.Undefined(), nil
	}
	if args[i].Type() != js.TypeObject {
		return js.Undefined(), argError(name, "must be an object")
	}
	return args[i], nil
}

// decodeOptions decodes args[i] (an options object, or absent) into v and returns its signal.
func decodeOptions(args []js.Value, i int, name string, v any) (signal js.Value, err error) {
	opts, err := optionsOf(args, i, name)
	if err != nil {
		return js.Undefined(), err
	}
	if opts.IsUndefined() {
		return js.Undefined(), nil
	}
	signal, err = signalOf(opts)
	if err != nil {
		return js.Undefined(), err
	}
	return signal, readObject(opts, name, v, false, nil)
}

// signalOf returns opts.signal when it is an AbortSignal, undefined when absent.
func signalOf(opts js.Value) (js.Value, error) {
	s := opts.Get("signal")
	if s.IsUndefined() || s.IsNull() {
		return js.Undefined(), nil
	}
	if s.Type() != js.TypeObject || s.Get("addEventListener").Type() != js.TypeFunction {
		return js.Undefined(), argError("signal", "must be an AbortSignal")
	}
	return s, nil
}

// newError makes the JavaScript Error a Promise rejects with: message in plain words, a stable
// code, and the argument's name for INVALID_ARGUMENT.
func newError(err error) js.Value {
	e := jsError.New(messageOf(err))
	e.Set("name", "PronoteError")
	e.Set("code", codeOf(err))
	if arg := argumentOf(err); arg != "" {
		e.Set("argument", arg)
	}
	var re *relayError
	if errors.As(err, &re) {
		e.Set("relayCode", re.Code)
	}
	var se *protocol.ServerError
	if errors.As(err, &se) && se.G != 0 {
		e.Set("g", se.G)
	}
	setNeed(e, err) // TWO_FACTOR_REQUIRED, PASSWORD_CHANGE_REQUIRED (login_js.go)
	return e
}
