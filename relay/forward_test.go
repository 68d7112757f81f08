package relay_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/pronote-web/pronote/relay"
)

// seen is what the fake PRONOTE received.
type seen struct {
	method, path, query, ua, contentType, cookie, body string
	contentLength                                      int64
	transferEncoding                                   []string
	header                                             http.Header
}

// fakePronote starts a local upstream: /pronote/eleve.html sets cookies, /pronote/appelfonction/
// echoes, /pronote/redirect/{code} redirects. It returns the relay's base URL for it.
func fakePronote(t *testing.T, logger *slog.Logger) (relayURL string, requests func() []seen) {
	t.Helper()
	var mu sync.Mutex
	var got []seen
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, seen{r.Method, r.URL.Path, r.URL.RawQuery, r.UserAgent(), r.Header.Get("Content-Type"),
			r.Header.Get("Cookie"), string(b), r.ContentLength, r.TransferEncoding, r.Header.Clone()})
		mu.Unlock()
		switch {
		case strings.HasPrefix(r.URL.Path, "/pronote/redirect/"):
			code := map[string]int{"301": 301, "302": 302, "303": 303, "307": 307, "308": 308}[strings.TrimPrefix(r.URL.Path, "/pronote/redirect/")]
			w.Header().Set("Location", "https://ent.example/cas/login?service=x")
			w.WriteHeader(code)
		case r.URL.Path == "/pronote/eleve.html":
			w.Header().Add("Set-Cookie", "CASTGC=; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/; HttpOnly")
			w.Header().Add("Set-Cookie", "validationAppliMobile=ok; Path=/pronote/")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, "<html><body onload=\"Start({h:'1'})\"></body></html>")
		default:
			w.Header().Set("Content-Type", "application/json; charset=UTF-8")
			w.Write(b)
		}
	}))
	t.Cleanup(up.Close)
	host := strings.TrimPrefix(up.URL, "http://")
	h, err := relay.New(relay.Config{Hosts: []string{"http://" + host}}, relay.NewHTTPUpstream(nil), logger)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL + "/" + host, func() []seen { mu.Lock(); defer mu.Unlock(); return append([]seen(nil), got...) }
}

func do(t *testing.T, method, url, body string, header http.Header) (*http.Response, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, url, rd)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestForwardGET(t *testing.T) {
	base, requests := fakePronote(t, nil)
	resp, body := do(t, "GET", base+"/pronote/eleve.html?fd=1&login=true", "", http.Header{
		relay.HeaderCookie: {"appliMobile=1; ent=a,b"},
		"Origin":           {"https://app.example"},
		"Authorization":    {"Bearer nope"},
		"Referer":          {"https://app.example/page"},
	})
	if resp.StatusCode != 200 || !strings.Contains(body, "Start(") {
		t.Fatalf("status %d body %q", resp.StatusCode, body)
	}
	r := requests()[0]
	if r.ua != relay.DefaultUserAgent || !strings.Contains(r.ua, "Firefox/73.0  PRONOTE Mobile APP") {
		t.Errorf("User-Agent = %q", r.ua)
	}
	if r.cookie != "appliMobile=1; ent=a,b" || r.query != "fd=1&login=true" || r.contentType != "" {
		t.Errorf("upstream saw %+v", r)
	}
	for _, k := range []string{"Authorization", "Referer", "Origin", relay.HeaderCookie, "X-Forwarded-For"} {
		if r.header.Get(k) != "" {
			t.Errorf("%s was forwarded", k)
		}
	}
	var cookies []string
	if err := json.Unmarshal([]byte(resp.Header.Get(relay.HeaderSetCookie)), &cookies); err != nil {
		t.Fatalf("%s: %v", relay.HeaderSetCookie, err)
	}
	want := []string{"CASTGC=; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/; HttpOnly", "validationAppliMobile=ok; Path=/pronote/"}
	if strings.Join(cookies, "|") != strings.Join(want, "|") {
		t.Errorf("cookies = %q, want %q", cookies, want)
	}
	if resp.Header.Get(relay.HeaderStatus) != "200" || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("headers = %v", resp.Header)
	}
	if resp.Header.Get("Set-Cookie") != "" {
		t.Error("a raw Set-Cookie reached the browser")
	}
}

func TestForwardPOSTHasContentLength(t *testing.T) {
	base, requests := fakePronote(t, nil)
	payload := `{"session":123,"no":"abc","id":"FonctionParametres","dataSec":{"data":{}}}`
	for _, te := range [][]string{nil, {"chunked"}} {
		resp, body := do(t, "POST", base+"/pronote/appelfonction/3/123/abc", payload, http.Header{
			"Content-Type":      {"text/plain;charset=UTF-8"},
			"Transfer-Encoding": te,
		})
		if resp.StatusCode != 200 || body != payload {
			t.Fatalf("status %d body %q", resp.StatusCode, body)
		}
		if resp.ContentLength != int64(len(payload)) {
			t.Errorf("relay answer Content-Length = %d", resp.ContentLength)
		}
	}
	for _, r := range requests() {
		if r.contentLength != int64(len(payload)) || len(r.transferEncoding) != 0 {
			t.Errorf("upstream Content-Length %d, Transfer-Encoding %v", r.contentLength, r.transferEncoding)
		}
		if r.contentType != "application/json" || r.body != payload || r.ua != relay.DefaultUserAgent {
			t.Errorf("upstream saw %+v", r)
		}
	}
}

func TestEmptyPOST(t *testing.T) {
	base, requests := fakePronote(t, nil)
	do(t, "POST", base+"/pronote/appelfonction/3/1/x", "", nil)
	if r := requests()[0]; r.contentLength != 0 || r.header.Get("Content-Length") != "0" {
		t.Errorf("empty POST: Content-Length %d %q", r.contentLength, r.header.Get("Content-Length"))
	}
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	base, requests := fakePronote(t, nil)
	for i, code := range []string{"301", "302", "303", "307", "308"} {
		resp, _ := do(t, "GET", base+"/pronote/redirect/"+code, "", nil)
		if resp.StatusCode != 200 || resp.Header.Get(relay.HeaderStatus) != code {
			t.Errorf("%s: status %d, %s %q", code, resp.StatusCode, relay.HeaderStatus, resp.Header.Get(relay.HeaderStatus))
		}
		if got := resp.Header.Get(relay.HeaderLocation); got != "https://ent.example/cas/login?service=x" {
			t.Errorf("%s: location %q", code, got)
		}
		if n := len(requests()); n != i+1 {
			t.Fatalf("%s: upstream saw %d requests, want %d", code, n, i+1)
		}
	}
}

func TestRealBodyLimit(t *testing.T) {
	base, requests := fakePronote(t, nil)
	big := strings.Repeat("x", relay.DefaultMaxRequestBytes+1)
	for _, te := range [][]string{nil, {"chunked"}} {
		resp, body := do(t, "POST", base+"/pronote/appelfonction/3/1/x", big, http.Header{"Transfer-Encoding": te})
		if resp.StatusCode != 413 || !strings.Contains(body, relay.CodeBodyTooLarge) {
			t.Errorf("status %d body %q", resp.StatusCode, body)
		}
	}
	exact := strings.Repeat("x", relay.DefaultMaxRequestBytes)
	if resp, _ := do(t, "POST", base+"/pronote/appelfonction/3/1/x", exact, nil); resp.StatusCode != 200 {
		t.Errorf("a body of exactly the limit: status %d", resp.StatusCode)
	}
	if n := len(requests()); n != 1 {
		t.Errorf("upstream saw %d requests, want 1", n)
	}
}

func TestNothingSecretIsLogged(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	base, _ := fakePronote(t, logger)
	secrets := []string{"SECRETCOOKIE", "SECRETQUERY", "SECRETBODY", "987654321"}
	cookie := http.Header{relay.HeaderCookie: {"sid=SECRETCOOKIE"}}
	do(t, "GET", base+"/pronote/eleve.html?token=SECRETQUERY", "", cookie)
	do(t, "POST", base+"/pronote/appelfonction/3/987654321/x?q=SECRETQUERY", `{"p":"SECRETBODY"}`, cookie)
	do(t, "GET", base+"/pronote/redirect/302?SECRETQUERY", "", cookie)
	do(t, "GET", base+"/etc/987654321?SECRETQUERY", "", cookie)
	do(t, "PUT", base+"/pronote/x?SECRETQUERY", "SECRETBODY", cookie)
	do(t, "GET", base[:strings.LastIndex(base, "/")]+"/127.0.0.1:1/pronote/SECRETQUERY", "", cookie)
	// An upstream that fails: net/http's error text holds the URL and its query.
	h, _ := relay.New(relay.Config{}, relay.NewHTTPUpstream(failingTransport{}), logger)
	serve(h, "GET", "/a.index-education.net/pronote/987654321?SECRETQUERY", nil, cookie)
	out := buf.String()
	if strings.Count(out, "msg=relay") < 7 {
		t.Fatalf("expected one line per request, got:\n%s", out)
	}
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("log contains %q:\n%s", s, out)
		}
	}
}

type failingTransport struct{}

func (failingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, io.ErrUnexpectedEOF
}
