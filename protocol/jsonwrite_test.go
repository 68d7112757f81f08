package protocol

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sync"
	"testing"
)

// payloadMismatches collects every payload marshalPayload wrote differently from json.Marshal
// during the package's tests: every request of every test goes through it.
var (
	payloadMu         sync.Mutex
	payloadMismatches []string
	payloadsChecked   int
)

func TestMain(m *testing.M) {
	checkPayloads = func(v any, got []byte) {
		want, err := json.Marshal(v)
		payloadMu.Lock()
		defer payloadMu.Unlock()
		payloadsChecked++
		if err != nil || !bytes.Equal(got, want) {
			payloadMismatches = append(payloadMismatches, fmt.Sprintf("by hand %s, json.Marshal %s (%v)", got, want, err))
		}
	}
	code := m.Run()
	if len(payloadMismatches) > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: %d request payloads differ from json.Marshal's:\n", len(payloadMismatches))
		for _, s := range payloadMismatches[:min(len(payloadMismatches), 10)] {
			fmt.Fprintln(os.Stderr, "  ", s)
		}
		code = 1
	}
	os.Exit(code)
}

func TestMarshalPayload(t *testing.T) {
	for _, v := range []any{
		map[string]any{},
		map[string]any{"b": 1, "a": "x", "c": true, "d": nil, "e": []any{}, "f": []any(nil)},
		map[string]any{"donnees": map[string]any{"ressource": map[string]any{"N": "12#ab", "G": 4}, "domaine": map[string]any{"_T": 8, "V": "[1..62]"}}},
		map[string]any{"listeTAF": []any{map[string]any{"N": "7", "TAFFait": false, "E": 2}}},
		map[string]any{"n": -42, "big": int64(1) << 60, "f": 3.0, "g": -7.0, "h": float64(1 << 52)},
		map[string]any{"s": []string{"a", "b"}, "nil": []string(nil)},
		map[string]any{"text": "Élève, réponse « entre guillemets » ✓"},
		map[string]any{"s": "<b>&amp;</b>"},
		map[string]any{"s": "a\nb\t\"c\"\\"},
		map[string]any{"s": "\u2028"},
		map[string]any{"s": "\xff"},
		map[string]any{"a<b": 1},
	} {
		got, err := marshalPayload(v)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := appendPayload(nil, v, 0); !ok {
			t.Errorf("%v went to json.Marshal; it should be written by hand", v)
		}
		if want, _ := json.Marshal(v); !bytes.Equal(got, want) {
			t.Errorf("got %s, want %s", got, want)
		}
	}
	// What it leaves to encoding/json, which must still give encoding/json's answer.
	for _, v := range []any{
		map[string]any{"f": 1.5},
		map[string]any{"f": math.Copysign(0, -1)},
		map[string]any{"f": 1e300},
		map[string]any{"k": struct{ A int }{1}},
		map[string]any{"k": json.RawMessage(`{"a": 1}`)},
	} {
		if _, ok := appendPayload(nil, v, 0); ok {
			t.Errorf("%v was written by hand; it holds what only json.Marshal writes", v)
		}
		got, err := marshalPayload(v)
		want, werr := json.Marshal(v)
		if !bytes.Equal(got, want) || (err == nil) != (werr == nil) {
			t.Errorf("got %s (%v), want %s (%v)", got, err, want, werr)
		}
	}
}

// FuzzMarshalPayload checks the hand-written encoder against json.Marshal on payloads of the
// shapes the package builds, with any string and number.
func FuzzMarshalPayload(f *testing.F) {
	f.Add("N", "12#ab", 4.0, true)
	f.Add("L", "é\u2028<", -1.5, false)
	f.Fuzz(func(t *testing.T, k, s string, n float64, b bool) {
		v := map[string]any{k: s, "n": n, "b": b, "m": map[string]any{s: []any{n, k, nil}}, "l": []string{s, k}}
		got, err := marshalPayload(v)
		want, werr := json.Marshal(v)
		if !bytes.Equal(got, want) || (err == nil) != (werr == nil) {
			t.Fatalf("got %s (%v), want %s (%v)", got, err, want, werr)
		}
	})
}
