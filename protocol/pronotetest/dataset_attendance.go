package pronotetest

import (
	"fmt"
	"time"
)

// Absence is a missed stretch of school (PagePresence, G 13).
type Absence struct {
	ID                 string
	From, To           time.Time
	Justified          bool
	Reasons            []string // empty with ReasonUnknown
	Hours              string   // NbrHeures, "XhYY": the lessons missed
	Days               int      // NbrJours: whole days missed
	ParentsMustJustify bool
	Settled            bool // reglee
	ReasonUnknown      bool // estMotifNonEncoreConnu
}

// Delay is a late arrival (G 14).
type Delay struct {
	ID            string
	Date          time.Time
	Minutes       int
	Justified     bool
	Justification string
	Reasons       []string
}

// Punishment is a sanction (G 41) or, with Measure, a precautionary measure (G 71/72) whose
// span is From..To.
type Punishment struct {
	ID            string
	Given         time.Time // dateDemande
	Nature        string
	Reasons       []string
	GivenBy       string
	Exclusion     bool
	Homework      string // travailAFaire
	Circumstances string
	Minutes       int         // duree
	Schedule      []time.Time // programmation: each slot lasts Minutes
	Measure       bool
	From, To      time.Time // a measure's span
}

// Observation is a teacher's remark in the register (G 46).
type Observation struct {
	ID      string
	Date    time.Time
	Label   string // L, the rubric's name
	Genre   int    // genreObservation: 0 logbook issue, 1 observation, 2 encouragement, 3 other
	Subject Subject
	Comment string
}

// AttendanceRecord is what PagePresence lists for a span of days.
type AttendanceRecord struct {
	Absences     []Absence
	Delays       []Delay
	Punishments  []Punishment
	Observations []Observation
}

// Attendance returns a student's school-life record touching the days from..to (both
// inclusive). Every event sits on a school day counted from the anchor, at that day's lessons.
// Léa: a justified two-day illness (school days −22 and −21, settled), an unjustified
// afternoon (−4) her parents must justify, a justified and an unjustified delay (−15, −2), a
// detention (retenue) given on day −3 and scheduled two school days after the anchor at
// 17h00 for an hour, a forgotten calculator (−10) and an encouragement (−6). Hugo: a justified
// medical appointment (−8), an unjustified delay (−5), an extra homework (−7), a
// precautionary exclusion from −11 to −10, given on −12, and homework not done (−3). Days
// before the year's first are its first; before the year begins there is nothing.
func (d *Demo) Attendance(st Student, from, to time.Time) AttendanceRecord {
	all := d.attendance(st)
	from, to = dateOf(from), dateOf(to)
	in := func(a, b time.Time) bool { return !dateOf(a).After(to) && !dateOf(b).Before(from) }
	var out AttendanceRecord
	for _, x := range all.Absences {
		if in(x.From, x.To) {
			out.Absences = append(out.Absences, x)
		}
	}
	for _, x := range all.Delays {
		if in(x.Date, x.Date) {
			out.Delays = append(out.Delays, x)
		}
	}
	for _, x := range all.Punishments {
		if in(x.Given, x.Given) {
			out.Punishments = append(out.Punishments, x)
		}
	}
	for _, x := range all.Observations {
		if in(x.Date, x.Date) {
			out.Observations = append(out.Observations, x)
		}
	}
	return out
}

func (d *Demo) attendance(st Student) AttendanceRecord {
	if d.Now.Before(d.FirstDate) {
		return AttendanceRecord{} // the year has not begun
	}
	id := func(kind string, n int) string { return fmt.Sprintf("%s:%s:%d", kind, st.ID, n) }
	subj := func(sid string) Subject { return d.subject(st, sid) }
	if st.ID == StudentHugo.ID {
		return AttendanceRecord{
			Absences: []Absence{d.absence(st, id("absence", 1), -8, -8, false, true, "Rendez-vous médical")},
			Delays:   []Delay{{ID: id("retard", 1), Date: d.lessonTime(st, -5, false), Minutes: 15}},
			Punishments: []Punishment{
				{ID: id("punition", 1), Given: d.lessonTime(st, -7, true), Nature: "Devoir supplémentaire",
					Reasons: []string{"Bavardages répétés"}, GivenBy: subj("mat-francais").Teacher,
					Homework: "Recopier le règlement intérieur.", Circumstances: "Bavardages malgré plusieurs avertissements."},
				{ID: id("mesure", 1), Given: d.lessonTime(st, -12, false), Nature: "Mesure conservatoire", Measure: true,
					From: d.lessonTime(st, -11, false), To: d.schoolDay(-10).Add(18 * time.Hour), Exclusion: true,
					Reasons: []string{"Mise en danger d'autrui"}, GivenBy: "M. LEFEBVRE",
					Circumstances: "Bousculade dans l'escalier, un élève blessé."},
			},
			Observations: []Observation{{ID: id("observation", 1), Date: d.schoolDay(-3), Label: "Travail non fait",
				Genre: 0, Subject: subj("mat-maths"), Comment: "Exercice 4 non fait."}},
		}
	}
	maths := subj("mat-maths")
	return AttendanceRecord{
		Absences: []Absence{
			d.absence(st, id("absence", 1), -22, -21, false, true, "Maladie"),
			d.absence(st, id("absence", 2), -4, -4, true, false),
		},
		Delays: []Delay{
			{ID: id("retard", 1), Date: d.lessonTime(st, -15, false), Minutes: 10, Justified: true,
				Justification: "Retard du bus scolaire", Reasons: []string{"Transport"}},
			{ID: id("retard", 2), Date: d.lessonTime(st, -2, false), Minutes: 5},
		},
		Punishments: []Punishment{{ID: id("punition", 1), Given: d.lessonTime(st, -3, true), Nature: "Retenue",
			Reasons: []string{"Travail non fait"}, GivenBy: maths.Teacher, Homework: "Exercices 1 à 5 page 90.",
			Circumstances: "Devoir non rendu trois fois de suite.", Minutes: 60,
			Schedule: []time.Time{d.schoolDay(2).Add(17 * time.Hour)}}},
		Observations: []Observation{
			{ID: id("observation", 1), Date: d.schoolDay(-10), Label: "Oubli de matériel", Genre: 0, Subject: maths,
				Comment: "Calculatrice oubliée."},
			{ID: id("observation", 2), Date: d.schoolDay(-6), Label: "Encouragements", Genre: 2,
				Subject: subj("mat-francais"), Comment: "Très bonne participation à l'oral."},
		},
	}
}

// absence spans school days a..b (counted from the anchor): the whole days, or with afternoon
// only the lessons from 13h00 of a single day. With no reasons the reason is not known yet.
func (d *Demo) absence(st Student, id string, a, b int, afternoon, justified bool, reasons ...string) Absence {
	var lessons []Lesson
	for _, l := range d.Lessons(st, d.schoolDay(a), d.schoolDay(b)) {
		if !l.Cancelled && (!afternoon || l.Start.Hour() >= 13) {
			lessons = append(lessons, l)
		}
	}
	x := Absence{ID: id, Justified: justified, Reasons: reasons, Settled: justified, ReasonUnknown: len(reasons) == 0,
		ParentsMustJustify: !justified, From: d.schoolDay(a).Add(8 * time.Hour), To: d.schoolDay(b).Add(18 * time.Hour)}
	var missed time.Duration
	for _, l := range lessons {
		missed += l.End.Sub(l.Start)
	}
	if len(lessons) > 0 {
		x.From, x.To = lessons[0].Start, lessons[len(lessons)-1].End
	}
	x.Hours = fmt.Sprintf("%dh%02d", int(missed.Hours()), int(missed.Minutes())%60)
	if !afternoon {
		x.Days = len(d.schoolDaysIn(d.schoolDay(a), d.schoolDay(b)))
	}
	return x
}

// lessonTime is the start of the first lesson (or, with later, the second) on school day n
// counted from the anchor; 08h00 on a day without lessons.
func (d *Demo) lessonTime(st Student, n int, later bool) time.Time {
	day := d.schoolDay(n)
	var starts []time.Time
	for _, l := range d.Lessons(st, day, day) {
		if !l.Cancelled {
			starts = append(starts, l.Start)
		}
	}
	switch {
	case later && len(starts) > 1:
		return starts[1]
	case len(starts) > 0:
		return starts[0]
	}
	return day.Add(8 * time.Hour)
}

// schoolDay is the n-th school day after the anchor (before it for n < 0; from the year's
// end when the anchor is past it), or the anchor's next school day for 0. It stops at the
// year's first and last school days.
func (d *Demo) schoolDay(n int) time.Time {
	t := d.NextSchoolDay(d.Now)
	for ; n > 0; n-- {
		next := d.NextSchoolDay(t.AddDate(0, 0, 1))
		if !next.After(t) {
			break
		}
		t = next
	}
	if n < 0 {
		t = d.Now
		if t.After(d.LastDate) {
			t = d.LastDate.AddDate(0, 0, 1)
		}
	}
	for ; n < 0; n++ {
		next := t.AddDate(0, 0, -1)
		for !d.IsSchoolDay(next) && !next.Before(d.FirstDate) {
			next = next.AddDate(0, 0, -1)
		}
		if next.Before(d.FirstDate) {
			break
		}
		t = next
	}
	return t
}

func (d *Demo) schoolDaysIn(from, to time.Time) []time.Time {
	var out []time.Time
	for t := dateOf(from); !t.After(to); t = t.AddDate(0, 0, 1) {
		if d.IsSchoolDay(t) {
			out = append(out, t)
		}
	}
	return out
}
