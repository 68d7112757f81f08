package main

import (
	"log/slog"
	"net/http"
	"os"

	"github.com/pronote-web/pronote/relay"
	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
)

func main() {
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	workers.Serve(newHandler(logger))
}

// newHandler builds the relay from the Worker's variables; invalid variables give a handler
// that refuses everything with RELAY_MISCONFIGURED.
func newHandler(logger *slog.Logger) http.Handler {
	cfg, err := relay.ConfigFromEnv(cloudflare.Getenv)
	if err == nil {
		var h http.Handler
		if h, err = relay.New(cfg, fetchUpstream{}, logger); err == nil {
			return h
		}
	}
	logger.Error("relay misconfigured", "err", err.Error())
	return relay.Recover(relay.Misconfigured(), logger)
}
