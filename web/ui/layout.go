package ui

import (
	"sort"
	"time"

	"github.com/pronote-web/pronote/protocol"
)

// weekGrid is the timetable of one week laid out for display: days as columns, lessons placed
// by time, overlapping lessons side by side.
type weekGrid struct {
	Monday   time.Time
	Days     []dayColumn
	FromHour int // first hour shown
	ToHour   int // hour the grid ends at
}

// dayColumn is one day of the grid.
type dayColumn struct {
	Date    time.Time
	Lessons []placedLesson
}

// placedLesson is a lesson with its box: Top and Height in percent of the day's height, Lane
// of Lanes side-by-side columns.
type placedLesson struct {
	protocol.Lesson
	From, To    time.Time
	Top, Height float64
	Lane, Lanes int
	Move        move // how the lesson was moved, if it was (movedPairs)
}

// layoutWeek places the lessons of the week starting on monday. Monday to Friday are always
// shown, Saturday and Sunday only when they have lessons. The hours span 8h–17h at least.
func layoutWeek(monday time.Time, lessons []protocol.Lesson) weekGrid {
	g := weekGrid{Monday: monday, FromHour: 8, ToHour: 17}
	byDay := map[int][]placedLesson{}
	moves := movedPairs(lessons)
	for i, l := range lessons {
		from, ok1 := parseDateTime(l.Start)
		to, ok2 := parseDateTime(l.End)
		day := int(dateOf(from).Sub(monday).Hours() / 24)
		if !ok1 || day < 0 || day > 6 {
			continue
		}
		if !ok2 || !to.After(from) {
			to = from.Add(time.Hour)
		}
		g.FromHour = min(g.FromHour, from.Hour())
		g.ToHour = max(g.ToHour, (minutes(to)+59)/60)
		byDay[day] = append(byDay[day], placedLesson{Lesson: l, From: from, To: to, Move: moves[i]})
	}
	span := float64((g.ToHour - g.FromHour) * 60)
	for d := 0; d < 7; d++ {
		if d >= 5 && len(byDay[d]) == 0 {
			continue
		}
		col := dayColumn{Date: monday.AddDate(0, 0, d), Lessons: byDay[d]}
		for i := range col.Lessons {
			p := &col.Lessons[i]
			p.Top = float64(minutes(p.From)-g.FromHour*60) / span * 100
			p.Height = float64(p.To.Sub(p.From).Minutes()) / span * 100
			p.Height = min(p.Height, 100-p.Top)
		}
		assignLanes(col.Lessons)
		g.Days = append(g.Days, col)
	}
	return g
}

// assignLanes sorts a day's lessons and gives overlapping ones separate lanes: each cluster of
// transitively overlapping lessons shares one lane count.
func assignLanes(ls []placedLesson) {
	sort.SliceStable(ls, func(i, j int) bool {
		if !ls[i].From.Equal(ls[j].From) {
			return ls[i].From.Before(ls[j].From)
		}
		return !ls[i].Cancelled && ls[j].Cancelled // the lesson that takes place first
	})
	start := 0
	var clusterEnd time.Time
	var laneEnds []time.Time
	flush := func(end int) {
		for k := start; k < end; k++ {
			ls[k].Lanes = len(laneEnds)
		}
	}
	for i := range ls {
		if i > start && !ls[i].From.Before(clusterEnd) {
			flush(i)
			start, laneEnds = i, nil
		}
		lane := len(laneEnds)
		for k, end := range laneEnds {
			if !ls[i].From.Before(end) {
				lane = k
				break
			}
		}
		if lane == len(laneEnds) {
			laneEnds = append(laneEnds, ls[i].To)
		} else {
			laneEnds[lane] = ls[i].To
		}
		ls[i].Lane = lane
		if i == start || ls[i].To.After(clusterEnd) {
			clusterEnd = ls[i].To
		}
	}
	flush(len(ls))
}

// colorOf returns a "#RRGGBB" colour as sent by PRONOTE, or "" for anything else (the value
// goes into a style property).
func colorOf(c string) string {
	if len(c) != 7 || c[0] != '#' {
		return ""
	}
	for _, r := range c[1:] {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F') {
			return ""
		}
	}
	return c
}
