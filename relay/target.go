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
// segment are refused rather than decoded.
func (p *policy) parseTarget(u *url.URL) (target, *refusal) {
	raw := u.EscapedPath()
	if err := checkRaw(raw); err != nil {
		return target{}, err
	}
	if err := checkRaw(u.RawQuery); err != nil {
		return target{}, err
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

// checkPath refuses traversal (plain or encoded), encoded separators and paths outside the
// prefixes.
func (p *policy) checkPath(escaped string) *refusal {
	notAllowed := refuse(http.StatusForbidden, CodePathNotAllowed, "this path is not allowed")
	lower := strings.ToLower(escaped)
	for _, bad := range []string{"%2e", "%2f", "%5c", "\\"} {
		if strings.Contains(lower, bad) {
			return notAllowed
		}
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
