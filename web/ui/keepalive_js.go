package ui

import (
	"context"
	"syscall/js"
	"time"
)

// watchActivity records the user's signs of presence in the interface for the keep-alive: a
// key, a pointer, a touch, a wheel, a typed value, the tab shown again. The listeners live as
// long as the mounted interface.
func (a *app) watchActivity() {
	f := js.FuncOf(func(js.Value, []js.Value) any {
		a.act.input()
		return nil
	})
	root := a.root.Underlying()
	opts := js.Global().Get("Object").New()
	opts.Set("passive", true)
	opts.Set("capture", true)
	for _, typ := range []string{"keydown", "pointerdown", "pointermove", "wheel", "touchstart", "input", "focusin"} {
		root.Call("addEventListener", typ, f, opts)
	}
	doc := a.doc.Underlying()
	doc.Call("addEventListener", "visibilitychange", js.FuncOf(func(js.Value, []js.Value) any {
		if doc.Get("visibilityState").String() == "visible" {
			a.act.input()
		}
		return nil
	}))
}

// keepAlive runs while s is the interface's session: every keepAliveTick it sends one
// KeepAlive when the user is active and the session idle (activity.due). An expired session
// goes back to the login screen (or logs in again with the kept token, "Rester connecté",
// through the session's AutoRelogin).
func (a *app) keepAlive(s session) {
	if a.alive == s {
		return
	}
	a.alive = s
	go func() {
		defer a.recoverPanic()
		for {
			time.Sleep(keepAliveTick)
			if a.k.s != s || a.alive != s {
				return
			}
			if !a.act.due() {
				continue
			}
			a.act.sending = true
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			err := a.k.do(ctx, func(d Data) error { return d.KeepAlive(ctx) })
			cancel()
			a.act.sending = false
			a.act.called()
			if err != nil && a.k.s == s {
				a.failed(err) // an ended session shows the login screen; anything else waits for the next
			}
		}
	}()
}
