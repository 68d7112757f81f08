//go:build js && wasm

package main

import (
	"context"
	"syscall/js"

	"github.com/pronote-web/pronote/protocol"
)

// testHooks add test-only members to the namespace; only builds tagged pronote_testhook
// have any (testhook_js.go).
var testHooks []func(ns js.Value)

// register fills ns with the JavaScript API: login, resume, and the session prototype. Tests
// call it; main calls it once and blocks.
func register(ns js.Value) {
	takeHost(ns) // pronote.js's request helper (fetch_js.go)
	proto := jsObject.New()
	for name, prepare := range sessionMethods {
		proto.Set(name, sessionMethod(prepare))
	}
	proto.Set("close", closeMethod())
	defineGetters(proto) // token, identifiantNav (login_js.go)
	sessions.proto = proto
	sessions.ids = js.Global().Get("WeakMap").New()
	sessions.cleanup = finalizer()
	ns.Set("login", method(prepareLogin))
	ns.Set("resume", method(prepareResume))
	ns.Set("prepareENT", method(prepareENT))
	registerUI(ns) // pronote.mount (mount_js.go), absent with -tags noui
	for _, hook := range testHooks {
		hook(ns)
	}
}

// finalizer returns a FinalizationRegistry that closes sessions dropped without close(), or
// undefined where the platform has none.
func finalizer() js.Value {
	fr := js.Global().Get("FinalizationRegistry")
	if fr.Type() != js.TypeFunction {
		return js.Undefined()
	}
	// Lives as long as the module: never released.
	onCollect := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if e := sessions.drop(args[0].Int()); e != nil {
			go e.s.Close() // Close waits for calls in flight: not inside a callback
		}
		return nil
	})
	return fr.New(onCollect)
}

// prepareResume: resume(state, {relay?, timeout?, autoRelogin?, onToken?, signal?}) → a session object,
// without a new login.
func prepareResume(_ js.Value, args []js.Value) (job, js.Value, error) {
	if len(args) == 0 || (args[0].Type() != js.TypeObject && args[0].Type() != js.TypeString) {
		return nil, js.Undefined(), argError("state", "must be what session.export() returned")
	}
	text := args[0].String()
	if args[0].Type() == js.TypeObject {
		var err error
		if text, err = toJSON(args[0], "state", true); err != nil {
			return nil, js.Undefined(), err
		}
	}
	var o resumeArgs
	signal, err := decodeOptions(args, 1, "options", &o)
	if err == nil && o.Relay != nil {
		err = checkRelay(*o.Relay)
	}
	if err == nil {
		err = checkTimeout(o.Timeout)
	}
	if err != nil {
		return nil, js.Undefined(), err
	}
	onToken, err := onTokenOf(args, 1)
	if err != nil {
		return nil, js.Undefined(), err
	}
	return func(context.Context) (js.Value, error) {
		st, relay, err := splitState(text)
		if err != nil {
			return js.Undefined(), err
		}
		if o.Relay != nil {
			relay = *o.Relay
		}
		s, err := protocol.Resume(st, protocol.Options{Transport: &fetchTransport{relay: relay},
			Timeout: timeoutOf(o.Timeout), AutoRelogin: o.AutoRelogin, OnToken: onToken})
		if err != nil {
			return js.Undefined(), err
		}
		return sessions.newObject(&entry{s: s, relay: relay})
	}, signal, nil
}
