package ui

import (
	"reflect"
	"testing"

	"github.com/pronote-web/pronote/protocol"
)

func lesson(id, subject, start string, cancelled bool, status string) protocol.Lesson {
	return protocol.Lesson{ID: id, Subject: subject, Start: start, End: start[:11] + "23:00:00", Cancelled: cancelled, Status: status}
}

func TestMovedPairs(t *testing.T) {
	week := []protocol.Lesson{
		lesson("a", "Technologie", "2026-11-27T10:00:00", true, "Cours déplacé"),
		lesson("b", "Mathématiques", "2026-11-27T09:00:00", false, "Changement de salle"),
		lesson("c", "Technologie", "2026-11-27T16:00:00", false, "Cours déplacé"),
		lesson("d", "Français", "2026-11-23T09:00:00", true, "Prof. absent"),
	}
	m := movedPairs(week)
	if m[0].Kind != movedAway || m[0].Other != &week[2] || m[2].Kind != movedHere || m[2].Other != &week[0] {
		t.Fatalf("Technologie not paired: %+v", m)
	}
	if m[1].Kind != notMoved || m[3].Kind != notMoved {
		t.Errorf("lessons that were not moved: %+v %+v", m[1], m[3])
	}
	tests := []struct{ got, want string }{
		{moveBadge(French, m[0]), "Déplacé au ven. 27 à 16h00"},
		{moveBadge(French, m[2]), "Déplacé du ven. 27 à 10h00"},
		{moveBadge(English, m[0]), "Moved to Fri 27, 16:00"},
		{moveBadge(English, m[2]), "Moved from Fri 27, 10:00"},
		{moveSentence(French, m[0]), "Ce cours n'a pas lieu à cet horaire : il est déplacé au vendredi 27 novembre à 16h00."},
		{moveSentence(English, m[2]), "This lesson takes place at this time instead of Friday 27 November, 10:00."},
		{lessonStatus(French, week[0], m[0]), "Déplacé au ven. 27 à 16h00"},
		{lessonStatus(French, week[1], m[1]), "Changement de salle"},
		{lessonStatus(French, lesson("e", "SVT", "2026-11-23T08:00:00", true, ""), move{}), "Annulé"},
		{lessonStatus(English, protocol.Lesson{Exempted: true}, move{}), "Exempted"},
		{lessonStatus(French, protocol.Lesson{}, move{}), ""},
		{moveSentence(French, move{}), ""},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

// Two moved-away lessons of one subject and one moved-here lesson cannot be paired without a
// guess: each says only which end it is.
func TestMovedPairsAmbiguous(t *testing.T) {
	week := []protocol.Lesson{
		lesson("a", "SVT", "2026-11-23T08:00:00", true, "Cours déplacé"),
		lesson("b", "SVT", "2026-11-24T08:00:00", true, "cours DÉPLACÉ"),
		lesson("c", "SVT", "2026-11-27T16:00:00", false, "Cours déplacé"),
		lesson("d", "EPS", "2026-11-27T16:00:00", false, "Cours déplacé"), // its old slot is in another week
	}
	m := movedPairs(week)
	for i, want := range []int{movedAway, movedAway, movedHere, movedHere} {
		if m[i].Kind != want || m[i].Other != nil {
			t.Errorf("%d: %+v, want kind %d without the other end", i, m[i], want)
		}
	}
	if got := moveBadge(French, m[0]); got != "Déplacé ailleurs" {
		t.Errorf("away: %q", got)
	}
	if got := moveBadge(English, m[3]); got != "Moved here" {
		t.Errorf("here: %q", got)
	}
}

func TestContentOf(t *testing.T) {
	l := lesson("41#x", "Mathématiques", "2026-11-23T08:00:00", false, "")
	cs := []protocol.LessonContent{
		{ID: "1", LessonID: "41#y", Subject: "Mathématiques", Start: "2026-11-23T08:00:00"},
		{ID: "2", LessonID: "41#x", Subject: "Mathématiques", Start: "2026-11-23T08:00:00"},
		{ID: "3", Subject: "SVT", Start: "2026-11-23T10:00:00"},
	}
	if c := contentOf(l, cs); c == nil || c.ID != "2" {
		t.Errorf("by lesson id: %+v", c)
	}
	if c := contentOf(lesson("z", "SVT", "2026-11-23T10:00:00", false, ""), cs); c == nil || c.ID != "3" {
		t.Errorf("by subject and start (no lesson id): %+v", c)
	}
	if c := contentOf(lesson("z", "Français", "2026-11-23T10:00:00", false, ""), cs); c != nil {
		t.Errorf("no content: %+v", c)
	}
}

func TestLessonHomework(t *testing.T) {
	day := []protocol.Lesson{
		lesson("m1", "Mathématiques", "2026-11-23T08:00:00", true, "Prof. absent"),
		lesson("m2", "Mathématiques", "2026-11-23T10:00:00", false, ""),
		lesson("m3", "Mathématiques", "2026-11-23T14:00:00", false, ""),
		lesson("f1", "Français", "2026-11-23T09:00:00", false, ""),
	}
	hw := []protocol.Homework{
		{ID: "due", Subject: "Mathématiques", Due: "2026-11-23", Given: "2026-11-16"},
		{ID: "next", Subject: "Mathématiques", Due: "2026-11-30", Given: "2026-11-23"},
		{ID: "later", Subject: "Mathématiques", Due: "2026-12-02", Given: "2026-11-25"},
		{ID: "fr", Subject: "Français", Due: "2026-11-23"},
		{ID: "fr-next", Subject: "Français", Due: "2026-11-26"},
	}
	ids := func(hs []protocol.Homework) []string {
		out := []string{}
		for _, h := range hs {
			out = append(out, h.ID)
		}
		return out
	}
	tests := []struct {
		name        string
		l           protocol.Lesson
		c           *protocol.LessonContent
		given, dueH []string
	}{
		{"the first maths lesson that takes place gets the day's", day[1], nil, []string{"next"}, []string{"due"}},
		{"the cancelled one gets none", day[0], nil, []string{}, []string{}},
		{"nor the third", day[2], nil, []string{}, []string{}},
		{"a content's homeworkDue names what was given in it", day[2], &protocol.LessonContent{HomeworkDue: "2026-11-30"}, []string{"next"}, []string{}},
		{"a homeworkDue with no such homework", day[1], &protocol.LessonContent{HomeworkDue: "2026-12-01"}, []string{}, []string{"due"}},
		{"homework given another day is not given in it", day[1], &protocol.LessonContent{HomeworkDue: "2026-12-02"}, []string{}, []string{"due"}},
		{"a homeworkDue, and PRONOTE did not say when it was given", day[3], &protocol.LessonContent{HomeworkDue: "2026-11-26"}, []string{"fr-next"}, []string{"fr"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			given, due := lessonHomework(tt.l, day, tt.c, hw)
			if g, d := ids(given), ids(due); !reflect.DeepEqual(g, tt.given) || !reflect.DeepEqual(d, tt.dueH) {
				t.Errorf("given %v, due %v; want %v, %v", g, d, tt.given, tt.dueH)
			}
		})
	}
	// When every lesson of the subject is cancelled, the first one gets the day's homework.
	cancelled := []protocol.Lesson{day[0], lesson("m4", "Mathématiques", "2026-11-23T15:00:00", true, "")}
	if _, due := lessonHomework(cancelled[0], cancelled, nil, hw); !reflect.DeepEqual(ids(due), []string{"due"}) {
		t.Errorf("all cancelled: %v", ids(due))
	}
}

// The week grid hands each lesson its move.
func TestLayoutWeekMoves(t *testing.T) {
	g := layoutWeek(day("2026-11-23"), []protocol.Lesson{
		lesson("a", "Technologie", "2026-11-27T10:00:00", true, "Cours déplacé"),
		lesson("c", "Technologie", "2026-11-27T16:00:00", false, "Cours déplacé"),
	})
	fri := g.Days[4].Lessons
	if len(fri) != 2 || fri[0].Move.Kind != movedAway || fri[0].Move.Other.ID != "c" || fri[1].Move.Kind != movedHere || fri[1].Move.Other.ID != "a" {
		t.Errorf("Friday: %+v", fri)
	}
}
