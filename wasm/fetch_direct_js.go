//go:build js && wasm

package main

import (
	"context"
	"syscall/js"

	"github.com/pronote-web/pronote/protocol"
)

// doDirect is Do without pronote.js's host helper (a module started by wasm_exec.js alone,
// which registers globalThis.pronote): fetch driven from Go member by member, some sixty
// crossings per request where the helper takes two (fetch_js.go).
func (t *fetchTransport) doDirect(ctx context.Context, req *protocol.Request, target string, headers map[string]string) (*protocol.Response, error) {
	ac := js.Global().Get("AbortController").New()
	// Invoke, not Call: js.Global().Call("fetch") throws "Illegal invocation" in workerd.
	res, err := await(ctx, ac, js.Global().Get("fetch").Invoke(target, t.init(req, headers, ac)))
	if err != nil {
		return nil, err
	}
	buf, err := await(ctx, ac, res.Call("arrayBuffer"))
	if err != nil {
		return nil, err
	}
	body := make([]byte, buf.Get("byteLength").Int())
	js.CopyBytesToGo(body, jsUint8Array.New(buf))
	status, header := res.Get("status").Int(), headersOf(res.Get("headers"))
	if t.relay != "" {
		return fromRelay(status, header, body)
	}
	if res.Get("type").String() == "opaqueredirect" {
		status = 302 // a browser hides the redirect's status and Location
	}
	return &protocol.Response{Status: status, Header: header, SetCookies: setCookiesOf(res.Get("headers")), Body: body}, nil
}

// init builds fetch's RequestInit. Direct mode lets the browser keep cookies too (an
// extension cannot set Cookie itself); relay mode sends them in X-Pronote-Cookie only.
func (t *fetchTransport) init(req *protocol.Request, headers map[string]string, ac js.Value) js.Value {
	h := jsObject.New()
	for k, v := range headers {
		h.Set(k, v)
	}
	init := jsObject.New()
	init.Set("method", req.Method)
	init.Set("headers", h)
	init.Set("redirect", "manual")
	init.Set("cache", "no-store")
	init.Set("signal", ac.Get("signal"))
	if t.relay != "" {
		init.Set("credentials", "omit")
	} else {
		init.Set("credentials", "include")
	}
	if len(req.Body) > 0 {
		b := jsUint8Array.New(len(req.Body))
		js.CopyBytesToJS(b, req.Body)
		init.Set("body", b)
	}
	return init
}

// await waits for a JavaScript Promise on the calling goroutine (never a callback). When ctx
// ends first, it aborts the fetch and waits for the Promise to settle before releasing its
// callbacks.
func await(ctx context.Context, ac, p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	ok := js.FuncOf(func(_ js.Value, a []js.Value) any {
		ch <- result{v: a[0]}
		return nil
	})
	fail := js.FuncOf(func(_ js.Value, a []js.Value) any {
		ch <- result{err: errorOf(a[0])}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	p.Call("then", ok, fail)
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		ac.Call("abort")
		<-ch
		return js.Undefined(), ctx.Err()
	}
}

// errorOf describes a fetch rejection without its message (which may hold the URL).
func errorOf(v js.Value) error {
	e := &fetchError{Name: "Error"}
	if v.Type() != js.TypeObject {
		return e
	}
	if n := v.Get("name"); n.Type() == js.TypeString {
		e.Name = n.String()
	}
	if c := v.Get("cause"); c.Type() == js.TypeObject {
		if code := c.Get("code"); code.Type() == js.TypeString && isErrno(code.String()) {
			e.Cause = code.String()
		}
	}
	return e
}

// headersOf copies a Headers object into canonical names; repeated headers are joined by fetch.
func headersOf(h js.Value) map[string]string {
	out := map[string]string{}
	entries := js.Global().Get("Array").Call("from", h.Call("entries"))
	for i, n := 0, entries.Length(); i < n; i++ {
		kv := entries.Index(i)
		out[canonicalHeader(kv.Index(0).String())] = kv.Index(1).String()
	}
	return out
}

// setCookiesOf returns each Set-Cookie value intact, where the platform exposes them (Node,
// Deno, workerd, extensions); browsers hide them from pages.
func setCookiesOf(h js.Value) []string {
	if h.Get("getSetCookie").Type() != js.TypeFunction {
		return nil
	}
	arr := h.Call("getSetCookie")
	out := make([]string, arr.Length())
	for i := range out {
		out[i] = arr.Index(i).String()
	}
	return out
}
