package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pronote-web/pronote/protocol"
)

// errClosed is the error of a call on a session closed from JavaScript.
var errClosed = fmt.Errorf("%w", protocol.ErrClosed)

// errInternal replaces a recovered panic: a bug in the module, reported without its value.
var errInternal = errors.New("pronote: internal error (a bug in pronote.wasm); the module is still usable")

// relayError is the relay's own answer instead of the school's: its RELAY_… code and HTTP
// status. The relay's policy refusals never reached the school; an unreachable school and a
// school that did not answer in time are network faults, said as such.
type relayError struct {
	Code   string
	Status int
}

// relayRateLimited is the relay's login guard: too many Identification requests for one school
// from one client (relay/README.md). JavaScript sees it as RATE_LIMITED, with this relayCode.
const relayRateLimited = "RELAY_RATE_LIMITED"

func (e *relayError) Error() string {
	switch e.Code {
	case relayRateLimited:
		return "too many login attempts through the relay for this school; wait before trying again"
	case "RELAY_UPSTREAM_ERROR":
		return fmt.Sprintf("the relay could not reach the school (%s, HTTP %d)", e.Code, e.Status)
	case "RELAY_UPSTREAM_TIMEOUT":
		return fmt.Sprintf("the school did not answer the relay in time (%s, HTTP %d)", e.Code, e.Status)
	}
	return fmt.Sprintf("the relay refused the request (%s, HTTP %d)", e.Code, e.Status)
}

// Unwrap tells the session what happened to the request: a timeout (the school may have
// processed it), or a request that never reached the school (every refusal by the relay's
// policy, and an unreachable school, as for a fetch that failed without a cause).
func (e *relayError) Unwrap() []error {
	switch e.Code {
	case "RELAY_UPSTREAM_TIMEOUT":
		return []error{protocol.ErrTimeout}
	case "RELAY_UPSTREAM_ERROR":
		return []error{protocol.ErrNetwork, protocol.ErrNotSent}
	case "RELAY_RESPONSE_TOO_LARGE", "RELAY_INTERNAL", "RELAY_BAD_ANSWER", "RELAY_UNKNOWN":
		return nil // the school may have answered
	}
	return []error{protocol.ErrNotSent}
}

// fetchError is a failed fetch: the request never got an HTTP answer. Its text never holds
// the URL (the path carries the session number) nor the JavaScript message.
type fetchError struct {
	Name  string // the JavaScript error's name, e.g. "TypeError"
	Cause string // a system error code such as ECONNREFUSED, when one was given
}

func (e *fetchError) Error() string {
	if e.Cause != "" {
		return fmt.Sprintf("the request failed (%s)", e.Cause)
	}
	return "the request failed"
}

// Unwrap reports a request that never left as protocol.ErrNotSent, so the session reuses its
// order number: a refused connection or an unresolved name (Node gives the cause), and a
// failure without a cause (browsers give none; what they hide is nearly always a connection
// that could not be made: offline, DNS, refused). A dropped connection with a cause such as
// UND_ERR_SOCKET or ECONNRESET may have been processed.
func (e *fetchError) Unwrap() error {
	switch e.Cause {
	case "", "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL",
		"UND_ERR_CONNECT_TIMEOUT":
		return protocol.ErrNotSent
	}
	return nil
}

// codeOf returns the stable code JavaScript sees in error.code.
func codeOf(err error) string {
	var re *relayError
	switch {
	case errors.As(err, &re) && re.Code == relayRateLimited:
		return "RATE_LIMITED"
	case errors.As(err, &re) && re.Code != "RELAY_UPSTREAM_ERROR" && re.Code != "RELAY_UPSTREAM_TIMEOUT":
		return "RELAY_REFUSED"
	case errors.Is(err, errInternal):
		return "INTERNAL_ERROR"
	}
	return protocol.Code(err)
}

// uiRelayCode returns, for the ready-made interface (ui.Options.RelayCode), the relay's own
// code when the relay answered instead of the school, and RELAY_UNREACHABLE when a fetch
// through relay got no answer at all (the relay is down, or the connection is): the
// interface says "the school is unreachable", "the school did not answer in time" and "this
// relay does not serve this school" apart, where error.code says NETWORK_ERROR, TIMEOUT and
// RELAY_REFUSED.
func uiRelayCode(relay string) func(error) string {
	return func(err error) string {
		var re *relayError
		var fe *fetchError
		switch {
		case errors.As(err, &re):
			return re.Code
		case relay != "" && errors.As(err, &fe):
			return "RELAY_UNREACHABLE"
		}
		return ""
	}
}

// messageOf returns the text JavaScript sees in error.message: plain words, no secret. The
// protocol's errors never hold one (see package protocol); the "pronote: " prefixes go.
func messageOf(err error) string {
	if codeOf(err) == "ABORTED" {
		return "the operation was aborted"
	}
	msg := strings.ReplaceAll(err.Error(), "pronote: ", "")
	if msg == "" {
		return "unknown error"
	}
	return msg
}

// argumentOf returns the name of the invalid argument, "" when err is about something else.
func argumentOf(err error) string {
	var ae *protocol.ArgumentError
	if errors.As(err, &ae) {
		return ae.Name
	}
	return ""
}

// argError reports an invalid argument by name, without its value.
func argError(name, reason string) error {
	return &protocol.ArgumentError{Name: name, Reason: reason}
}
