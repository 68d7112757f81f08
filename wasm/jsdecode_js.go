//go:build js && wasm

package main

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"sync"
	"syscall/js"
)

// readObject reads the JavaScript object o into the struct v points to, member by member
// under the fields' json names, as JSON.stringify then encoding/json would, without either:
// the text and encoding/json's decoder cost a tenth of a call in the WebAssembly module, and
// at a fresh process's first login V8 compiled the decoder (issue 13). undefined and null
// read as absent, as do NaN and the infinities (JSON null); an object with toJSON (a Date)
// is read as what toJSON returns. Strict, a member of o the struct does not have (other
// than a function, undefined, or signal at the top) is INVALID_ARGUMENT "is not an option
// of this method"; a member of the wrong type is INVALID_ARGUMENT naming it (its path, as
// "attachment.name"), never quoting its value. over holds positional arguments, read in
// place of o's members of the same names. name names o in the error for a member that
// cannot be read at all (a getter that throws, a BigInt).
func readObject(o js.Value, name string, v any, strict bool, over map[string]js.Value) (err error) {
	defer func() {
		if recover() != nil {
			err = argError(name, "cannot be read")
		}
	}()
	rv := reflect.ValueOf(v).Elem()
	if o.IsUndefined() {
		o = jsObject.New()
	}
	return readStruct(o, rv, "", strict, over)
}

// jsField is a struct field and its JSON name.
type jsField struct {
	name  string
	index int
}

var jsFields sync.Map // reflect.Type → []jsField

// fieldsOf lists t's exported fields under their JSON names ("-" skipped).
func fieldsOf(t reflect.Type) []jsField {
	if f, ok := jsFields.Load(t); ok {
		return f.([]jsField)
	}
	var out []jsField
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, jsField{name, i})
	}
	jsFields.Store(t, out)
	return out
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func readStruct(o js.Value, rv reflect.Value, path string, strict bool, over map[string]js.Value) error {
	fields := fieldsOf(rv.Type())
	if strict {
		keys := jsObject.Call("keys", o)
		for i, n := 0, keys.Length(); i < n; i++ {
			k := keys.Index(i).String()
			if path == "" && k == "signal" || hasField(fields, k) {
				continue
			}
			if m := o.Get(k); m.IsUndefined() || m.Type() == js.TypeFunction {
				continue // JSON.stringify leaves them out
			}
			return argError(joinPath(path, k), "is not an option of this method")
		}
		for k := range over {
			if !hasField(fields, k) {
				return argError(k, "is not an option of this method")
			}
		}
	}
	for _, f := range fields {
		m, ok := over[f.name]
		if !ok {
			m = o.Get(f.name)
		}
		if err := readValue(m, rv.Field(f.index), joinPath(path, f.name), strict); err != nil {
			return err
		}
	}
	return nil
}

func hasField(fields []jsField, name string) bool {
	for _, f := range fields {
		if f.name == name {
			return true
		}
	}
	return false
}

var rawMessageType = reflect.TypeFor[json.RawMessage]()

func readValue(v js.Value, rv reflect.Value, path string, strict bool) error {
	if v.Type() == js.TypeObject && v.Get("toJSON").Type() == js.TypeFunction {
		v = v.Call("toJSON")
	}
	if v.IsUndefined() || v.IsNull() || v.Type() == js.TypeNumber && !finite(v.Float()) {
		return nil
	}
	if rv.Type() == rawMessageType { // the member's JSON text
		text, err := toJSON(v, path, false)
		if err != nil {
			return err
		}
		rv.SetBytes([]byte(text))
		return nil
	}
	switch rv.Kind() {
	case reflect.String:
		if v.Type() != js.TypeString {
			return argError(path, "must be a string")
		}
		rv.SetString(v.String())
	case reflect.Bool:
		if v.Type() != js.TypeBoolean {
			return argError(path, "must be a boolean")
		}
		rv.SetBool(v.Bool())
	case reflect.Float64:
		if v.Type() != js.TypeNumber {
			return argError(path, "must be a number")
		}
		rv.SetFloat(v.Float())
	case reflect.Int:
		if v.Type() != js.TypeNumber || v.Float() != math.Trunc(v.Float()) || math.Abs(v.Float()) > 1<<53 {
			return argError(path, "must be an integer")
		}
		rv.SetInt(int64(v.Float()))
	case reflect.Pointer:
		p := reflect.New(rv.Type().Elem())
		if err := readValue(v, p.Elem(), path, strict); err != nil {
			return err
		}
		rv.Set(p)
	case reflect.Struct:
		if v.Type() != js.TypeObject || jsArray.Call("isArray", v).Bool() {
			return argError(path, "must be an object")
		}
		return readStruct(v, rv, path, strict, nil)
	case reflect.Slice:
		if v.Type() != js.TypeObject || !jsArray.Call("isArray", v).Bool() {
			return argError(path, "must be an array")
		}
		n := v.Length()
		s := reflect.MakeSlice(rv.Type(), n, n)
		for i := range n {
			if err := readValue(v.Index(i), s.Index(i), path, strict); err != nil {
				return err
			}
		}
		rv.Set(s)
	default:
		return argError(path, "cannot be read") // a field type this reader does not know
	}
	return nil
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
