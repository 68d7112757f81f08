package relay

import (
	"net/http"
	"strings"
)

// Header names of the relay contract (see the package documentation).
const (
	HeaderCookie    = "X-Pronote-Cookie"
	HeaderSetCookie = "X-Pronote-Set-Cookie"
	HeaderLocation  = "X-Pronote-Location"
	HeaderStatus    = "X-Pronote-Status"
	HeaderError     = "X-Pronote-Error"
)

// CORS values; worker.js answers preflights with the same ones.
const (
	corsAllowMethods  = "GET, POST, OPTIONS"
	corsAllowHeaders  = "Content-Type, X-Pronote-Cookie"
	corsExposeHeaders = "X-Pronote-Set-Cookie, X-Pronote-Location, X-Pronote-Status, X-Pronote-Error"
	corsMaxAge        = "86400"
)

// originAllowed reports whether a request with this Origin header may use the relay. A request
// without Origin (not from a browser) is allowed only when every origin is.
func (p *policy) originAllowed(origin string) bool {
	if p.anyOrigin {
		return true
	}
	return origin != "" && p.origins[strings.ToLower(origin)]
}

// setCORS adds the headers every answer to an allowed origin carries.
func (p *policy) setCORS(h http.Header, origin string) {
	if p.anyOrigin {
		h.Set("Access-Control-Allow-Origin", "*")
	} else {
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
	}
	h.Set("Access-Control-Expose-Headers", corsExposeHeaders)
}

// preflight answers an OPTIONS request from an allowed origin.
func preflight(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Access-Control-Allow-Methods", corsAllowMethods)
	h.Set("Access-Control-Allow-Headers", corsAllowHeaders)
	h.Set("Access-Control-Max-Age", corsMaxAge)
	h.Set("Allow", corsAllowMethods)
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
}
