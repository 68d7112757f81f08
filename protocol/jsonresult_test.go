package protocol

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

// resultValues are the types MarshalResult writes by hand.
func resultValues() []any {
	return []any{User{}, &User{}, []Period{}, []Lesson{}, []Homework{}, &Grades{}}
}

// fill sets every field of v (recursively, one element per slice, every pointer allocated)
// from seed, so that a field added to a result type and forgotten by MarshalResult shows.
func fill(v reflect.Value, s string, f float64, b bool) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Float64:
		v.SetFloat(f)
	case reflect.Bool:
		v.SetBool(b)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), s, f, b)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), s, f, b)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), s, f, b)
		}
	default:
		panic("fill: add " + v.Kind().String())
	}
}

// filled returns a copy of each result type with every field set.
func filled(s string, f float64, b bool) []any {
	var out []any
	for _, v := range resultValues() {
		p := reflect.New(reflect.TypeOf(v))
		fill(p.Elem(), s, f, b)
		out = append(out, p.Elem().Interface())
	}
	return out
}

func checkResult(t *testing.T, v any) {
	t.Helper()
	got, err := MarshalResult(v)
	want, werr := json.Marshal(v)
	if !bytes.Equal(got, want) || (err == nil) != (werr == nil) {
		t.Fatalf("%T: MarshalResult gives %s (%v), json.Marshal %s (%v)", v, got, err, want, werr)
	}
}

func TestMarshalResult(t *testing.T) {
	for _, v := range resultValues() {
		checkResult(t, v) // empty: every omitempty member left out, nil slices as null
	}
	var nilGrades *Grades
	checkResult(t, nilGrades)
	checkResult(t, []Lesson(nil))
	for _, seed := range []struct {
		s string
		f float64
		b bool
	}{
		{"x", 1, true},
		{"", 0, false},
		{"<p>Élève & \"cours\"</p>\n\t\\ \u2028\u2029 \x01 \x7f \xff\xfe é", 12.5, true},
		{"N#1", 1e-7, false},
		{"a", 1e21, true},
		{"b", -0.000001, true},
		{"c", 123456789012345678, false},
		{"d", math.Copysign(0, -1), true},
		{"e", math.NaN(), true}, // json.Marshal's error
		{"f", math.Inf(-1), false},
	} {
		for _, v := range filled(seed.s, seed.f, seed.b) {
			checkResult(t, v)
		}
	}
	// Another type goes to json.Marshal.
	checkResult(t, []Grade{{ID: "1"}})
}

func FuzzMarshalResult(f *testing.F) {
	f.Add("x", 1.5, true)
	f.Add("<é\u2028\xff", 1e-9, false)
	f.Fuzz(func(t *testing.T, s string, n float64, b bool) {
		for _, v := range filled(s, n, b) {
			checkResult(t, v)
		}
	})
}
