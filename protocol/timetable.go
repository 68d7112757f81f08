package protocol

import (
	"context"
	"sort"
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// TimetableQuery selects a week by its PRONOTE number, or a date range (at most maxWeeks
// weeks). Dates are "YYYY-MM-DD", both ends included; To defaults to From.
type TimetableQuery struct {
	Week int  `json:"week,omitempty"`
	From Date `json:"from,omitempty"`
	To   Date `json:"to,omitempty"`
}

const maxWeeks = 8

// Timetable returns the lessons of a week or a date range, sorted by start (§8.1, §8.3): one
// PageEmploiDuTemps request per week.
func (s *Session) Timetable(ctx context.Context, q TimetableQuery) ([]Lesson, error) {
	return run(ctx, s, timetableCall, q)
}

var timetableCall = endpoint[TimetableQuery, []Lesson]{
	name: "PageEmploiDuTemps", onglet: wire.TabTimetable,
	requests: func(s *Session, who subject, q TimetableQuery) ([]any, error) {
		weeks, _, _, err := s.weeksOf(q)
		if err != nil {
			return nil, err
		}
		out := make([]any, len(weeks))
		for i, w := range weeks {
			out[i] = timetableData(who, w)
		}
		return out, nil
	},
	decode: func(s *Session, q TimetableQuery, replies []obj) ([]Lesson, error) {
		_, from, to, _ := s.weeksOf(q)
		lessons := []Lesson{}
		for _, r := range replies {
			for _, it := range r.list("ListeCours") {
				if l, ok := s.lessonFrom(it); ok && l.Start >= from && l.Start < to {
					lessons = append(lessons, l)
				}
			}
		}
		sort.SliceStable(lessons, func(i, j int) bool { return lessons[i].Start < lessons[j].Start })
		return lessons, nil
	},
}

// weeksOf turns a query into week numbers and the [from, to) bounds to filter on.
func (s *Session) weeksOf(q TimetableQuery) (weeks []int, from, to string, err error) {
	first := s.firstMonday()
	if q.Week == 0 && q.From == "" && q.To == "" {
		return nil, "", "", argError("query", "needs a week, or from and to")
	}
	if q.Week != 0 {
		if q.Week < 1 || q.Week > wire.MaxWeek || q.From != "" || q.To != "" {
			return nil, "", "", argError("week", "must be a week number from 1 to %d, without from/to", wire.MaxWeek)
		}
		return []int{q.Week}, "", "9999", nil
	}
	start, end, err := dayRange(q.From, q.To)
	if err != nil {
		return nil, "", "", err
	}
	w1, w2 := wire.WeekNumber(first, start), wire.WeekNumber(first, end)
	if w2-w1+1 > maxWeeks {
		return nil, "", "", argError("to", "the range spans more than %d weeks", maxWeeks)
	}
	for w := w1; w <= w2; w++ {
		weeks = append(weeks, w)
	}
	return weeks, fmtDate(start), fmtDate(end.AddDate(0, 0, 1)), nil
}

// dayRange parses from and to; to defaults to from.
func dayRange(fromS, toS string) (time.Time, time.Time, error) {
	if fromS == "" {
		return time.Time{}, time.Time{}, argError("from", "is required (or give a week)")
	}
	from, err := parseDay("from", fromS)
	if err != nil {
		return from, from, err
	}
	to := from
	if toS != "" {
		if to, err = parseDay("to", toS); err != nil {
			return from, to, err
		}
	}
	if to.Before(from) {
		return from, to, argError("to", "is before from")
	}
	return from, to, nil
}

// timetableData is the data of one week's PageEmploiDuTemps request (§8.1).
func timetableData(who subject, week int) map[string]any {
	return map[string]any{
		"ressource": who.res, "Ressource": who.res, "numeroSemaine": week, "NumeroSemaine": week,
		"avecAbsencesEleve": false, "avecConseilDeClasse": true, "estEDTPermanence": false,
		"avecAbsencesRessource": true, "avecDisponibilites": true, "avecInfosPrefsGrille": true,
	}
}

// lessonFrom decodes one ListeCours item; items without a start date are skipped.
func (s *Session) lessonFrom(it obj) (Lesson, bool) {
	start, ok := asTime(it.get("DateDuCours"), s.today)
	if !ok {
		return Lesson{}, false
	}
	l := Lesson{ID: it.str("N"), Start: fmtDateTime(start), Status: it.str("Statut"),
		Cancelled: it.flag("estAnnule"), Exempted: it.flag("dispenseEleve"),
		Color: it.str("CouleurFond"), Memo: it.str("memo"), Teachers: []string{}, Rooms: []string{}, Groups: []string{}}
	end, ok := asTime(it.get("DateDuCoursFin"), s.today)
	if !ok {
		end = s.lessonEnd(start, it.int("place"), it.int("duree"))
	}
	l.End = fmtDateTime(end)
	for _, c := range it.list("ListeContenus") {
		switch name := c.str("L"); c.int("G") {
		case 16:
			l.Subject = name
		case 3, 34:
			l.Teachers = append(l.Teachers, name)
		case 17:
			l.Rooms = append(l.Rooms, name)
		case 2:
			l.Groups = append(l.Groups, name)
		}
	}
	return l, true
}

// lessonEnd is the end of a lesson without DateDuCoursFin: the end of its last slot (§8.3),
// or one hour per slot when the school sent no slot table.
func (s *Session) lessonEnd(start time.Time, place, duration int) time.Time {
	p := s.acct.school
	if duration < 1 {
		duration = 1
	}
	if p.SlotsPerDay > 0 {
		if m, ok := p.SlotEnds[place%p.SlotsPerDay+duration-1]; ok {
			day := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
			if end := day.Add(time.Duration(m) * time.Minute); end.After(start) {
				return end
			}
		}
	}
	return start.Add(time.Duration(duration) * time.Hour)
}
