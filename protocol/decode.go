package protocol

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// Values are decoded by shape, never by _T: {_T, V}, {V} and the bare value are all accepted
// (§9.1). These helpers never fail; a missing or odd value decodes as its zero value.

// obj is a JSON object whose members are decoded lazily.
type obj map[string]json.RawMessage

func asObj(raw json.RawMessage) obj {
	var o obj
	json.Unmarshal(wire.Unwrap(raw), &o)
	return o
}

// get returns the first present member among names (historical spellings).
func (o obj) get(names ...string) json.RawMessage {
	for _, n := range names {
		if v, ok := o[n]; ok && string(v) != "null" {
			return v
		}
	}
	return nil
}

func (o obj) obj(names ...string) obj    { return asObj(o.get(names...)) }
func (o obj) str(names ...string) string { return asString(o.get(names...)) }
func (o obj) list(names ...string) []obj { return asList(o.get(names...)) }
func (o obj) flag(names ...string) bool  { return asBool(o.get(names...)) }
func (o obj) num(names ...string) (float64, bool) {
	return asNumber(o.get(names...))
}

func (o obj) int(names ...string) int {
	f, _ := o.num(names...)
	return int(f)
}

func asString(raw json.RawMessage) string {
	raw = wire.Unwrap(raw)
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var f float64
	if json.Unmarshal(raw, &f) == nil {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return ""
}

func asList(raw json.RawMessage) []obj {
	var out []obj
	json.Unmarshal(wire.Unwrap(raw), &out)
	return out
}

// asBool accepts true/false, 0/1 and their string forms.
func asBool(raw json.RawMessage) bool {
	var v any
	json.Unmarshal(wire.Unwrap(raw), &v)
	return truthy(v)
}

// asNumber accepts JSON numbers and number strings with a decimal comma.
func asNumber(raw json.RawMessage) (float64, bool) {
	raw = wire.Unwrap(raw)
	var f float64
	if json.Unmarshal(raw, &f) == nil {
		return f, true
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", "."), 64)
	return f, err == nil
}

// dateOf is asTime as a Date, "" when absent or malformed.
func dateOf(raw json.RawMessage, ref time.Time) Date {
	if t, ok := asTime(raw, ref); ok {
		return fmtDate(t)
	}
	return ""
}

// asTime parses a PRONOTE date or date-time; ok is false when absent or malformed.
func asTime(raw json.RawMessage, ref time.Time) (time.Time, bool) {
	s := asString(raw)
	if s == "" {
		return time.Time{}, false
	}
	t, err := wire.ParseDate(s, ref)
	return t, err == nil
}

// fmtDate, fmtDateTime and parseDay handle dates by hand: with them, time.Format and
// time.Parse stay out of the WebAssembly module, which has a size budget.
func fmtDate(t time.Time) Date {
	b := appendInt(nil, t.Year(), 4)
	b = appendInt(append(b, '-'), int(t.Month()), 2)
	return string(appendInt(append(b, '-'), t.Day(), 2))
}

func fmtDateTime(t time.Time) DateTime {
	b := append([]byte(fmtDate(t)), 'T')
	b = appendInt(b, t.Hour(), 2)
	b = appendInt(append(b, ':'), t.Minute(), 2)
	return string(appendInt(append(b, ':'), t.Second(), 2))
}

// appendInt appends n, zero-padded to width digits.
func appendInt(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// parseDay reads a "YYYY-MM-DD" argument.
func parseDay(name, s string) (time.Time, error) {
	bad := argError(name, "must be a date YYYY-MM-DD, got %q", s)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, bad
	}
	for i := 0; i < len(s); i++ {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return time.Time{}, bad
		}
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:])
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1 || t.Day() != d || int(t.Month()) != m {
		return time.Time{}, bad
	}
	return t, nil
}
