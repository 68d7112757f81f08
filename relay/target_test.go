package relay_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/pronote-web/pronote/relay"
)

func TestAllowLists(t *testing.T) {
	cfg := relay.Config{Hosts: []string{"*.index-education.net", "http://127.0.0.1:8080", "demo.example.org:8443"}}
	const (
		bad  = relay.CodeBadRequest
		host = relay.CodeHostNotAllowed
		path = relay.CodePathNotAllowed
	)
	tests := []struct {
		name, target, code, want string
	}{
		{"pronote host", "/0000000a.index-education.net/pronote/eleve.html", "", "https://0000000a.index-education.net/pronote/eleve.html"},
		{"query kept", "/a.index-education.net/pronote/mobile.eleve.html?fd=1&login=true", "", "https://a.index-education.net/pronote/mobile.eleve.html?fd=1&login=true"},
		{"uppercase host normalised", "/A.Index-Education.NET/pronote/x", "", "https://a.index-education.net/pronote/x"},
		{"deeper subdomain", "/b.a.index-education.net/pronote/", "", "https://b.a.index-education.net/pronote/"},
		{"appelfonction path", "/a.index-education.net/pronote/appelfonction/3/123456/abc", "", "https://a.index-education.net/pronote/appelfonction/3/123456/abc"},
		{"listed http host", "/127.0.0.1:8080/pronote/eleve.html", "", "http://127.0.0.1:8080/pronote/eleve.html"},
		{"listed port", "/demo.example.org:8443/pronote/", "", "https://demo.example.org:8443/pronote/"},
		{"bare domain", "/index-education.net/pronote/", host, ""},
		{"other domain", "/evil.example/pronote/", host, ""},
		{"suffix without dot", "/evilindex-education.net/pronote/", host, ""},
		{"allowed name as prefix", "/a.index-education.net.evil.example/pronote/", host, ""},
		{"ipv4", "/127.0.0.1/pronote/", host, ""},
		{"ipv4 unlisted port", "/127.0.0.1:8081/pronote/", host, ""},
		{"ipv4 decimal", "/2130706433/pronote/", host, ""},
		{"ipv4 hex", "/0x7f.1/pronote/", host, ""},
		{"ipv4 under wildcard", "/1.2.3.4.index-education.net.1/pronote/", host, ""},
		{"ipv6", "/[::1]/pronote/", host, ""},
		{"ipv6 mapped", "/[::ffff:127.0.0.1]:8080/pronote/", host, ""},
		{"localhost", "/localhost/pronote/", host, ""},
		{"localhost port", "/localhost:8080/pronote/", host, ""},
		{"userinfo", "/a.index-education.net@evil.example/pronote/", host, ""},
		{"encoded at", "/evil.example%40a.index-education.net/pronote/", host, ""},
		{"encoded slash in host", "/a.index-education.net%2fevil.example/pronote/", host, ""},
		{"encoded dot in host", "/a%2eindex-education.net/pronote/", host, ""},
		{"trailing dot", "/a.index-education.net./pronote/", host, ""},
		{"unlisted port", "/a.index-education.net:443/pronote/", host, ""},
		{"non canonical port", "/demo.example.org:08443/pronote/", host, ""},
		{"empty port", "/a.index-education.net:/pronote/", host, ""},
		{"empty label", "/a..index-education.net/pronote/", host, ""},
		{"backslash", "/a.index-education.net\\evil.example/pronote/", host, ""},
		{"no host", "/", bad, ""},
		{"empty host", "//pronote/eleve.html", bad, ""},
		{"other path", "/a.index-education.net/admin/", path, ""},
		{"prefix without slash", "/a.index-education.net/pronote", path, ""},
		{"prefix lookalike", "/a.index-education.net/pronotex/", path, ""},
		{"traversal", "/a.index-education.net/pronote/../admin", path, ""},
		{"dot segment", "/a.index-education.net/pronote/./x", path, ""},
		{"encoded traversal", "/a.index-education.net/pronote/%2e%2e/admin", path, ""},
		{"spaced dot segment", "/a.index-education.net/pronote/%20../admin", path, ""},
		{"trailing-space dot segment", "/a.index-education.net/pronote/..%20/admin", path, ""},
		{"dots only", "/a.index-education.net/pronote/.../admin", path, ""},
		{"mixed case encoded traversal", "/a.index-education.net/pronote/%2E%2e/admin", path, ""},
		{"encoded slash", "/a.index-education.net/pronote/..%2fadmin", path, ""},
		{"encoded backslash", "/a.index-education.net/pronote/..%5cadmin", path, ""},
		{"crlf in path", "/a.index-education.net/pronote/%0d%0aX-Evil:%201", bad, ""},
		{"nul in path", "/a.index-education.net/pronote/%00", bad, ""},
		{"crlf in query", "/a.index-education.net/pronote/x?a=%0D%0AX-Evil:1", bad, ""},
		{"del in query", "/a.index-education.net/pronote/x?a=%7f", bad, ""},
		{"tab in query", "/a.index-education.net/pronote/x?a=%09", bad, ""},
		{"double-encoded traversal", "/a.index-education.net/pronote/%252e%252e/admin", path, ""},
		{"encoded percent", "/a.index-education.net/pronote/100%25", path, ""},
		{"overlong utf-8 dots", "/a.index-education.net/pronote/%c0%ae%c0%ae/admin", path, ""},
		{"overlong utf-8 slash", "/a.index-education.net/pronote/..%c0%afadmin", path, ""},
		{"fullwidth dots", "/a.index-education.net/pronote/%EF%BC%8E%EF%BC%8E/admin", path, ""},
		{"fullwidth slash", "/a.index-education.net/pronote/..%EF%BC%8Fadmin", path, ""},
		{"division slash", "/a.index-education.net/pronote/x%E2%88%95y", path, ""},
		{"invalid utf-8", "/a.index-education.net/pronote/%C3x", path, ""},
		{"accented file name", "/a.index-education.net/pronote/FichiersExternes/ab/%C3%A9nonc%C3%A9.pdf", "", "https://a.index-education.net/pronote/FichiersExternes/ab/%C3%A9nonc%C3%A9.pdf"},
		{"percent in query kept", "/a.index-education.net/pronote/x?a=%25", "", "https://a.index-education.net/pronote/x?a=%25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			up := &recorder{}
			w := serve(mustNew(t, cfg, up), http.MethodGet, "http://relay.test"+tt.target, nil, nil)
			if tt.code != "" {
				checkRefusal(t, w, map[string]int{bad: 400, host: 403, path: 403}[tt.code], tt.code)
				if len(up.calls) != 0 {
					t.Error("a refused request reached upstream")
				}
				return
			}
			if w.Code != http.StatusOK {
				t.Fatalf("status = %d, body %s", w.Code, w.Body)
			}
			if got := up.last(t).URL.String(); got != tt.want {
				t.Errorf("upstream URL = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestUnparsableTargets passes targets Go's URL parser refuses the way the Worker does: in
// RawPath, verbatim.
func TestUnparsableTargets(t *testing.T) {
	for _, raw := range []string{
		"/a.index-education.net/pronote/%zz",
		"/a.index-education.net/pronote/%u002e%u002e/admin",
		"/a.index-education.net/pronote/x%",
		"/a.index-education.net/pronote/x%2",
		"/a%zzindex-education.net/pronote/",
		"/a.index-education.net%u002eevil.example/pronote/",
	} {
		t.Run(raw, func(t *testing.T) {
			up := &recorder{}
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.URL = &url.URL{Path: raw, RawPath: raw}
			w := httptest.NewRecorder()
			mustNew(t, relay.Config{}, up).ServeHTTP(w, req)
			checkRefusal(t, w, 400, relay.CodeBadRequest)
			if len(up.calls) != 0 {
				t.Error("a refused request reached upstream")
			}
		})
	}
	up := &recorder{}
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.URL = &url.URL{Path: "/a.index-education.net/pronote/x", RawPath: "/a.index-education.net/pronote/x", RawQuery: "a=%zz"}
	w := httptest.NewRecorder()
	mustNew(t, relay.Config{}, up).ServeHTTP(w, req)
	checkRefusal(t, w, 400, relay.CodeBadRequest)
}

func TestPathPrefixes(t *testing.T) {
	cfg := relay.Config{PathPrefixes: []string{"/pronote/", "/other/"}}
	for target, code := range map[string]string{
		"/a.index-education.net/pronote/x": "",
		"/a.index-education.net/other/x":   "",
		"/a.index-education.net/third/x":   relay.CodePathNotAllowed,
	} {
		w := serve(mustNew(t, cfg, &recorder{}), http.MethodGet, target, nil, nil)
		if got := w.Header().Get(relay.HeaderError); got != code {
			t.Errorf("%s: code %q, want %q", target, got, code)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []relay.Config{
		{Hosts: []string{"*"}},
		{Hosts: []string{"*.net"}},
		{Hosts: []string{"*.127.0.0.1"}},
		{Hosts: []string{"ftp://a.example.org"}},
		{Hosts: []string{"a.example.org:99999"}},
		{Hosts: []string{"[::1]:8080"}},
		{Hosts: []string{"user@a.example.org"}},
		{PathPrefixes: []string{"pronote/"}},
		{PathPrefixes: []string{"/pronote/../"}},
		{Origins: []string{"app.example"}},
		{Origins: []string{"https://app.example/"}},
		{UserAgent: "x\r\nEvil: 1"},
	}
	for _, cfg := range tests {
		if _, err := relay.New(cfg, &recorder{}, nil); err == nil {
			t.Errorf("New(%+v) accepted an invalid config", cfg)
		}
	}
	if _, err := relay.New(relay.Config{}, nil, nil); err == nil {
		t.Error("New accepted a nil upstream")
	}
}

func TestConfigFromEnv(t *testing.T) {
	env := map[string]string{
		relay.EnvHosts:           "*.index-education.net, http://127.0.0.1:9000",
		relay.EnvPathPrefixes:    "/pronote/",
		relay.EnvOrigins:         "https://a.example https://b.example",
		relay.EnvMaxRequestBytes: "2048",
		relay.EnvUpstreamTimeout: "1500",
	}
	cfg, err := relay.ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Hosts) != 2 || len(cfg.Origins) != 2 || cfg.MaxRequestBytes != 2048 ||
		cfg.UpstreamTimeout.Milliseconds() != 1500 || cfg.MaxResponseBytes != 0 {
		t.Errorf("cfg = %+v", cfg)
	}
	env[relay.EnvMaxResponseBytes] = "-1"
	if _, err := relay.ConfigFromEnv(func(k string) string { return env[k] }); err == nil {
		t.Error("a negative size was accepted")
	}
}
