package relay

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// Refusal codes, sent in the JSON body and in the X-Pronote-Error header.
const (
	// CodeBadRequest: the target is malformed (no host, control characters in the path, the
	// query or the cookie header, bad percent-encoding).
	CodeBadRequest = "RELAY_BAD_REQUEST"
	// CodeHostNotAllowed: the upstream host (or port, or scheme) is not in the allow-list.
	CodeHostNotAllowed = "RELAY_HOST_NOT_ALLOWED"
	// CodePathNotAllowed: the path is outside the allowed prefixes or tries a traversal.
	CodePathNotAllowed = "RELAY_PATH_NOT_ALLOWED"
	// CodeOriginNotAllowed: the browser origin is not in the allow-list.
	CodeOriginNotAllowed = "RELAY_ORIGIN_NOT_ALLOWED"
	// CodeMethodNotAllowed: the method is not GET, POST or OPTIONS.
	CodeMethodNotAllowed = "RELAY_METHOD_NOT_ALLOWED"
	// CodeBodyTooLarge: the request body exceeds the configured limit.
	CodeBodyTooLarge = "RELAY_BODY_TOO_LARGE"
	// CodeRateLimited: too many Identification requests for one school from one client; the
	// request was not forwarded.
	CodeRateLimited = "RELAY_RATE_LIMITED"
	// CodeResponseTooLarge: the upstream response body exceeds the configured limit.
	CodeResponseTooLarge = "RELAY_RESPONSE_TOO_LARGE"
	// CodeUpstreamTimeout: the upstream did not answer within the configured timeout.
	CodeUpstreamTimeout = "RELAY_UPSTREAM_TIMEOUT"
	// CodeUpstreamError: the upstream could not be reached or its answer could not be read.
	CodeUpstreamError = "RELAY_UPSTREAM_ERROR"
	// CodeInternal: the relay failed (a recovered panic).
	CodeInternal = "RELAY_INTERNAL"
	// CodeMisconfigured: the relay's configuration is invalid; it refuses everything.
	CodeMisconfigured = "RELAY_MISCONFIGURED"
)

// refusal is a request the relay will not (or could not) forward.
type refusal struct {
	status  int
	code    string
	message string
}

func (r *refusal) Error() string { return r.message }

func refuse(status int, code, message string) *refusal {
	return &refusal{status: status, code: code, message: message}
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// writeRefusal answers with the JSON error shape. Headers already set (CORS) are kept.
func writeRefusal(w http.ResponseWriter, r *refusal) {
	body, _ := json.Marshal(errorBody{Error: errorDetail{Code: r.code, Message: r.message}})
	h := w.Header()
	h.Del("X-Pronote-Status")
	h.Del("X-Pronote-Location")
	h.Del("X-Pronote-Set-Cookie")
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Cache-Control", "no-store")
	h.Set(HeaderError, r.code)
	w.WriteHeader(r.status)
	_, _ = w.Write(body)
}
