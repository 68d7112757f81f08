package ui

import (
	"context"
	"fmt"
	"strings"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
)

// timetableState is the timetable tab's data: the week shown and the weeks already loaded.
type timetableState struct {
	monday  time.Time
	day     int // the day a phone shows, index in the week's columns
	lessons map[string][]protocol.Lesson
	loading map[string]bool
	err     string
	detail  *lessonDetail // the lesson whose details are open, nil when none
}

func (a *app) timetableView(s *screen) dom.Element {
	tt := &a.tt
	if tt.monday.IsZero() {
		a.showWeek(startMonday(a.today()))
	}
	view := s.el("div", "view view-timetable", a.weekBar(s))
	key := iso(tt.monday)
	lessons, ok := tt.lessons[key]
	switch {
	case tt.err != "":
		view.AppendChild(a.errorBox(s, tt.err, func() { a.loadWeek(tt.monday) }))
	case !ok:
		view.AppendChild(a.loadingBox(s))
		if !tt.loading[key] {
			a.loadWeek(tt.monday)
		}
	case len(lessons) == 0:
		view.AppendChild(s.el("p", "notice", a.lang.T("week.empty")))
	default:
		view.AppendChild(a.weekGrid(s, layoutWeek(tt.monday, lessons)))
	}
	return view
}

// showWeek moves to the week of monday and picks the day a phone shows: today when it is in
// that week, else Monday.
func (a *app) showWeek(monday time.Time) {
	a.tt.monday, a.tt.err, a.tt.day = monday, "", 0
	if d := int(a.today().Sub(monday).Hours() / 24); d >= 0 && d < 7 {
		a.tt.day = d
	}
}

// weekBar has the week's name and the previous / today / next buttons.
func (a *app) weekBar(s *screen) dom.Element {
	move := func(key, label, text string, to func() time.Time) dom.Element {
		b := attrs(s.el("button", "btn btn-icon", text), "type", "button", "data-key", key,
			"aria-label", label, "title", label)
		s.on(b, "click", func(js.Value) {
			a.showWeek(to())
			a.renderPanel()
		})
		return b
	}
	tt := &a.tt
	prev := move("prev", a.lang.T("week.previous"), "‹", func() time.Time { return tt.monday.AddDate(0, 0, -7) })
	next := move("next", a.lang.T("week.next"), "›", func() time.Time { return tt.monday.AddDate(0, 0, 7) })
	today := attrs(s.el("button", "btn btn-ghost", a.lang.T("week.today")), "type", "button", "data-key", "today")
	if tt.monday.Equal(startMonday(a.today())) {
		today.SetAttribute("disabled", "")
	}
	s.on(today, "click", func(js.Value) {
		a.showWeek(startMonday(a.today()))
		a.renderPanel()
	})
	title := attrs(s.el("h2", "week-title", weekLabel(a.lang, tt.monday)), "aria-live", "polite")
	return s.el("div", "toolbar", s.el("div", "nav-group", prev, next), title, today)
}

// loadWeek fetches the lessons of the week of monday.
func (a *app) loadWeek(monday time.Time) {
	tt := &a.tt
	key := iso(monday)
	if tt.loading == nil {
		tt.loading, tt.lessons = map[string]bool{}, map[string][]protocol.Lesson{}
	}
	tt.loading[key], tt.err = true, ""
	var got []protocol.Lesson
	a.call(func(ctx context.Context, s Data) (err error) {
		got, err = s.Timetable(ctx, protocol.TimetableQuery{From: key, To: iso(monday.AddDate(0, 0, 6))})
		return err
	}, func(err error) {
		delete(tt.loading, key)
		if err != nil {
			if tt.monday.Equal(monday) {
				tt.err = a.code(err)
			}
		} else {
			tt.lessons[key] = got
		}
		if a.tab == tabTimetable && tt.monday.Equal(monday) {
			a.renderPanel()
		}
	})
}

// weekGrid draws the week: a day strip for phones, then the hour gutter and one column a day.
func (a *app) weekGrid(s *screen, g weekGrid) dom.Element {
	today := a.today()
	sel := min(a.tt.day, len(g.Days)-1)
	strip := attrs(s.el("div", "day-strip"), "role", "group", "aria-label", a.lang.T("week.days"))
	grid := s.el("div", "tt-grid")
	style(grid, "--days", fmt.Sprint(len(g.Days)), "--hours", fmt.Sprint(g.ToHour-g.FromHour))
	grid.AppendChild(s.el("div", "tt-corner"))
	var buttons, columns, heads []dom.Element
	for i, d := range g.Days {
		h := s.el("div", "tt-head", dayShort(a.lang, d.Date))
		b := attrs(s.el("button", "day-btn", s.el("span", "day-name", dayLetter(a.lang, d.Date)),
			s.el("span", "day-num", fmt.Sprint(d.Date.Day()))), "type", "button", "data-key", "day"+fmt.Sprint(i))
		if d.Date.Equal(today) {
			h.Class().Add("is-today")
			b.Class().Add("is-today")
			h.AppendChild(s.el("span", "visually-hidden", " ("+a.lang.T("week.today")+")"))
		}
		s.on(b, "click", func(js.Value) {
			a.tt.day = i
			selectDay(i, buttons, columns, heads)
		})
		heads, buttons = append(heads, h), append(buttons, b)
		strip.AppendChild(b)
		grid.AppendChild(h)
	}
	grid.AppendChild(a.gutter(s, g))
	for i, d := range g.Days {
		col := a.dayColumn(s, g, i, d, today)
		columns = append(columns, col)
		grid.AppendChild(col)
	}
	selectDay(sel, buttons, columns, heads)
	return s.el("div", "tt", strip, grid)
}

// selectDay marks the day a phone shows.
func selectDay(i int, buttons, columns, heads []dom.Element) {
	for k := range buttons {
		on := k == i
		buttons[k].SetAttribute("aria-pressed", fmt.Sprint(on))
		for _, e := range []dom.Element{columns[k], heads[k]} {
			if on {
				e.Class().Add("is-selected")
			} else {
				e.Class().Remove("is-selected")
			}
		}
	}
}

// gutter labels the hours.
func (a *app) gutter(s *screen, g weekGrid) dom.Element {
	gut := attrs(s.el("div", "tt-gutter"), "aria-hidden", "true")
	for h := g.FromHour; h < g.ToHour; h++ {
		lab := s.el("span", "tt-hour", hourLabel(a.lang, h))
		style(lab, "top", pct(float64(h-g.FromHour)/float64(g.ToHour-g.FromHour)*100))
		gut.AppendChild(lab)
	}
	return gut
}

// dayColumn draws one day's lessons, and the current time on today's column. The lessons are
// buttons in the order they start, so Tab walks the week day by day.
func (a *app) dayColumn(s *screen, g weekGrid, n int, d dayColumn, today time.Time) dom.Element {
	col := attrs(s.el("div", "tt-day"), "role", "group", "aria-label", dayLong(a.lang, d.Date))
	if d.Date.Equal(today) {
		col.Class().Add("is-today")
		now := a.opts.Now()
		if m := minutes(now) - g.FromHour*60; m >= 0 && m < (g.ToHour-g.FromHour)*60 {
			line := attrs(s.el("div", "now-line"), "aria-hidden", "true")
			style(line, "top", pct(float64(m)/float64((g.ToHour-g.FromHour)*60)*100))
			col.AppendChild(line)
		}
	}
	if len(d.Lessons) == 0 {
		col.AppendChild(s.el("p", "day-empty", a.lang.T("day.empty")))
	}
	day := make([]protocol.Lesson, len(d.Lessons))
	for i, l := range d.Lessons {
		day[i] = l.Lesson
	}
	for i, l := range d.Lessons {
		key := "lesson-" + fmt.Sprint(n) + "-" + fmt.Sprint(i)
		box := a.lessonBox(s, l, key)
		s.on(box, "click", func(js.Value) { a.openLesson(l, day, key) })
		col.AppendChild(box)
	}
	return col
}

// lessonBox is one lesson, sized by its duration and coloured like its subject: a button that
// opens the lesson's details. Every text wraps rather than being cut (web/css/timetable.css).
func (a *app) lessonBox(s *screen, l placedLesson, key string) dom.Element {
	box := attrs(s.el("button", "lesson"), "type", "button", "data-key", key, "aria-haspopup", "dialog")
	when := clock(a.lang, l.From) + " – " + clock(a.lang, l.To)
	subject := l.Subject
	if subject == "" {
		subject = "—"
	}
	status := lessonStatus(a.lang, l.Lesson, l.Move)
	top := s.el("span", "lesson-top", s.el("span", "lesson-time", when))
	if status != "" {
		badge := s.el("span", "badge", status)
		switch l.Move.Kind {
		case movedAway:
			badge.Class().Add("badge-moved-away")
		case movedHere:
			badge.Class().Add("badge-moved-here")
		}
		top.AppendChild(badge)
	}
	box.AppendChild(top)
	box.AppendChild(s.el("span", "lesson-subject", subject))
	meta := strings.Join(append(append([]string{}, l.Rooms...), l.Teachers...), " · ")
	if meta != "" {
		box.AppendChild(s.el("span", "lesson-meta", meta))
	}
	if l.Cancelled {
		box.Class().Add("is-cancelled")
	}
	if l.Status != "" && !l.Cancelled {
		box.Class().Add("is-changed")
	}
	if l.Move.Kind == movedHere {
		box.Class().Add("is-moved-here")
	}
	style(box, "top", pct(l.Top), "height", pct(l.Height),
		"left", pct(float64(l.Lane)/float64(l.Lanes)*100), "width", pct(100/float64(l.Lanes)))
	if c := colorOf(l.Color); c != "" {
		style(box, "--c", c)
	}
	if l.Height < 6 {
		box.Class().Add("is-short")
	}
	return box
}

func pct(v float64) string { return fmt.Sprintf("%.3f%%", v) }
