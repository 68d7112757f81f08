package pronotetest

import (
	"fmt"
	"sort"
	"time"
)

// Slot layout of the demo school: 30-minute places from 08h00, 20 per day (to 18h00).
const (
	PlacesParJour  = 20 // places (slots) per day
	PlacesParHeure = 2  // places per hour
	firstHour      = 8  // the first place starts at 08h00
)

// Subject is a taught subject with its teacher, room and colour for one class.
type Subject struct {
	ID      string
	Name    string
	Teacher string
	Room    string
	Color   string
}

// Lesson is one timetable entry.
type Lesson struct {
	ID        string
	Start     time.Time // DateDuCours
	End       time.Time // DateDuCoursFin (always set here; see NoEnd)
	Place     int       // weekday index (Monday 0) × PlacesParJour + slot of the day
	Duration  int       // in places
	Subject   Subject
	Group     string // group label, "" for the whole class
	Cancelled bool   // estAnnule
	Status    string // Statut: "Prof. absent", "Cours annulé", "Cours déplacé", "Changement de salle"
	Memo      string
	NoEnd     bool // DateDuCoursFin is left out (every Tuesday): clients use ListeHeuresFin
}

// slotPlan is one lesson of a weekly template.
type slotPlan struct {
	day, slot, dur int
	subject        string
	group          string
}

type classPlan struct {
	subjects []Subject
	week     []slotPlan
}

var subjects3B = []Subject{
	{"mat-maths", "Mathématiques", "M. DUPONT", "S12", "#4A90D9"},
	{"mat-francais", "Français", "Mme LEROY", "S08", "#E67E22"},
	{"mat-hg", "Histoire-Géographie", "M. BERNARD", "S15", "#8E44AD"},
	{"mat-anglais", "Anglais LV1", "Mme SMITH", "S21", "#27AE60"},
	{"mat-espagnol", "Espagnol LV2", "M. GARCIA", "S22", "#C0392B"},
	{"mat-svt", "SVT", "Mme MOREAU", "LAB1", "#16A085"},
	{"mat-pc", "Physique-Chimie", "M. PETIT", "LAB2", "#2C3E50"},
	{"mat-eps", "EPS", "M. ROUX", "GYMNASE", "#F1C40F"},
	{"mat-techno", "Technologie", "Mme FAURE", "TECH1", "#7F8C8D"},
	{"mat-arts", "Arts plastiques", "Mme BLANC", "ARTS", "#D35400"},
}

var subjects6A = []Subject{
	{"mat-maths", "Mathématiques", "Mme GIRARD", "S05", "#4A90D9"},
	{"mat-francais", "Français", "M. LAMBERT", "S03", "#E67E22"},
	{"mat-hg", "Histoire-Géographie", "M. BERNARD", "S15", "#8E44AD"},
	{"mat-anglais", "Anglais LV1", "Mme EVANS", "S20", "#27AE60"},
	{"mat-svt", "SVT", "Mme MOREAU", "LAB1", "#16A085"},
	{"mat-eps", "EPS", "Mme ROUSSEL", "GYMNASE", "#F1C40F"},
	{"mat-techno", "Technologie", "Mme FAURE", "TECH1", "#7F8C8D"},
	{"mat-musique", "Éducation musicale", "M. FONTAINE", "MUS1", "#9B59B6"},
}

// Weekly templates: day (Monday 0), first place (0 = 08h00, 10 = 13h00), length in places.
var plans = map[string]classPlan{
	StudentLea.Class: {subjects3B, []slotPlan{
		{0, 0, 2, "mat-maths", ""}, {0, 2, 2, "mat-francais", ""}, {0, 4, 2, "mat-hg", ""},
		{0, 6, 2, "mat-anglais", "3B groupe 1"}, {0, 10, 2, "mat-svt", ""}, {0, 12, 2, "mat-pc", ""},
		{0, 14, 4, "mat-eps", ""},
		{1, 0, 2, "mat-francais", ""}, {1, 2, 2, "mat-espagnol", "3B-3C Espagnol"}, {1, 4, 2, "mat-maths", ""},
		{1, 6, 2, "mat-techno", ""}, {1, 10, 2, "mat-hg", ""}, {1, 12, 2, "mat-anglais", "3B groupe 1"},
		{1, 14, 2, "mat-arts", ""},
		{2, 0, 2, "mat-maths", ""}, {2, 2, 2, "mat-svt", ""}, {2, 4, 2, "mat-francais", ""},
		{2, 6, 2, "mat-anglais", "3B groupe 1"},
		{3, 0, 4, "mat-eps", ""}, {3, 4, 2, "mat-pc", ""}, {3, 6, 2, "mat-espagnol", "3B-3C Espagnol"},
		{3, 10, 2, "mat-maths", ""}, {3, 12, 2, "mat-francais", ""}, {3, 14, 2, "mat-hg", ""},
		{4, 0, 2, "mat-anglais", "3B groupe 1"}, {4, 2, 2, "mat-maths", ""}, {4, 4, 2, "mat-techno", ""},
		{4, 6, 2, "mat-francais", ""}, {4, 10, 2, "mat-svt", ""}, {4, 12, 2, "mat-espagnol", "3B-3C Espagnol"},
	}},
	StudentHugo.Class: {subjects6A, []slotPlan{
		{0, 2, 2, "mat-francais", ""}, {0, 4, 2, "mat-maths", ""}, {0, 6, 2, "mat-anglais", ""},
		{0, 10, 2, "mat-hg", ""}, {0, 12, 2, "mat-musique", ""},
		{1, 0, 4, "mat-eps", ""}, {1, 4, 2, "mat-francais", ""}, {1, 6, 2, "mat-maths", ""},
		{1, 10, 2, "mat-svt", "6A demi-groupe"}, {1, 12, 2, "mat-techno", ""},
		{2, 0, 2, "mat-maths", ""}, {2, 2, 2, "mat-anglais", ""}, {2, 4, 2, "mat-francais", ""},
		{3, 0, 2, "mat-hg", ""}, {3, 2, 2, "mat-maths", ""}, {3, 4, 2, "mat-francais", ""},
		{3, 10, 2, "mat-anglais", ""}, {3, 12, 4, "mat-eps", ""},
		{4, 0, 2, "mat-francais", ""}, {4, 2, 2, "mat-svt", "6A demi-groupe"}, {4, 4, 2, "mat-maths", ""},
		{4, 6, 2, "mat-hg", ""}, {4, 10, 2, "mat-techno", ""},
	}},
}

// movedSlot is where a moved lesson goes: Friday 16h00.
const movedDay, movedSlot = 4, 16

// Subjects lists the subjects of a student's class.
func (d *Demo) Subjects(st Student) []Subject { return plans[st.Class].subjects }

func (d *Demo) subject(st Student, id string) Subject {
	for _, s := range plans[st.Class].subjects {
		if s.ID == id {
			return s
		}
	}
	return Subject{ID: id, Name: id}
}

// Lessons returns a student's lessons from one date to another (both inclusive), sorted.
func (d *Demo) Lessons(st Student, from, to time.Time) []Lesson {
	from, to = dateOf(from), dateOf(to)
	var out []Lesson
	for m := mondayOf(from); !m.After(to); m = m.AddDate(0, 0, 7) {
		for _, l := range d.weekLessons(st, m) {
			day := dateOf(l.Start)
			if !day.Before(from) && !day.After(to) {
				out = append(out, l)
			}
		}
	}
	return out
}

// weekLessons builds the week starting on Monday m: the template on school days, then this
// week's changes (one cancelled lesson, one room change, one moved lesson).
func (d *Demo) weekLessons(st Student, m time.Time) []Lesson {
	var ls []Lesson
	for _, p := range plans[st.Class].week {
		day := m.AddDate(0, 0, p.day)
		if !d.IsSchoolDay(day) {
			continue
		}
		ls = append(ls, d.lesson(st, day, p))
	}
	if len(ls) < 3 {
		return ls
	}
	w := d.Week(m)
	key := fmt.Sprint(st.Class, w)
	c := int(mix(key, "annule") % uint32(len(ls)))
	r := (c + 1 + int(mix(key, "salle")%uint32(len(ls)-1))) % len(ls)
	mv := (r + 1) % len(ls)
	if mv == c {
		mv = (mv + 1) % len(ls)
	}
	ls[c].Cancelled, ls[c].Status = true, []string{"Prof. absent", "Cours annulé"}[w%2]
	ls[r].Status, ls[r].Memo = "Changement de salle", "Salle changée cette semaine : S30."
	ls[r].Subject.Room = "S30"
	if friday := m.AddDate(0, 0, movedDay); d.IsSchoolDay(friday) {
		orig := ls[mv]
		ls[mv].Cancelled, ls[mv].Status = true, "Cours déplacé"
		moved := d.lesson(st, friday, slotPlan{movedDay, movedSlot, min(orig.Duration, PlacesParJour-movedSlot), orig.Subject.ID, orig.Group})
		moved.ID += ":deplace"
		moved.Status = "Cours déplacé"
		moved.Memo = "Cours déplacé du " + orig.Start.Format("02/01") + "."
		ls = append(ls, moved)
	}
	for i := range ls {
		if ls[i].Subject.ID == "mat-maths" && ls[i].Memo == "" && !ls[i].Cancelled {
			ls[i].Memo = "Apporter la calculatrice."
			break
		}
	}
	sort.SliceStable(ls, func(i, j int) bool { return ls[i].Start.Before(ls[j].Start) })
	return ls
}

func (d *Demo) lesson(st Student, day time.Time, p slotPlan) Lesson {
	start := day.Add(slotStart(p.slot))
	return Lesson{
		ID:       fmt.Sprintf("cours:%s:%s:%d", st.Class, day.Format("2006-01-02"), p.slot),
		Start:    start,
		End:      day.Add(slotStart(p.slot + p.dur)),
		Place:    p.day*PlacesParJour + p.slot,
		Duration: p.dur,
		Subject:  d.subject(st, p.subject),
		Group:    p.group,
		NoEnd:    day.Weekday() == time.Tuesday,
	}
}

// slotStart is the time of day place slot starts at.
func slotStart(slot int) time.Duration {
	return time.Duration(firstHour)*time.Hour + time.Duration(slot)*time.Hour/PlacesParHeure
}

// hourLabel writes a time of day as PRONOTE's "08h30".
func hourLabel(d time.Duration) string {
	return fmt.Sprintf("%02dh%02d", int(d.Hours()), int(d.Minutes())%60)
}
