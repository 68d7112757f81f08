package pronotetest

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestDemoValues pins the documented values of the demo school at 2026-11-23.
func TestDemoValues(t *testing.T) {
	d := NewDemo(testNow)
	if !d.FirstMonday.Equal(day(2026, 9, 7)) || !d.LastDate.Equal(day(2027, 7, 2)) || d.Week(testNow) != 12 {
		t.Errorf("year %v..%v, week %d", d.FirstMonday, d.LastDate, d.Week(testNow))
	}
	if p := d.CurrentPeriod(); p.Name != "Trimestre 1" || !p.End.Equal(day(2026, 11, 30)) {
		t.Errorf("current period %+v", p)
	}
	mon := d.Lessons(StudentLea, testNow, testNow)
	if len(mon) != 7 {
		t.Fatalf("%d lessons on Monday", len(mon))
	}
	first := mon[0]
	if first.Subject.Name != "Mathématiques" || first.Subject.Teacher != "M. DUPONT" || first.Subject.Room != "S12" ||
		first.Start.Hour() != 8 || first.End.Hour() != 9 || first.Memo != "Apporter la calculatrice." {
		t.Errorf("first lesson %+v", first)
	}
	if !mon[1].Cancelled || mon[1].Status != "Prof. absent" || mon[1].Subject.Name != "Français" {
		t.Errorf("second lesson %+v", mon[1])
	}
	fri := d.Lessons(StudentLea, day(2026, 11, 27), day(2026, 11, 27))
	var statuses []string
	for _, l := range fri {
		if l.Status != "" {
			statuses = append(statuses, l.Subject.Name+" "+l.Status)
		}
	}
	want := []string{"Mathématiques Changement de salle", "Technologie Cours déplacé", "Technologie Cours déplacé"}
	if !reflect.DeepEqual(statuses, want) {
		t.Errorf("Friday changes %q", statuses)
	}
	rep := d.Grades(StudentLea, "periode-t1")
	if len(rep.Grades) != 30 || rep.Overall != "13,01" || rep.ClassOverall != "12,74" {
		t.Errorf("T1: %d grades, overall %s, class %s", len(rep.Grades), rep.Overall, rep.ClassOverall)
	}
}

// TestDemoShape checks the properties the dataset promises, over the whole year.
func TestDemoShape(t *testing.T) {
	d := NewDemo(testNow)
	for _, st := range []Student{StudentLea, StudentHugo} {
		t.Run(st.ID, func(t *testing.T) {
			for w := 1; w <= 43; w++ {
				m := d.MondayOfWeek(w)
				ls := d.Lessons(st, m, m.AddDate(0, 0, 6))
				if len(ls) < 15 {
					continue // holiday week
				}
				var cancelled, changed, noEnd int
				for _, l := range ls {
					if l.Cancelled {
						cancelled++
					}
					if l.Status == "Changement de salle" || l.Status == "Cours déplacé" {
						changed++
					}
					if l.NoEnd {
						noEnd++
					}
				}
				if cancelled < 1 || changed < 1 || noEnd < 1 {
					t.Errorf("week %d: %d cancelled, %d changed, %d without end", w, cancelled, changed, noEnd)
				}
			}
			kinds := map[string]bool{}
			for _, g := range d.Grades(st, "periode-annee").Grades {
				kinds[g.Value[:1]] = true
				if g.Bonus {
					kinds["bonus"] = true
				}
				if g.ClassAvg == "" {
					kinds["nostats"] = true
				}
			}
			if !kinds["|"] || !kinds["bonus"] || !kinds["nostats"] {
				t.Errorf("grade kinds %v", kinds)
			}
			m := d.MondayOfWeek(12)
			hw := d.Homework(st, m, m.AddDate(0, 0, 6))
			var file, link, html bool
			for _, h := range hw {
				for _, a := range h.Attachments {
					file, link = file || a.Kind == 1, link || a.Kind == 0
				}
				html = html || strings.Contains(h.HTML, "&")
			}
			if !file || !link || !html {
				t.Errorf("homework week 12: file %v link %v entities %v", file, link, html)
			}
		})
	}
	if reflect.DeepEqual(d.Lessons(StudentLea, testNow, testNow), d.Lessons(StudentHugo, testNow, testNow)) {
		t.Error("both children have the same timetable")
	}
	if !reflect.DeepEqual(NewDemo(testNow.Add(5*time.Hour)), d) {
		t.Error("the demo depends on more than the date")
	}
}
