package main

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall/js"

	"github.com/pronote-web/pronote/relay"
)

// requestHeaders are the request headers the relay reads; no other crosses into Go.
var requestHeaders = []string{"Origin", relay.HeaderCookie, "Content-Length", "Cf-Connecting-Ip"}

// serveFunc returns binding.serve(request, done): it answers request through h on a goroutine
// of its own and calls done(response, retire). retire is true after a panic: worker.js then
// starts a fresh instance for the next requests. Nothing is shared between two requests'
// goroutines (no channel, no lock held across an await, no timer), so that one request's
// events never resume another's work in workerd.
func serveFunc(h http.Handler, logger *slog.Logger) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) any {
		req, done := args[0], args[1]
		go func() {
			w := &responseWriter{header: http.Header{}}
			defer func() {
				if v := recover(); v != nil {
					// A panic outside the relay's own Recover (in this bridge): answer as
					// relay.Recover does, keeping the CORS headers already set.
					logger.Error("relay worker panic", "type", fmt.Sprintf("%T", v))
					w.status, w.raw = 0, js.Undefined()
					w.buf.Reset()
					relay.Recover(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(v) }), nil).
						ServeHTTP(w, &http.Request{})
				}
				res, retire := w.finish(logger)
				done.Invoke(res, retire)
			}()
			h.ServeHTTP(w, toRequest(req))
		}()
		return nil
	})
}

// toRequest reads the method, the URL and requestHeaders of a JavaScript Request. The raw path
// is kept verbatim in URL.RawPath, even when Go's parser would refuse it ("%zz"), so that the
// relay refuses it as a bad request (relay.parseTarget).
func toRequest(req js.Value) *http.Request {
	u := splitURL(req.Get("url").String())
	r := &http.Request{Method: req.Get("method").String(), URL: u, Header: http.Header{}, ContentLength: -1, Body: http.NoBody}
	headers := req.Get("headers")
	for _, name := range requestHeaders {
		if v := headers.Call("get", name); !v.IsNull() {
			r.Header.Set(name, v.String())
		}
	}
	r.RemoteAddr = r.Header.Get("Cf-Connecting-Ip")
	if n, err := strconv.ParseInt(r.Header.Get("Content-Length"), 10, 64); err == nil && n >= 0 {
		r.ContentLength = n // an oversize body is then refused unread
	}
	if body := req.Get("body"); body.Truthy() {
		r.Body = &jsBody{stream: body}
	}
	return r
}

// splitURL splits an absolute URL into its raw path and query, without decoding.
func splitURL(s string) *url.URL {
	rest := s
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	host, target := rest, "/"
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		host, target = rest[:i], rest[i:]
	}
	target, _, _ = strings.Cut(target, "#")
	path, query, _ := strings.Cut(target, "?")
	u := &url.URL{Scheme: "https", Host: host, Path: path, RawPath: path, RawQuery: query}
	if p, err := url.PathUnescape(path); err == nil {
		u.Path = p
	}
	return u
}

// responseWriter collects the relay's answer: status, headers, and a body that is either
// written from Go (refusals) or handed over as a JavaScript value (forwarded bodies).
type responseWriter struct {
	header http.Header
	status int
	buf    bytes.Buffer
	raw    js.Value
}

func (w *responseWriter) Header() http.Header { return w.header }

func (w *responseWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *responseWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.buf.Write(p)
}

// WriteRaw implements rawWriter.
func (w *responseWriter) WriteRaw(body js.Value) {
	w.WriteHeader(http.StatusOK)
	w.raw = body
}

// retire reports a recovered panic (relay.Recover answers RELAY_INTERNAL).
func (w *responseWriter) retire() bool {
	return w.header.Get(relay.HeaderError) == relay.CodeInternal
}

// finish builds the Response and tells whether to retire the instance. Should building it fail
// (JavaScript refusing a header, say), the request gets a bare RELAY_INTERNAL and the instance
// is retired, rather than the panic ending it under the other requests in flight.
func (w *responseWriter) finish(logger *slog.Logger) (res js.Value, retire bool) {
	defer func() {
		if v := recover(); v != nil {
			logger.Error("relay worker panic", "type", fmt.Sprintf("%T", v))
			body := `{"error":{"code":"` + relay.CodeInternal + `","message":"the relay failed"}}`
			res = helpers.Call("respond", http.StatusBadGateway,
				"content-type: application/json; charset=utf-8\n"+relay.HeaderError+": "+relay.CodeInternal+"\n", body)
			retire = true
		}
	}()
	return w.response(), w.retire()
}

// response builds the JavaScript Response (worker.js: relayJS.respond).
func (w *responseWriter) response() js.Value {
	status := w.status
	if status == 0 {
		status = http.StatusOK
	}
	body := js.Null()
	switch {
	case w.raw.Truthy():
		body = w.raw
	case w.buf.Len() > 0:
		body = bytesToJS(w.buf.Bytes())
	}
	return helpers.Call("respond", status, headerText(w.header), body)
}
