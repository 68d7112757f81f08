package main

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol"
)

// dtsResults are the types the module resolves with, by their name in pronote.d.ts. Their
// fields, and those of every struct they hold, must match the interfaces of the same names.
var dtsResults = map[string]reflect.Type{
	"User":     reflect.TypeFor[protocol.User](),
	"Period":   reflect.TypeFor[protocol.Period](),
	"Lesson":   reflect.TypeFor[protocol.Lesson](),
	"Grades":   reflect.TypeFor[protocol.Grades](),
	"Homework": reflect.TypeFor[protocol.Homework](),

	// news and messaging
	"News":       reflect.TypeFor[protocol.News](),
	"Discussion": reflect.TypeFor[protocol.Discussion](),
	"Message":    reflect.TypeFor[protocol.Message](),
	"Recipient":  reflect.TypeFor[protocol.Recipient](),

	// school life, canteen, skills, report cards
	"Attendance": reflect.TypeFor[protocol.Attendance](),
	"MenuDay":    reflect.TypeFor[protocol.MenuDay](),
	"Evaluation": reflect.TypeFor[protocol.Evaluation](),
	"ReportCard": reflect.TypeFor[protocol.ReportCard](),

	// data-c (DownloadedFile is built by typedFile, not from JSON: bytes is a Uint8Array)
	"LessonContent": reflect.TypeFor[protocol.LessonContent](),
	"Account":       reflect.TypeFor[protocol.Account](),
	"Teacher":       reflect.TypeFor[protocol.Teacher](),
}

// TestDTSMatchesGo fails on any difference between the JSON the Go result types produce and
// what pronote.d.ts promises: a field missing on either side, an optional field that is not
// omitempty (or the reverse), or a type that differs (string, number, boolean, arrays, nested
// interfaces, string unions).
func TestDTSMatchesGo(t *testing.T) {
	src, err := os.ReadFile("../web/pronote.d.ts")
	if err != nil {
		t.Fatal(err)
	}
	defs, err := parseDTS(string(src))
	if err != nil {
		t.Fatal(err)
	}
	c := &dtsCheck{defs: defs, seen: map[reflect.Type]bool{}}
	for name, gt := range dtsResults {
		c.named(name, gt)
	}
	for _, p := range c.problems {
		t.Error(p)
	}
}

// TestDTSCheckCanFail: the checker reports each kind of difference.
func TestDTSCheckCanFail(t *testing.T) {
	type inner struct {
		A string `json:"a"`
	}
	type probe struct {
		S   string   `json:"s"`
		N   float64  `json:"n,omitempty"`
		B   bool     `json:"b"`
		L   []inner  `json:"l"`
		P   *float64 `json:"p"`
		Gap string   `json:"gap"`
	}
	defs, err := parseDTS(`export interface Probe { s: number; n: number; b?: boolean; l: { a: string; x: string }[];
		p: number; extra: string }`)
	if err != nil {
		t.Fatal(err)
	}
	c := &dtsCheck{defs: defs, seen: map[reflect.Type]bool{}}
	c.named("Probe", reflect.TypeFor[probe]())
	want := []string{"Probe.s: Go string", "Probe.n: optional in Go", "Probe.b: optional in TypeScript",
		"Probe.l[].x: missing in Go", "Probe.p: Go *float64", "Probe.gap: missing in TypeScript", "Probe.extra: missing in Go"}
	got := strings.Join(c.problems, "\n")
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("no problem %q in:\n%s", w, got)
		}
	}
}

// tsType is a parsed TypeScript type expression.
type tsType struct {
	kind    string // "name", "literal", "object", "array", "union"
	name    string // kind name: the identifier; literal: the string's value
	members []tsMember
	elem    *tsType   // array
	alts    []*tsType // union
}

type tsMember struct {
	name     string
	optional bool
	typ      *tsType
}

var (
	dtsComments = regexp.MustCompile(`(?s)/\*.*?\*/|//[^\n]*`)
	dtsToken    = regexp.MustCompile(`"[^"]*"|[A-Za-z_$][A-Za-z0-9_$]*|\[\]|[{}()|:;?,<>=\[\]&.]`)
)

// parseDTS reads the exported interfaces and type aliases of a declaration file; other
// declarations (functions, generics) are skipped.
func parseDTS(src string) (map[string]*tsType, error) {
	p := &dtsParser{toks: dtsToken.FindAllString(dtsComments.ReplaceAllString(src, " "), -1)}
	defs := map[string]*tsType{}
	for p.i < len(p.toks) {
		switch tok := p.next(); {
		case tok == "interface" && p.i < len(p.toks):
			name := p.next()
			for p.peek() != "{" && p.i < len(p.toks) { // extends …
				p.next()
			}
			obj, err := p.object()
			if err != nil {
				return nil, fmt.Errorf("interface %s: %w", name, err)
			}
			defs[name] = obj
		case tok == "type" && p.i+1 < len(p.toks) && p.toks[p.i+1] == "=":
			name := p.next()
			p.next()
			typ, err := p.union()
			if err != nil {
				return nil, fmt.Errorf("type %s: %w", name, err)
			}
			defs[name] = typ
		}
	}
	return defs, nil
}

type dtsParser struct {
	toks []string
	i    int
}

func (p *dtsParser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

func (p *dtsParser) next() string {
	t := p.peek()
	p.i++
	return t
}

func (p *dtsParser) union() (*tsType, error) {
	var alts []*tsType
	if p.peek() == "|" {
		p.next()
	}
	for {
		t, err := p.postfix()
		if err != nil {
			return nil, err
		}
		alts = append(alts, t)
		if p.peek() != "|" {
			break
		}
		p.next()
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return &tsType{kind: "union", alts: alts}, nil
}

func (p *dtsParser) postfix() (*tsType, error) {
	t, err := p.primary()
	for err == nil && p.peek() == "[]" {
		p.next()
		t = &tsType{kind: "array", elem: t}
	}
	return t, err
}

func (p *dtsParser) primary() (*tsType, error) {
	switch tok := p.peek(); {
	case tok == "{":
		return p.object()
	case tok == "(" && p.isFunction():
		for depth := 0; ; { // the parameters
			switch p.next() {
			case "(":
				depth++
			case ")":
				depth--
			}
			if depth == 0 {
				break
			}
		}
		p.next() // =
		p.next() // >
		if _, err := p.union(); err != nil {
			return nil, err
		}
		return &tsType{kind: "function"}, nil
	case tok == "(":
		p.next()
		t, err := p.union()
		if p.next() != ")" && err == nil {
			err = fmt.Errorf("unclosed (")
		}
		return t, err
	case strings.HasPrefix(tok, `"`):
		p.next()
		return &tsType{kind: "literal", name: strings.Trim(tok, `"`)}, nil
	case tok != "" && regexp.MustCompile(`^[A-Za-z_$]`).MatchString(tok):
		p.next()
		for p.peek() == "." { // a qualified name: WebAssembly.Module
			p.next()
			tok += "." + p.next()
		}
		if p.peek() == "<" { // a generic: skip its arguments
			for depth := 0; p.i < len(p.toks); {
				switch p.next() {
				case "<":
					depth++
				case ">":
					depth--
				}
				if depth == 0 {
					break
				}
			}
		}
		if p.peek() == "&" { // an intersection (Query & CallOptions): keep the object
			p.next()
			return p.primary()
		}
		return &tsType{kind: "name", name: tok}, nil
	}
	return nil, fmt.Errorf("unexpected %q", p.peek())
}

// skipMember skips to the end of a member (a method signature), past nested brackets.
func (p *dtsParser) skipMember() {
	depth := 0
	for p.i < len(p.toks) {
		switch p.peek() {
		case "(", "{", "<":
			depth++
		case ")", ">":
			depth--
		case "}":
			if depth == 0 {
				return
			}
			depth--
		case ";":
			if depth == 0 {
				p.next()
				return
			}
		}
		p.next()
	}
}

// isFunction reports whether the ( at the cursor opens a function type: (…) => ….
func (p *dtsParser) isFunction() bool {
	depth := 0
	for j := p.i; j < len(p.toks); j++ {
		switch p.toks[j] {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				return j+2 < len(p.toks) && p.toks[j+1] == "=" && p.toks[j+2] == ">"
			}
		}
	}
	return false
}

func (p *dtsParser) object() (*tsType, error) {
	if p.next() != "{" {
		return nil, fmt.Errorf("want {")
	}
	obj := &tsType{kind: "object"}
	for p.peek() != "}" {
		if p.i >= len(p.toks) {
			return nil, fmt.Errorf("unclosed {")
		}
		name := p.next()
		if name == "[" || name == ";" || name == "," { // an index signature or a separator
			for name == "[" && p.peek() != ";" && p.peek() != "}" {
				p.next()
			}
			if p.peek() == ";" {
				p.next()
			}
			continue
		}
		m := tsMember{name: name}
		if p.peek() == "?" {
			p.next()
			m.optional = true
		}
		if name == "readonly" && p.peek() != ":" && p.peek() != "?" {
			m.name = p.next()
			if p.peek() == "?" {
				p.next()
				m.optional = true
			}
		}
		if p.peek() == "(" { // a method: skip to the end of its declaration
			p.skipMember()
			continue
		}
		if p.next() != ":" {
			return nil, fmt.Errorf("member %s: want :", name)
		}
		typ, err := p.union()
		if err != nil {
			return nil, fmt.Errorf("member %s: %w", name, err)
		}
		m.typ = typ
		obj.members = append(obj.members, m)
		if p.peek() == ";" || p.peek() == "," {
			p.next()
		}
	}
	p.next()
	if p.peek() == "&" { // { … } & CallOptions
		p.next()
		p.primary()
	}
	return obj, nil
}

// dtsCheck compares Go types with parsed declarations and collects the differences.
type dtsCheck struct {
	defs     map[string]*tsType
	seen     map[reflect.Type]bool
	problems []string
}

func (c *dtsCheck) fail(path, format string, args ...any) {
	c.problems = append(c.problems, path+": "+fmt.Sprintf(format, args...))
}

// resolve follows aliases (type X = …) to their definition.
func (c *dtsCheck) resolve(t *tsType) *tsType {
	for i := 0; t != nil && t.kind == "name" && i < 10; i++ {
		d, ok := c.defs[t.name]
		if !ok {
			return t
		}
		t = d
	}
	return t
}

// named checks the Go struct gt against the interface called name.
func (c *dtsCheck) named(name string, gt reflect.Type) {
	if c.seen[gt] {
		return
	}
	c.seen[gt] = true
	def, ok := c.defs[name]
	if !ok {
		c.fail(name, "no interface %s in pronote.d.ts", name)
		return
	}
	c.object(name, gt, c.resolve(def))
}

// object checks the fields of the struct gt against the members of ts.
func (c *dtsCheck) object(path string, gt reflect.Type, ts *tsType) {
	if ts.kind != "object" {
		c.fail(path, "Go struct, TypeScript %s", ts.kind)
		return
	}
	members := map[string]tsMember{}
	for _, m := range ts.members {
		members[m.name] = m
	}
	for i := 0; i < gt.NumField(); i++ {
		f := gt.Field(i)
		tag := f.Tag.Get("json")
		if !f.IsExported() || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		m, ok := members[name]
		if !ok {
			c.fail(path+"."+name, "missing in TypeScript")
			continue
		}
		delete(members, name)
		omit := strings.Contains(","+opts+",", ",omitempty,")
		switch {
		case omit && !m.optional:
			c.fail(path+"."+name, "optional in Go (omitempty), required in TypeScript")
		case !omit && m.optional:
			c.fail(path+"."+name, "optional in TypeScript, always present in Go")
		}
		c.value(path+"."+name, f.Type, omit, m.typ)
	}
	for name := range members {
		c.fail(path+"."+name, "missing in Go")
	}
}

// value checks one Go type against a TypeScript type.
func (c *dtsCheck) value(path string, gt reflect.Type, omit bool, ts *tsType) {
	ts = c.resolve(ts)
	if gt.Kind() == reflect.Pointer {
		if !omit { // a nil pointer marshals as null
			if ts.kind != "union" || !hasNull(ts) {
				c.fail(path, "Go %s is null when unset, TypeScript does not say | null", gt)
				return
			}
			ts = withoutNull(ts)
		}
		gt = gt.Elem()
	}
	switch gt.Kind() {
	case reflect.String:
		if !c.isString(ts) {
			c.fail(path, "Go string, TypeScript %s", describe(ts))
		}
	case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if ts.kind != "name" || ts.name != "number" {
			c.fail(path, "Go %s, TypeScript %s", gt, describe(ts))
		}
	case reflect.Bool:
		if ts.kind != "name" || ts.name != "boolean" {
			c.fail(path, "Go bool, TypeScript %s", describe(ts))
		}
	case reflect.Slice:
		if ts.kind != "array" {
			c.fail(path, "Go %s, TypeScript %s", gt, describe(ts))
			return
		}
		c.value(path+"[]", gt.Elem(), true, ts.elem)
	case reflect.Struct:
		if ts.kind != "object" {
			c.fail(path, "Go %s, TypeScript %s", gt, describe(ts))
			return
		}
		c.object(path, gt, ts)
	default:
		c.fail(path, "Go %s has no TypeScript counterpart this check knows", gt)
	}
}

// isString accepts string, a string literal, or a union of them.
func (c *dtsCheck) isString(ts *tsType) bool {
	ts = c.resolve(ts)
	switch ts.kind {
	case "name":
		return ts.name == "string"
	case "literal":
		return true
	case "union":
		for _, a := range ts.alts {
			if !c.isString(a) {
				return false
			}
		}
		return true
	}
	return false
}

func hasNull(ts *tsType) bool {
	for _, a := range ts.alts {
		if a.kind == "name" && a.name == "null" {
			return true
		}
	}
	return false
}

func withoutNull(ts *tsType) *tsType {
	var alts []*tsType
	for _, a := range ts.alts {
		if a.kind != "name" || a.name != "null" {
			alts = append(alts, a)
		}
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return &tsType{kind: "union", alts: alts}
}

func describe(ts *tsType) string {
	switch ts.kind {
	case "name":
		return ts.name
	case "literal":
		return `"` + ts.name + `"`
	case "array":
		return describe(ts.elem) + "[]"
	}
	return ts.kind
}
