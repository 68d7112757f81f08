package protocol

import (
	"context"
	"errors"
)

// endpoint describes one typed call: the PRONOTE function and its tab (onglet), how the data
// objects of its requests are built from a query, and how their replies are decoded. Every
// typed method of Session is one line: run(ctx, s, itsEndpoint, q).
type endpoint[Q, R any] struct {
	name   string // the PRONOTE function, e.g. "PageEmploiDuTemps"
	onglet int
	// requests checks q (an *ArgumentError names what is wrong) and returns the data object
	// of each request, for who. Most calls send one; a range of weeks may send one per week.
	requests func(s *Session, who subject, q Q) ([]any, error)
	// decode reads the replies' data objects, in the order of requests, parsed once.
	decode func(s *Session, q Q, replies []obj) (R, error)
	// prepare, when set, runs first under the same hold of the lock: it checks q and makes
	// the reads the requests depend on (with s.read), keeping what it learnt in q's
	// unexported fields. A write names an item by its id; PRONOTE wants back what it sent
	// about that item (a discussion's possessions and reply button, a news item's public).
	prepare func(ctx context.Context, s *Session, who subject, q *Q) error
}

// run makes the requests of e for q under one hold of the session's call lock: whom the call
// is about (the selected child of a parent) is read once, under that lock, so every request
// of the call, its ressource and its membre, names the same person.
func run[Q, R any](ctx context.Context, s *Session, e endpoint[Q, R], q Q) (R, error) {
	var zero R
	if err := s.lock(ctx); err != nil {
		return zero, err
	}
	held := true
	defer func() {
		if held {
			s.unlock()
		}
	}()
	who := s.subject()
	if e.prepare != nil {
		err := e.prepare(ctx, s, who, &q)
		var ab errAbandoned
		if errors.As(err, &ab) {
			held = false
		}
		if err != nil {
			return zero, err
		}
	}
	datas, err := e.requests(s, who, q)
	if err != nil {
		return zero, err
	}
	replies := make([]obj, 0, len(datas))
	for _, d := range datas {
		rep, err := s.callLocked(ctx, who, e.name, e.onglet, d)
		var ab errAbandoned
		if errors.As(err, &ab) {
			held = false // the exchange in flight releases the lock when it settles
		}
		if err != nil {
			return zero, err
		}
		replies = append(replies, rep.data)
	}
	return e.decode(s, q, replies)
}

// one is requests for a call of one request whose data does not depend on whom it is about.
func one[Q any](build func(s *Session, q Q) (any, error)) func(*Session, subject, Q) ([]any, error) {
	return func(s *Session, _ subject, q Q) ([]any, error) {
		d, err := build(s, q)
		if err != nil {
			return nil, err
		}
		return []any{d}, nil
	}
}

// read is one request of a prepare step, made with the lock held; an abandoned exchange's
// error is returned wrapped, so that run leaves the lock to it.
func (s *Session) read(ctx context.Context, who subject, name string, onglet int, data any) (obj, error) {
	rep, err := s.callLocked(ctx, who, name, onglet, data)
	if err != nil {
		return nil, err
	}
	return rep.data, nil
}
