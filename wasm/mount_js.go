//go:build js && wasm && !noui

package main

import (
	"context"
	"encoding/json"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/web/ui"
)

// mountArgs are mount's options: mount(element, {relay?, url?, demo?, lang?, backend?}).
type mountArgs struct {
	// Backend is read as a JavaScript object (its methods do not survive JSON): a service
	// worker's session for an extension's popup (ui.JSRemote).
	Backend json.RawMessage `json:"backend"`
	Relay   string          `json:"relay"` // the relay's address; "" fetches PRONOTE directly (extensions)
	URL     string          `json:"url"`   // the school address the login form starts with
	Demo    *ui.Demo        `json:"demo"`  // a demonstration school: {url, student: {username, password}, parent}
	Lang    string          `json:"lang"`  // "fr" (default) or "en"
}

// registerUI adds pronote.mount(element, options): the ready-made interface of package ui.
// Builds tagged noui leave it out (mount_noui_js.go), to measure the API alone.
func registerUI(ns js.Value) {
	ns.Set("mount", method(prepareMount))
}

// prepareMount checks mount's arguments; the job draws the interface and resolves once it is
// on screen.
func prepareMount(_ js.Value, args []js.Value) (job, js.Value, error) {
	if len(args) == 0 || args[0].Type() != js.TypeObject || args[0].Get("nodeType").Int() != 1 {
		return nil, js.Undefined(), argError("element", "must be a DOM element")
	}
	el := args[0]
	var a mountArgs
	signal, err := decodeOptions(args, 1, "options", &a)
	if err == nil {
		err = checkRelay(a.Relay)
	}
	if err != nil {
		return nil, js.Undefined(), err
	}
	var remote ui.Remote
	if len(a.Backend) > 0 {
		b := args[1].Get("backend")
		if b.Type() != js.TypeObject {
			return nil, js.Undefined(), argError("backend", "must be an object with attach, login, call and logout")
		}
		remote = ui.JSRemote(b)
	}
	return func(context.Context) (js.Value, error) {
		ui.Mount(dom.WrapElement(el), ui.Options{
			Remote:    remote,
			School:    a.URL,
			Demo:      a.Demo,
			Lang:      ui.ParseLang(a.Lang),
			Transport: func() protocol.Transport { return &fetchTransport{relay: a.Relay} },
			Code:      codeOf,
			RelayCode: uiRelayCode(a.Relay),
		})
		return js.Undefined(), nil
	}, signal, nil
}
