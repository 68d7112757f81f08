// Package ui is the ready-made PRONOTE user interface: a login screen, then the week's
// timetable, the grades and the homework of the logged-in student (or of a parent's child).
// It is written in Go on top of honnef.co/go/js/dom/v2 and talks to package protocol through
// Go types, never through the JavaScript exports; package wasm registers it as
// pronote.mount(element, options).
//
// # Layout
//
// The files without build constraints are platform-neutral and tested natively: the texts in
// French and English (i18n.go), the HTML sanitiser for homework descriptions (sanitize.go),
// dates and weeks (dates.go), the timetable geometry (layout.go), grade formatting (marks.go)
// and the session keeper that saves the exported session after every call (keeper.go). The
// *_js.go files build the DOM and only compile for GOOS=js.
//
// # Safety
//
// Server text is only ever written with text nodes. Homework descriptions, which PRONOTE sends
// as HTML, are parsed into a tree, filtered through a small allow-list and rebuilt with
// createElement: raw server text never reaches innerHTML. The session survives a reload through
// protocol's Export/Resume in sessionStorage; the password is never stored.
package ui
