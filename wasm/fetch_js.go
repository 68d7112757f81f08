//go:build js && wasm

package main

import (
	"context"
	"strings"
	"sync"
	"syscall/js"

	"github.com/pronote-web/pronote/protocol"
)

// fetchTransport is a protocol.Transport over the JavaScript fetch function: direct, or
// through the relay when relay is set (relay/README.md, "Header contract").
type fetchTransport struct {
	relay string
}

// host is pronote.js's request helper (its hostFetch and hostAbort), taken from the
// namespace's _host at start; fetch is undefined when the module was started without
// pronote.js, and Do then drives fetch itself (doDirect).
var host struct {
	fetch, abort js.Value
	method       js.Value // hostMethod: makes a method's Promise in JavaScript (promise_js.go)
	done         js.Func  // the one callback every answer comes back through; never released
	mu           sync.Mutex
	next         int
	waiting      map[int]chan<- fetchAnswer
}

// fetchAnswer is what hostFetch called done with.
type fetchAnswer struct {
	resp       *protocol.Response
	redirected bool // an opaque redirect: a browser hides its status and Location
	err        error
}

// takeHost reads and removes ns._host, so the frozen namespace shows the API only.
func takeHost(ns js.Value) {
	h := ns.Get("_host")
	ns.Delete("_host")
	if h.Type() != js.TypeObject || h.Get("fetch").Type() != js.TypeFunction || h.Get("abort").Type() != js.TypeFunction {
		host.fetch, host.method = js.Undefined(), js.Undefined()
		return
	}
	host.fetch, host.abort, host.method = h.Get("fetch"), h.Get("abort"), h.Get("method")
	host.waiting = map[int]chan<- fetchAnswer{}
	host.done = js.FuncOf(fetchDone)
}

// Do sends req with fetch. Redirects are never followed. It never panics: a JavaScript
// exception becomes an error.
func (t *fetchTransport) Do(ctx context.Context, req *protocol.Request) (resp *protocol.Response, err error) {
	defer func() {
		if recover() != nil {
			resp, err = nil, &fetchError{Name: "Error"}
		}
	}()
	target, headers := req.URL, req.Header
	if t.relay != "" {
		if target, err = relayURL(t.relay, req.URL); err != nil {
			return nil, err
		}
		headers = relayHeaders(req.Header)
	}
	if host.fetch.IsUndefined() {
		return t.doDirect(ctx, req, target, headers)
	}
	// Direct mode lets the browser keep cookies too (an extension cannot set Cookie itself);
	// relay mode sends them in X-Pronote-Cookie only.
	credentials := "include"
	if t.relay != "" {
		credentials = "omit"
	}
	var b strings.Builder
	n := len(req.Method) + len(target) + len(credentials) + 3
	for k, v := range headers {
		n += len(k) + len(v) + 2
	}
	b.Grow(n)
	b.WriteString(req.Method)
	b.WriteByte('\n')
	b.WriteString(target)
	b.WriteByte('\n')
	b.WriteString(credentials)
	for k, v := range headers {
		if strings.IndexByte(k, '\n') >= 0 || strings.IndexByte(v, '\n') >= 0 {
			return nil, &fetchError{Name: "TypeError"} // what fetch says of such a header: never sent
		}
		b.WriteByte('\n')
		b.WriteString(k)
		b.WriteByte('\n')
		b.WriteString(v)
	}
	body := js.Undefined()
	if len(req.Body) > 0 {
		body = jsUint8Array.New(len(req.Body))
		js.CopyBytesToJS(body, req.Body)
	}
	ch := make(chan fetchAnswer, 1)
	host.mu.Lock()
	host.next++
	id := host.next
	host.waiting[id] = ch
	host.mu.Unlock()
	host.fetch.Invoke(id, b.String(), body, host.done)
	// The abort is a function run when ctx ends, not a select: selectgo was one of the
	// largest functions V8 compiled at a fresh process's first login (issue 13).
	stop := context.AfterFunc(ctx, func() { host.abort.Invoke(id) })
	a := <-ch // hostFetch always answers; an aborted fetch answers at once
	if !stop() {
		return nil, ctx.Err() // aborted
	}
	if a.err != nil {
		return nil, a.err
	}
	if t.relay != "" {
		return fromRelay(a.resp.Status, a.resp.Header, a.resp.Body)
	}
	if a.redirected {
		a.resp.Status = 302
	}
	return a.resp, nil
}

// fetchDone is hostFetch's done(id, status, opaqueRedirect, headers, hasSetCookies, body,
// bodyLength), or done(id, -1, false, errorName, errorCode) for a failed fetch. It runs as a
// JavaScript callback: it copies what it needs and hands it to the waiting Do.
func fetchDone(_ js.Value, a []js.Value) any {
	host.mu.Lock()
	id := a[0].Int()
	ch := host.waiting[id]
	delete(host.waiting, id)
	host.mu.Unlock()
	if ch == nil {
		return nil
	}
	var ans fetchAnswer
	defer func() {
		if recover() != nil {
			ans = fetchAnswer{err: &fetchError{Name: "Error"}}
		}
		ch <- ans
	}()
	status := a[1].Int()
	if status < 0 {
		e := &fetchError{Name: a[3].String()}
		if code := a[4].String(); isErrno(code) {
			e.Cause = code
		}
		ans.err = e
		return nil
	}
	resp := &protocol.Response{Status: status, Body: make([]byte, a[6].Int())}
	js.CopyBytesToGo(resp.Body, a[5])
	resp.Header, resp.SetCookies = parseHeaders(a[3].String(), a[4].Bool())
	ans = fetchAnswer{resp: resp, redirected: a[2].Bool()}
	return nil
}

// parseHeaders reads hostFetch's "name\nvalue\n…" list into canonical names (repeated headers
// are joined by fetch, Set-Cookie aside), then, after an empty line, the Set-Cookie values
// (nil when the platform hides them: browsers do from pages).
func parseHeaders(text string, hasSetCookies bool) (map[string]string, []string) {
	h := make(map[string]string, 8)
	for text != "" {
		name, rest, _ := strings.Cut(text, "\n")
		if name == "" { // the empty line before the Set-Cookie values
			text = rest
			break
		}
		var value string
		value, text, _ = strings.Cut(rest, "\n")
		h[canonicalHeader(name)] = value
	}
	if !hasSetCookies {
		return h, nil
	}
	if text == "" {
		return h, []string{}
	}
	return h, strings.Split(text, "\n")
}

// isErrno accepts system error codes such as ECONNREFUSED, so nothing else reaches a message.
func isErrno(c string) bool {
	if len(c) < 2 || len(c) > 40 || c[0] < 'A' || c[0] > 'Z' {
		return false
	}
	for _, r := range c {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') && r != '_' {
			return false
		}
	}
	return true
}
