//go:build js && wasm

package main

import (
	"context"
	"sync"
	"syscall/js"

	"github.com/pronote-web/pronote/protocol"
)

// entry is a live session behind a JavaScript session object.
type entry struct {
	s     *protocol.Session
	relay string // "" in direct mode; kept in the exported state
}

// sessions maps JavaScript session objects to Go sessions. The object itself holds nothing
// but data (user, periods, kind): a WeakMap keyed by the object finds its id, so a session
// cannot be forged or confused, and a FinalizationRegistry (where the platform has one)
// closes sessions that were dropped without close().
type sessionTable struct {
	mu      sync.Mutex
	byID    map[int]*entry
	next    int
	proto   js.Value // the prototype with the methods
	ids     js.Value // WeakMap: session object → id
	cleanup js.Value // FinalizationRegistry, or undefined
}

var sessions = &sessionTable{byID: map[int]*entry{}}

// newObject registers e and returns its JavaScript session object.
func (t *sessionTable) newObject(e *entry) (js.Value, error) {
	user, err := protocol.MarshalResult(e.s.User())
	if err != nil {
		return js.Undefined(), err
	}
	periods, err := protocol.MarshalResult(e.s.Periods())
	if err != nil {
		return js.Undefined(), err
	}
	obj := jsObject.Call("create", t.proto)
	obj.Set("user", fromJSON(user))
	obj.Set("periods", fromJSON(periods))
	obj.Set("kind", string(e.s.Kind()))
	t.mu.Lock()
	t.next++
	id := t.next
	t.byID[id] = e
	t.mu.Unlock()
	t.ids.Call("set", obj, id)
	if !t.cleanup.IsUndefined() {
		t.cleanup.Call("register", obj, id, obj)
	}
	return obj, nil
}

// lookup returns the live session behind this, or CLOSED.
func (t *sessionTable) lookup(this js.Value) (*entry, error) {
	if this.Type() != js.TypeObject {
		return nil, argError("this", "is not a PRONOTE session (call the method on the session object)")
	}
	id := t.ids.Call("get", this)
	if id.Type() != js.TypeNumber {
		return nil, argError("this", "is not a PRONOTE session (call the method on the session object)")
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	e := t.byID[id.Int()]
	if e == nil {
		return nil, errClosed
	}
	return e, nil
}

// remove forgets this's session: later calls reject with CLOSED. It returns the entry, nil
// when it was already closed.
func (t *sessionTable) remove(this js.Value) *entry {
	id := t.ids.Call("get", this)
	if id.Type() != js.TypeNumber {
		return nil
	}
	if !t.cleanup.IsUndefined() {
		t.cleanup.Call("unregister", this)
	}
	return t.drop(id.Int())
}

func (t *sessionTable) drop(id int) *entry {
	t.mu.Lock()
	defer t.mu.Unlock()
	e := t.byID[id]
	delete(t.byID, id)
	return e
}

// sessionMethod wraps a session method: it finds the session behind this, then prepares.
func sessionMethod(prepare func(e *entry, args []js.Value) (job, js.Value, error)) js.Value {
	return method(func(this js.Value, args []js.Value) (job, js.Value, error) {
		e, err := sessions.lookup(this)
		if err != nil {
			return nil, js.Undefined(), err
		}
		work, signal, err := prepare(e, args)
		if err != nil {
			return nil, signal, err
		}
		// Session.Do logs in again once on expiry when the session has autoRelogin.
		return func(ctx context.Context) (v js.Value, err error) {
			err = e.s.Do(ctx, func(ctx context.Context) error {
				v, err = work(ctx)
				return err
			})
			return v, err
		}, signal, nil
	})
}

// jsonJob runs f and resolves with its result as a plain JavaScript value.
func jsonJob[T any](f func(ctx context.Context) (T, error)) job {
	return func(ctx context.Context) (js.Value, error) {
		v, err := f(ctx)
		if err != nil {
			return js.Undefined(), err
		}
		b, err := protocol.MarshalResult(v)
		if err != nil {
			return js.Undefined(), err
		}
		return fromJSON(b), nil
	}
}

// doneJob runs f and resolves with undefined.
func doneJob(f func(ctx context.Context) error) job {
	return func(ctx context.Context) (js.Value, error) {
		return js.Undefined(), f(ctx)
	}
}
