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
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: parseTree %#v, encoding/json %#v", b, got, want)
		}
	})
}
