package protocol_test

import (
	"context"
	"testing"
	"time"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// The native client on the bench's server profile (2025, encrypted and compressed), for
// ./build.sh bench beside the module and pawnote.

func benchServer(b *testing.B) *pronotetest.Server {
	srv := pronotetest.NewServer(pronotetest.Options{Profile: pronotetest.Profile2025, Encrypt: true, Compress: true,
		Now: func() time.Time { return testNow }})
	b.Cleanup(srv.Close)
	return srv
}

func BenchmarkLogin(b *testing.B) {
	srv := benchServer(b)
	o := options(srv, "student", pronotetest.StudentUsername, pronotetest.StudentPassword)
	ctx := context.Background()
	for b.Loop() {
		s, err := protocol.Login(ctx, o)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

func BenchmarkJourney(b *testing.B) {
	srv := benchServer(b)
	o := options(srv, "student", pronotetest.StudentUsername, pronotetest.StudentPassword)
	ctx := context.Background()
	for b.Loop() {
		s, err := protocol.Login(ctx, o)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Timetable(ctx, protocol.TimetableQuery{From: "2026-11-23", To: "2026-11-29"}); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Grades(ctx, protocol.GradesQuery{}); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Homework(ctx, protocol.HomeworkQuery{From: "2026-11-23", To: "2026-11-29"}); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
