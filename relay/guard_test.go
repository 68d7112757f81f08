package relay

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestIsIdentification(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{`{"session":1,"no":"ab","id":"Identification","dataSec":"0a1b2c"}`, true},
		{`{"nom":"Identification","session":1,"numeroOrdre":"ab","donneesSec":{"donnees":{}}}`, true},
		{`{"dataSec":{"nom":"Navigation","data":{"x":[1,{"y":"Identification"}]}},"id":"Identification"}`, true},
		{`{"id":"identification"}`, true},
		{`{"ID":"Identification"}`, true},
		{`{"id":"Identific\u0061tion"}`, true},
		{`{"id":"\u0049dentification"}`, true},
		{`{"id":"Navigation","id":"Identification"}`, true},
		{`{"id":"Identification","id":"Navigation"}`, true},
		{`{"id":" Identification "}`, true},
		{`{"session":1,"id":"Authentification","dataSec":"00"}`, false},
		{`{"id":"Navigation","dataSec":{"nom":"Identification"}}`, false},
		{`{"id":"Navigation","message":"Identification"}`, false},
		{`{"id":["Identification"]}`, false},
		{`["Identification"]`, true},
		{`not json Identification`, true},
		{`{"x":NaN,"id":"Identification"}`, true},
		{`{"id":"Identification"`, true},
		{`not json Navigation`, false},
		{``, false},
	}
	for _, tt := range tests {
		if got := isIdentification([]byte(tt.body)); got != tt.want {
			t.Errorf("isIdentification(%s) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

func TestWindowLimiter(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	l := newWindowLimiter(3, 10*time.Minute, func() time.Time { return now })
	allow := func(key string) bool {
		ok, err := l.Allow(context.Background(), key)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	for i := range 3 {
		if !allow("1.2.3.4 a.example") {
			t.Fatalf("attempt %d refused", i+1)
		}
		now = now.Add(time.Minute)
	}
	if allow("1.2.3.4 a.example") {
		t.Error("a fourth attempt within the window was allowed")
	}
	if !allow("1.2.3.4 b.example") || !allow("5.6.7.8 a.example") {
		t.Error("another school or another client shares the count")
	}
	now = now.Add(7 * time.Minute) // the first attempt is now 10 minutes old
	if !allow("1.2.3.4 a.example") {
		t.Error("the window does not slide")
	}
	if allow("1.2.3.4 a.example") {
		t.Error("a refused attempt must not reset the count")
	}
}

func TestWindowLimiterBoundsItsMemory(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	l := newWindowLimiter(1, time.Minute, func() time.Time { return now })
	for i := range maxLimiterKeys + 10 {
		if i == maxLimiterKeys/2 {
			now = now.Add(time.Hour)
		}
		l.Allow(context.Background(), string(rune(i)))
	}
	if n := len(l.hits); n > maxLimiterKeys {
		t.Errorf("%d keys kept, at most %d expected", n, maxLimiterKeys)
	}
	if ok, _ := l.Allow(context.Background(), string(rune(maxLimiterKeys+5))); ok {
		t.Error("a recent key was dropped by the sweep")
	}
}

// FuzzIsIdentification checks isIdentification against encoding/json: a body whose top-level
// "id" or "nom" (any case) decodes to "Identification" (any case, spaces trimmed) is always
// counted, whatever its spelling, escapes or duplicate keys.
func FuzzIsIdentification(f *testing.F) {
	for _, s := range []string{
		`{"session":1,"no":"ab","id":"Identification","dataSec":"0a"}`,
		`{"nom":"Identification","donneesSec":{"donnees":{}}}`,
		`{"\u0069d":"Identific\u0061tion"}`,
		`{"id":"Navigation","dataSec":{"nom":"Identification"}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got := isIdentification(body)
		var top map[string]json.RawMessage
		if json.Unmarshal(body, &top) != nil {
			return
		}
		for k, v := range top {
			var name string
			if (strings.EqualFold(k, "id") || strings.EqualFold(k, "nom")) && json.Unmarshal(v, &name) == nil &&
				strings.EqualFold(strings.TrimSpace(name), identificationName) && !got {
				t.Fatalf("missed an Identification: %q", body)
			}
		}
	})
}
