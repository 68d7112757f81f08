package main

import (
	"errors"
	"io"
	"math"
	"syscall/js"

	"github.com/pronote-web/pronote/relay"
)

// jsBody is a relay.BoundedBody over a JavaScript ReadableStream (a request's or an upstream
// response's body). Its bytes stay in JavaScript: ReadUpTo reads the stream there (worker.js:
// readUpTo), and WriteTo hands the stream, or the bytes read, to a rawWriter as they are. Only
// Read copies into Go.
type jsBody struct {
	stream js.Value // the ReadableStream, until read or handed over
	buf    js.Value // the Uint8Array read by ReadUpTo
	off    int
	done   bool // read whole (buf is valid) or handed over
	err    error
}

var _ relay.BoundedBody = (*jsBody)(nil)

// rawWriter takes a body that stays in JavaScript: a ReadableStream or a Uint8Array.
type rawWriter interface {
	WriteRaw(body js.Value)
}

// ReadUpTo implements relay.BoundedBody.
func (b *jsBody) ReadUpTo(limit int64) (int64, error) {
	if b.done || b.err != nil {
		return 0, errors.Join(errors.New("worker: body already read"), b.err)
	}
	v, err := await(helpers.Call("readUpTo", b.stream, float64(limit)))
	if err != nil {
		b.err = timeoutOr(err)
		return 0, b.err
	}
	b.stream = js.Undefined()
	if v.IsNull() {
		b.err = relay.ErrTooLarge
		return 0, b.err
	}
	b.buf, b.done = v, true
	return int64(v.Length()), nil
}

// Read copies the bytes read by ReadUpTo (reading the stream whole first if needed).
func (b *jsBody) Read(p []byte) (int, error) {
	if !b.done && b.err == nil {
		if _, err := b.ReadUpTo(math.MaxInt32); err != nil {
			return 0, err
		}
	}
	if b.err != nil {
		return 0, b.err
	}
	if !b.buf.Truthy() || b.off >= b.buf.Length() {
		return 0, io.EOF
	}
	end := min(b.off+len(p), b.buf.Length())
	n := js.CopyBytesToGo(p, b.buf.Call("subarray", b.off, end))
	b.off += n
	return n, nil
}

// WriteTo hands the body to w without copying it through Go when w is a rawWriter.
func (b *jsBody) WriteTo(w io.Writer) (int64, error) {
	rw, ok := w.(rawWriter)
	if !ok || b.err != nil || b.off != 0 {
		return io.Copy(w, struct{ io.Reader }{b})
	}
	if b.done {
		if b.buf.Truthy() {
			rw.WriteRaw(b.buf)
			n := b.buf.Length()
			b.off = n
			return int64(n), nil
		}
		return 0, nil
	}
	rw.WriteRaw(b.stream)
	b.stream, b.done = js.Undefined(), true
	return 0, nil
}

// Close cancels a stream that was neither read nor handed over.
func (b *jsBody) Close() error {
	if !b.done && b.stream.Truthy() {
		b.stream.Call("cancel")
		b.stream = js.Undefined()
	}
	b.done = true
	return nil
}

// timeoutOr maps the JavaScript timeout to relay.ErrUpstreamTimeout.
func timeoutOr(err error) error {
	if errors.Is(err, errTimeout) {
		return errors.Join(relay.ErrUpstreamTimeout, err)
	}
	return err
}
