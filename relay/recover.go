package relay

import (
	"fmt"
	"log/slog"
	"net/http"
)

// Recover turns a panic in next into a JSON 502 (RELAY_INTERNAL) instead of a dead instance
// (a panic kills a Go Worker). It logs the panic value's type only, never its text. A nil
// logger logs nothing.
func Recover(next http.Handler, logger *slog.Logger) http.Handler {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			logger.LogAttrs(r.Context(), slog.LevelError, "relay panic",
				slog.String("type", fmt.Sprintf("%T", v)))
			writeRefusal(w, refuse(http.StatusBadGateway, CodeInternal, "the relay failed"))
		}()
		next.ServeHTTP(w, r)
	})
}

// Misconfigured returns a handler that refuses every request with RELAY_MISCONFIGURED (500),
// for a Worker whose variables are invalid.
func Misconfigured() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Access-Control-Expose-Headers", corsExposeHeaders)
		writeRefusal(w, refuse(http.StatusInternalServerError, CodeMisconfigured, "the relay is misconfigured"))
	})
}
