package protocol

import (
	"errors"
	"strconv"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// parseTree parses one JSON value into a tree of obj, []any, *string, *float64, bool and nil
// (as encoding/json's Unmarshal into an any, with obj for its maps and pointers for its
// strings and numbers), in one pass and without reflection:
// a reply is read once, and encoding/json's validation scan, reflection and float parser were
// a fifth of the WebAssembly module's CPU per call. Text that is not exactly one JSON value,
// with optional surrounding space, is an error.
//
// Its garbage is kept low, the Go GC being a fifth of the module's CPU: the text becomes one
// string that every string without escapes is a slice of (they keep the whole text alive, a
// reply of some kilobytes), and an object's members (an array's values) are gathered on a
// scratch stack, then copied into a block of members of this parse. Strings and numbers are
// held by pointers into blocks of this parse (an any holding a string or a float64 is one allocation
// each, the pointer none): the decoding helpers (decode.go) read both forms.
func parseTree(text []byte) (any, error) {
	p := parsers.Get().(*treeParser)
	p.b, p.s, p.i, p.utf8 = text, string(text), 0, utf8.Valid(text)
	defer p.release()
	p.space()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.b) {
		return nil, errJSON
	}
	return v, nil
}

var parsers = sync.Pool{New: func() any { return new(treeParser) }}

// release drops what p refers to (the scratch stacks are empty again after a parse that
// succeeded, not after one that failed) and returns it to the pool.
func (p *treeParser) release() {
	clear(p.members[:cap(p.members)])
	clear(p.values[:cap(p.values)])
	p.members, p.values = p.members[:0], p.values[:0]
	p.b, p.s = nil, ""
	p.objs, p.strs, p.nums = nil, nil, nil // the tree keeps them: the next parse takes new blocks
	parsers.Put(p)
}

var errJSON = errors.New("pronote: malformed JSON")

// treeMaxDepth bounds nesting, so a hostile reply cannot exhaust the stack.
const treeMaxDepth = 10000 // as encoding/json

type treeParser struct {
	b       []byte
	s       string // b as a string, for the strings without escapes
	i       int
	utf8    bool      // b is valid UTF-8: its strings need no check of their own
	members []member  // the members of the objects being read, innermost last
	values  []any     // the values of the arrays being read, innermost last
	objs    []member  // the block the next object's members go in
	strs    []string  // the block the next string value goes in
	nums    []float64 // the block the next number goes in
}

// treeBlock is the number of strings (numbers) a block holds.
const treeBlock = 64

// objMembers returns an object's members, n of them, from the parse's block of members (a
// slice of its own for an object larger than a block).
func (p *treeParser) objMembers(n int) obj {
	if n > treeBlock {
		return make(obj, n)
	}
	if cap(p.objs)-len(p.objs) < n {
		p.objs = make([]member, 0, 4*treeBlock)
	}
	m := p.objs[len(p.objs) : len(p.objs)+n : len(p.objs)+n]
	p.objs = p.objs[:len(p.objs)+n]
	return m
}

func (p *treeParser) boxString(v string) *string {
	if len(p.strs) == cap(p.strs) {
		p.strs = make([]string, 0, treeBlock)
	}
	p.strs = append(p.strs, v)
	return &p.strs[len(p.strs)-1]
}

func (p *treeParser) boxNumber(v float64) *float64 {
	if len(p.nums) == cap(p.nums) {
		p.nums = make([]float64, 0, treeBlock)
	}
	p.nums = append(p.nums, v)
	return &p.nums[len(p.nums)-1]
}

func (p *treeParser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *treeParser) value(depth int) (any, error) {
	if p.i >= len(p.b) || depth > treeMaxDepth {
		return nil, errJSON
	}
	switch c := p.b[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		v, err := p.str()
		if err != nil {
			return nil, err
		}
		return p.boxString(v), nil
	case c == '-' || c >= '0' && c <= '9':
		v, err := p.number()
		if err != nil {
			return nil, err
		}
		return p.boxNumber(v), nil
	case p.word("true"):
		return true, nil
	case p.word("false"):
		return false, nil
	case p.word("null"):
		return nil, nil
	}
	return nil, errJSON
}

func (p *treeParser) word(w string) bool {
	if len(p.b)-p.i >= len(w) && string(p.b[p.i:p.i+len(w)]) == w {
		p.i += len(w)
		return true
	}
	return false
}

func (p *treeParser) object(depth int) (any, error) {
	p.i++ // {
	base := len(p.members)
	p.space()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		return obj{}, nil
	}
	for {
		p.space()
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return nil, errJSON
		}
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return nil, errJSON
		}
		p.i++
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		p.members = append(p.members, member{k, v})
		p.space()
		if p.i >= len(p.b) {
			return nil, errJSON
		}
		switch p.b[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			m := p.objMembers(len(p.members) - base)
			copy(m, p.members[base:])
			clear(p.members[base:])
			p.members = p.members[:base]
			return m, nil
		default:
			return nil, errJSON
		}
	}
}

func (p *treeParser) array(depth int) (any, error) {
	p.i++ // [
	base := len(p.values)
	p.space()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		return []any{}, nil
	}
	for {
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		p.values = append(p.values, v)
		p.space()
		if p.i >= len(p.b) {
			return nil, errJSON
		}
		switch p.b[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			a := make([]any, len(p.values)-base)
			copy(a, p.values[base:])
			clear(p.values[base:])
			p.values = p.values[:base]
			return a, nil
		default:
			return nil, errJSON
		}
	}
}

// str reads a string; the common case, without escapes and in valid UTF-8, is one slice.
func (p *treeParser) str() (string, error) {
	b := p.b
	start := p.i + 1 // after the "
	i := start
	for i < len(b) && !strStops[b[i]] {
		i++
	}
	p.i = i
	if i == len(b) {
		return "", errJSON
	}
	switch b[i] {
	case '"':
		s := p.s[start:i]
		p.i++
		if !p.utf8 && !utf8.ValidString(s) {
			return string([]rune(s)), nil // invalid bytes become U+FFFD, as in encoding/json
		}
		return s, nil
	case '\\':
		return p.escaped(start)
	}
	return "", errJSON // a control character
}

// strStops are the bytes that end the plain run of a string: the closing quote, a backslash
// and the control characters, which JSON does not allow as they are.
var strStops = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// escaped finishes a string that holds escapes, from its first byte at start.
func (p *treeParser) escaped(start int) (string, error) {
	out := append(make([]byte, 0, p.i-start+16), p.b[start:p.i]...)
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			if !utf8.Valid(out) {
				return string([]rune(string(out))), nil
			}
			return string(out), nil
		case c < 0x20:
			return "", errJSON
		case c != '\\':
			out = append(out, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.b) {
			return "", errJSON
		}
		e := p.b[p.i+1]
		p.i += 2
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", errJSON
			}
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if p.i+1 < len(p.b) && p.b[p.i] == '\\' && p.b[p.i+1] == 'u' {
					save := p.i
					p.i += 2
					if r2, ok = p.hex4(); !ok {
						return "", errJSON
					}
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						out = utf8.AppendRune(out, d)
						continue
					}
					p.i = save // not a pair: the second escape is read on its own
				}
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
		default:
			return "", errJSON
		}
	}
	return "", errJSON
}

func (p *treeParser) hex4() (rune, bool) {
	if len(p.b)-p.i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range p.b[p.i : p.i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	p.i += 4
	return r, true
}

// number reads a JSON number; small integers, the usual case, skip strconv.
func (p *treeParser) number() (float64, error) {
	start := p.i
	if p.b[p.i] == '-' {
		p.i++
	}
	digits := p.digits()
	if digits == 0 || (digits > 1 && p.b[p.i-digits] == '0') {
		return 0, errJSON
	}
	simple := true
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if p.digits() == 0 {
			return 0, errJSON
		}
		simple = false
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if p.digits() == 0 {
			return 0, errJSON
		}
		simple = false
	}
	text := p.b[start:p.i]
	if simple && len(text) <= 15 {
		n, neg := 0, text[0] == '-'
		for _, c := range text {
			if c != '-' {
				n = n*10 + int(c-'0')
			}
		}
		if neg {
			n = -n
		}
		return float64(n), nil
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil {
		return 0, errJSON
	}
	return f, nil
}

func (p *treeParser) digits() int {
	n := 0
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
		n++
	}
	return n
}
