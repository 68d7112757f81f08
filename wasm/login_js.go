//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"errors"
	"syscall/js"

	"github.com/pronote-web/pronote/protocol"
)

// prepareLogin: login({url, username, password | token | qr: {data, pin} | entCookies,
// remember?, pin?, deviceName?, newPassword?, deviceUUID?, identifiantNav?, autoRelogin?,
// relay?, onProgress?, onToken?, onTwoFactor?, signal?}) → a session object.
func prepareLogin(_ js.Value, args []js.Value) (job, js.Value, error) {
	if len(args) == 0 || args[0].Type() != js.TypeObject {
		return nil, js.Undefined(), argError("options", "must be an object with url and username and password, token or qr")
	}
	var a loginArgs
	signal, err := decodeOptions(args, 0, "options", &a)
	if err == nil {
		err = a.check()
	}
	if err != nil {
		return nil, js.Undefined(), err
	}
	o, err := a.options()
	if err != nil {
		return nil, js.Undefined(), err
	}
	if o.OnProgress, err = progressOf(args[0]); err != nil {
		return nil, js.Undefined(), err
	}
	if o.OnToken, err = onTokenOf(args, 0); err != nil {
		return nil, js.Undefined(), err
	}
	if o.OnTwoFactor, err = onTwoFactorOf(args[0]); err != nil {
		return nil, js.Undefined(), err
	}
	return func(ctx context.Context) (js.Value, error) {
		o.Transport = &fetchTransport{relay: a.Relay}
		s, err := protocol.Login(ctx, o)
		if err != nil {
			return js.Undefined(), err
		}
		return sessions.newObject(&entry{s: s, relay: a.Relay})
	}, signal, nil
}

// callback returns opts[name] when it is a function, undefined when absent.
func callback(opts js.Value, name string) (js.Value, error) {
	f := opts.Get(name)
	switch {
	case f.IsUndefined() || f.IsNull():
		return js.Undefined(), nil
	case f.Type() != js.TypeFunction:
		return js.Undefined(), argError(name, "must be a function")
	}
	return f, nil
}

// progressOf returns a Go callback for opts.onProgress, nil when absent. An exception thrown
// by the JavaScript callback is ignored: it must not break the login.
func progressOf(opts js.Value) (func(string), error) {
	f, err := callback(opts, "onProgress")
	if err != nil || f.IsUndefined() {
		return nil, err
	}
	return func(step string) {
		defer func() { _ = recover() }()
		f.Invoke(step)
	}, nil
}

// onTokenOf returns a Go callback for args[i].onToken, nil when absent: it is called with
// every new token (protocol recovers from a throwing callback).
func onTokenOf(args []js.Value, i int) (func(string), error) {
	if i >= len(args) || args[i].Type() != js.TypeObject {
		return nil, nil
	}
	f, err := callback(args[i], "onToken")
	if err != nil || f.IsUndefined() {
		return nil, err
	}
	return func(token string) { f.Invoke(token) }, nil
}

// onTwoFactorOf returns a Go callback for opts.onTwoFactor(need) → Promise<answer | null>,
// nil when absent. null ends the login with TWO_FACTOR_REQUIRED (or PASSWORD_CHANGE_REQUIRED);
// a callback that throws or rejects ends it with INVALID_ARGUMENT naming onTwoFactor; the
// login's signal aborts the wait.
func onTwoFactorOf(opts js.Value) (func(context.Context, protocol.TwoFactorNeed) (*protocol.TwoFactorAnswer, error), error) {
	f, err := callback(opts, "onTwoFactor")
	if err != nil || f.IsUndefined() {
		return nil, err
	}
	return func(ctx context.Context, need protocol.TwoFactorNeed) (*protocol.TwoFactorAnswer, error) {
		b, err := json.Marshal(need)
		if err != nil {
			return nil, err
		}
		v, err := invokeAsync(ctx, f, fromJSON(b))
		if err != nil {
			return nil, err
		}
		text, err := toJSON(v, "onTwoFactor", false)
		if err != nil {
			return nil, err
		}
		return twoFactorAnswerOf(text)
	}, nil
}

// errCallback is a JavaScript callback that threw or whose Promise rejected. Its message is
// not kept: it may hold what the user typed.
var errCallback = argError("onTwoFactor", "threw or rejected")

// invokeAsync calls f(arg) and waits for its result, awaiting it when it is a thenable. It
// returns when ctx ends, without waiting for the callback.
func invokeAsync(ctx context.Context, f, arg js.Value) (v js.Value, err error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	func() {
		defer func() {
			if recover() != nil {
				ch <- result{err: errCallback}
			}
		}()
		v := f.Invoke(arg)
		if v.Type() != js.TypeObject || v.Get("then").Type() != js.TypeFunction {
			ch <- result{v: v}
			return
		}
		var ok, fail js.Func
		ok = js.FuncOf(func(_ js.Value, a []js.Value) any {
			ok.Release()
			fail.Release()
			ch <- result{v: a[0]}
			return nil
		})
		fail = js.FuncOf(func(js.Value, []js.Value) any {
			ok.Release()
			fail.Release()
			ch <- result{err: errCallback}
			return nil
		})
		v.Call("then", ok, fail)
	}()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		return js.Undefined(), ctx.Err()
	}
}

// defineGetters adds the session's live properties to its prototype: token (the current
// token, null when none; it changes with every login) and identifiantNav.
func defineGetters(proto js.Value) {
	getter := func(read func(s *protocol.Session) string) js.Value {
		// Lives as long as the module: never released.
		get := js.FuncOf(func(this js.Value, _ []js.Value) any {
			e, err := sessions.lookup(this)
			if err != nil {
				return nil
			}
			if v := read(e.s); v != "" {
				return v
			}
			return nil
		})
		d := jsObject.New()
		d.Set("get", get)
		d.Set("enumerable", true)
		return d
	}
	jsObject.Call("defineProperty", proto, "token", getter((*protocol.Session).Token))
	jsObject.Call("defineProperty", proto, "identifiantNav", getter((*protocol.Session).IdentifiantNav))
	jsObject.Call("defineProperty", proto, "username", getter((*protocol.Session).Username))
}

// setNeed adds err.need to the JavaScript error of a login that needs double authentication
// or a new password.
func setNeed(e js.Value, err error) {
	var tfe *protocol.TwoFactorError
	if errors.As(err, &tfe) {
		if b, jerr := json.Marshal(tfe.Need); jerr == nil {
			e.Set("need", fromJSON(b))
		}
	}
}

// prepareENT: prepareENT({url, deviceUUID, relay?, signal?}) → the handshake of protocol.md
// §12.1: {page, cookies, cas, casURL, school, version, spaces}.
func prepareENT(_ js.Value, args []js.Value) (job, js.Value, error) {
	var a entArgs
	signal, err := decodeOptions(args, 0, "options", &a)
	if err == nil && len(args) == 0 {
		err = argError("options", "must be an object with url and deviceUUID")
	}
	if err == nil {
		err = checkRelay(a.Relay)
	}
	if err != nil {
		return nil, js.Undefined(), err
	}
	return jsonJob(func(ctx context.Context) (*protocol.ENTHandshake, error) {
		return protocol.PrepareENT(ctx, a.URL, a.DeviceUUID, &fetchTransport{relay: a.Relay})
	}), signal, nil
}
