package relay

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// writeForwarded writes an upstream answer under the header contract, its body of n bytes
// copied as it streams (a Worker body that implements io.WriterTo never enters Go).
func writeForwarded(w http.ResponseWriter, resp *http.Response, body io.Reader, n int64) {
	h := w.Header()
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		h.Set("Content-Type", ct)
	}
	h.Set(HeaderStatus, strconv.Itoa(resp.StatusCode))
	if loc := resp.Header.Get("Location"); loc != "" {
		h.Set(HeaderLocation, asciiOnly(loc))
	}
	if cookies := resp.Header.Values("Set-Cookie"); len(cookies) > 0 {
		h.Set(HeaderSetCookie, EncodeSetCookies(cookies))
	}
	h.Set("Content-Length", strconv.FormatInt(n, 10))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(statusFor(resp.StatusCode))
	if n > 0 {
		_, _ = io.Copy(w, body)
	}
}

// EncodeSetCookies encodes Set-Cookie values for the X-Pronote-Set-Cookie header: a JSON array
// of strings, one per value, with every non-ASCII or control character \u-escaped so the
// header is plain ASCII. JSON.parse in the browser gives the values back intact.
func EncodeSetCookies(values []string) string {
	if values == nil {
		values = []string{}
	}
	b, _ := json.Marshal(values)
	return asciiOnly(string(b))
}

// asciiOnly \u-escapes every rune outside printable ASCII (UTF-16 surrogate pairs above the
// BMP), which is a no-op on JSON semantics and keeps header values ASCII. Invalid UTF-8 turns
// into U+FFFD.
func asciiOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case r > 0xffff:
			r -= 0x10000
			fmt.Fprintf(&b, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}
