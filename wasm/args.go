package main

import (
	"bytes"
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

// decodeQueryJSON decodes a typed method's query into q: the options object's JSON text (""
// for none) without its signal, with the positional arguments' JSON texts set by name over
// it. It is strict: an unknown member or one of the wrong type is an *ArgumentError naming
// it, never quoting its value.
func decodeQueryJSON(text string, positional map[string]string, q any) error {
	if len(positional) == 0 && !strings.Contains(text, `"signal"`) {
		// The usual case, an options object alone and no signal: decoded as it is, without
		// the merge below (a map, a second encoding, most of a call's argument cost).
		if text == "" {
			return nil
		}
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		return decodeError("query", dec.Decode(q))
	}
	members := map[string]json.RawMessage{}
	if text != "" {
		if json.Unmarshal([]byte(text), &members) != nil {
			return argError("query", "must be an object")
		}
	}
	delete(members, "signal")
	for name, v := range positional {
		members[name] = json.RawMessage(v)
	}
	merged, err := json.Marshal(members)
	if err != nil {
		return argError("query", "cannot be converted to JSON")
	}
	dec := json.NewDecoder(bytes.NewReader(merged))
	dec.DisallowUnknownFields()
	return decodeError("query", dec.Decode(q))
}

// decodeArgs decodes the JSON text of an options object into v. A field of the wrong type is
// reported by its name; the value never appears in the error.
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
