package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"syscall/js"
)

// fetchUpstream is a relay.Upstream over the Worker's global fetch.
type fetchUpstream struct{}

// Do sends r with fetch(url, {method, headers, body, redirect: "manual", signal}). The body is a
// Uint8Array, so the runtime sends a real Content-Length. The request's context aborts the
// fetch and the body read; the body is read only when first read, so a caller that refuses an
// oversize Content-Length never downloads it.
func (fetchUpstream) Do(r *http.Request) (*http.Response, error) {
	init, err := fetchInit(r)
	if err != nil {
		return nil, err
	}
	ctrl := js.Global().Get("AbortController").New()
	init.Set("signal", ctrl.Get("signal"))
	stop := context.AfterFunc(r.Context(), func() { ctrl.Call("abort") })
	res, err := await(r.Context(), js.Global().Get("fetch").Invoke(r.URL.String(), init))
	if err != nil {
		stop()
		return nil, err
	}
	resp := &http.Response{
		StatusCode:    res.Get("status").Int(),
		Header:        responseHeader(res.Get("headers")),
		Request:       r,
		ContentLength: -1,
		Body:          &lazyBody{ctx: r.Context(), res: res, stop: stop},
	}
	if n, err := strconv.ParseInt(resp.Header.Get("Content-Length"), 10, 64); err == nil {
		resp.ContentLength = n
	}
	return resp, nil
}

// lazyBody reads a fetch Response's body with arrayBuffer() on first Read.
type lazyBody struct {
	ctx  context.Context
	res  js.Value
	stop func() bool
	rd   *bytes.Reader
	err  error
}

func (b *lazyBody) Read(p []byte) (int, error) {
	if b.rd == nil && b.err == nil {
		var buf js.Value
		if buf, b.err = await(b.ctx, b.res.Call("arrayBuffer")); b.err == nil {
			arr := js.Global().Get("Uint8Array").New(buf)
			data := make([]byte, arr.Length())
			js.CopyBytesToGo(data, arr)
			b.rd = bytes.NewReader(data)
		}
	}
	if b.err != nil {
		return 0, b.err
	}
	return b.rd.Read(p)
}

// Close cancels an unread body and releases the abort hook.
func (b *lazyBody) Close() error {
	if b.rd == nil && b.err == nil {
		if body := b.res.Get("body"); body.Truthy() {
			body.Call("cancel")
		}
		b.err = io.ErrClosedPipe
	}
	b.stop()
	return nil
}

// fetchInit builds fetch's init object; headers keep each value whole.
func fetchInit(r *http.Request) (js.Value, error) {
	init := js.Global().Get("Object").New()
	init.Set("method", r.Method)
	init.Set("redirect", "manual")
	headers := js.Global().Get("Headers").New()
	for k, vs := range r.Header {
		for _, v := range vs {
			headers.Call("append", k, v)
		}
	}
	init.Set("headers", headers)
	if r.Body == nil || r.Body == http.NoBody {
		if r.Method == http.MethodPost {
			init.Set("body", js.Global().Get("Uint8Array").New(0))
		}
		return init, nil
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return js.Value{}, err
	}
	arr := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(arr, b)
	init.Set("body", arr)
	return init, nil
}

// responseHeader copies a JS Headers object without splitting values on commas; Set-Cookie
// values come one by one from getSetCookie().
func responseHeader(headers js.Value) http.Header {
	h := http.Header{}
	each := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if name := args[1].String(); name != "set-cookie" {
			h.Add(name, args[0].String())
		}
		return nil
	})
	headers.Call("forEach", each)
	each.Release()
	cookies := headers.Call("getSetCookie")
	for i := 0; i < cookies.Length(); i++ {
		h.Add("Set-Cookie", cookies.Index(i).String())
	}
	return h
}

var errAborted = errors.New("fetch aborted")

// await waits for a promise without blocking a JS callback: the callbacks only send on a
// buffered channel, and both are released once one has fired.
func await(ctx context.Context, p js.Value) (js.Value, error) {
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
		ch <- result{err: errors.New("fetch failed")}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	p.Call("then", then, catch)
	r := <-ch
	if r.err != nil && ctx.Err() != nil {
		return js.Value{}, errors.Join(errAborted, ctx.Err())
	}
	return r.v, r.err
}
