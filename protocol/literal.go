package protocol

import (
	"strconv"
	"strings"
)

// scanObject parses a relaxed JavaScript object literal at the start of s (§2.4 rules 2–3):
// keys bare or quoted, strings in either quote, numbers, true/false/null, nested objects and
// arrays. It returns the top-level keys; nested values are kept only as placeholders.
func scanObject(s string) (map[string]any, bool) {
	p := &litParser{s: s}
	v, ok := p.value(0)
	obj, isObj := v.(map[string]any)
	return obj, ok && isObj
}

type litParser struct {
	s string
	i int
}

const maxDepth = 32

func (p *litParser) skipSpace() {
	for p.i < len(p.s) && strings.ContainsRune(" \t\r\n", rune(p.s[p.i])) {
		p.i++
	}
}

func (p *litParser) value(depth int) (any, bool) {
	p.skipSpace()
	if p.i >= len(p.s) || depth > maxDepth {
		return nil, false
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '\'' || c == '"':
		return p.str()
	default:
		return p.bare()
	}
}

func (p *litParser) object(depth int) (any, bool) {
	obj := map[string]any{}
	p.i++ // {
	for {
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return obj, true
		}
		key, ok := p.key()
		if !ok {
			return nil, false
		}
		p.skipSpace()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return nil, false
		}
		p.i++
		v, ok := p.value(depth + 1)
		if !ok {
			return nil, false
		}
		if _, dup := obj[key]; !dup {
			obj[key] = v
		}
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
		}
	}
}

func (p *litParser) array(depth int) (any, bool) {
	p.i++ // [
	var out []any
	for {
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == ']' {
			p.i++
			return out, true
		}
		v, ok := p.value(depth + 1)
		if !ok {
			return nil, false
		}
		out = append(out, v)
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
		}
	}
}

func (p *litParser) key() (string, bool) {
	if p.i < len(p.s) && (p.s[p.i] == '"' || p.s[p.i] == '\'') {
		v, ok := p.str()
		s, _ := v.(string)
		return s, ok
	}
	start := p.i
	for p.i < len(p.s) && (isIdent(p.s[p.i])) {
		p.i++
	}
	return p.s[start:p.i], p.i > start
}

func isIdent(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// str reads a quoted string with backslash escapes.
func (p *litParser) str() (any, bool) {
	q := p.s[p.i]
	p.i++
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == q:
			p.i++
			return b.String(), true
		case c == '\\' && p.i+1 < len(p.s):
			p.i++
			b.WriteByte(unescape(p.s[p.i]))
		default:
			b.WriteByte(c)
		}
		p.i++
	}
	return nil, false
}

func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	}
	return c
}

// bare reads a number, true, false or null.
func (p *litParser) bare() (any, bool) {
	start := p.i
	for p.i < len(p.s) && !strings.ContainsRune(",}] \t\r\n", rune(p.s[p.i])) {
		p.i++
	}
	tok := p.s[start:p.i]
	switch tok {
	case "true":
		return true, true
	case "false":
		return false, true
	case "null", "undefined":
		return nil, true
	}
	f, err := strconv.ParseFloat(tok, 64)
	return f, err == nil
}
