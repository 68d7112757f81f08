package pronotetest

import (
	"fmt"
	"hash/fnv"
	"time"
)

// Demo is the demo school's data laid out around one date, its anchor. Every value it returns
// is a pure function of the anchor's calendar date (and of the arguments), so tests that pass
// a fixed Options.Now can compute the expected answers with the same Demo.
//
// The school year starts on the first Monday of September of the school year containing the
// anchor (a school year runs from August to July) and ends on the first Friday of July. It has
// three trimesters (to 30 November, to the end of February, to the end of the year), school
// holidays (Toussaint, Noël, Hiver, Printemps) and public holidays, on which there are no
// lessons.
//
// With Now = 2026-11-23 (a Monday; values checked by TestDemoValues): PremierLundi is
// 2026-09-07, that week is week 12, Trimestre 1 runs 2026-09-07..2026-11-30 and is the current
// period. The student Léa MARTIN (3ème B) has 7 lessons that Monday, the first Mathématiques
// 08h00–09h00 with M. DUPONT in S12 (memo "Apporter la calculatrice."), then Français 09h00
// cancelled ("Prof. absent"); on Friday 27 Mathématiques has "Changement de salle" (S30) and
// Technologie 10h00 is moved ("Cours déplacé") to 16h00. She has 30 marks in Trimestre 1 with
// an overall average of 13,01 (class 12,74).
type Demo struct {
	Now         time.Time // the anchor's calendar date, midnight UTC (naive school time)
	School      string    // NomEtablissement
	SchoolYear  string    // AnneeScolaire, e.g. "2026-2027"
	FirstMonday time.Time // PremierLundi: the origin of week numbers
	FirstDate   time.Time // PremiereDate
	LastDate    time.Time // DerniereDate
	Periods     []Period  // three trimesters then the year
	Holidays    []Holiday // school and public holidays
}

// Period is a grading period of the demo school.
type Period struct {
	ID    string    // stable id; the wire N is derived per session
	Name  string    // "Trimestre 1" … "Année"
	Kind  int       // G of General.ListePeriodes: 1 trimester, 3 year
	Start time.Time // first day
	End   time.Time // last day
}

// Holiday is a school holiday or a public holiday (both ends inclusive).
type Holiday struct {
	ID    string
	Name  string
	Start time.Time
	End   time.Time
}

// Student is a pupil of the demo school.
type Student struct {
	ID    string // stable id
	Name  string // "MARTIN Léa"
	Class string // "3ème B"
}

// The demo school's pupils: Léa is the student account and the parent's first child, Hugo the
// parent's second child (another class, another timetable, other grades).
var (
	StudentLea  = Student{ID: "eleve-lea", Name: "MARTIN Léa", Class: "3ème B"}
	StudentHugo = Student{ID: "eleve-hugo", Name: "MARTIN Hugo", Class: "6ème A"}
)

// SchoolName is the demo school's name (NomEtablissement).
const SchoolName = "Collège Jean Moulin (démonstration)"

// NewDemo lays the demo school out around now's calendar date.
func NewDemo(now time.Time) *Demo {
	today := dateOf(now)
	y := today.Year()
	if today.Month() < time.August {
		y--
	}
	first := firstWeekday(time.Date(y, time.September, 1, 0, 0, 0, 0, time.UTC), time.Monday)
	last := firstWeekday(time.Date(y+1, time.July, 1, 0, 0, 0, 0, time.UTC), time.Friday)
	d := &Demo{
		Now:         today,
		School:      SchoolName,
		SchoolYear:  fmt.Sprintf("%d-%d", y, y+1),
		FirstMonday: first,
		FirstDate:   first,
		LastDate:    last,
	}
	marchFirst := time.Date(y+1, time.March, 1, 0, 0, 0, 0, time.UTC)
	d.Periods = []Period{
		{ID: "periode-t1", Name: "Trimestre 1", Kind: 1, Start: first, End: time.Date(y, time.November, 30, 0, 0, 0, 0, time.UTC)},
		{ID: "periode-t2", Name: "Trimestre 2", Kind: 1, Start: time.Date(y, time.December, 1, 0, 0, 0, 0, time.UTC), End: marchFirst.AddDate(0, 0, -1)},
		{ID: "periode-t3", Name: "Trimestre 3", Kind: 1, Start: marchFirst, End: last},
		{ID: "periode-annee", Name: "Année", Kind: 3, Start: first, End: last},
	}
	d.Holidays = holidays(y)
	return d
}

// holidays lists the school holidays (two weeks each, Monday to Sunday) and the public
// holidays of the school year starting in September of year y.
func holidays(y int) []Holiday {
	twoWeeks := func(id, name string, around time.Time) Holiday {
		start := mondayOf(around)
		return Holiday{ID: id, Name: name, Start: start, End: start.AddDate(0, 0, 13)}
	}
	day := func(id, name string, t time.Time) Holiday { return Holiday{ID: id, Name: name, Start: t, End: t} }
	date := func(year int, m time.Month, d int) time.Time { return time.Date(year, m, d, 0, 0, 0, 0, time.UTC) }
	easter := easterSunday(y + 1)
	return []Holiday{
		twoWeeks("vac-toussaint", "Vacances de la Toussaint", date(y, time.October, 25)),
		day("ferie-armistice", "Armistice 1918", date(y, time.November, 11)),
		twoWeeks("vac-noel", "Vacances de Noël", date(y, time.December, 25)),
		twoWeeks("vac-hiver", "Vacances d'hiver", date(y+1, time.February, 15)),
		day("ferie-paques", "Lundi de Pâques", easter.AddDate(0, 0, 1)),
		twoWeeks("vac-printemps", "Vacances de printemps", date(y+1, time.April, 20)),
		day("ferie-travail", "Fête du Travail", date(y+1, time.May, 1)),
		day("ferie-victoire", "Victoire 1945", date(y+1, time.May, 8)),
		day("ferie-ascension", "Ascension", easter.AddDate(0, 0, 39)),
		day("ferie-pentecote", "Lundi de Pentecôte", easter.AddDate(0, 0, 50)),
	}
}

// IsSchoolDay reports whether t's date has lessons: a weekday within the year, not a holiday.
func (d *Demo) IsSchoolDay(t time.Time) bool {
	t = dateOf(t)
	if t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
		return false
	}
	if t.Before(d.FirstDate) || t.After(d.LastDate) {
		return false
	}
	for _, h := range d.Holidays {
		if !t.Before(h.Start) && !t.After(h.End) {
			return false
		}
	}
	return true
}

// NextSchoolDay is the first school day on or after t (JourOuvre), or LastDate past the year.
func (d *Demo) NextSchoolDay(t time.Time) time.Time {
	t = dateOf(t)
	if t.Before(d.FirstDate) {
		t = d.FirstDate
	}
	for ; !t.After(d.LastDate); t = t.AddDate(0, 0, 1) {
		if d.IsSchoolDay(t) {
			return t
		}
	}
	return d.LastDate
}

// Week is the week number of t counted from FirstMonday (at least 1).
func (d *Demo) Week(t time.Time) int {
	days := int(dateOf(t).Sub(d.FirstMonday).Hours()) / 24
	if days < 0 {
		return 1
	}
	return 1 + days/7
}

// MondayOfWeek is the Monday of week w.
func (d *Demo) MondayOfWeek(w int) time.Time { return d.FirstMonday.AddDate(0, 0, 7*(w-1)) }

// CurrentPeriod is the trimester containing the anchor (the first or last one outside).
func (d *Demo) CurrentPeriod() Period {
	for _, p := range d.Periods[:3] {
		if !d.Now.After(p.End) {
			return p
		}
	}
	return d.Periods[2]
}

// PeriodByID finds a period by its stable id.
func (d *Demo) PeriodByID(id string) (Period, bool) {
	for _, p := range d.Periods {
		if p.ID == id {
			return p, true
		}
	}
	return Period{}, false
}

// dateOf keeps t's calendar date as seen in t's own location, at midnight UTC.
func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func firstWeekday(t time.Time, wd time.Weekday) time.Time {
	for t.Weekday() != wd {
		t = t.AddDate(0, 0, 1)
	}
	return t
}

func mondayOf(t time.Time) time.Time {
	t = dateOf(t)
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}

// easterSunday is the Gregorian Easter date (anonymous Gregorian algorithm).
func easterSunday(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// mix is a deterministic hash of its parts, the dataset's only source of variety.
func mix(parts ...string) uint32 {
	h := fnv.New32a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum32()
}
