package relay

import (
	"errors"
	"net/http"
)

// Upstream performs one HTTP exchange with a PRONOTE server. Implementations must not follow
// redirects (a 3xx is returned as is), must send the request body with its ContentLength, and
// must honour the request's context. The Worker plugs in JS fetch with redirect: "manual".
type Upstream interface {
	Do(*http.Request) (*http.Response, error)
}

// NewHTTPUpstream returns an Upstream over net/http for native use (tests, a local relay): a
// client that never follows redirects. A nil transport means http.DefaultTransport.
func NewHTTPUpstream(transport http.RoundTripper) Upstream {
	return &http.Client{
		Transport: transport,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

var errFollowed = errors.New("relay: upstream followed a redirect")
