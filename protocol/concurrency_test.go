package protocol_test

import (
	"context"
	"crypto/rand"
	"errors"
	"io"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/httptransport"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// TestConcurrentCalls fires 50 goroutines at one session: the calls are serialised and the
// order counter never desynchronises.
func TestConcurrentCalls(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025, Encrypt: true, Compress: true})
	s := login(t, srv, "student")
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			var err error
			switch i % 3 {
			case 0:
				_, err = s.Grades(ctx, protocol.GradesQuery{})
			case 1:
				_, err = s.Timetable(ctx, protocol.TimetableQuery{From: "2026-11-23"})
			default:
				err = s.KeepAlive(ctx)
			}
			errs <- err
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent call: %v", err)
		}
	}
}

// slowTransport delays every request by d after the first n.
type slowTransport struct {
	protocol.Transport
	delay chan struct{} // closed to release held requests
	hold  bool
	mu    sync.Mutex
}

func (s *slowTransport) Do(ctx context.Context, r *protocol.Request) (*protocol.Response, error) {
	s.mu.Lock()
	hold := s.hold
	s.mu.Unlock()
	if hold {
		<-s.delay
	}
	return s.Transport.Do(ctx, r)
}

// TestAbortLeavesSessionUsable cancels a call whose request is on the wire: the caller gets
// its error at once, and the session stays in sync for the next call.
func TestAbortLeavesSessionUsable(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2024, Encrypt: true})
	o := options(srv, "student", pronotetest.StudentUsername, pronotetest.StudentPassword)
	slow := &slowTransport{Transport: o.Transport, delay: make(chan struct{})}
	o.Transport = slow
	s, err := protocol.Login(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	slow.mu.Lock()
	slow.hold = true
	slow.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := s.Grades(ctx, protocol.GradesQuery{})
		done <- err
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	err = <-done
	if !errors.Is(err, context.Canceled) || protocol.Code(err) != "ABORTED" {
		t.Fatalf("aborted call: %v (%s)", err, protocol.Code(err))
	}
	slow.mu.Lock()
	slow.hold = false
	slow.mu.Unlock()
	close(slow.delay)
	if _, err := s.Grades(context.Background(), protocol.GradesQuery{}); err != nil {
		t.Fatalf("call after abort: %v", err)
	}
}

// TestNoGoroutineLeft: failed and successful calls leave no goroutine behind.
func TestNoGoroutineLeft(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2025, Encrypt: true})
	before := runtime.NumGoroutine()
	ctx := context.Background()
	o := options(srv, "student", pronotetest.StudentUsername, pronotetest.StudentPassword)
	for i := 0; i < 5; i++ {
		bad := o
		bad.Password = "nope"
		protocol.Login(ctx, bad)
		srv.Reset()
		s, err := protocol.Login(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		srv.Inject(pronotetest.FaultServerError{G: 3, Title: "x"})
		s.Grades(ctx, protocol.GradesQuery{})
		s.Close()
	}
	o.Transport.(*httptransport.Transport).CloseIdleConnections()
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > before+2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+2 {
		t.Errorf("%d goroutines before, %d after", before, n)
	}
}

// prefixReader returns fixed bytes first (the client's iv_temp), then crypto/rand.
type prefixReader struct{ prefix []byte }

func (p *prefixReader) Read(b []byte) (int, error) {
	if len(p.prefix) > 0 {
		n := copy(b, p.prefix)
		p.prefix = p.prefix[n:]
		return n, nil
	}
	return io.ReadFull(rand.Reader, b)
}

// TestRSAUuid covers the http flag (constant key: the fake server is told the IV) and the
// legacy MR/ER key pair (the fake server decrypts).
func TestRSAUuid(t *testing.T) {
	iv := []byte("0123456789abcdef")
	for name, o := range map[string]pronotetest.Options{
		"http constant key": {Profile: pronotetest.Profile2024, HTTP: true, ClientIV: iv},
		"legacy MR/ER":      {Profile: pronotetest.Profile2023, LegacyRSA: true},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newServer(t, o)
			opts := options(srv, "student", pronotetest.StudentUsername, pronotetest.StudentPassword)
			opts.Rand = &prefixReader{prefix: append([]byte(nil), iv...)}
			s, err := protocol.Login(context.Background(), opts)
			if err != nil {
				t.Fatalf("login: %v", err)
			}
			defer s.Close()
			if _, err := s.Grades(context.Background(), protocol.GradesQuery{}); err != nil {
				t.Fatal(err)
			}
		})
	}
}
