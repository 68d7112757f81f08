package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"os"
	"path/filepath"
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
	mux.Handle("/dist/", noCache(http.StripPrefix("/dist/", http.FileServer(http.Dir(filepath.Join(dir, "dist"))))))
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
