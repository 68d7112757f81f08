package relay

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
)

// BoundedBody is a body that can read itself whole, up to a limit, without handing its bytes to
// Go chunk by chunk: the Worker's request and upstream bodies, which stay in JavaScript.
// ReadUpTo reads the rest of the body and returns its length; as soon as the body exceeds limit
// bytes it stops reading, cancels the body and returns [ErrTooLarge]. After a successful
// ReadUpTo, Read returns the bytes it read.
type BoundedBody interface {
	io.ReadCloser
	ReadUpTo(limit int64) (int64, error)
}

// ErrTooLarge is the error of a body that exceeds its limit.
var ErrTooLarge = errors.New("relay: body too large")

// readUpTo reads body whole into memory, failing with ErrTooLarge past limit bytes without
// reading further: chunk by chunk for a plain reader, in one step for a BoundedBody.
func readUpTo(body io.Reader, limit int64) ([]byte, error) {
	if b, ok := body.(BoundedBody); ok {
		n, err := b.ReadUpTo(limit)
		if err != nil {
			return nil, err
		}
		buf := make([]byte, n)
		_, err = io.ReadFull(b, buf)
		return buf, err
	}
	buf, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(buf)) > limit {
		return nil, ErrTooLarge
	}
	return buf, nil
}

// readBody reads a POST body, at most limit bytes.
func readBody(r *http.Request, limit int64) ([]byte, *refusal) {
	tooLarge := refuse(http.StatusRequestEntityTooLarge, CodeBodyTooLarge,
		"the request body exceeds "+strconv.FormatInt(limit, 10)+" bytes")
	if r.ContentLength > limit {
		return nil, tooLarge
	}
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	body, err := readUpTo(r.Body, limit)
	if errors.Is(err, ErrTooLarge) {
		return nil, tooLarge
	}
	if err != nil {
		return nil, refuse(http.StatusBadRequest, CodeBadRequest, "the request body could not be read")
	}
	return body, nil
}

// settle returns the upstream body to send and its exact length, or a refusal. A body whose
// length is known (Content-Length, no content coding) within the limit is passed on as it
// streams; one of unknown length is read up to the limit first, and refused past it without
// reading further: an oversize body is never buffered whole.
func (h *handler) settle(resp *http.Response) (io.Reader, int64, *refusal) {
	tooLarge := refuse(http.StatusBadGateway, CodeResponseTooLarge, "the upstream response is too large")
	if resp.ContentLength > h.p.maxResponse {
		return nil, 0, tooLarge
	}
	if resp.ContentLength >= 0 && resp.Header.Get("Content-Encoding") == "" {
		return resp.Body, resp.ContentLength, nil
	}
	if b, ok := resp.Body.(BoundedBody); ok {
		n, err := b.ReadUpTo(h.p.maxResponse)
		if err != nil {
			return nil, 0, bodyFailure(err, tooLarge)
		}
		return b, n, nil
	}
	body, err := readUpTo(resp.Body, h.p.maxResponse)
	if err != nil {
		return nil, 0, bodyFailure(err, tooLarge)
	}
	return bytes.NewReader(body), int64(len(body)), nil
}

func bodyFailure(err error, tooLarge *refusal) *refusal {
	if errors.Is(err, ErrTooLarge) {
		return tooLarge
	}
	return upstreamFailure(err)
}
