package main

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/pronote-web/pronote/internal/weburl"
)

// maxTimeout bounds the timeout option: ten minutes is already more than any browser waits.
const maxTimeout = 10 * 60 * 1000

// checkTimeout accepts a per-request timeout in milliseconds: absent, or from 1 to maxTimeout.
func checkTimeout(ms float64) error {
	if ms < 0 || (ms > 0 && ms < 1) || ms > maxTimeout {
		return argError("timeout", "must be a number of milliseconds from 1 to 600000")
	}
	return nil
}

// timeoutOf turns the timeout option into a duration (0: the protocol's default).
func timeoutOf(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }

// resumeArgs are resume's options.
type resumeArgs struct {
	Relay       *string `json:"relay"`   // nil: keep the relay the state was exported with
	Timeout     float64 `json:"timeout"` // milliseconds per request, 0 for the default
	AutoRelogin bool    `json:"autoRelogin"`
}

// callArgs are call's options.
type callArgs struct {
	Onglet int `json:"onglet"`
}

// decodeArgs decodes the JSON text of an object into v (onTwoFactor's answer, which crosses
// as JSON; options objects are read member by member, jsdecode_js.go). A field of the wrong
// type is reported by its name; the value never appears in the error.
func decodeArgs(name string, text string, v any) error {
	if text == "" {
		return nil
	}
	return decodeError(name, json.NewDecoder(strings.NewReader(text)).Decode(v))
}

// decodeError turns a decoding error into an *ArgumentError: a member of the wrong type or an
// unknown one by its name, anything else as the object called name.
func decodeError(name string, err error) error {
	var te *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &te) && te.Field != "":
		return argError(te.Field, "must be "+jsType(te.Type.Kind().String()))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return argError(field, "is not an option of this method")
	}
	return argError(name, "must be an object")
}

// jsType names a Go kind the way a JavaScript user thinks of it.
func jsType(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"):
		return "an integer"
	case kind == "string", kind == "ptr":
		return "a string"
	case kind == "struct", kind == "map":
		return "an object"
	}
	return "a " + kind
}

// checkRelay accepts "" (direct mode) or an http(s) URL without query, fragment or userinfo.
func checkRelay(relay string) error {
	if relay == "" {
		return nil
	}
	u, err := weburl.Parse(relay)
	if err != nil || u.UserInfo || u.RawQuery != "" || u.Fragment != "" || strings.Contains(relay, "?") || strings.Contains(relay, "#") {
		return argError("relay", "must be the relay's https:// address, without query or fragment")
	}
	return nil
}
