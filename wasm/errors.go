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

// relayError is a refusal by the relay: its RELAY_… code and HTTP status.
type relayError struct {
	Code   string
	Status int
}

// relayRateLimited is the relay's login guard: too many Identification requests for one school
// from one client (relay/README.md). JavaScript sees it as RATE_LIMITED, with this relayCode.
const relayRateLimited = "RELAY_RATE_LIMITED"

func (e *relayError) Error() string {
	if e.Code == relayRateLimited {
		return "too many login attempts through the relay for this school; wait before trying again"
	}
	return fmt.Sprintf("the relay refused the request (%s, HTTP %d)", e.Code, e.Status)
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

// codeOf returns the stable code JavaScript sees in error.code.
func codeOf(err error) string {
	var re *relayError
	switch {
	case errors.As(err, &re) && re.Code == relayRateLimited:
		return "RATE_LIMITED"
	case errors.As(err, &re):
		return "RELAY_REFUSED"
	case errors.Is(err, errInternal):
		return "INTERNAL_ERROR"
	}
	return protocol.Code(err)
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
