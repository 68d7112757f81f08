// Package relay is the PRONOTE relay as a plain [net/http.Handler]: it lets a browser page talk to
// a school's PRONOTE server, which sends no CORS headers and needs headers a page may not set
// (User-Agent, Cookie). It has no dependency on syscall/js; the Cloudflare Worker in relay/worker
// wraps it and plugs in JS fetch as its [Upstream].
//
// # Forwarding
//
// A request to {relay}/{host}/{path}?{query} is forwarded to https://{host}/{path}?{query}.
// Plain http:// is used only for hosts listed with an explicit "http://" in [Config.Hosts]
// (local testing). The host must match [Config.Hosts], the path must start with one of
// [Config.PathPrefixes], the method must be GET or POST (OPTIONS answers CORS preflights).
//
// # Header contract
//
// Request headers read by the relay (everything else the browser sends is dropped):
//
//   - X-Pronote-Cookie: the cookie jar of the session, in Cookie header syntax
//     ("a=1; b=2"); sent upstream as Cookie.
//   - the body of a POST (at most [Config.MaxRequestBytes]); it is sent upstream with a real
//     Content-Length and Content-Type: application/json.
//
// The relay always sends the PRONOTE User-Agent ([DefaultUserAgent] unless configured).
//
// Response headers set by the relay on a forwarded response (all listed in
// Access-Control-Expose-Headers):
//
//   - X-Pronote-Status: the upstream status code, always present on a forwarded response.
//   - X-Pronote-Location: the upstream Location header, verbatim (may be relative to the
//     upstream URL), when present. Redirects are never followed.
//   - X-Pronote-Set-Cookie: the upstream Set-Cookie values as a JSON array of strings, one
//     element per Set-Cookie header, each value intact (commas such as the one in
//     "Expires=Wed, 21 Oct 2026 07:28:00 GMT" survive). Non-ASCII characters are \u-escaped so
//     the header is pure ASCII. Absent when upstream set no cookie.
//   - Content-Type: the upstream Content-Type.
//
// The response status is the upstream status, except that every 3xx becomes 200 (so that fetch
// never follows or hides it); X-Pronote-Status keeps the real one.
//
// # Limits
//
// A request body over [Config.MaxRequestBytes] is refused (413) without being read further; an
// upstream body is passed on as it streams when its length is known and within
// [Config.MaxResponseBytes], and is otherwise read up to that limit and refused past it (502)
// without being read further. The upstream timeout is the [Upstream]'s to enforce: the relay
// passes it and starts no timer of its own.
//
// # Login guard
//
// The relay's IP is shared by all its users, and PRONOTE suspends an IP after repeated failed
// logins (protocol.md §7.4). The envelope's function name ("id" or "nom") travels in clear even
// when the payload is encrypted, so the relay counts Identification requests per client IP
// (the request's RemoteAddr; the Worker's is CF-Connecting-IP) and school host, and past the
// limit ([Config.LoginLimit] per [Config.LoginWindow], or a [Config.Limiter]) answers 429
// RELAY_RATE_LIMITED without forwarding.
//
// # Refusals
//
// A request the relay refuses or cannot complete gets a JSON body
// {"error":{"code":"RELAY_…","message":"…"}}, a fitting status and the code again in the
// X-Pronote-Error header; it has no X-Pronote-Status header. The codes are the Code* constants.
//
// # Logging
//
// The handler takes an optional [log/slog.Logger] and logs one line per request: method,
// upstream host (only once allowed), statuses, refusal code and duration. It never logs a body,
// a cookie, a path (PRONOTE paths carry the session number) or a query string.
//
// # Retries
//
// The relay never retries. Its egress IP is shared by all its users; a retried failed login can
// get that IP suspended by the school's PRONOTE for everyone (protocol.md §7.4).
package relay
