package main

import (
	"log/slog"
	"net/http"
	"os"
	"syscall/js"

	"github.com/pronote-web/pronote/relay"
	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
)

// LoginLimiterBinding is the Worker binding of Cloudflare's rate-limiting API used for the
// login guard when it exists (wrangler.toml: [[ratelimits]]); without it (workerd locally) the
// guard counts in this instance (relay.WindowLimiter).
const LoginLimiterBinding = "LOGIN_RATE_LIMITER"

// main starts the instance worker.js keeps for the isolate's requests: it registers
// binding.serve, signals readiness and waits.
func main() {
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	h := withTestHooks(newHandler(logger))
	js.Global().Get("context").Get("binding").Set("serve", serveFunc(h, logger))
	workers.Ready()
	select {}
}

// newHandler builds the relay from the Worker's variables; invalid variables give a handler
// that refuses everything with RELAY_MISCONFIGURED.
func newHandler(logger *slog.Logger) http.Handler {
	cfg, err := relay.ConfigFromEnv(cloudflare.Getenv)
	if err == nil {
		if b := cloudflare.GetBinding(LoginLimiterBinding); b.Type() == js.TypeObject {
			cfg.Limiter = bindingLimiter{b}
		}
		var h http.Handler
		if h, err = relay.New(cfg, fetchUpstream{}, logger); err == nil {
			return h
		}
	}
	logger.Error("relay misconfigured", "err", err.Error())
	return relay.Recover(relay.Misconfigured(), logger)
}
