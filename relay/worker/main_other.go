//go:build !(js && wasm)

package main

import (
	"log/slog"
	"net/http"
	"os"

	"github.com/pronote-web/pronote/relay"
)

// main serves the relay natively on 127.0.0.1:$PORT for local development.
func main() {
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	cfg, err := relay.ConfigFromEnv(os.Getenv)
	if err != nil {
		logger.Error("relay misconfigured", "err", err.Error())
		os.Exit(2)
	}
	h, err := relay.New(cfg, relay.NewHTTPUpstream(nil), logger)
	if err != nil {
		logger.Error("relay misconfigured", "err", err.Error())
		os.Exit(2)
	}
	addr := "127.0.0.1:" + envOr("PORT", "8788")
	logger.Info("relay listening", "addr", "http://"+addr)
	if err := http.ListenAndServe(addr, h); err != nil {
		logger.Error("relay stopped", "err", err.Error())
		os.Exit(1)
	}
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
