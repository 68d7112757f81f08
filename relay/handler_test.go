package relay_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/pronote-web/pronote/relay"
)

const page = "/a.index-education.net/pronote/eleve.html"

func TestRefusalCodes(t *testing.T) {
	big := strings.Repeat("x", 2048)
	failing := func(err error) relay.Upstream {
		return upstreamFunc(func(*http.Request) (*http.Response, error) { return nil, err })
	}
	tests := []struct {
		name, method, target, body string
		header                     http.Header
		cfg                        relay.Config
		up                         relay.Upstream
		status                     int
		code                       string
	}{
		{name: "bad request", target: "/", status: 400, code: relay.CodeBadRequest},
		{name: "host", target: "/evil.example/pronote/", status: 403, code: relay.CodeHostNotAllowed},
		{name: "path", target: "/a.index-education.net/etc/passwd", status: 403, code: relay.CodePathNotAllowed},
		{name: "origin", target: page, header: http.Header{"Origin": {"https://evil.example"}},
			cfg: relay.Config{Origins: []string{"https://app.example"}}, status: 403, code: relay.CodeOriginNotAllowed},
		{name: "put", method: http.MethodPut, target: page, status: 405, code: relay.CodeMethodNotAllowed},
		{name: "delete", method: http.MethodDelete, target: page, status: 405, code: relay.CodeMethodNotAllowed},
		{name: "patch", method: http.MethodPatch, target: page, status: 405, code: relay.CodeMethodNotAllowed},
		{name: "trace", method: http.MethodTrace, target: page, status: 405, code: relay.CodeMethodNotAllowed},
		{name: "body too large", method: http.MethodPost, target: page, body: big,
			cfg: relay.Config{MaxRequestBytes: 1024}, status: 413, code: relay.CodeBodyTooLarge},
		{name: "cookie crlf", target: page, header: http.Header{relay.HeaderCookie: {"a=1\r\nX-Evil: 1"}}, status: 400, code: relay.CodeBadRequest},
		{name: "cookie nul", target: page, header: http.Header{relay.HeaderCookie: {"a=1\x00"}}, status: 400, code: relay.CodeBadRequest},
		{name: "cookie too long", target: page, header: http.Header{relay.HeaderCookie: {strings.Repeat("a", 17<<10)}}, status: 400, code: relay.CodeBadRequest},
		{name: "response too large", target: page, cfg: relay.Config{MaxResponseBytes: 1024},
			up:     upstreamFunc(func(r *http.Request) (*http.Response, error) { return textResponse(r, 200, big), nil }),
			status: 502, code: relay.CodeResponseTooLarge},
		{name: "response too large, no length", target: page, cfg: relay.Config{MaxResponseBytes: 1024},
			up: upstreamFunc(func(r *http.Request) (*http.Response, error) {
				resp := textResponse(r, 200, big)
				resp.ContentLength = -1
				return resp, nil
			}), status: 502, code: relay.CodeResponseTooLarge},
		{name: "upstream error", target: page, up: failing(errors.New("dial tcp: refused")), status: 502, code: relay.CodeUpstreamError},
		{name: "upstream timeout", target: page,
			up: upstreamFunc(func(r *http.Request) (*http.Response, error) {
				return nil, errors.Join(relay.ErrUpstreamTimeout, errors.New("aborted"))
			}), status: 504, code: relay.CodeUpstreamTimeout},
		{name: "upstream timeout reading the body", target: page,
			up: upstreamFunc(func(r *http.Request) (*http.Response, error) {
				resp := textResponse(r, 200, "")
				resp.ContentLength = -1
				resp.Body = io.NopCloser(iotest.ErrReader(relay.ErrUpstreamTimeout))
				return resp, nil
			}), status: 504, code: relay.CodeUpstreamTimeout},
		{name: "upstream followed a redirect", target: page,
			up: upstreamFunc(func(r *http.Request) (*http.Response, error) {
				other, _ := http.NewRequest(http.MethodGet, "https://elsewhere.example/", nil)
				return textResponse(other, 200, "moved"), nil
			}), status: 502, code: relay.CodeUpstreamError},
		{name: "panic", target: page, up: upstreamFunc(func(*http.Request) (*http.Response, error) { panic("boom") }),
			status: 502, code: relay.CodeInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.method == "" {
				tt.method = http.MethodGet
			}
			if tt.up == nil {
				tt.up = &recorder{}
			}
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			w := serve(mustNew(t, tt.cfg, tt.up), tt.method, tt.target, body, tt.header)
			checkRefusal(t, w, tt.status, tt.code)
			if rec, ok := tt.up.(*recorder); ok && len(rec.calls) != 0 {
				t.Error("a refused request reached upstream")
			}
		})
	}
}

func TestMethodRefusalHasAllow(t *testing.T) {
	w := serve(mustNew(t, relay.Config{}, &recorder{}), http.MethodPut, page, nil, nil)
	if got := w.Header().Get("Allow"); got != "GET, POST, OPTIONS" {
		t.Errorf("Allow = %q", got)
	}
}

func TestMisconfigured(t *testing.T) {
	w := serve(relay.Misconfigured(), http.MethodGet, page, nil, nil)
	checkRefusal(t, w, 500, relay.CodeMisconfigured)
}

func TestCORS(t *testing.T) {
	const expose = "X-Pronote-Set-Cookie, X-Pronote-Location, X-Pronote-Status, X-Pronote-Error"
	listed := relay.Config{Origins: []string{"https://app.example", "http://localhost:8000"}}
	tests := []struct {
		name, method, origin string
		cfg                  relay.Config
		status               int
		allowOrigin          string
	}{
		{"any origin", "GET", "https://x.example", relay.Config{}, 200, "*"},
		{"any origin, no Origin header", "GET", "", relay.Config{}, 200, "*"},
		{"listed origin", "GET", "https://app.example", listed, 200, "https://app.example"},
		{"listed origin, other case", "GET", "HTTPS://APP.EXAMPLE", listed, 200, "HTTPS://APP.EXAMPLE"},
		{"listed http origin", "POST", "http://localhost:8000", listed, 200, "http://localhost:8000"},
		{"unlisted origin", "GET", "https://evil.example", listed, 403, ""},
		{"no Origin with a list", "GET", "", listed, 403, ""},
		{"preflight, any", "OPTIONS", "https://x.example", relay.Config{}, 204, "*"},
		{"preflight, listed", "OPTIONS", "https://app.example", listed, 204, "https://app.example"},
		{"preflight, unlisted", "OPTIONS", "https://evil.example", listed, 403, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{"Access-Control-Request-Method": {"POST"}, "Access-Control-Request-Headers": {"content-type,x-pronote-cookie"}}
			if tt.origin != "" {
				h.Set("Origin", tt.origin)
			}
			up := &recorder{}
			w := serve(mustNew(t, tt.cfg, up), tt.method, page, strings.NewReader("{}"), h)
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d", w.Code, tt.status)
			}
			got := w.Header()
			if got.Get("Access-Control-Allow-Origin") != tt.allowOrigin {
				t.Errorf("Allow-Origin = %q, want %q", got.Get("Access-Control-Allow-Origin"), tt.allowOrigin)
			}
			if tt.allowOrigin != "" && got.Get("Access-Control-Expose-Headers") != expose {
				t.Errorf("Expose-Headers = %q", got.Get("Access-Control-Expose-Headers"))
			}
			if tt.allowOrigin != "" && tt.allowOrigin != "*" && got.Get("Vary") != "Origin" {
				t.Errorf("Vary = %q", got.Get("Vary"))
			}
			if tt.status == 403 {
				checkRefusal(t, w, 403, relay.CodeOriginNotAllowed)
			}
			if tt.method == "OPTIONS" && tt.status == 204 {
				checkPreflight(t, got)
				if len(up.calls) != 0 {
					t.Error("a preflight reached upstream")
				}
			}
		})
	}
}

func checkPreflight(t *testing.T, h http.Header) {
	t.Helper()
	want := map[string]string{
		"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
		"Access-Control-Allow-Headers": "Content-Type, X-Pronote-Cookie",
		"Access-Control-Max-Age":       "86400",
	}
	for k, v := range want {
		if h.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, h.Get(k), v)
		}
	}
}

// TestUpstreamTimeoutCoversBody runs NewHTTPUpstream against a server that sends its headers
// and then holds the body until the test ends: the timeout must cut the body read.
func TestUpstreamTimeoutCoversBody(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	host := strings.TrimPrefix(srv.URL, "http://")
	h := mustNew(t, relay.Config{Hosts: []string{"http://" + host}, UpstreamTimeout: 50 * time.Millisecond}, relay.NewHTTPUpstream(nil))
	w := serve(h, "GET", "/"+host+"/pronote/slow", nil, nil)
	checkRefusal(t, w, 504, relay.CodeUpstreamTimeout)
}

func TestPanicRecoveryKeepsServing(t *testing.T) {
	calls := 0
	h := mustNew(t, relay.Config{}, upstreamFunc(func(r *http.Request) (*http.Response, error) {
		calls++
		if calls == 1 {
			panic(errors.New("secret=1"))
		}
		return textResponse(r, 200, "ok"), nil
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	for i, want := range []int{502, 200} {
		resp, err := http.Get(srv.URL + page)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("request %d: status %d, want %d (%s)", i, resp.StatusCode, want, b)
		}
		if want == 502 && !strings.Contains(string(b), relay.CodeInternal) {
			t.Errorf("panic body = %s", b)
		}
	}
}

func TestRecoverWrapsAnyHandler(t *testing.T) {
	h := relay.Recover(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("x") }), nil)
	checkRefusal(t, serve(h, "GET", "/", nil, nil), 502, relay.CodeInternal)
}

func TestEncodeSetCookies(t *testing.T) {
	in := []string{
		"a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/",
		`b="q,u\"o"; HttpOnly`,
		"c=é€😀",
		"d=\r\n",
	}
	enc := relay.EncodeSetCookies(in)
	for i := 0; i < len(enc); i++ {
		if enc[i] < 0x20 || enc[i] >= 0x7f {
			t.Fatalf("byte %#x at %d is not printable ASCII: %s", enc[i], i, enc)
		}
	}
	var out []string
	if err := json.Unmarshal([]byte(enc), &out); err != nil {
		t.Fatal(err)
	}
	if strings.Join(out, "|") != strings.Join(in, "|") {
		t.Errorf("round trip = %q, want %q", out, in)
	}
	if relay.EncodeSetCookies(nil) != "[]" {
		t.Error("nil should encode as []")
	}
}
