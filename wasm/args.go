package main

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/pronote-web/pronote/internal/weburl"
)

// resumeArgs are resume's options.
type resumeArgs struct {
	Relay       *string `json:"relay"` // nil: keep the relay the state was exported with
	AutoRelogin bool    `json:"autoRelogin"`
}

// rangeArgs select days (timetable, homework) or a week (timetable only).
type rangeArgs struct {
	Week int    `json:"week"`
	From string `json:"from"`
	To   string `json:"to"`
}

// gradesArgs select a period.
type gradesArgs struct {
	Period string `json:"period"`
}

func (a *gradesArgs) check() error {
	if a.Period == "" {
		return argError("period", "is required (an id from session.periods)")
	}
	return nil
}

// callArgs are call's options.
type callArgs struct {
	Onglet int `json:"onglet"`
}

// decodeArgs decodes the JSON text of an options object into v. A field of the wrong type is
// reported by its name; the value never appears in the error.
func decodeArgs(name string, text string, v any) error {
	if text == "" {
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(text))
	err := dec.Decode(v)
	var te *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &te) && te.Field != "":
		return argError(te.Field, "must be "+jsType(te.Type.Kind().String()))
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
