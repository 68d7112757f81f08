package protocol

import "testing"

// TestDecodeByShape: {_T, V}, {V} and the bare value read alike, from a reply parsed once.
func TestDecodeByShape(t *testing.T) {
	o := parseObj([]byte(`{"d":{"_T":7,"V":"02/09/2024"},"l":{"V":[{"L":"a"},3,{"L":"b"}]},"s":"x",
		"n":{"_T":10,"V":"12,5"},"f":1,"b":"true","o":{"L":"z"},"nul":null,"num":42}`))
	if o == nil {
		t.Fatal("not parsed")
	}
	if got := o.str("d"); got != "02/09/2024" {
		t.Errorf("str {_T,V} = %q", got)
	}
	if got := o.list("l"); len(got) != 2 || got[0].str("L") != "a" || got[1].str("L") != "b" {
		t.Errorf("list {V} = %v", got)
	}
	if n, ok := o.num("n"); !ok || n != 12.5 {
		t.Errorf("num with a comma = %v, %v", n, ok)
	}
	if !o.flag("f") || !o.flag("b") || o.flag("s") || o.flag("missing") {
		t.Error("flag")
	}
	if got := o.obj("o"); len(got) != 1 || got[0].name != "L" || got.str("L") != "z" {
		t.Errorf("obj = %v", got)
	}
	if o.get("nul") != nil || o.str("nul", "s") != "x" {
		t.Error("a null member is absent: the next spelling is read")
	}
	if o.str("num") != "42" || o.int("num") != 42 {
		t.Error("a number read as a string and an int")
	}
	if parseObj([]byte(`[1]`)) != nil || parseObj([]byte(`{`)) != nil {
		t.Error("not an object")
	}
}
