package pronotetest

import (
	"testing"
)

// TestDemoSchoolLifeAllYear: whatever the anchor (every day of a school year and the summer
// around it), there are attendance events once the year has begun, on its school days (an
// absence or a measure ends after it starts, a punishment is carried out after it is given),
// the canteen serves only school days, evaluations are dated on or before the anchor, and a report card is
// published only once its council has met.
func TestDemoSchoolLifeAllYear(t *testing.T) {
	for now := day(2026, 8, 20); now.Before(day(2027, 7, 20)); now = now.AddDate(0, 0, 1) {
		d := NewDemo(now)
		for _, st := range []Student{StudentLea, StudentHugo} {
			rec := d.Attendance(st, d.FirstDate, d.LastDate)
			if n := len(rec.Absences) + len(rec.Delays) + len(rec.Punishments) + len(rec.Observations); (n == 0) != now.Before(d.FirstDate) {
				t.Fatalf("%s %s: %d attendance events", now.Format("2006-01-02"), st.ID, n)
			}
			for _, a := range rec.Absences {
				if !d.IsSchoolDay(a.From) || !d.IsSchoolDay(a.To) || a.To.Before(a.From) {
					t.Fatalf("%s %s: absence %v..%v", now.Format("2006-01-02"), st.ID, a.From, a.To)
				}
			}
			for _, p := range rec.Punishments {
				for _, slot := range p.Schedule {
					if !d.IsSchoolDay(slot) || slot.Before(p.Given) {
						t.Fatalf("%s %s: punishment given %v scheduled %v", now.Format("2006-01-02"), st.ID, p.Given, slot)
					}
				}
				if p.Measure && (p.From.Before(p.Given) || !p.To.After(p.From) || !d.IsSchoolDay(p.From)) {
					t.Fatalf("%s %s: measure %+v", now.Format("2006-01-02"), st.ID, p)
				}
			}
			for _, e := range d.Evaluations(st, "periode-annee") {
				if e.Date.After(d.Now) || len(e.Skills) == 0 {
					t.Fatalf("%s %s: evaluation %+v", now.Format("2006-01-02"), st.ID, e)
				}
			}
			for _, p := range d.Periods[:3] {
				if rc := d.ReportCard(st, p.ID); rc.Published == rc.Council.After(d.Now) || rc.Published != (len(rc.Subjects) > 0) {
					t.Fatalf("%s %s %s: report card %+v", now.Format("2006-01-02"), st.ID, p.ID, rc)
				}
			}
		}
		for _, m := range d.Menus(d.FirstDate, d.LastDate) {
			if !d.IsSchoolDay(m.Date) || len(m.Meals) == 0 {
				t.Fatalf("%s: menu on %v", now.Format("2006-01-02"), m.Date)
			}
		}
	}
}
