package protocol

import (
	"context"
	"strings"

	"github.com/pronote-web/pronote/internal/weburl"
)

// Transport sends one HTTP request and returns its response without following redirects.
// Implementations must honour ctx cancellation and be safe for concurrent use.
type Transport interface {
	Do(ctx context.Context, req *Request) (*Response, error)
}

// Request is an HTTP request as the client builds it.
type Request struct {
	Method string
	URL    string
	Header map[string]string // canonical names, e.g. "User-Agent", "Content-Type", "Cookie"
	Body   []byte
}

// Response is an HTTP response as a Transport returns it.
type Response struct {
	Status     int
	Header     map[string]string // canonical names; repeated headers joined with ", "
	SetCookies []string          // each Set-Cookie value, intact
	Body       []byte
}

// UserAgent is sent on every request (§2.3). Note the two spaces before PRONOTE.
const UserAgent = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:73.0) Gecko/20100101 Firefox/73.0  PRONOTE Mobile APP"

// jar is a minimal per-session cookie jar: PRONOTE uses a handful of host-wide cookies, so
// names map to values and attributes other than expiry-by-deletion are ignored.
type jar struct {
	order  []string
	values map[string]string
}

// set records Set-Cookie values; an empty value or Max-Age=0 deletes the cookie.
func (j *jar) set(headers []string) {
	if j.values == nil {
		j.values = map[string]string{}
	}
	for _, h := range headers {
		pair, attrs, _ := strings.Cut(h, ";")
		name, value, ok := strings.Cut(strings.TrimSpace(pair), "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			continue
		}
		if value == "" || strings.Contains(strings.ToLower(strings.ReplaceAll(attrs, " ", "")), "max-age=0") {
			j.delete(name)
			continue
		}
		if _, seen := j.values[name]; !seen {
			j.order = append(j.order, name)
		}
		j.values[name] = value
	}
}

func (j *jar) delete(name string) {
	if _, ok := j.values[name]; !ok {
		return
	}
	delete(j.values, name)
	for i, n := range j.order {
		if n == name {
			j.order = append(j.order[:i], j.order[i+1:]...)
			break
		}
	}
}

// header returns the Cookie header value, "" when the jar is empty.
func (j *jar) header() string {
	parts := make([]string, 0, len(j.order))
	for _, n := range j.order {
		parts = append(parts, n+"="+j.values[n])
	}
	return strings.Join(parts, "; ")
}

// pairs returns the cookies as name=value strings, for export.
func (j *jar) pairs() []string {
	out := make([]string, 0, len(j.order))
	for _, n := range j.order {
		out = append(out, n+"="+j.values[n])
	}
	return out
}

// resolve makes ref (relative to the space's folder) absolute.
func resolve(base *weburl.URL, ref string) string { return base.Resolve(ref) }
