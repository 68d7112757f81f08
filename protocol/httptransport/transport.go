// Package httptransport implements protocol.Transport over net/http, for native programs:
// tests, command-line tools and the local dev server. Browsers and Workers use a fetch
// transport instead (package wasm), which keeps net/http out of the WebAssembly binary.
package httptransport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync/atomic"
	"time"

	"github.com/pronote-web/pronote/protocol"
)

// MaxBody caps a response body; PRONOTE replies are far smaller.
const MaxBody = 16 << 20

// Transport is a protocol.Transport over an http.Client. Redirects are never followed.
type Transport struct {
	client *http.Client
}

// IdleTimeout is how long the default Transport keeps an idle connection. It is well under
// the keep-alive timeouts of web servers (IIS 120 s, nginx 75 s), so that a request is not
// written on a connection the server is closing as idle: one that ends without an answer is
// then far more likely lost on its way back than never read.
const IdleTimeout = 30 * time.Second

// New returns a Transport using a client derived from base (nil for a default one; the
// protocol bounds each request itself, Options.Timeout). The client's redirect policy is
// replaced: redirects are returned.
func New(base *http.Client) *Transport {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.IdleConnTimeout = IdleTimeout
	c := &http.Client{Transport: tr}
	if base != nil {
		copied := *base
		c = &copied
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &Transport{client: c}
}

// Do implements protocol.Transport.
func (t *Transport) Do(ctx context.Context, r *protocol.Request) (*protocol.Response, error) {
	req, err := http.NewRequestWithContext(ctx, r.Method, r.URL, bytes.NewReader(r.Body))
	if err != nil {
		return nil, fmt.Errorf("httptransport: building the request: %w", err)
	}
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
	var wrote, reused atomic.Bool
	req = req.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GotConn:      func(info httptrace.GotConnInfo) { reused.Store(info.Reused) },
		WroteRequest: func(info httptrace.WroteRequestInfo) { wrote.Store(info.Err == nil) },
	}))
	resp, err := t.client.Do(req)
	if err != nil {
		err = unwrapURL(err)
		switch {
		case !wrote.Load():
			return nil, fmt.Errorf("httptransport: %s request failed: %w: %w", r.Method, protocol.ErrNotSent, err)
		case idleClosed(err, reused.Load()):
			return nil, fmt.Errorf("httptransport: %s request failed: %w", r.Method, closedIdle{err})
		}
		return nil, fmt.Errorf("httptransport: %s request failed: %w", r.Method, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
	if err != nil {
		return nil, fmt.Errorf("httptransport: reading the response: %w", err)
	}
	if len(body) > MaxBody {
		return nil, fmt.Errorf("httptransport: response larger than %d bytes", MaxBody)
	}
	out := &protocol.Response{Status: resp.StatusCode, Header: map[string]string{}, Body: body,
		SetCookies: resp.Header.Values("Set-Cookie")}
	for k, v := range resp.Header {
		if k != "Set-Cookie" {
			out.Header[k] = strings.Join(v, ", ")
		}
	}
	return out, nil
}

// idleClosed reports a request that met end-of-file before any answer on a kept-alive
// connection: net/http's own reading of that is the server closing the idle connection as the
// request went out (its keep-alive timeout), so the request was most likely not read. It may
// also be a reply lost after the server processed it; nothing on the client tells the two
// apart.
func idleClosed(err error, reused bool) bool {
	return reused && (errors.Is(err, io.EOF) || strings.Contains(err.Error(), "server closed idle connection"))
}

// closedIdle is idleClosed's error: the session takes the request as not counted
// (protocol.ErrNotSent), and its text says so without claiming more than is known, so that no
// one retries a write on its word.
type closedIdle struct{ err error }

func (e closedIdle) Error() string {
	return "the server closed its kept-alive connection without answering (most likely its keep-alive timeout, before reading the request; a write may still have been recorded): " + e.err.Error()
}

func (e closedIdle) Unwrap() []error { return []error{protocol.ErrNotSent, e.err} }

// CloseIdleConnections closes the keep-alive connections the transport holds.
func (t *Transport) CloseIdleConnections() { t.client.CloseIdleConnections() }

// unwrapURL drops the *url.Error wrapper, whose text repeats the URL: PRONOTE URLs carry the
// session number and order number, which must not reach error messages.
func unwrapURL(err error) error {
	type unwrapper interface{ Unwrap() error }
	if u, ok := err.(unwrapper); ok && strings.Contains(err.Error(), "://") {
		if inner := u.Unwrap(); inner != nil {
			return inner
		}
	}
	return err
}
