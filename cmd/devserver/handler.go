package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pronote-web/pronote/protocol/pronotetest"
	"github.com/pronote-web/pronote/relay"
)

// demoInfo is what the page learns about the demo school (ui.Demo's JSON shape).
type demoInfo struct {
	URL     string      `json:"url"`
	Student credentials `json:"student"`
	Parent  credentials `json:"parent"`
}

type credentials struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// demoQRPIN is the PIN of the QR codes /demo-qr makes.
const demoQRPIN = "1234"

// newHandler serves, under base ("http://127.0.0.1:PORT"): / (index.html, configured), /dist/
// (the build), /relay/ (the relay), /pronote/ (the demo school, behind a demo ENT at
// /pronote/cas/login) and /demo-qr (a fresh QR code's text for the demo accounts, PIN 1234).
func newHandler(dir, base string) (http.Handler, demoInfo, error) {
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		return nil, demoInfo{}, fmt.Errorf("no index.html in %s: run ./build.sh serve from the repository", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "dist", "pronote.wasm")); err != nil {
		return nil, demoInfo{}, fmt.Errorf("no dist/pronote.wasm in %s: run ./build.sh build first", dir)
	}
	school := pronotetest.New(pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true, Compress: true, ENT: true})
	school.URL = base + pronotetest.RootPath
	// The login guard protects a shared egress IP from a real school's suspension; the demo
	// school is local and counts its own failed logins, so the guard stays out of the way.
	rel, err := relay.New(relay.Config{Hosts: []string{base}, LoginLimit: 1000}, relay.NewHTTPUpstream(nil), nil)
	if err != nil {
		return nil, demoInfo{}, err
	}
	demo := demoInfo{URL: school.URL,
		Student: credentials{pronotetest.StudentUsername, pronotetest.StudentPassword},
		Parent:  credentials{pronotetest.ParentUsername, pronotetest.ParentPassword}}
	page, err = configure(page, map[string]any{"relay": base + "/relay", "demo": demo})
	if err != nil {
		return nil, demoInfo{}, err
	}
	mux := http.NewServeMux()
	mux.Handle("/relay/", http.StripPrefix("/relay", rel))
	mux.Handle(pronotetest.RootPath, school)
	mux.HandleFunc("/demo-qr", func(w http.ResponseWriter, r *http.Request) {
		kind, user := "student", pronotetest.StudentUsername
		if r.URL.Query().Get("kind") == "parent" {
			kind, user = "parent", pronotetest.ParentUsername
		}
		text, _ := school.QRCode(kind, user, demoQRPIN)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write([]byte(text + "\n"))
	})
	mux.Handle("/dist/", noCache(http.StripPrefix("/dist/", precompressed(filepath.Join(dir, "dist"),
		http.FileServer(http.Dir(filepath.Join(dir, "dist")))))))
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(page)
	})
	return mux, demo, nil
}

// configure fills the page's <meta name="pronote-NAME" content=""> tags; objects become JSON.
func configure(page []byte, values map[string]any) ([]byte, error) {
	for name, v := range values {
		s, ok := v.(string)
		if !ok {
			b, err := json.Marshal(v)
			if err != nil {
				return nil, err
			}
			s = string(b)
		}
		tag := []byte(`<meta name="pronote-` + name + `" content="">`)
		if !bytes.Contains(page, tag) {
			return nil, fmt.Errorf("index.html has no %s", tag)
		}
		page = bytes.Replace(page, tag, []byte(`<meta name="pronote-`+name+`" content="`+html.EscapeString(s)+`">`), 1)
	}
	return page, nil
}

// encodings are the precompressed forms ./build.sh build writes beside each module, best first.
var encodings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// precompressed serves a module (.wasm) as its .br or .gz twin when the browser accepts that
// encoding, with Content-Encoding, Vary: Accept-Encoding and X-Uncompressed-Length (the
// module's own size, for load()'s progress: Content-Length then counts the compressed bytes).
// Anything else, or a module without its twin, goes to next.
func precompressed(dir string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Clean("/" + r.URL.Path)
		if !strings.HasSuffix(name, ".wasm") {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Add("Vary", "Accept-Encoding")
		raw, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		for _, enc := range encodings {
			if !accepts(r.Header.Get("Accept-Encoding"), enc.name) {
				continue
			}
			f, err := os.Open(filepath.Join(dir, filepath.FromSlash(name+enc.ext)))
			if err != nil {
				continue
			}
			defer f.Close()
			st, err := f.Stat()
			if err != nil || st.ModTime().Before(raw.ModTime()) { // a stale twin of an older build
				continue
			}
			h := w.Header()
			h.Set("Content-Type", "application/wasm")
			h.Set("Content-Encoding", enc.name)
			h.Set("X-Uncompressed-Length", strconv.FormatInt(raw.Size(), 10))
			http.ServeContent(w, r, "", st.ModTime(), f)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// accepts reports whether an Accept-Encoding value allows coding (q=0 refuses it).
func accepts(header, coding string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// noCache makes the browser revalidate the build on every load (it changes with each build).
func noCache(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		h.ServeHTTP(w, r)
	})
}
