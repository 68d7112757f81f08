package protocol_test

import (
	"context"
	"testing"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// TestPlantedGrade: a grade planted in the fake server appears in the period that holds its
// date, once, with its comment (the extension's notification test plants one).
func TestPlantedGrade(t *testing.T) {
	srv := newServer(t, pronotetest.Options{Profile: pronotetest.Profile2026, Encrypt: true, Compress: true})
	s := login(t, srv, "student")
	ctx := context.Background()
	before, err := s.Grades(ctx, protocol.GradesQuery{})
	if err != nil {
		t.Fatal(err)
	}
	srv.PlantGrade(testNow, "17,5", 20, "Contrôle surprise")
	after, err := s.Grades(ctx, protocol.GradesQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Grades) != len(before.Grades)+1 {
		t.Fatalf("%d grades after planting, %d before", len(after.Grades), len(before.Grades))
	}
	g := after.Grades[len(after.Grades)-1]
	if g.Comment != "Contrôle surprise" || g.Grade.Value == nil || *g.Grade.Value != 17.5 || g.OutOf != 20 || g.Subject == "" {
		t.Errorf("planted grade = %+v", g)
	}
	srv.Reset()
	if again, err := s.Grades(ctx, protocol.GradesQuery{}); err != nil || len(again.Grades) != len(before.Grades) {
		t.Errorf("after Reset: %v, %d grades", err, len(again.Grades))
	}
}
