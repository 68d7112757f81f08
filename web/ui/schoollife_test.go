package ui

import (
	"reflect"
	"testing"

	"github.com/pronote-web/pronote/protocol"
)

// TestLayoutLife: absences to justify first (newest first), then punishments still to do
// (soonest first), then each kind newest first; empty sections left out.
func TestLayoutLife(t *testing.T) {
	today := day("2026-11-23")
	att := &protocol.Attendance{
		Absences: []protocol.Absence{
			{ID: "old-open", From: "2026-10-05T08:00:00", To: "2026-10-05T17:00:00"},
			{ID: "justified", From: "2026-10-20T08:00:00", Justified: true, Settled: true},
			{ID: "new-open", From: "2026-11-16T13:00:00", ParentsMustJustify: true},
			{ID: "closed", From: "2026-11-02T08:00:00", Settled: true}, // unjustified, closed by the school
		},
		Delays: []protocol.Delay{{ID: "d1", Date: "2026-11-02T08:00:00"}, {ID: "d2", Date: "2026-11-19T08:00:00"}},
		Punishments: []protocol.Punishment{
			{ID: "done", Date: "2026-11-02", Schedule: []protocol.ScheduledSlot{{Date: "2026-11-04T17:00:00"}}},
			{ID: "later", Date: "2026-11-18", Schedule: []protocol.ScheduledSlot{{Date: "2026-12-02T17:00:00"}}},
			{ID: "soon", Date: "2026-11-20", Schedule: []protocol.ScheduledSlot{
				{Date: "2026-11-10T17:00:00"}, {Date: "2026-11-23T17:00:00"}}}, // its second slot is today
			{ID: "unscheduled", Date: "2026-11-12"},
		},
		Observations: []protocol.Observation{{ID: "o1", Date: "2026-11-01"}},
	}
	var got [][]string
	for _, sec := range layoutLife(att, today) {
		row := []string{sec.Key}
		for _, e := range sec.Entries {
			switch {
			case e.Absence != nil:
				row = append(row, e.Absence.ID)
			case e.Delay != nil:
				row = append(row, e.Delay.ID)
			case e.Punishment != nil:
				row = append(row, e.Punishment.ID)
			default:
				row = append(row, e.Observation.ID)
			}
		}
		got = append(got, row)
	}
	want := [][]string{
		{lifeToJustify, "new-open", "old-open"},
		{lifeUpcoming, "soon", "later"},
		{lifeAbsences, "closed", "justified"},
		{lifeDelays, "d2", "d1"},
		{lifePunishments, "unscheduled", "done"},
		{lifeRemarks, "o1"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("layoutLife:\n got %v\nwant %v", got, want)
	}
	if s := layoutLife(&protocol.Attendance{}, today); len(s) != 0 {
		t.Errorf("an empty record has sections: %v", s)
	}
	if layoutLife(nil, today) != nil {
		t.Error("nil record")
	}
}

func TestLifeTexts(t *testing.T) {
	tests := []struct{ got, want string }{
		{duration(0), ""},
		{duration(45), "45 min"},
		{duration(60), "1 h"},
		{duration(90), "1 h 30"},
		{duration(125), "2 h 05"},
		{dayAt(French, "2026-11-25T17:00:00"), "mercredi 25 novembre à 17h00"},
		{dayAt(English, "2026-11-25T17:00:00"), "Wednesday 25 November at 17:00"},
		{dayAt(French, "2026-11-25"), "mercredi 25 novembre"},
		{dayAt(French, "bad"), "bad"},
		{span(French, "2026-11-16T13:00:00", "2026-11-16T17:00:00"), "lundi 16 novembre, 13h00 – 17h00"},
		{span(French, "2026-10-22T08:00:00", "2026-10-23T17:00:00"), "du jeudi 22 octobre au vendredi 23 octobre"},
		{span(English, "2026-10-22T08:00:00", "2026-10-23T17:00:00"), "from Thursday 22 October to Friday 23 October"},
		{span(French, "2026-10-22T08:00:00", ""), "jeudi 22 octobre à 8h00"},
		{labelled(French, "life.homework", "Exercices"), "Travail à faire : Exercices"},
		{labelled(English, "life.homework", "Exercises"), "Work to do: Exercises"},
		{labelled(French, "life.homework", ""), ""},
		{slotText(French, protocol.ScheduledSlot{Date: "2026-11-25T17:00:00"}, 60, day("2026-11-23")), "À faire le mercredi 25 novembre à 17h00 (1 h)"},
		{slotText(French, protocol.ScheduledSlot{Date: "2026-11-23T17:00:00", Duration: 30}, 60, day("2026-11-23")), "À faire le lundi 23 novembre à 17h00 (30 min)"},
		{slotText(English, protocol.ScheduledSlot{Date: "2026-11-20T17:00:00"}, 0, day("2026-11-23")), "Scheduled on Friday 20 November at 17:00"},
		{slotText(French, protocol.ScheduledSlot{Date: "2026-11-02T08:00:00", Duration: 2040}, 0, day("2026-11-23")), "du lundi 2 novembre au mardi 3 novembre"},
		{tabCountWords(French, "news", 3), "non lues"},
		{tabCountWords(French, "news", 1), "non lue"},
		{tabCountWords(English, "messages", 2), "unread messages"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestYearPeriodAndUnread(t *testing.T) {
	ps := []protocol.Period{{ID: "t1", Kind: "trimester"}, {ID: "y", Kind: "year"}}
	if yearPeriod(ps) != "y" || yearPeriod(ps[:1]) != "" {
		t.Error("yearPeriod")
	}
	if n := unread([]protocol.News{{Read: true}, {}, {}}); n != 2 {
		t.Errorf("unread = %d", n)
	}
}

// TestMenuOrder: courses in reading order whatever the server's, lunch before dinner, empty
// courses, meals and days left out, days by date.
func TestMenuOrder(t *testing.T) {
	dish := []protocol.Dish{{Name: "x"}}
	meal := protocol.Meal{Kind: "lunch", Courses: []protocol.Course{
		{Kind: "dessert", Dishes: dish}, {Kind: "weird", Dishes: dish}, {Kind: "starter", Dishes: dish},
		{Kind: "cheese", Dishes: dish}, {Kind: "main", Dishes: dish}, {Kind: "side"}, {Kind: "side", Dishes: dish},
	}}
	var kinds []string
	for _, c := range orderMeal(meal) {
		kinds = append(kinds, c.Kind)
	}
	if want := []string{"starter", "main", "side", "cheese", "dessert", "weird"}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("courses %v, want %v", kinds, want)
	}
	dinner := protocol.Meal{Kind: "dinner", Courses: []protocol.Course{{Kind: "main", Dishes: dish}}}
	empty := protocol.Meal{Kind: "lunch", Courses: []protocol.Course{{Kind: "main"}}}
	if ms := orderMeals([]protocol.Meal{dinner, empty, meal}); len(ms) != 2 || ms[0].Kind != "lunch" || ms[1].Kind != "dinner" {
		t.Errorf("meals %+v", ms)
	}
	days := menuDays([]protocol.MenuDay{
		{Date: "2026-11-24", Meals: []protocol.Meal{dinner}}, {Date: "2026-11-23", Meals: []protocol.Meal{meal}},
		{Date: "2026-11-25", Meals: []protocol.Meal{empty}}, {Date: "2026-11-26"},
	})
	if len(days) != 2 || days[0].Date != "2026-11-23" || days[1].Date != "2026-11-24" {
		t.Errorf("days %+v", days)
	}
}
