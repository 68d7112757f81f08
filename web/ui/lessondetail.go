package ui

import (
	"strings"
	"time"

	"github.com/pronote-web/pronote/protocol"
)

// How a lesson takes part in a move. PRONOTE marks both ends of a moved lesson with the status
// "Cours déplacé" (protocol.md §8.3, Lesson: Statut): the slot it left is also cancelled
// (estAnnule), the slot it went to is not. Nothing on the wire links the two, so the week's
// lessons are paired by subject (see movedPairs).
const (
	notMoved  = iota
	movedAway // the lesson no longer takes place in this slot
	movedHere // the lesson takes place in this slot instead of another one
)

// move says how a lesson was moved and, when the other end is known, where to or from.
type move struct {
	Kind  int
	Other *protocol.Lesson // the other slot, nil when unknown
}

// isMoved reports whether PRONOTE's status text says the lesson was moved ("Cours déplacé",
// "Déplacé", in any case).
func isMoved(l protocol.Lesson) bool {
	return strings.Contains(strings.ToLower(l.Status), "déplacé")
}

// movedPairs finds the moved lessons of a list (one week) and pairs each slot a lesson left
// with the slot it went to. Two slots are paired when they are the only moved-away and the
// only moved-here lessons of their subject (and groups) in the list; anything else would be a
// guess, so such slots say only "moved elsewhere" / "moved here". The result is indexed like
// lessons.
func movedPairs(lessons []protocol.Lesson) []move {
	out := make([]move, len(lessons))
	away, here := map[string][]int{}, map[string][]int{}
	for i, l := range lessons {
		if !isMoved(l) {
			continue
		}
		key := l.Subject + "\x00" + strings.Join(l.Groups, "\x00")
		if l.Cancelled {
			out[i].Kind = movedAway
			away[key] = append(away[key], i)
		} else {
			out[i].Kind = movedHere
			here[key] = append(here[key], i)
		}
	}
	for key, from := range away {
		to := here[key]
		if len(from) == 1 && len(to) == 1 {
			out[from[0]].Other = &lessons[to[0]]
			out[to[0]].Other = &lessons[from[0]]
		}
	}
	return out
}

// moveBadge is the short label a moved lesson's box carries: "Déplacé au ven. 27 à 16h00" on
// the slot it left, "Déplacé du lun. 23 à 10h00" on the slot it went to.
func moveBadge(l Lang, m move) string {
	at, ok := m.when(l, dayShort)
	switch {
	case m.Kind == movedAway && ok:
		return fill(l.T("move.to"), at)
	case m.Kind == movedAway:
		return l.T("move.away")
	case m.Kind == movedHere && ok:
		return fill(l.T("move.from"), at)
	case m.Kind == movedHere:
		return l.T("move.here")
	}
	return ""
}

// moveSentence explains a move in the lesson's details, in full words.
func moveSentence(l Lang, m move) string {
	at, ok := m.when(l, dayLong)
	switch {
	case m.Kind == movedAway && ok:
		return fill(l.T("move.toLong"), at)
	case m.Kind == movedAway:
		return l.T("move.awayLong")
	case m.Kind == movedHere && ok:
		return fill(l.T("move.fromLong"), at)
	case m.Kind == movedHere:
		return l.T("move.hereLong")
	}
	return ""
}

// when is the other slot's day (written by day) and start time.
func (m move) when(l Lang, day func(Lang, time.Time) string) ([2]string, bool) {
	if m.Other == nil {
		return [2]string{}, false
	}
	t, ok := parseDateTime(m.Other.Start)
	if !ok {
		return [2]string{}, false
	}
	return [2]string{day(l, t), clock(l, t)}, true
}

// fill puts a day and a time into a text's {day} and {time}.
func fill(text string, at [2]string) string {
	return strings.ReplaceAll(strings.ReplaceAll(text, "{day}", at[0]), "{time}", at[1])
}

// lessonStatus is the badge of a lesson's box: the move, else PRONOTE's status text, else
// "Annulé" or "Dispensé" when only the flag is set.
func lessonStatus(l Lang, ls protocol.Lesson, m move) string {
	switch {
	case m.Kind != notMoved:
		return moveBadge(l, m)
	case ls.Status != "":
		return ls.Status
	case ls.Cancelled:
		return l.T("lesson.cancelled")
	case ls.Exempted:
		return l.T("lesson.exempted")
	}
	return ""
}

// contentOf finds a lesson's class book entry: the one naming the lesson (lessonId), else one
// of the same subject starting at the same time.
func contentOf(l protocol.Lesson, contents []protocol.LessonContent) *protocol.LessonContent {
	for i := range contents {
		if l.ID != "" && contents[i].LessonID == l.ID {
			return &contents[i]
		}
	}
	for i, c := range contents {
		if c.LessonID == "" && c.Subject == l.Subject && c.Start == l.Start {
			return &contents[i]
		}
	}
	return nil
}

// lessonHomework picks the homework of one lesson among hw: what was given in it and what is
// due for it. day holds the lessons of the lesson's day (the lesson among them).
//
// Given in it: with a class book entry that has homeworkDue (data-api.md: the homework given
// in this lesson is due then), the homework of the subject due that day (and, when PRONOTE
// says when it was given, given on the lesson's day); without one, the homework of the subject
// given on the lesson's day. Due for it: the homework of the subject due on the lesson's day.
// When a subject has several lessons that day, both go to the first one that takes place (the
// first one of all when every one is cancelled), so an item is never listed twice.
func lessonHomework(l protocol.Lesson, day []protocol.Lesson, c *protocol.LessonContent, hw []protocol.Homework) (given, due []protocol.Homework) {
	date := dateOfStart(l)
	first := firstOfSubject(l, day)
	for _, h := range hw {
		if h.Subject != l.Subject {
			continue
		}
		switch {
		case c != nil && c.HomeworkDue != "":
			if h.Due == c.HomeworkDue && (h.Given == "" || h.Given == date) {
				given = append(given, h)
				continue
			}
		case first && h.Given == date && h.Due != date:
			given = append(given, h)
			continue
		}
		if first && h.Due == date {
			due = append(due, h)
		}
	}
	return given, due
}

// firstOfSubject reports whether l is the lesson of its subject that homework of the day goes
// to: the first one that takes place, or the first one when all are cancelled.
func firstOfSubject(l protocol.Lesson, day []protocol.Lesson) bool {
	var pick *protocol.Lesson
	for i := range day {
		o := &day[i]
		if o.Subject != l.Subject || dateOfStart(*o) != dateOfStart(l) {
			continue
		}
		if pick == nil || pick.Cancelled && !o.Cancelled || pick.Cancelled == o.Cancelled && o.Start < pick.Start {
			pick = o
		}
	}
	return pick == nil || pick.ID == l.ID && pick.Start == l.Start
}

// dateOfStart is the "YYYY-MM-DD" day of a lesson.
func dateOfStart(l protocol.Lesson) string {
	if len(l.Start) < 10 {
		return ""
	}
	return l.Start[:10]
}
