package relay

import (
	"net/http"
	"net/url"
	"strings"
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

// checkPath refuses traversal (plain or encoded), encoded separators, double encoding, bytes
// outside ASCII and paths outside the prefixes.
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
	if !asciiPath(lower) {
		return notAllowed
	}
	decoded, err := url.PathUnescape(escaped)
	if err != nil {
		return refuse(http.StatusBadRequest, CodeBadRequest, "the path is not valid")
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

// asciiPath reports whether an escaped path stays in ASCII once decoded: no raw byte and no
// escape from 0x80 up. PRONOTE paths are ASCII; "%c0%ae" is an overlong (invalid) UTF-8 '.',
// which a lenient decoder turns into a traversal.
func asciiPath(lower string) bool {
	for i := 0; i < len(lower); i++ {
		c := lower[i]
		if c >= 0x80 || c == '%' && i+1 < len(lower) && lower[i+1] >= '8' {
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
