package ui

import (
	"strings"

	"github.com/pronote-web/pronote/internal/htmlent"
	"github.com/pronote-web/pronote/internal/weburl"
)

// richNode is a node of sanitised HTML: an element of the allow-list (Tag set) or a text
// (Tag empty). The only attribute that survives is a link's Href, always http or https.
type richNode struct {
	Tag      string
	Href     string
	Text     string
	Children []*richNode
}

// allowedTags are the elements kept from PRONOTE HTML; any other element is unwrapped (its
// text kept) or, for dropTags, removed with its content.
var allowedTags = map[string]bool{
	"p": true, "br": true, "b": true, "strong": true, "i": true, "em": true, "u": true, "s": true,
	"sub": true, "sup": true, "ul": true, "ol": true, "li": true, "a": true, "span": true,
	"div": true, "blockquote": true,
}

// dropTags lose their content too: scripts, styles, embedded documents and form controls.
var dropTags = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true, "iframe": true,
	"noembed": true, "noframes": true, "noscript": true, "plaintext": true, "svg": true,
	"math": true, "template": true, "object": true, "select": true, "head": true, "video": true,
	"audio": true, "canvas": true, "button": true,
}

// maxDepth bounds nesting; deeper elements are unwrapped.
const maxDepth = 32

// sanitize parses a PRONOTE HTML fragment into allowed nodes. It never fails: whatever it
// cannot read becomes text or is dropped.
func sanitize(src string) []*richNode {
	b := &treeBuilder{stack: []*richNode{{Tag: "root"}}}
	p := &htmlScanner{src: src}
	for p.pos < len(p.src) {
		p.next(b)
	}
	return b.stack[0].Children
}

// treeBuilder keeps the open allowed elements.
type treeBuilder struct {
	stack []*richNode
}

func (b *treeBuilder) top() *richNode { return b.stack[len(b.stack)-1] }

func (b *treeBuilder) text(s string) {
	if s == "" {
		return
	}
	t := b.top()
	if n := len(t.Children); n > 0 && t.Children[n-1].Tag == "" {
		t.Children[n-1].Text += s
		return
	}
	t.Children = append(t.Children, &richNode{Text: s})
}

func (b *treeBuilder) start(name string, attrs map[string]string, selfClosing bool) {
	if !allowedTags[name] || len(b.stack) > maxDepth || (name == "a" && b.open("a") > 0) {
		return
	}
	n := &richNode{Tag: name}
	if name == "a" {
		n.Href = safeHref(attrs["href"])
	}
	b.top().Children = append(b.top().Children, n)
	if name != "br" && !selfClosing {
		b.stack = append(b.stack, n)
	}
}

func (b *treeBuilder) end(name string) {
	if i := b.open(name); i > 0 {
		b.stack = b.stack[:i]
	}
}

// open returns the stack index of the innermost open element name, 0 when none is open.
func (b *treeBuilder) open(name string) int {
	for i := len(b.stack) - 1; i > 0; i-- {
		if b.stack[i].Tag == name {
			return i
		}
	}
	return 0
}

// safeHref returns an absolute http(s) URL, or "" for anything else (javascript:, data:,
// relative or obfuscated addresses).
func safeHref(raw string) string {
	u, err := weburl.Parse(strings.TrimSpace(raw)) // refuses control characters and spaces
	if err != nil || u.UserInfo {
		return ""
	}
	return u.String()
}

// htmlScanner reads tags, comments and text from an HTML fragment.
type htmlScanner struct {
	src string
	pos int
}

// next consumes one piece: a text run, a comment, or a tag.
func (p *htmlScanner) next(b *treeBuilder) {
	rest := p.src[p.pos:]
	lt := strings.IndexByte(rest, '<')
	switch {
	case lt < 0:
		b.text(htmlent.Unescape(rest))
		p.pos = len(p.src)
	case lt > 0:
		b.text(htmlent.Unescape(rest[:lt]))
		p.pos += lt
	case strings.HasPrefix(rest, "<!--"):
		p.skipPast("-->", 4)
	case strings.HasPrefix(rest, "<!") || strings.HasPrefix(rest, "<?"):
		p.skipPast(">", 2)
	case strings.HasPrefix(rest, "</") && len(rest) > 2 && isLetter(rest[2]):
		p.pos += 2
		name := p.name()
		p.skipPast(">", 0)
		b.end(name)
	case len(rest) > 1 && isLetter(rest[1]):
		p.pos++
		p.tag(b)
	default:
		b.text("<")
		p.pos++
	}
}

// tag reads a start tag after its "<" and hands it to b; dropped elements lose their content.
func (p *htmlScanner) tag(b *treeBuilder) {
	name := p.name()
	attrs, selfClosing := p.attributes()
	if dropTags[name] {
		if !selfClosing {
			p.skipElement(name)
		}
		return
	}
	b.start(name, attrs, selfClosing)
}

// name reads a tag or attribute name, lower-cased.
func (p *htmlScanner) name() string {
	start := p.pos
	for p.pos < len(p.src) && !strings.ContainsRune(" \t\n\r\f/>=", rune(p.src[p.pos])) {
		p.pos++
	}
	return strings.ToLower(p.src[start:p.pos])
}

// attributes reads attributes up to and including the tag's ">".
func (p *htmlScanner) attributes() (map[string]string, bool) {
	attrs := map[string]string{}
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '>':
			p.pos++
			return attrs, p.pos >= 2 && p.src[p.pos-2] == '/'
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/':
			p.pos++
		default:
			k := p.name()
			if k == "" { // a stray "=": skip it
				p.pos++
				continue
			}
			v := p.value()
			if _, seen := attrs[k]; !seen {
				attrs[k] = v
			}
		}
	}
	return attrs, false
}

// value reads an optional "=value" after an attribute name (quoted or not), entities decoded.
func (p *htmlScanner) value() string {
	p.skipSpace()
	if p.pos >= len(p.src) || p.src[p.pos] != '=' {
		return ""
	}
	p.pos++
	p.skipSpace()
	if p.pos >= len(p.src) {
		return ""
	}
	start := p.pos
	if q := p.src[p.pos]; q == '"' || q == '\'' {
		end := strings.IndexByte(p.src[p.pos+1:], q)
		if end < 0 {
			p.pos = len(p.src)
			return htmlent.Unescape(p.src[start+1:])
		}
		p.pos += end + 2
		return htmlent.Unescape(p.src[start+1 : p.pos-1])
	}
	for p.pos < len(p.src) && !strings.ContainsRune(" \t\n\r\f>", rune(p.src[p.pos])) {
		p.pos++
	}
	return htmlent.Unescape(p.src[start:p.pos])
}

func (p *htmlScanner) skipSpace() {
	for p.pos < len(p.src) && strings.ContainsRune(" \t\n\r\f", rune(p.src[p.pos])) {
		p.pos++
	}
}

// skipPast moves past the first sep found at least skip bytes ahead, or to the end.
func (p *htmlScanner) skipPast(sep string, skip int) {
	skip = min(skip, len(p.src)-p.pos)
	if i := strings.Index(p.src[p.pos+skip:], sep); i >= 0 {
		p.pos += skip + i + len(sep)
		return
	}
	p.pos = len(p.src)
}

// skipElement drops everything up to and including the end tag of name.
func (p *htmlScanner) skipElement(name string) {
	i := indexFold(p.src[p.pos:], "</"+name)
	if i < 0 {
		p.pos = len(p.src)
		return
	}
	p.pos += i
	p.skipPast(">", 0)
}

// indexFold is strings.Index ignoring ASCII case; sub must be lower-case ASCII. (Lower-casing
// the source instead could change its length and shift the index.)
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && (s[i+j] == sub[j] || s[i+j]|0x20 == sub[j] && isLetter(sub[j])) {
			j++
		}
		if j == len(sub) {
			return i
		}
	}
	return -1
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
