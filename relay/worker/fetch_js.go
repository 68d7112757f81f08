package main

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"syscall/js"
	"time"
)

// fetchUpstream is a relay.Upstream over the Worker's fetch (worker.js: relayJS.fetch).
type fetchUpstream struct{}

// Do sends r with fetch(url, {method, headers, body, redirect: "manual", signal:
// AbortSignal.timeout(timeout)}): the clock is the runtime's, and the same signal cuts the body
// read. The request body goes as a Uint8Array, so the runtime sends a real Content-Length.
// The response body stays a JavaScript stream (see jsBody).
func (fetchUpstream) Do(r *http.Request, timeout time.Duration) (*http.Response, error) {
	body := js.Null()
	if r.Body != nil && r.Body != http.NoBody {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		body = bytesToJS(b)
	} else if r.Method == http.MethodPost {
		body = uint8Array.New(0)
	}
	res, err := await(helpers.Call("fetch", r.URL.String(), r.Method, headerText(r.Header), body, timeout.Milliseconds()))
	if err != nil {
		return nil, timeoutOr(err)
	}
	resp := &http.Response{
		StatusCode:    res.Get("status").Int(),
		Header:        parseHeaderText(res.Get("headers").String()),
		Request:       r,
		ContentLength: -1,
		Body:          &jsBody{stream: res.Get("body")},
	}
	// The runtime decodes a content coding: Content-Length is then the coded length.
	if n, err := strconv.ParseInt(resp.Header.Get("Content-Length"), 10, 64); err == nil && resp.Header.Get("Content-Encoding") == "" {
		resp.ContentLength = n
	}
	if !res.Get("body").Truthy() {
		resp.ContentLength = 0
	}
	return resp, nil
}

// headerText writes headers as "name: value" lines; a header value never holds a newline
// (the relay refuses control characters).
func headerText(h http.Header) string {
	var b strings.Builder
	for k, vs := range h {
		for _, v := range vs {
			b.WriteString(k)
			b.WriteString(": ")
			b.WriteString(v)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// parseHeaderText reads the lines of worker.js's headerText: one line per value, each value
// whole (Set-Cookie values one by one, from getSetCookie(), commas kept).
func parseHeaderText(s string) http.Header {
	h := http.Header{}
	for line := range strings.SplitSeq(s, "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok {
			h.Add(k, v)
		}
	}
	return h
}
