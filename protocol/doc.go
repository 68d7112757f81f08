// Package protocol is a PRONOTE client: it opens a session from a space page URL, logs in,
// and makes typed calls (timetable, grades, homework, news, messaging, …) or raw ones, for
// every server generation from 2023 to 2026.2.5+ (envelope dialects, flag spellings, both
// login challenge schemes).
//
// It is platform-neutral: its only way out is a Transport, so the same code runs natively
// (package httptransport) and in a browser or Worker compiled to WebAssembly (a fetch
// transport). It never imports net/http or syscall/js.
//
// Section numbers in comments refer to protocol.md, the project's reference of the wire
// protocol as PRONOTE speaks it.
//
// Secrets (password, keys, tokens, cookies, session numbers) never appear in an error, a log
// line or a String method.
package protocol
