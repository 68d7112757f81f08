// Package weburl is the small part of URL handling the browser module needs: absolute http(s)
// URLs split into scheme, host, path and query, joined back, resolved against a base, and
// escaped. It replaces net/url, whose parser and its dependencies (net/netip among them) cost
// about 50 KiB of gzip in pronote.wasm, a twentieth of the module's size budget.
package weburl

import (
	"errors"
	"sort"
	"strings"
)

// ErrInvalid reports a string that is not an absolute http(s) URL this package accepts.
var ErrInvalid = errors.New("weburl: not an absolute http(s) URL")

// URL is an absolute http or https URL. Path and RawQuery are kept as written (escaped).
type URL struct {
	Scheme   string // "http" or "https", lower case
	Host     string // host[:port], lower case
	Path     string // starts with "/"
	RawQuery string // without "?"
	Fragment string // without "#"
	UserInfo bool   // the authority had "user@": callers refuse it
}

// Parse reads an absolute http(s) URL. It refuses control characters, spaces and backslashes
// anywhere, and an empty host.
func Parse(s string) (*URL, error) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == 0x7f || c == '\\' {
			return nil, ErrInvalid
		}
	}
	scheme, rest, ok := strings.Cut(s, "://")
	scheme = strings.ToLower(scheme)
	if !ok || (scheme != "http" && scheme != "https") {
		return nil, ErrInvalid
	}
	u := &URL{Scheme: scheme}
	rest, u.Fragment, _ = strings.Cut(rest, "#")
	rest, u.RawQuery, _ = strings.Cut(rest, "?")
	authority, path := rest, "/"
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		u.UserInfo, authority = true, authority[at+1:]
	}
	if authority == "" || strings.ContainsAny(authority, "%[]") && !strings.HasPrefix(authority, "[") {
		return nil, ErrInvalid
	}
	u.Host, u.Path = strings.ToLower(authority), path
	return u, nil
}

// String writes the URL back; the fragment is kept when present.
func (u *URL) String() string {
	s := u.Scheme + "://" + u.Host + u.Path
	if u.RawQuery != "" {
		s += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		s += "#" + u.Fragment
	}
	return s
}

// LastSegment is the part of the path after its last "/".
func (u *URL) LastSegment() string { return u.Path[strings.LastIndexByte(u.Path, '/')+1:] }

// Dir is the URL of the folder holding the path, ending in "/", without query or fragment.
func (u *URL) Dir() *URL {
	return &URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path[:strings.LastIndexByte(u.Path, '/')+1]}
}

// Resolve joins a reference relative to u's folder ("a/b?c"), a root-relative one ("/a") or
// an absolute one, as a browser would for the references PRONOTE uses. Dot segments are not
// interpreted.
func (u *URL) Resolve(ref string) string {
	switch {
	case strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://"):
		return ref
	case strings.HasPrefix(ref, "/"):
		return u.Scheme + "://" + u.Host + ref
	}
	return u.Scheme + "://" + u.Host + u.Dir().Path + ref
}

// SetQuery sets the given parameters (names and values are plain ASCII written as is),
// keeping the other parameters of the query; the result is sorted by name, as net/url's
// Values.Encode does.
func (u *URL) SetQuery(params map[string]string) {
	var pairs []string
	for _, p := range strings.Split(u.RawQuery, "&") {
		name, _, _ := strings.Cut(p, "=")
		if _, replaced := params[name]; p != "" && !replaced {
			pairs = append(pairs, p)
		}
	}
	for k, v := range params {
		pairs = append(pairs, k+"="+v)
	}
	sort.SliceStable(pairs, func(i, j int) bool {
		a, _, _ := strings.Cut(pairs[i], "=")
		b, _, _ := strings.Cut(pairs[j], "=")
		return a < b
	})
	u.RawQuery = strings.Join(pairs, "&")
}

// PathEscape percent-encodes s for use as one path segment: everything but the unreserved
// characters of RFC 3986 is escaped (so "/", "?", "#", "+" and spaces are).
func PathEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
