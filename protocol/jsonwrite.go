package protocol

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
)

// marshalPayload encodes a request payload exactly as json.Marshal does. The payloads are
// built of maps, slices, strings, integers and booleans, which it writes by hand: encoding/json
// walks a map[string]any by reflection and sorts its keys through reflect values, about 20 µs
// per call in the WebAssembly module, and its code is compiled by V8 at a fresh process's
// first login (issue 13). Anything else (a struct, a fractional number) goes to
// json.Marshal, whole.
func marshalPayload(v any) ([]byte, error) {
	if b, ok := appendPayload(make([]byte, 0, 256), v, 0); ok {
		if checkPayloads != nil {
			checkPayloads(v, b)
		}
		return b, nil
	}
	return json.Marshal(v)
}

// checkPayloads, set by the package's tests, sees every payload written by hand, to compare
// it with json.Marshal's.
var checkPayloads func(v any, b []byte)

// payloadMaxDepth bounds the recursion; deeper values go to json.Marshal.
const payloadMaxDepth = 32

// appendPayload appends v's JSON, or reports false when v holds something it does not write.
func appendPayload(dst []byte, v any, depth int) ([]byte, bool) {
	if depth > payloadMaxDepth {
		return dst, false
	}
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...), true
	case bool:
		return strconv.AppendBool(dst, x), true
	case string:
		return appendJSONString(dst, x), true
	case *string: // a value of a parsed reply (jsontree.go)
		return appendJSONString(dst, *x), true
	case *float64:
		return appendPayload(dst, *x, depth)
	case int:
		return strconv.AppendInt(dst, int64(x), 10), true
	case int64:
		return strconv.AppendInt(dst, x, 10), true
	case float64:
		// Integral values below 2^53 are written as encoding/json writes them ('f', -1).
		if x != math.Trunc(x) || math.Abs(x) >= 1<<53 || (x == 0 && math.Signbit(x)) {
			return dst, false
		}
		return strconv.AppendInt(dst, int64(x), 10), true
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys) // encoding/json's order for string keys
		dst = append(dst, '{')
		for i, k := range keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, k)
			var ok bool
			if dst, ok = appendPayload(append(dst, ':'), x[k], depth+1); !ok {
				return dst, false
			}
		}
		return append(dst, '}'), true
	case []any:
		if x == nil {
			return append(dst, "null"...), true
		}
		dst = append(dst, '[')
		for i, it := range x {
			if i > 0 {
				dst = append(dst, ',')
			}
			var ok bool
			if dst, ok = appendPayload(dst, it, depth+1); !ok {
				return dst, false
			}
		}
		return append(dst, ']'), true
	case []string:
		if x == nil {
			return append(dst, "null"...), true
		}
		dst = append(dst, '[')
		for i, s := range x {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, s)
		}
		return append(dst, ']'), true
	}
	return dst, false
}
