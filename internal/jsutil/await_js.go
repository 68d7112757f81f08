package jsutil

import "syscall/js"

// Rejection is the reason a Promise was rejected with. Its text says nothing of the reason,
// which may hold a URL; callers that want detail read Reason.
type Rejection struct {
	Reason js.Value
}

func (r *Rejection) Error() string { return "promise rejected" }

// Await blocks the calling goroutine until p settles and returns its value, or a *Rejection.
// Call it from a goroutine, never from inside a js.FuncOf callback (that would deadlock). It
// does not return before p settles, so its two callbacks are always released: to stop early,
// abort the work behind p (an AbortController), which settles it.
func Await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: arg0(args)}
		return nil
	})
	catch := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{err: &Rejection{Reason: arg0(args)}}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	p.Call("then", then, catch)
	r := <-ch
	return r.v, r.err
}

func arg0(args []js.Value) js.Value {
	if len(args) == 0 {
		return js.Undefined()
	}
	return args[0]
}
