package relay

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Limiter counts login attempts: Identification requests, per client IP and school host.
// Allow reports whether one more attempt under key may go upstream, and counts it if so.
// The relay's IP is shared by all its users and PRONOTE suspends IPs after repeated failed
// logins (protocol.md §7.4): past the limit the relay answers 429 RELAY_RATE_LIMITED without
// forwarding. The Worker plugs in Cloudflare's rate-limiting binding when it has one.
type Limiter interface {
	Allow(ctx context.Context, key string) (bool, error)
}

// identificationName is the PRONOTE function that checks credentials (protocol.md §6.2).
const identificationName = "Identification"

// isIdentification reports whether a POST body is an Identification envelope. The function
// name travels in clear in the envelope's top-level "id" (2024.3.9 and later) or "nom" key
// (protocol.md §4.3), even when the payload in dataSec/donneesSec is encrypted. Keys and
// value are compared without case, and any one of repeated keys counts, so that no spelling a
// server might accept slips past; a body that is not valid JSON (which a lenient server might
// still read) counts when it holds the name at all.
func isIdentification(body []byte) bool {
	lower := bytes.ToLower(body)
	if !bytes.Contains(lower, []byte("identif")) && !bytes.Contains(body, []byte(`\u`)) {
		return false // cheap path: no name can spell it
	}
	found, err := topLevelName(body)
	if err != nil {
		return bytes.Contains(lower, []byte("identification"))
	}
	return found
}

// topLevelName walks the top-level keys of a JSON object and reports whether an "id" or "nom"
// key holds the Identification name; err is set for a body that is not a JSON object.
func topLevelName(body []byte) (bool, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false, errors.New("relay: not a JSON object")
	}
	found := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return found, err
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return found, err
		}
		var name string
		if (strings.EqualFold(key, "id") || strings.EqualFold(key, "nom")) && json.Unmarshal(v, &name) == nil &&
			strings.EqualFold(strings.TrimSpace(name), identificationName) {
			found = true
		}
	}
	if _, err := dec.Token(); err != nil {
		return found, err
	}
	return found, nil
}

// loginKey is the Limiter key of a request: the client's IP and the school host. It is never
// logged.
func loginKey(r *http.Request, host string) string {
	ip := r.RemoteAddr
	if h, _, err := net.SplitHostPort(ip); err == nil {
		ip = h
	}
	return ip + " " + host
}

// guardLogin refuses an Identification request past the limit. A Limiter that fails lets the
// request through (and is logged): the guard protects the relay's IP, it must not take the
// relay down with it.
func (h *handler) guardLogin(r *http.Request, host string, body []byte) *refusal {
	if r.Method != http.MethodPost || !isIdentification(body) {
		return nil
	}
	ok, err := h.p.limiter.Allow(r.Context(), loginKey(r, host))
	if err != nil {
		h.log.LogAttrs(r.Context(), slog.LevelWarn, "relay login limiter failed")
		return nil
	}
	if !ok {
		return refuse(http.StatusTooManyRequests, CodeRateLimited,
			"too many login attempts for this school from this address; wait before trying again")
	}
	return nil
}

// WindowLimiter is an in-memory Limiter: at most Limit attempts per key in any Window (a
// sliding window). It is the Worker's fallback where no platform binding exists (one counter
// per isolate) and the native relay's. It starts no timer.
type WindowLimiter struct {
	limit  int
	window time.Duration
	now    func() time.Time

	mu   sync.Mutex
	hits map[string][]time.Time
}

// maxLimiterKeys bounds the memory of a WindowLimiter: past it, keys without a recent attempt
// are dropped, then every key if that was not enough.
const maxLimiterKeys = 10000

// NewWindowLimiter returns a WindowLimiter allowing limit attempts per window.
func NewWindowLimiter(limit int, window time.Duration) *WindowLimiter {
	return newWindowLimiter(limit, window, time.Now)
}

func newWindowLimiter(limit int, window time.Duration, now func() time.Time) *WindowLimiter {
	return &WindowLimiter{limit: limit, window: window, now: now, hits: map[string][]time.Time{}}
}

// Allow implements Limiter.
func (l *WindowLimiter) Allow(_ context.Context, key string) (bool, error) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	recent := l.recent(key, now)
	if len(recent) >= l.limit {
		l.hits[key] = recent
		return false, nil
	}
	if _, seen := l.hits[key]; !seen && len(l.hits) >= maxLimiterKeys {
		l.sweep(now)
	}
	l.hits[key] = append(recent, now)
	return true, nil
}

// recent returns key's attempts within the window.
func (l *WindowLimiter) recent(key string, now time.Time) []time.Time {
	hits := l.hits[key]
	i := 0
	for i < len(hits) && now.Sub(hits[i]) >= l.window {
		i++
	}
	return hits[i:]
}

func (l *WindowLimiter) sweep(now time.Time) {
	for k := range l.hits {
		if len(l.recent(k, now)) == 0 {
			delete(l.hits, k)
		}
	}
	if len(l.hits) >= maxLimiterKeys {
		clear(l.hits)
	}
}
