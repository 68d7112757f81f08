package relay

import (
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// target is a validated upstream address.
type target struct {
	scheme string
	host   string // normalised name[:port]
	path   string // escaped, as received
	query  string // raw, as received
}

func (t target) url() string {
	u := t.scheme + "://" + t.host + t.path
	if t.query != "" {
		u += "?" + t.query
	}
	return u
}

// parseTarget reads {host}/{path}?{query} from the request URL and checks it against the
// allow-lists. It works on the escaped path, so encoded slashes, dots or at-signs in the host
// segment are refused rather than decoded. A URL whose RawPath is set is read from RawPath
// verbatim, even when it is not a valid encoding of Path: the Worker passes targets that Go's
// URL parser refuses that way, so that they are refused here with RELAY_BAD_REQUEST.
func (p *policy) parseTarget(u *url.URL) (target, *refusal) {
	raw := u.RawPath
	if raw == "" {
		raw = u.EscapedPath()
	}
	for _, s := range []string{raw, u.RawQuery} {
		if err := checkEscapes(s); err != nil {
			return target{}, err
		}
		if err := checkRaw(s); err != nil {
			return target{}, err
		}
	}
	hostSeg, rest, _ := strings.Cut(strings.TrimPrefix(raw, "/"), "/")
	if hostSeg == "" {
		return target{}, refuse(http.StatusBadRequest, CodeBadRequest, "the path must start with /{host}/")
	}
	t, ref := p.matchHost(hostSeg)
	if ref != nil {
		return target{}, ref
	}
	t.path, t.query = "/"+rest, u.RawQuery
	return t, p.checkPath(t.path)
}

// checkEscapes refuses a '%' that is not followed by two hexadecimal digits ("%zz",
// "%u002e"): such a target has no agreed meaning, and servers decode it in different ways.
func checkEscapes(s string) *refusal {
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])) {
			return refuse(http.StatusBadRequest, CodeBadRequest, "the target has an invalid percent-encoding")
		}
	}
	return nil
}

func (p *policy) matchHost(seg string) (target, *refusal) {
	name, port, err := splitHostPort(strings.ToLower(seg))
	if err != nil {
		return target{}, refuse(http.StatusForbidden, CodeHostNotAllowed, "this host is not allowed")
	}
	for _, r := range p.hosts {
		if r.matches(name, port) {
			host := name
			if port != "" {
				host += ":" + port
			}
			return target{scheme: r.scheme, host: host}, nil
		}
	}
	return target{}, refuse(http.StatusForbidden, CodeHostNotAllowed, "this host is not allowed")
}

// checkPath refuses traversal (plain or encoded), encoded separators, double encoding, text
// outside ASCII that is not letters, marks or digits in valid UTF-8, and paths outside the
// prefixes.
func (p *policy) checkPath(escaped string) *refusal {
	notAllowed := refuse(http.StatusForbidden, CodePathNotAllowed, "this path is not allowed")
	lower := strings.ToLower(escaped)
	// "%25" is an encoded '%': "%252e%252e" decodes to "%2e%2e", which a server that decodes
	// twice turns into "..". "%2e", "%2f" and "%5c" hide dots and separators.
	for _, bad := range []string{"%25", "%2e", "%2f", "%5c", "\\"} {
		if strings.Contains(lower, bad) {
			return notAllowed
		}
	}
	decoded, err := url.PathUnescape(escaped)
	if err != nil {
		return refuse(http.StatusBadRequest, CodeBadRequest, "the path is not valid")
	}
	if !plainUnicode(decoded) {
		return notAllowed
	}
	// No ".." anywhere (no PRONOTE path needs it, and an encoded form can survive Go's
	// re-escaping of an invalid raw path), no "." segment, and nothing Windows servers
	// (PRONOTE runs on IIS) may normalise into one: segments of dots and spaces, or with
	// spaces around them.
	if strings.Contains(decoded, "..") {
		return notAllowed
	}
	for _, seg := range strings.Split(decoded, "/") {
		if seg != "" && strings.Trim(seg, ". ") == "" || strings.TrimSpace(seg) != seg {
			return notAllowed
		}
	}
	for _, prefix := range p.prefixes {
		if strings.HasPrefix(decoded, prefix) {
			return nil
		}
	}
	return notAllowed
}

// plainUnicode reports whether a decoded path's text outside ASCII is valid UTF-8 made of
// letters, marks and digits only. PRONOTE's own paths are ASCII, but attachments keep their
// names ("%C3%A9nonc%C3%A9.pdf", énoncé.pdf), so accented letters pass. Refused: invalid and
// overlong sequences ("%c0%ae" is an overlong '.', which a lenient decoder turns into a
// traversal) and every other character, among them the look-alikes of dots and separators
// that Windows servers (IIS) may fold into ASCII: '．' U+FF0E, '／' U+FF0F, '∕' U+2215,
// '＼' U+FF3C, '․' U+2024.
func plainUnicode(decoded string) bool {
	if !utf8.ValidString(decoded) {
		return false
	}
	for _, r := range decoded {
		if r >= utf8.RuneSelf && !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// checkRaw refuses control characters and spaces in a raw (escaped) path or query, whether
// literal or percent-encoded.
func checkRaw(s string) *refusal {
	bad := refuse(http.StatusBadRequest, CodeBadRequest, "control characters are not allowed")
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c == 0x7f {
			return bad
		}
		if c == '%' && i+2 < len(s) && isCtlEscape(s[i+1], s[i+2]) {
			return bad
		}
	}
	return nil
}

// isCtlEscape reports whether %hl encodes a control character (00-1F, 7F).
func isCtlEscape(h, l byte) bool {
	switch h {
	case '0', '1':
		return isHex(l)
	case '7':
		return l == 'f' || l == 'F'
	}
	return false
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// checkHeaderValue refuses control characters (CR, LF, NUL, tab, DEL…) in a forwarded value.
func checkHeaderValue(s string) *refusal {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c == 0x7f {
			return refuse(http.StatusBadRequest, CodeBadRequest, "control characters are not allowed")
		}
	}
	return nil
}
