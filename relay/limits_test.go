package relay_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/relay"
)

const login = `{"session":1,"no":"ab","id":"Identification","dataSec":"0a1b2c3d"}`

// post sends a body from a client address through h.
func post(h http.Handler, target, body, remote string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	req.RemoteAddr = remote
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestLoginGuard(t *testing.T) {
	up := &recorder{}
	h := mustNew(t, relay.Config{Hosts: []string{"*.index-education.net"}, LoginLimit: 2}, up)
	const a, b = "/a.index-education.net/pronote/appelfonction/3/1/x", "/b.index-education.net/pronote/appelfonction/3/1/x"
	for i := range 2 {
		if w := post(h, a, login, "192.0.2.1:1000"); w.Code != 200 {
			t.Fatalf("attempt %d: status %d", i+1, w.Code)
		}
	}
	w := post(h, a, login, "192.0.2.1:2000")
	checkRefusal(t, w, 429, relay.CodeRateLimited)
	if len(up.calls) != 2 {
		t.Errorf("upstream saw %d requests, want 2: the refused one was forwarded", len(up.calls))
	}
	// Other functions, other schools and other clients go on.
	if w := post(h, a, `{"id":"Navigation","dataSec":"00"}`, "192.0.2.1:1000"); w.Code != 200 {
		t.Errorf("another function: status %d", w.Code)
	}
	if w := post(h, b, login, "192.0.2.1:1000"); w.Code != 200 {
		t.Errorf("another school: status %d", w.Code)
	}
	if w := post(h, a, login, "192.0.2.2:1000"); w.Code != 200 {
		t.Errorf("another client: status %d", w.Code)
	}
	if w := serve(h, http.MethodGet, a, nil, nil); w.Code != 200 {
		t.Errorf("GET: status %d", w.Code)
	}
}

type limiterFunc func(key string) (bool, error)

func (f limiterFunc) Allow(_ context.Context, key string) (bool, error) { return f(key) }

func TestLoginGuardUsesTheConfiguredLimiter(t *testing.T) {
	var keys []string
	deny := limiterFunc(func(key string) (bool, error) { keys = append(keys, key); return false, nil })
	up := &recorder{}
	h := mustNew(t, relay.Config{Limiter: deny}, up)
	checkRefusal(t, post(h, "/a.index-education.net/pronote/appelfonction/3/1/x", login, "192.0.2.1:1000"), 429, relay.CodeRateLimited)
	if len(keys) != 1 || keys[0] != "192.0.2.1 a.index-education.net" || len(up.calls) != 0 {
		t.Errorf("keys %q, upstream calls %d", keys, len(up.calls))
	}
	failing := limiterFunc(func(string) (bool, error) { return false, errors.New("binding down") })
	h = mustNew(t, relay.Config{Limiter: failing}, up)
	if w := post(h, "/a.index-education.net/pronote/appelfonction/3/1/x", login, "192.0.2.1:1000"); w.Code != 200 {
		t.Errorf("a failing limiter blocks logins: status %d", w.Code)
	}
}

// countingBody is an upstream body of unknown length that records how much was read from it.
type countingBody struct {
	left, read int64
	closed     bool
}

func (b *countingBody) Read(p []byte) (int, error) {
	if b.left == 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), b.left, 4096)
	b.left -= n
	b.read += n
	return int(n), nil
}

func (b *countingBody) Close() error { b.closed = true; return nil }

func TestChunkedResponseIsCutAtTheLimit(t *testing.T) {
	const limit = 64 << 10
	for _, size := range []int64{limit, limit + 1, 48 << 20} {
		body := &countingBody{left: size}
		up := upstreamFunc(func(r *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 200, Header: http.Header{}, Body: body, ContentLength: -1, Request: r}, nil
		})
		w := serve(mustNew(t, relay.Config{MaxResponseBytes: limit}, up), "GET", page, nil, nil)
		if size <= limit {
			if w.Code != 200 || int64(w.Body.Len()) != size || w.Header().Get("Content-Length") != "65536" {
				t.Errorf("%d bytes: status %d, %d bytes, Content-Length %q", size, w.Code, w.Body.Len(), w.Header().Get("Content-Length"))
			}
			continue
		}
		checkRefusal(t, w, 502, relay.CodeResponseTooLarge)
		if body.read > limit+4096 || !body.closed {
			t.Errorf("%d bytes: %d read (limit %d), closed %v", size, body.read, limit, body.closed)
		}
	}
}

// boundedBody is a relay.BoundedBody: it settles its length in one step.
type boundedBody struct {
	io.Reader
	size   int64
	limits []int64
}

func (b *boundedBody) ReadUpTo(limit int64) (int64, error) {
	b.limits = append(b.limits, limit)
	if b.size > limit {
		return 0, relay.ErrTooLarge
	}
	return b.size, nil
}

func (b *boundedBody) Close() error { return nil }

func TestBoundedBodies(t *testing.T) {
	resp := &boundedBody{Reader: strings.NewReader("hello"), size: 5}
	up := upstreamFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Encoding": {"gzip"}, "Content-Length": {"3"}},
			Body: resp, ContentLength: 3, Request: r}, nil
	})
	w := serve(mustNew(t, relay.Config{MaxResponseBytes: 100}, up), "GET", page, nil, nil)
	if w.Code != 200 || w.Body.String() != "hello" || w.Header().Get("Content-Length") != "5" || len(resp.limits) != 1 || resp.limits[0] != 100 {
		t.Errorf("decoded body: status %d %q, Content-Length %q, ReadUpTo(%v)", w.Code, w.Body, w.Header().Get("Content-Length"), resp.limits)
	}
	resp = &boundedBody{Reader: strings.NewReader(""), size: 101}
	checkRefusal(t, serve(mustNew(t, relay.Config{MaxResponseBytes: 100}, up), "GET", page, nil, nil), 502, relay.CodeResponseTooLarge)

	rec := &recorder{}
	h := mustNew(t, relay.Config{MaxRequestBytes: 10}, rec)
	req := httptest.NewRequest(http.MethodPost, "/a.index-education.net/pronote/appelfonction/3/1/x", nil)
	req.Body, req.ContentLength = &boundedBody{Reader: strings.NewReader(""), size: 11}, -1
	w = httptest.NewRecorder()
	h.ServeHTTP(w, req)
	checkRefusal(t, w, 413, relay.CodeBodyTooLarge)
	req.Body = &boundedBody{Reader: strings.NewReader(`{"a":1}`), size: 7}
	w = httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != 200 || len(rec.body) != 1 || rec.body[0] != `{"a":1}` {
		t.Errorf("request body: status %d, upstream got %q", w.Code, rec.body)
	}
}

func TestCookieValuesJoinWithSemicolons(t *testing.T) {
	up := &recorder{}
	serve(mustNew(t, relay.Config{}, up), "GET", page, nil, http.Header{relay.HeaderCookie: {"a=1", "b=2"}})
	if got := up.last(t).Header.Get("Cookie"); got != "a=1; b=2" {
		t.Errorf("Cookie = %q", got)
	}
}
