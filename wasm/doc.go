// Command wasm is pronote.wasm: the PRONOTE client of package protocol, exposed to JavaScript
// as the namespace `pronote` (login, resume, session objects). It is built with
// GOOS=js GOARCH=wasm and loaded by web/pronote.js; see README-js.md for the JavaScript API.
//
// # Layout
//
// The files named *_js.go are the only ones that touch syscall/js: register_js.go (the
// namespace), session_js.go (session objects), promise_js.go (the one Promise helper),
// value_js.go (JSON across the boundary, JavaScript errors) and fetch_js.go (a
// protocol.Transport over fetch, direct or through the relay). The other files are
// platform-neutral and tested natively: option checks (args.go), error codes
// (errors.go), the relay's header contract (relay.go) and the exported state (state.go).
//
// # Wasm
//
// Results cross the boundary as JSON text: encoding/json's bytes (written by hand for the
// calls made most, protocol.MarshalResult) and JSON.parse, never js.ValueOf on Go structs.
// Options and queries are read member by member from the JavaScript object by their json
// names (jsdecode_js.go), as JSON.stringify then encoding/json would read them. Every method
// returns a Promise, made by pronote.js (hostMethod); its work runs on a worker goroutine,
// never inside the js.FuncOf callback. The binary does not link net/http: the transport calls
// the JavaScript fetch function itself, through pronote.js's hostFetch.
//
// Built with the tag pronote_testhook, the namespace also has a `_testPanic` method that
// panics, for the tests that check a panic becomes a rejection. Release builds never have it.
package main
