package ui

import (
	"time"

	"github.com/pronote-web/pronote/protocol"
)

// Options configure Mount.
type Options struct {
	// School is the address the login form starts with (a school's PRONOTE root or space page).
	School string
	// Demo describes a demonstration school; when set, the login form offers it first.
	Demo *Demo
	// Transport returns the transport of a new session (the fetch transport, through the relay
	// when the page has one). Required.
	Transport func() protocol.Transport
	// Code maps an error to its stable code; nil means protocol.Code. The JavaScript side passes
	// its own, which also knows the relay's refusals.
	Code func(error) string
	// RelayCode returns the relay's own code when the relay answered instead of the school
	// (RELAY_UPSTREAM_ERROR, RELAY_HOST_NOT_ALLOWED, …, or RELAY_UNREACHABLE when the relay
	// itself could not be reached), "" otherwise; nil means never. The interface says those
	// apart: an unreachable school is not a refusal.
	RelayCode func(error) string
	// Store keeps the session across reloads; nil means the tab's sessionStorage.
	Store Store
	// Lang is the starting language; the zero value is French. A choice the user made on this
	// device wins over it.
	Lang Lang
	// DeviceUUID identifies this installation to PRONOTE; empty means one kept in localStorage.
	DeviceUUID string
	// Remote, when set, holds the session outside the page (a browser extension's service
	// worker, see JSRemote): the interface logs in, resumes and calls through it, and keeps
	// neither the session nor a token itself. Transport is then unused.
	Remote Remote
	// Now is the clock of "today" (nil means time.Now).
	Now func() time.Time
}

// Demo is a demonstration school and the public credentials of its accounts.
type Demo struct {
	URL     string      `json:"url"`
	Student Credentials `json:"student"`
	Parent  Credentials `json:"parent"`
}

// Credentials are a demo account's public username and password.
type Credentials struct {
	Username string `json:"username"`
	Password string `json:"password"`
}
