package protocol

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors for what callers branch on. Test with errors.Is.
var (
	ErrBadCredentials     = errors.New("pronote: wrong username or password")
	ErrAccessDenied       = errors.New("pronote: access denied for this account")
	ErrAccountDisabled    = errors.New("pronote: account disabled")
	ErrSessionExpired     = errors.New("pronote: session expired")
	ErrRateLimited        = errors.New("pronote: too many login attempts; wait before trying again")
	ErrIPSuspended        = errors.New("pronote: this IP address is temporarily suspended by the server")
	ErrTwoFactorRequired  = errors.New("pronote: two-factor authentication required")
	ErrMaintenance        = errors.New("pronote: server under maintenance")
	ErrUnavailable        = errors.New("pronote: server unavailable")
	ErrNotSpacePage       = errors.New("pronote: not a PRONOTE space page")
	ErrIncompatibleClient = errors.New("pronote: the server refused this client (incompatible browser page)")
	ErrENTRequired        = errors.New("pronote: this address redirects to an ENT login")
	ErrProtocol           = errors.New("pronote: unexpected reply")
	ErrDesync             = errors.New("pronote: order number mismatch (session desynchronised)")
	ErrNotAllowed         = errors.New("pronote: this account has no access to that tab")
	ErrClosed             = errors.New("pronote: session closed")
	ErrInvalidArgument    = errors.New("pronote: invalid argument")
	ErrNetwork            = errors.New("pronote: network error")
	ErrTimeout            = errors.New("pronote: the server did not answer in time")
	// ErrNotSent is wrapped by a Transport's error when the request certainly never reached
	// the server (connection refused, name not resolved): the session reuses its order number.
	// Any other transport error is taken as a request the server may have processed.
	ErrNotSent = errors.New("pronote: the request was not sent")
)

// ServerError is an error PRONOTE reported: an Erreur object with its G code (§7.3) or a
// refusal in a call's signature (G is 0 then).
type ServerError struct {
	Func  string // the function called, e.g. "PageEmploiDuTemps"
	G     int    // PRONOTE's error code
	Title string // PRONOTE's Titre or message, as sent
	kind  error  // the sentinel it maps to, if any
}

func (e *ServerError) Error() string {
	meaning := ""
	if e.kind != nil {
		meaning = strings.TrimPrefix(e.kind.Error(), "pronote: ") + ": "
	}
	if e.Title != "" {
		return fmt.Sprintf("pronote: %s: %sserver error %d: %s", e.Func, meaning, e.G, e.Title)
	}
	return fmt.Sprintf("pronote: %s: %sserver error %d", e.Func, meaning, e.G)
}

// Unwrap returns the sentinel the code maps to (ErrSessionExpired, ErrRateLimited, …).
func (e *ServerError) Unwrap() error { return e.kind }

// serverError maps an Erreur G code to its meaning (§7.3). An Erreur is PRONOTE refusing the
// call (Code SERVER_ERROR, G kept), except the codes that name a state callers act on: G 8–14
// an expired session, G 25 the login rate limit, and G 11 and 14, which say the server could
// not read our envelope (a dialect or numbering the client got wrong: ErrProtocol). G 21
// ("Impossible d'afficher la page": an unknown function, or one this server does not offer)
// and G 22 (a stale id) are refusals of that call; the session goes on.
func serverError(fn string, g int, title string) *ServerError {
	e := &ServerError{Func: fn, G: g, Title: title}
	switch {
	case g == 25:
		e.kind = ErrRateLimited
	case g == 11 || g == 14:
		e.kind = ErrProtocol
	case g >= 8 && g <= 14:
		e.kind = ErrSessionExpired
	}
	return e
}

// ArgumentError names the argument that was wrong.
type ArgumentError struct {
	Name   string
	Reason string
}

func (e *ArgumentError) Error() string {
	return fmt.Sprintf("pronote: invalid argument %s: %s", e.Name, e.Reason)
}

// Unwrap makes errors.Is(err, ErrInvalidArgument) true.
func (e *ArgumentError) Unwrap() error { return ErrInvalidArgument }

func argError(name, format string, args ...any) error {
	return &ArgumentError{Name: name, Reason: fmt.Sprintf(format, args...)}
}

// Code returns the stable string code of err for other languages (the JavaScript API).
func Code(err error) string {
	var se *ServerError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.Canceled):
		return "ABORTED"
	case errors.Is(err, ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return "TIMEOUT"
	case errors.Is(err, ErrBadCredentials):
		return "BAD_CREDENTIALS"
	case errors.Is(err, ErrAccessDenied), errors.Is(err, ErrAccountDisabled):
		return "ACCESS_DENIED"
	case errors.Is(err, ErrSessionExpired):
		return "SESSION_EXPIRED"
	case errors.Is(err, ErrRateLimited):
		return "RATE_LIMITED"
	case errors.Is(err, ErrIPSuspended):
		return "IP_SUSPENDED"
	case errors.Is(err, ErrTwoFactorRequired):
		return "TWO_FACTOR_REQUIRED"
	case errors.Is(err, ErrClosed):
		return "CLOSED"
	case errors.Is(err, ErrInvalidArgument):
		return "INVALID_ARGUMENT"
	case errors.Is(err, ErrNetwork):
		return "NETWORK_ERROR"
	case errors.Is(err, ErrProtocol), errors.Is(err, ErrDesync), errors.Is(err, ErrNotSpacePage),
		errors.Is(err, ErrIncompatibleClient), errors.Is(err, ErrENTRequired):
		return "PROTOCOL_ERROR"
	case errors.Is(err, ErrMaintenance), errors.Is(err, ErrUnavailable), errors.Is(err, ErrNotAllowed),
		errors.As(err, &se):
		return "SERVER_ERROR"
	}
	return "PROTOCOL_ERROR"
}

// protoErr reports an unexpected shape: it names the function and the path, never a value.
func protoErr(fn, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrProtocol, fn, fmt.Sprintf(format, args...))
}
