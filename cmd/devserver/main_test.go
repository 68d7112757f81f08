package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/httptransport"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// site writes a minimal index.html and dist/ into a temporary directory.
func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	page, err := os.ReadFile("../../index.html")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "dist"), 0o755)
	os.WriteFile(filepath.Join(dir, "index.html"), page, 0o644)
	os.WriteFile(filepath.Join(dir, "dist", "pronote.wasm"), []byte("\x00asm"), 0o644)
	return dir
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// TestDevServer serves the configured page, the build, the relay and the demo school, and a
// native client logs into the demo school.
func TestDevServer(t *testing.T) {
	ts := httptest.NewUnstartedServer(nil)
	base := "http://" + ts.Listener.Addr().String()
	h, demo, err := newHandler(site(t), base)
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = h
	ts.Start()
	defer ts.Close()

	_, page := get(t, base+"/")
	if !strings.Contains(page, `<meta name="pronote-relay" content="`+base+`/relay">`) || !strings.Contains(page, `content="{&#34;url&#34;:&#34;`+base+`/pronote/&#34;`) {
		t.Errorf("page not configured:\n%s", page)
	}
	if resp, _ := get(t, base+"/dist/pronote.wasm"); resp.Header.Get("Content-Type") != "application/wasm" {
		t.Errorf("wasm served as %q", resp.Header.Get("Content-Type"))
	}
	if resp, _ := get(t, base+"/relay/127.0.0.1:1/pronote/eleve.html"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("relay to another port: %d", resp.StatusCode)
	}
	// The demo school sits behind a demo ENT: without login=true its pages redirect there.
	resp, body := get(t, base+"/relay/"+strings.TrimPrefix(base, "http://")+"/pronote/eleve.html?fd=1&login=true")
	if resp.Header.Get("X-Pronote-Status") != "200" || !strings.Contains(body, "Start") {
		t.Errorf("relay to the demo school: %d %q", resp.StatusCode, resp.Header.Get("X-Pronote-Status"))
	}
	if _, qr := get(t, base+"/demo-qr"); !strings.Contains(qr, `"jeton"`) || !strings.Contains(qr, base+"/pronote/mobile.eleve.html") {
		t.Errorf("demo QR code: %.200s", qr)
	}
	if d, _ := json.Marshal(demo); !strings.Contains(string(d), pronotetest.StudentUsername) {
		t.Errorf("demo %s", d)
	}
	s, err := protocol.Login(context.Background(), protocol.Options{URL: demo.URL + "eleve.html",
		Username: demo.Student.Username, Password: demo.Student.Password, Transport: httptransport.New(nil)})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

// TestPrecompressed: a module goes out as its .br or .gz twin by Accept-Encoding, with its own
// size in X-Uncompressed-Length; a stale twin or a refused encoding gives the module itself.
func TestPrecompressed(t *testing.T) {
	dir := site(t)
	raw := filepath.Join(dir, "dist", "pronote.wasm")
	os.WriteFile(raw+".br", []byte("brotli"), 0o644)
	os.WriteFile(raw+".gz", []byte("gzip"), 0o644)
	ts := httptest.NewUnstartedServer(nil)
	h, _, err := newHandler(dir, "http://"+ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = h
	ts.Start()
	defer ts.Close()
	fetch := func(accept string) (*http.Response, string) {
		req, _ := http.NewRequest("GET", ts.URL+"/dist/pronote.wasm", nil)
		req.Header.Set("Accept-Encoding", accept) // set by hand: the client then leaves the body as sent
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	for _, c := range []struct{ accept, encoding, body string }{
		{"gzip, deflate, br, zstd", "br", "brotli"},
		{"gzip", "gzip", "gzip"},
		{"br;q=0, gzip;q=0.8", "gzip", "gzip"},
		{"identity", "", "\x00asm"},
	} {
		resp, body := fetch(c.accept)
		if got := resp.Header.Get("Content-Encoding"); got != c.encoding || body != c.body {
			t.Errorf("Accept-Encoding %q: encoding %q, body %q", c.accept, got, body)
		}
		if resp.Header.Get("Content-Type") != "application/wasm" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("Accept-Encoding %q: headers %v", c.accept, resp.Header)
		}
		if c.encoding != "" && resp.Header.Get("X-Uncompressed-Length") != "4" {
			t.Errorf("Accept-Encoding %q: X-Uncompressed-Length %q", c.accept, resp.Header.Get("X-Uncompressed-Length"))
		}
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(raw+".br", old, old)
	if resp, body := fetch("br"); resp.Header.Get("Content-Encoding") != "" || body != "\x00asm" {
		t.Errorf("a stale twin was served: %q %q", resp.Header.Get("Content-Encoding"), body)
	}
}

func TestListenLoopbackOnly(t *testing.T) {
	if _, err := listen("0.0.0.0:0"); err == nil {
		t.Error("listened on all interfaces")
	}
	ln, err := listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
}
