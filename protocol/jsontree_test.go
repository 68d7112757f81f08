package protocol

import (
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzParseTree: parseTree accepts exactly what encoding/json accepts and builds the same tree.
func FuzzParseTree(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":[1,2.5,-3e2,"x\u00e9\n",true,false,null],"b":{"c":""}}`,
		` "\ud83d\ude00" `, `"\ud800x"`, `"\udc00\ud800"`, "\"\xff\xfe\"", `-0`, `0123`, `1.`, `1e400`,
		`{"a":1,}`, `[1 2]`, `{"a" 1}`, `"\x"`, `123456789012345678901234567890`, `{"a":1,"a":2}`, `nul`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := parseTree(b)
		var want any
		werr := json.Unmarshal(b, &want)
		if (err == nil) != (werr == nil) {
			t.Fatalf("%q: parseTree error %v, encoding/json error %v", b, err, werr)
		}
		if err == nil && !reflect.DeepEqual(asMaps(got), want) {
			t.Fatalf("%q: parseTree %#v, encoding/json %#v", b, got, want)
		}
	})
}

// asMaps turns a tree's obj values into maps (the last duplicate wins) and its pointers into
// the values, to compare with encoding/json's.
func asMaps(v any) any {
	switch x := v.(type) {
	case obj:
		m := map[string]any{}
		for _, e := range x {
			m[e.name] = asMaps(e.value)
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = asMaps(e)
		}
		return out
	case *string:
		return *x
	case *float64:
		return *x
	}
	return v
}

// TestObjMarshal: a raw call's object is written back with its members in order, the last of
// duplicates winning.
func TestObjMarshal(t *testing.T) {
	v, err := parseTree([]byte(`{"b":1,"a":{"x":[1,"y"]},"b":2,"c":null}`))
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(v)
	if err != nil || string(out) != `{"a":{"x":[1,"y"]},"b":2,"c":null}` {
		t.Errorf("Marshal = %s, %v", out, err)
	}
}

// TestAppendJSONString: the request envelope's strings are written as encoding/json writes them.
func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "PageEmploiDuTemps", "3fa959b13967e0ef", "a\"b", `back\slash`, "<&>", "tab\there", "é", "\x7f", "\xff"} {
		want, _ := json.Marshal(s)
		if got := appendJSONString([]byte("x"), s); string(got) != "x"+string(want) {
			t.Errorf("appendJSONString(%q) = %s, want x%s", s, got, want)
		}
	}
}
