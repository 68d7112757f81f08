package ui

import (
	"context"
	"syscall/js"

	"github.com/pronote-web/pronote/protocol"
)

// JSRemote returns the Remote over backend, a JavaScript object whose methods return Promises
// (extension/popup.js implements it over a chrome.runtime Port to the service worker):
//
//	attach()                          → null, or the JSON text of {user, periods, url, username, identifiantNav?, child?}
//	login(optionsJSON, onProgress?)   → the same JSON text, for the new session
//	call(name, queryJSON, child?)     → the result's JSON text ("" or null for a write)
//	logout()                          → undefined
//
// A rejection's code and message (an Error from the module) become a *RemoteError.
func JSRemote(backend js.Value) Remote { return jsRemote{backend} }

type jsRemote struct{ b js.Value }

// Attach implements Remote.
func (r jsRemote) Attach(ctx context.Context) (session, error) {
	v, err := r.invoke(ctx, "attach")
	if err != nil || v.Type() != js.TypeString {
		return nil, err
	}
	return r.session(v.String())
}

// Login implements Remote: the password goes to the service worker, which logs in.
func (r jsRemote) Login(ctx context.Context, o protocol.Options) (session, error) {
	args, err := remoteLoginOf(o)
	if err != nil {
		return nil, err
	}
	text, err := jsonText(args)
	if err != nil {
		return nil, err
	}
	progress := js.Undefined()
	if o.OnProgress != nil {
		f := js.FuncOf(func(_ js.Value, a []js.Value) any {
			if len(a) > 0 && a[0].Type() == js.TypeString {
				o.OnProgress(a[0].String())
			}
			return nil
		})
		defer f.Release()
		progress = f.Value
	}
	v, err := r.invoke(ctx, "login", text, progress)
	if err != nil {
		return nil, err
	}
	if v.Type() != js.TypeString {
		return nil, &RemoteError{Code: "PROTOCOL_ERROR", Message: "the extension did not say who logged in"}
	}
	return r.session(v.String())
}

func (r jsRemote) session(info string) (session, error) {
	s := &remoteSession{send: r.send, close: func() error {
		_, err := r.invoke(context.Background(), "logout")
		return err
	}}
	if err := jsonDecode(info, &s.info); err != nil {
		return nil, &RemoteError{Code: "PROTOCOL_ERROR", Message: "the extension's session is not what was expected"}
	}
	s.child = s.info.Child
	return s, nil
}

func (r jsRemote) send(ctx context.Context, name string, query []byte, child string) ([]byte, error) {
	v, err := r.invoke(ctx, "call", name, string(query), child)
	if err != nil || v.Type() != js.TypeString {
		return nil, err
	}
	return []byte(v.String()), nil
}

// invoke calls backend[method](args…) and waits for its Promise. A ctx that ends first
// returns at once; the Promise's callbacks are released when it settles.
func (r jsRemote) invoke(ctx context.Context, method string, args ...any) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	done := make(chan result, 1)
	settle := func(ok bool) js.Func {
		return js.FuncOf(func(_ js.Value, a []js.Value) any {
			v := js.Undefined()
			if len(a) > 0 {
				v = a[0]
			}
			if ok {
				done <- result{v: v}
			} else {
				done <- result{err: remoteErrorOf(v)}
			}
			return nil
		})
	}
	resolve, reject := settle(true), settle(false)
	release := func() { resolve.Release(); reject.Release() }
	if err := r.start(method, args, resolve, reject); err != nil {
		release()
		return js.Undefined(), err
	}
	select {
	case res := <-done:
		release()
		return res.v, res.err
	case <-ctx.Done():
		go func() { <-done; release() }()
		return js.Undefined(), ctx.Err()
	}
}

// start calls the method and chains the callbacks; a method that throws is an error.
func (r jsRemote) start(method string, args []any, resolve, reject js.Func) (err error) {
	defer func() {
		if recover() != nil {
			err = &RemoteError{Code: "INTERNAL_ERROR", Message: "the extension's backend failed"}
		}
	}()
	p := r.b.Call(method, args...)
	js.Global().Get("Promise").Call("resolve", p).Call("then", resolve, reject)
	return nil
}

// remoteErrorOf reads a rejection: an Error with a code, or anything else.
func remoteErrorOf(v js.Value) error {
	e := &RemoteError{Code: "INTERNAL_ERROR", Message: "the extension's backend failed"}
	if v.Type() == js.TypeObject {
		if c := v.Get("code"); c.Type() == js.TypeString {
			e.Code = c.String()
		}
		if m := v.Get("message"); m.Type() == js.TypeString {
			e.Message = m.String()
		}
	}
	return e
}
