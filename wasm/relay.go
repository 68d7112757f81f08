package main

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/pronote-web/pronote/internal/weburl"
	"github.com/pronote-web/pronote/protocol"
)

// The relay's header contract (relay/README.md, relay/response.go).
const (
	hdrRelayCookie    = "X-Pronote-Cookie"
	hdrRelayStatus    = "X-Pronote-Status"
	hdrRelayLocation  = "X-Pronote-Location"
	hdrRelaySetCookie = "X-Pronote-Set-Cookie"
	hdrRelayError     = "X-Pronote-Error"
)

// relayURL rewrites an upstream URL for the relay: {relay}/{host}/{path}?{query}. The scheme
// is the relay's to decide (its PRONOTE_HOSTS).
func relayURL(relay, target string) (string, error) {
	u, err := weburl.Parse(target)
	if err != nil {
		return "", argError("url", "is not an absolute address")
	}
	out := strings.TrimRight(relay, "/") + "/" + u.Host + u.Path
	if u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	return out, nil
}

// relayHeaders returns the request headers the relay reads: the cookies only. It sets the
// User-Agent and Content-Type itself, and a browser may not set them anyway.
func relayHeaders(h map[string]string) map[string]string {
	out := map[string]string{}
	if c := h["Cookie"]; c != "" {
		out[hdrRelayCookie] = c
	}
	return out
}

// fromRelay turns the relay's answer into the upstream response it carries, or a
// *relayError when the relay refused the request.
func fromRelay(status int, header map[string]string, body []byte) (*protocol.Response, error) {
	up := header[hdrRelayStatus]
	if up == "" {
		return nil, &relayError{Code: refusalCode(header, body), Status: status}
	}
	n, err := strconv.Atoi(up)
	if err != nil {
		return nil, &relayError{Code: "RELAY_BAD_ANSWER", Status: status}
	}
	resp := &protocol.Response{Status: n, Header: map[string]string{}, Body: body}
	for k, v := range header {
		if !strings.HasPrefix(k, "X-Pronote-") {
			resp.Header[k] = v
		}
	}
	if loc := header[hdrRelayLocation]; loc != "" {
		resp.Header["Location"] = loc
	}
	if sc := header[hdrRelaySetCookie]; sc != "" {
		if err := json.Unmarshal([]byte(sc), &resp.SetCookies); err != nil {
			return nil, &relayError{Code: "RELAY_BAD_ANSWER", Status: status}
		}
	}
	return resp, nil
}

// refusalCode reads the RELAY_… code of a refusal: the body's error.code, else the header.
func refusalCode(header map[string]string, body []byte) string {
	var r struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &r) == nil && validCode(r.Error.Code) {
		return r.Error.Code
	}
	if c := header[hdrRelayError]; validCode(c) {
		return c
	}
	return "RELAY_UNKNOWN"
}

// validCode accepts RELAY_ codes made of capitals and underscores, so that nothing else from
// the answer reaches an error message.
func validCode(c string) bool {
	if !strings.HasPrefix(c, "RELAY_") || len(c) > 40 {
		return false
	}
	for _, r := range c {
		if (r < 'A' || r > 'Z') && r != '_' {
			return false
		}
	}
	return true
}

// canonicalHeader spells a header name the way protocol.Response expects: Content-Type.
func canonicalHeader(name string) string {
	b := []byte(strings.ToLower(name))
	upper := true
	for i, c := range b {
		if upper && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		upper = c == '-'
	}
	return string(b)
}
