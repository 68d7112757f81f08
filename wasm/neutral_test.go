package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol"
)

func TestRelayURL(t *testing.T) {
	for _, c := range []struct{ relay, in, want string }{
		{"https://r.example", "https://a.index-education.net/pronote/eleve.html?fd=1&login=true", "https://r.example/a.index-education.net/pronote/eleve.html?fd=1&login=true"},
		{"https://r.example/", "http://127.0.0.1:8080/pronote/appelfonction/3/123/abc", "https://r.example/127.0.0.1:8080/pronote/appelfonction/3/123/abc"},
		{"https://r.example/base", "https://h/p%20q", "https://r.example/base/h/p%20q"},
	} {
		if got, err := relayURL(c.relay, c.in); err != nil || got != c.want {
			t.Errorf("relayURL(%q, %q) = %q, %v; want %q", c.relay, c.in, got, err, c.want)
		}
	}
}

func TestFromRelay(t *testing.T) {
	h := map[string]string{hdrRelayStatus: "302", hdrRelayLocation: "https://ent/cas", "Content-Type": "text/html",
		hdrRelaySetCookie: `["a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT","b=\u00e9"]`}
	r, err := fromRelay(200, h, []byte("x"))
	if err != nil || r.Status != 302 || r.Header["Location"] != "https://ent/cas" || len(r.SetCookies) != 2 ||
		r.SetCookies[0] != "a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT" || r.Header[hdrRelayStatus] != "" {
		t.Fatalf("fromRelay = %+v, %v", r, err)
	}
	_, err = fromRelay(403, map[string]string{hdrRelayError: "RELAY_PATH_NOT_ALLOWED"}, []byte(`{"error":{"code":"RELAY_HOST_NOT_ALLOWED"}}`))
	var re *relayError
	if !errors.As(err, &re) || re.Code != "RELAY_HOST_NOT_ALLOWED" || codeOf(err) != "RELAY_REFUSED" {
		t.Fatalf("refusal: %v", err)
	}
	_, err = fromRelay(403, map[string]string{hdrRelayError: "<script>"}, []byte("secret"))
	if !errors.As(err, &re) || re.Code != "RELAY_UNKNOWN" {
		t.Fatalf("odd refusal: %v", err)
	}
}

func TestCanonicalHeader(t *testing.T) {
	for in, want := range map[string]string{"content-type": "Content-Type", "x-pronote-set-cookie": "X-Pronote-Set-Cookie", "location": "Location"} {
		if got := canonicalHeader(in); got != want {
			t.Errorf("canonicalHeader(%q) = %q", in, got)
		}
	}
}

func TestDecodeArgs(t *testing.T) {
	var a loginArgs
	if err := decodeArgs("options", `{"url":"u","username":5}`, &a); argumentOf(err) != "username" || strings.Contains(err.Error(), "5") {
		t.Errorf("wrong type: %v", err)
	}
	var r protocol.TimetableQuery
	if err := decodeArgs("query", `{"week":1.5}`, &r); argumentOf(err) != "week" {
		t.Errorf("fraction: %v", err)
	}
	if err := decodeArgs("query", `[1]`, &r); argumentOf(err) != "query" {
		t.Errorf("array: %v", err)
	}
	for _, c := range []struct {
		a   loginArgs
		arg string
	}{
		{loginArgs{}, "url"}, {loginArgs{URL: "u"}, "username"}, {loginArgs{URL: "u", Username: "x"}, "password"},
		{loginArgs{URL: "u", Username: "x", Password: "p", Relay: "ftp://r"}, "relay"},
		{loginArgs{URL: "u", Username: "x", Password: "p", Relay: "https://r/?q"}, "relay"},
		{loginArgs{URL: "u", Username: "x", Password: "p", Relay: "https://r.example"}, ""},
	} {
		if got := argumentOf(c.a.check()); got != c.arg {
			t.Errorf("%+v: argument %q, want %q", c.a.Relay, got, c.arg)
		}
	}
}

func TestState(t *testing.T) {
	out, err := exportState([]byte(`{"v":1,"key":"00"}`), "https://r.example")
	if err != nil {
		t.Fatal(err)
	}
	proto, relay, err := splitState(string(out))
	if err != nil || relay != "https://r.example" || string(proto) != `{"key":"00","v":1}` {
		t.Fatalf("splitState = %s %q %v", proto, relay, err)
	}
	if _, _, err := splitState(`{"relay":"javascript:x"}`); argumentOf(err) != "state" {
		t.Errorf("bad relay: %v", err)
	}
}

// TestUIRelayCode: the interface learns what the relay said, and that the relay itself was out
// of reach.
func TestUIRelayCode(t *testing.T) {
	via, direct := uiRelayCode("https://relay.example"), uiRelayCode("")
	for _, c := range []struct {
		err         error
		via, direct string
	}{
		{fmt.Errorf("%w: %w", protocol.ErrNetwork, &relayError{Code: "RELAY_UPSTREAM_ERROR", Status: 502}), "RELAY_UPSTREAM_ERROR", "RELAY_UPSTREAM_ERROR"},
		{fmt.Errorf("page: %w", &relayError{Code: "RELAY_UPSTREAM_TIMEOUT", Status: 504}), "RELAY_UPSTREAM_TIMEOUT", "RELAY_UPSTREAM_TIMEOUT"},
		{&relayError{Code: "RELAY_HOST_NOT_ALLOWED", Status: 403}, "RELAY_HOST_NOT_ALLOWED", "RELAY_HOST_NOT_ALLOWED"},
		{fmt.Errorf("%w: %w", protocol.ErrNetwork, &fetchError{Name: "TypeError"}), "RELAY_UNREACHABLE", ""},
		{protocol.ErrBadCredentials, "", ""},
	} {
		if got := via(c.err); got != c.via {
			t.Errorf("through a relay, %v: %q, want %q", c.err, got, c.via)
		}
		if got := direct(c.err); got != c.direct {
			t.Errorf("direct, %v: %q, want %q", c.err, got, c.direct)
		}
	}
}

func TestCodesAndMessages(t *testing.T) {
	wrap := fmt.Errorf("%w: space page: %w", protocol.ErrNetwork, &fetchError{Name: "TypeError", Cause: "ECONNREFUSED"})
	for _, c := range []struct {
		err  error
		code string
	}{
		{wrap, "NETWORK_ERROR"}, {errClosed, "CLOSED"}, {errInternal, "INTERNAL_ERROR"},
		{fmt.Errorf("%w: x: %w", protocol.ErrNetwork, &relayError{Code: "RELAY_X", Status: 403}), "RELAY_REFUSED"},
		{fmt.Errorf("%w: x: %w", protocol.ErrNetwork, &relayError{Code: "RELAY_RATE_LIMITED", Status: 429}), "RATE_LIMITED"},
		{protocol.ErrBadCredentials, "BAD_CREDENTIALS"},
	} {
		if got := codeOf(c.err); got != c.code {
			t.Errorf("codeOf(%v) = %s, want %s", c.err, got, c.code)
		}
		if m := messageOf(c.err); strings.Contains(m, "pronote: ") || m == "" {
			t.Errorf("messageOf(%v) = %q", c.err, m)
		}
	}
}
