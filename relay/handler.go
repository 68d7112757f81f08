package relay

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// maxCookieBytes bounds the X-Pronote-Cookie header.
const maxCookieBytes = 16 << 10

// handler is the relay.
type handler struct {
	p   *policy
	up  Upstream
	log *slog.Logger
}

// New returns the relay handler for cfg, forwarding through up. A nil logger logs nothing.
// The handler recovers from panics (see [Recover]).
func New(cfg Config, up Upstream, logger *slog.Logger) (http.Handler, error) {
	if up == nil {
		return nil, errors.New("relay: nil upstream")
	}
	p, err := cfg.compile()
	if err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return Recover(&handler{p: p, up: up, log: logger}, logger), nil
}

// entry is what one request logs: nothing secret.
type entry struct {
	method, host, code string
	status, upstream   int
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	e := entry{method: "other"}
	if r.Method == http.MethodGet || r.Method == http.MethodPost || r.Method == http.MethodOptions {
		e.method = r.Method
	}
	if ref := h.serve(w, r, &e); ref != nil {
		writeRefusal(w, ref)
		e.status, e.code = ref.status, ref.code
	}
	level := slog.LevelInfo
	if e.code != "" {
		level = slog.LevelWarn
	}
	h.log.LogAttrs(r.Context(), level, "relay",
		slog.String("method", e.method), slog.String("host", e.host),
		slog.Int("status", e.status), slog.Int("upstream_status", e.upstream),
		slog.String("code", e.code), slog.Duration("elapsed", time.Since(start)))
}

// serve handles one request; a non-nil refusal is written by the caller.
func (h *handler) serve(w http.ResponseWriter, r *http.Request, e *entry) *refusal {
	origin := r.Header.Get("Origin")
	if !h.p.originAllowed(origin) {
		return refuse(http.StatusForbidden, CodeOriginNotAllowed, "this origin is not allowed")
	}
	h.p.setCORS(w.Header(), origin)
	switch r.Method {
	case http.MethodOptions:
		preflight(w)
		e.status = http.StatusNoContent
		return nil
	case http.MethodGet, http.MethodPost:
	default:
		w.Header().Set("Allow", corsAllowMethods)
		return refuse(http.StatusMethodNotAllowed, CodeMethodNotAllowed, "only GET, POST and OPTIONS are allowed")
	}
	t, ref := h.p.parseTarget(r.URL)
	if ref != nil {
		return ref
	}
	e.host = t.host
	out, ref := h.outbound(r, t)
	if ref != nil {
		return ref
	}
	return h.forward(w, out, e)
}

// outbound builds the upstream request: fixed User-Agent, the cookie header, and for POST the
// body (bounded, with its real length) as JSON, once the login guard let it through.
func (h *handler) outbound(r *http.Request, t target) (*http.Request, *refusal) {
	cookie := strings.Join(r.Header.Values(HeaderCookie), "; ")
	if len(cookie) > maxCookieBytes {
		return nil, refuse(http.StatusBadRequest, CodeBadRequest, "the cookie header is too long")
	}
	if ref := checkHeaderValue(cookie); ref != nil {
		return nil, ref
	}
	var body []byte
	if r.Method == http.MethodPost {
		var ref *refusal
		if body, ref = readBody(r, h.p.maxRequest); ref != nil {
			return nil, ref
		}
		if ref = h.guardLogin(r, t.host, body); ref != nil {
			return nil, ref
		}
	}
	out, err := http.NewRequestWithContext(r.Context(), r.Method, t.url(), nil)
	if err != nil {
		return nil, refuse(http.StatusBadRequest, CodeBadRequest, "the target is not valid")
	}
	out.Header.Set("User-Agent", h.p.userAgent)
	if cookie != "" {
		out.Header.Set("Cookie", cookie)
	}
	if r.Method == http.MethodPost {
		out.Header.Set("Content-Type", "application/json")
		setBody(out, body)
	}
	return out, nil
}

// setBody gives out a body with a known length (http.NoBody when empty, so that even an empty
// POST carries Content-Length: 0 rather than going chunked).
func setBody(out *http.Request, body []byte) {
	out.ContentLength = int64(len(body))
	if len(body) == 0 {
		out.Body, out.GetBody = http.NoBody, func() (io.ReadCloser, error) { return http.NoBody, nil }
		return
	}
	out.Body = io.NopCloser(bytes.NewReader(body))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
}

// forward performs the exchange and writes the answer (see the header contract). The timeout
// is the Upstream's to enforce: the relay starts no timer.
func (h *handler) forward(w http.ResponseWriter, out *http.Request, e *entry) *refusal {
	want := out.URL.String()
	resp, err := h.up.Do(out, h.p.timeout)
	if err != nil {
		return upstreamFailure(err)
	}
	defer resp.Body.Close()
	if resp.Request != nil && resp.Request.URL != nil && resp.Request.URL.String() != want {
		return upstreamFailure(errFollowed)
	}
	e.upstream = resp.StatusCode
	body, n, ref := h.settle(resp)
	if ref != nil {
		return ref
	}
	writeForwarded(w, resp, body, n)
	e.status = statusFor(resp.StatusCode)
	return nil
}

// upstreamFailure classifies a failed exchange. The error text is never shown or logged: it
// may hold the upstream URL and its query.
func upstreamFailure(err error) *refusal {
	if errors.Is(err, ErrUpstreamTimeout) {
		return refuse(http.StatusGatewayTimeout, CodeUpstreamTimeout, "the PRONOTE server did not answer in time")
	}
	if errors.Is(err, errFollowed) {
		return refuse(http.StatusBadGateway, CodeUpstreamError, "the upstream client followed a redirect")
	}
	return refuse(http.StatusBadGateway, CodeUpstreamError, "the PRONOTE server could not be reached")
}

// statusFor maps an upstream status to the relay's: every 3xx becomes 200 so that fetch
// neither follows nor hides it.
func statusFor(upstream int) int {
	if upstream >= 300 && upstream < 400 {
		return http.StatusOK
	}
	return upstream
}
