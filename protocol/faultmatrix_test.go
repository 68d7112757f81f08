package protocol_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/httptransport"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// refuseOnce sends the request after it is armed to a loopback port nothing listens on: a
// real dial that fails, as when a school's server is down.
type refuseOnce struct {
	inner protocol.Transport
	addr  string // host:port of the server
	dead  string // host:port with no listener
	armed atomic.Bool
}

func (r *refuseOnce) Do(ctx context.Context, req *protocol.Request) (*protocol.Response, error) {
	if r.armed.CompareAndSwap(true, false) {
		moved := *req
		moved.URL = strings.Replace(req.URL, r.addr, r.dead, 1)
		return r.inner.Do(ctx, &moved)
	}
	return r.inner.Do(ctx, req)
}

// deadAddr returns a loopback address whose listener is closed.
func deadAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// TestFaultMatrix: every transient fault rejects the call with its own code and words, and the
// next call on the same session works; only an expired session stays expired.
func TestFaultMatrix(t *testing.T) {
	tests := []struct {
		name  string
		fault pronotetest.Fault // armed on the server, nil for none
		code  string
		says  string // a word of the message
		is    error  // a sentinel the error wraps, nil for none
		after string // the next call's code, "" when it must work
	}{
		{"503", pronotetest.FaultMaintenance, "SERVER_ERROR", "maintenance", protocol.ErrMaintenance, ""},
		{"busy page", pronotetest.FaultBusy, "SERVER_ERROR", "unavailable", protocol.ErrUnavailable, ""},
		{"IP suspended", pronotetest.FaultIPSuspended, "IP_SUSPENDED", "suspended", protocol.ErrIPSuspended, ""},
		{"HTML instead of JSON", pronotetest.FaultNotJSON, "PROTOCOL_ERROR", "not JSON", protocol.ErrProtocol, ""},
		{"connection refused", nil, "NETWORK_ERROR", "not sent", protocol.ErrNotSent, ""},
		{"dropped after sending", pronotetest.FaultDropReply, "NETWORK_ERROR", "network error", protocol.ErrNetwork, ""},
		{"truncated body", pronotetest.FaultCutReply, "NETWORK_ERROR", "network error", protocol.ErrNetwork, ""},
		{"wrong order number", pronotetest.FaultWrongOrder, "PROTOCOL_ERROR", "order number", protocol.ErrDesync, ""},
		{"exchange timeout", pronotetest.FaultHoldReply, "TIMEOUT", "in time", protocol.ErrTimeout, ""},
		{"refused call (G 21)", pronotetest.FaultServerError{G: 21, Title: "Impossible d'afficher la page"}, "SERVER_ERROR", "server error 21", nil, ""},
		{"expired session", pronotetest.FaultExpireSession, "SESSION_EXPIRED", "expired", protocol.ErrSessionExpired, "SESSION_EXPIRED"},
	}
	for _, p := range []pronotetest.Profile{pronotetest.Profile2023, pronotetest.Profile2026} {
		for _, tt := range tests {
			if tt.fault == pronotetest.FaultHoldReply && p.Name != pronotetest.Profile2026.Name {
				continue // the timeout waits; once is enough
			}
			t.Run(p.Name+"/"+tt.name, func(t *testing.T) {
				srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: true, Compress: true})
				tr := &refuseOnce{inner: httptransport.New(nil), addr: strings.Split(srv.URL, "/")[2], dead: deadAddr(t)}
				o := options(srv, "student", pronotetest.StudentUsername, pronotetest.StudentPassword)
				o.Transport = tr
				if tt.fault == pronotetest.FaultHoldReply {
					// Only the held reply can take this long: every other request of this
					// test is answered at once, even on a loaded machine.
					o.Timeout = 4 * time.Second
				}
				ctx := context.Background()
				s, err := protocol.Login(ctx, o)
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				if tt.fault != nil {
					srv.Inject(tt.fault)
				} else {
					tr.armed.Store(true)
				}
				// On a new connection: a kept-alive one that ends without an answer is the
				// server's keep-alive timeout, never processed (TestIdleConnectionClosed).
				tr.inner.(*httptransport.Transport).CloseIdleConnections()
				_, err = s.Grades(ctx, protocol.GradesQuery{})
				if code := protocol.Code(err); code != tt.code || !strings.Contains(err.Error(), tt.says) {
					t.Errorf("call: err = %v (%s), want code %s saying %q", err, code, tt.code, tt.says)
				}
				if tt.is != nil && !errors.Is(err, tt.is) {
					t.Errorf("call: err = %v, want it to wrap %v", err, tt.is)
				}
				srv.Reset() // the fault is lifted (held replies go out)
				_, err = s.Grades(ctx, protocol.GradesQuery{})
				if code := protocol.Code(err); code != tt.after {
					t.Errorf("next call: err = %v (%q), want %q", err, code, tt.after)
				}
				if tt.after == "" {
					if _, err := s.Timetable(ctx, protocol.TimetableQuery{From: "2026-11-23", To: "2026-11-27"}); err != nil {
						t.Errorf("the call after that: %v", err)
					}
				}
			})
		}
	}
}

// TestIdleConnectionClosed: a keep-alive connection the server closed while idle is not a
// lost request: the call either goes out on a new connection or fails as never sent, and the
// session goes on either way.
func TestIdleConnectionClosed(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025, Encrypt: true})
	s := login(t, srv, "student")
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		srv.CloseClientConnections()
		if _, err := s.Grades(ctx, protocol.GradesQuery{}); err != nil && !errors.Is(err, protocol.ErrNotSent) {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if _, err := s.Grades(ctx, protocol.GradesQuery{}); err != nil {
		t.Fatalf("after the closed connections: %v", err)
	}
}

// TestCallerDeadlineIsTimeout: a deadline the caller set is a TIMEOUT, a cancellation ABORTED.
func TestCallerDeadlineIsTimeout(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025})
	s := login(t, srv, "student")
	srv.Inject(pronotetest.FaultHoldReply)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := s.Grades(ctx, protocol.GradesQuery{}); protocol.Code(err) != "TIMEOUT" {
		t.Errorf("deadline: err = %v (%s), want TIMEOUT", err, protocol.Code(err))
	}
	srv.Reset() // releases the held reply and clears the request log
	srv.Inject(pronotetest.FaultHoldReply)
	ctx, cancel2 := context.WithCancel(context.Background())
	go func() {
		for !strings.Contains(lastRequest(srv), "DernieresNotes") {
			time.Sleep(time.Millisecond)
		}
		cancel2()
	}()
	if _, err := s.Grades(ctx, protocol.GradesQuery{}); protocol.Code(err) != "ABORTED" {
		t.Errorf("cancel: err = %v (%s), want ABORTED", err, protocol.Code(err))
	}
	srv.Release()
	if _, err := s.Grades(context.Background(), protocol.GradesQuery{}); err != nil {
		t.Errorf("after both: %v", err)
	}
}

func lastRequest(srv *pronotetest.Server) string {
	log := srv.Requests()
	if len(log) == 0 {
		return ""
	}
	return log[len(log)-1].Text
}
