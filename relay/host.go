package relay

import (
	"fmt"
	"strconv"
	"strings"
)

// hostRule is one entry of the host allow-list.
type hostRule struct {
	scheme   string // "https" or "http"
	name     string // lower-case; without the "*." of a wildcard
	wildcard bool   // matches any name ending in "."+name
	port     string // "" means the scheme's default port only
}

// parseHostRule parses "[scheme://]name[:port]" (see Config.Hosts).
func parseHostRule(s string) (hostRule, error) {
	r := hostRule{scheme: "https"}
	rest := strings.ToLower(strings.TrimSpace(s))
	if scheme, after, ok := strings.Cut(rest, "://"); ok {
		if scheme != "http" && scheme != "https" {
			return r, fmt.Errorf("relay: host %q: scheme must be http or https", s)
		}
		r.scheme, rest = scheme, after
	}
	if strings.HasPrefix(rest, "*.") {
		r.wildcard, rest = true, rest[2:]
	}
	name, port, err := splitHostPort(rest)
	if err != nil {
		return r, fmt.Errorf("relay: host %q: %w", s, err)
	}
	r.name, r.port = name, port
	if r.wildcard && (isIPLike(name) || strings.Count(name, ".") < 1) {
		return r, fmt.Errorf("relay: host %q: a wildcard needs a domain of two labels or more", s)
	}
	return r, nil
}

// matches reports whether the normalised name and port are allowed by the rule.
func (r hostRule) matches(name, port string) bool {
	if port != r.port {
		return false
	}
	if r.wildcard {
		return !isIPLike(name) && strings.HasSuffix(name, "."+r.name)
	}
	return name == r.name
}

// splitHostPort validates a lower-case "name[:port]": DNS labels of [a-z0-9-] (or an IPv4
// literal), no trailing dot, no userinfo, brackets, percent signs or other characters, and a
// canonical port number.
func splitHostPort(s string) (name, port string, err error) {
	name = s
	if i := strings.IndexByte(s, ':'); i >= 0 {
		name, port = s[:i], s[i+1:]
		n, perr := strconv.Atoi(port)
		if perr != nil || n < 1 || n > 65535 || strconv.Itoa(n) != port {
			return "", "", fmt.Errorf("invalid port")
		}
	}
	if name == "" || len(name) > 253 {
		return "", "", fmt.Errorf("invalid host name")
	}
	for _, label := range strings.Split(name, ".") {
		if !validLabel(label) {
			return "", "", fmt.Errorf("invalid host name")
		}
	}
	return name, port, nil
}

func validLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// isIPLike reports whether a valid host name would be read as an IPv4 address by a resolver:
// its last label is all digits (127.0.0.1, 2130706433) or hexadecimal (0x7f.1).
func isIPLike(name string) bool {
	last := name[strings.LastIndexByte(name, '.')+1:]
	if strings.HasPrefix(last, "0x") {
		return true
	}
	return strings.Trim(last, "0123456789") == ""
}
