package protocol

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// Values are decoded by shape, never by _T: {_T, V}, {V} and the bare value are all accepted
// (§9.1). A reply is parsed once into a tree of Go values (objects, arrays, strings, float64,
// bool; parseTree gives its strings and numbers as pointers, which unwrap turns back into
// values); these helpers then read it without parsing again. They never fail: a missing or odd
// value reads as its zero value.

// obj is a JSON object of a parsed reply: its members in the order received. PRONOTE's objects
// have a few dozen members at most, so a slice scanned from the end (the last of duplicate
// keys wins, as in encoding/json) is cheaper to build than a map, which was most of the
// WebAssembly module's parsing cost.
type obj []member

// member is one name and value of an obj.
type member struct {
	name  string
	value any
}

// lookup returns the value of the member called name.
func (o obj) lookup(name string) (any, bool) {
	for i := len(o) - 1; i >= 0; i-- {
		if o[i].name == name {
			return o[i].value, true
		}
	}
	return nil, false
}

// MarshalJSON writes the object with its members in the order received (duplicates: the
// last one), for raw calls.
func (o obj) MarshalJSON() ([]byte, error) {
	if o == nil {
		return []byte("{}"), nil
	}
	out := []byte{'{'}
	for i, m := range o {
		if _, ok := o[i+1:].lookup(m.name); ok {
			continue // a later member of the same name wins
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		k, err := json.Marshal(m.name)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m.value)
		if err != nil {
			return nil, err
		}
		out = append(append(append(out, k...), ':'), v...)
	}
	return append(out, '}'), nil
}

// parseObj parses a JSON object, nil when text is not one.
func parseObj(text []byte) obj {
	v, err := parseTree(text)
	if err != nil {
		return nil
	}
	return asObj(v)
}

// unwrap returns the V of a {_T, V} or {V} value, else v; a string or number the parse holds
// by pointer (jsontree.go) comes back as its value, so the helpers below see plain values.
func unwrap(v any) any {
	if m, ok := v.(obj); ok {
		if w, ok := m.lookup("V"); ok {
			v = w
		}
	}
	switch x := v.(type) {
	case *string:
		return *x
	case *float64:
		return *x
	}
	return v
}

func asObj(v any) obj {
	m, _ := unwrap(v).(obj)
	return m
}

// get returns the first present member among names (historical spellings).
func (o obj) get(names ...string) any {
	for _, n := range names {
		if v, ok := o.lookup(n); ok && v != nil {
			return v
		}
	}
	return nil
}

func (o obj) obj(names ...string) obj    { return asObj(o.get(names...)) }
func (o obj) str(names ...string) string { return asString(o.get(names...)) }
func (o obj) list(names ...string) []obj { return asList(o.get(names...)) }
func (o obj) flag(names ...string) bool  { return truthy(unwrap(o.get(names...))) }
func (o obj) num(names ...string) (float64, bool) {
	return asNumber(o.get(names...))
}

func (o obj) int(names ...string) int {
	f, _ := o.num(names...)
	return int(f)
}

func asString(v any) string {
	switch x := unwrap(v).(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

// asList returns the objects of a list; other items are skipped.
func asList(v any) []obj {
	items, _ := unwrap(v).([]any)
	out := make([]obj, 0, len(items))
	for _, it := range items {
		if m, ok := it.(obj); ok {
			out = append(out, m)
		}
	}
	return out
}

// asNumber accepts JSON numbers and number strings with a decimal comma.
func asNumber(v any) (float64, bool) {
	switch x := unwrap(v).(type) {
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(x), ",", "."), 64)
		return f, err == nil
	}
	return 0, false
}

// dateOf is asTime as a Date, "" when absent or malformed.
func dateOf(v any, ref func() time.Time) Date {
	if t, ok := asTime(v, ref); ok {
		return fmtDate(t)
	}
	return ""
}

// asTime parses a PRONOTE date or date-time; ok is false when absent or malformed. ref gives
// the day the school year of a date without its year is taken from: it is called only for
// such a date (time.Now is two calls out of the WebAssembly module, and the decoders read
// dozens of dates per reply).
func asTime(v any, ref func() time.Time) (time.Time, bool) {
	s := asString(v)
	if s == "" {
		return time.Time{}, false
	}
	t, err := wire.ParseDateFunc(s, ref)
	return t, err == nil
}

// at is a ref for asTime that is always t.
func at(t time.Time) func() time.Time { return func() time.Time { return t } }

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
	// The error is made only when needed: fmt was a tenth of a homework call's Go time
	// (today() parses the demo date for every item).
	bad := func() error { return argError(name, "must be a date YYYY-MM-DD, got %q", s) }
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, bad()
	}
	for i := 0; i < len(s); i++ {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return time.Time{}, bad()
		}
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:])
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1 || t.Day() != d || int(t.Month()) != m {
		return time.Time{}, bad()
	}
	return t, nil
}
