package relay

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"time"
)

// Upstream performs one HTTP exchange with a PRONOTE server. Implementations must not follow
// redirects (a 3xx is returned as is), must send the request body with its ContentLength, and
// must end the exchange, body included, once timeout has passed: Do or a read of the body then
// fails with an error for which errors.Is(err, [ErrUpstreamTimeout]) holds. The relay passes
// only the timeout and starts no timer of its own, so that an Upstream over JavaScript can leave
// the clock to the runtime (the Worker uses AbortSignal.timeout).
type Upstream interface {
	Do(r *http.Request, timeout time.Duration) (*http.Response, error)
}

// ErrUpstreamTimeout is the error of an exchange that went past its timeout.
var ErrUpstreamTimeout = errors.New("relay: upstream timeout")

// NewHTTPUpstream returns an Upstream over net/http for native use (tests, a local relay): a
// client that never follows redirects. A nil transport means http.DefaultTransport.
func NewHTTPUpstream(transport http.RoundTripper) Upstream {
	return &httpUpstream{client: &http.Client{
		Transport: transport,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}}
}

type httpUpstream struct{ client *http.Client }

func (u *httpUpstream) Do(r *http.Request, timeout time.Duration) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	resp, err := u.client.Do(r.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, timeoutError(ctx, err)
	}
	resp.Body = &timedBody{ReadCloser: resp.Body, ctx: ctx, cancel: cancel}
	return resp, nil
}

// timedBody releases the exchange's timer on Close and reports a read cut by it as a timeout.
type timedBody struct {
	io.ReadCloser
	ctx    context.Context
	cancel context.CancelFunc
}

func (b *timedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF {
		err = timeoutError(b.ctx, err)
	}
	return n, err
}

func (b *timedBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// timeoutError wraps err with ErrUpstreamTimeout when the exchange's deadline has passed.
func timeoutError(ctx context.Context, err error) error {
	var ne net.Error
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return errors.Join(ErrUpstreamTimeout, err)
	}
	return err
}

var errFollowed = errors.New("relay: upstream followed a redirect")
