package ui

import (
	"context"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
)

// tabMenus is the canteen tab: the week's menus.
const tabMenus = "menus"

// menusState is the canteen tab's data: the week shown and the weeks already loaded.
type menusState struct {
	monday  time.Time
	weeks   map[string][]protocol.MenuDay
	loading map[string]int // weeks being loaded: the screen (app.seq) each load runs for
	err     string
}

func (a *app) menusView(s *screen) dom.Element {
	mn := &a.mn
	if mn.monday.IsZero() {
		mn.monday = startMonday(a.today())
	}
	if mn.weeks == nil {
		mn.weeks, mn.loading = map[string][]protocol.MenuDay{}, map[string]int{}
	}
	view := s.el("div", "view view-menus", a.menuWeekBar(s))
	key := iso(mn.monday)
	days, ok := mn.weeks[key]
	switch {
	case mn.err != "":
		view.AppendChild(a.errorBox(s, mn.err, func() { a.loadMenus(mn.monday) }))
	case !ok:
		view.AppendChild(a.loadingBox(s))
		if mn.loading[key] != a.seq {
			a.loadMenus(mn.monday)
		}
	case len(menuDays(days)) == 0:
		view.AppendChild(s.el("p", "notice", a.lang.T("menus.empty")))
	default:
		list := s.el("div", "menu-days")
		for _, d := range menuDays(days) {
			list.AppendChild(a.menuDay(s, d))
		}
		view.AppendChild(list)
	}
	return view
}

// menuWeekBar has the week's name and the previous / this week / next buttons.
func (a *app) menuWeekBar(s *screen) dom.Element {
	mn := &a.mn
	move := func(key, label, text string, to func() time.Time) dom.Element {
		b := attrs(s.el("button", "btn", text), "type", "button", "data-key", key)
		if label != "" {
			attrs(b, "aria-label", label, "title", label)
			b.Class().Add("btn-icon")
		}
		s.on(b, "click", func(js.Value) {
			mn.monday, mn.err = to(), ""
			a.renderPanel()
			if key == "today" { // now disabled: the keyboard focus goes on to the next week
				focus(a.panel.QuerySelector(`[data-key="next"]`))
			}
		})
		return b
	}
	prev := move("prev", a.lang.T("week.previous"), "‹", func() time.Time { return mn.monday.AddDate(0, 0, -7) })
	next := move("next", a.lang.T("week.next"), "›", func() time.Time { return mn.monday.AddDate(0, 0, 7) })
	this := move("today", "", a.lang.T("menus.thisWeek"), func() time.Time { return startMonday(a.today()) })
	this.Class().Add("btn-ghost")
	if mn.monday.Equal(startMonday(a.today())) {
		this.SetAttribute("disabled", "")
	}
	title := attrs(s.el("h2", "week-title", weekLabel(a.lang, mn.monday)), "aria-live", "polite")
	return s.el("div", "toolbar", s.el("div", "nav-group", prev, next), title, this)
}

// loadMenus fetches the menus of the week of monday.
func (a *app) loadMenus(monday time.Time) {
	mn := &a.mn
	key := iso(monday)
	mn.loading[key], mn.err = a.seq, ""
	var got []protocol.MenuDay
	a.call(func(ctx context.Context, d Data) (err error) {
		got, err = d.Menus(ctx, protocol.MenusQuery{From: key, To: iso(monday.AddDate(0, 0, 6))})
		return err
	}, func(err error) {
		delete(mn.loading, key)
		if err != nil {
			if mn.monday.Equal(monday) {
				mn.err = a.code(err)
			}
		} else {
			mn.weeks[key] = got
		}
		if a.tab == tabMenus && mn.monday.Equal(monday) {
			a.renderPanel()
		}
	})
}

// menuDay is one day's meals.
func (a *app) menuDay(s *screen, d protocol.MenuDay) dom.Element {
	l := a.lang
	date, _ := parseDate(d.Date)
	id := "menu-" + d.Date
	head := attrs(s.el("h3", "menu-date", dayLong(l, date)), "id", id)
	box := attrs(s.el("section", "menu-day", head), "aria-labelledby", id)
	if date.Equal(a.today()) {
		box.Class().Add("is-today")
		head.AppendChild(s.el("span", "badge badge-info", l.T("menus.today")))
	}
	for _, m := range orderMeals(d.Meals) {
		box.AppendChild(a.meal(s, m))
	}
	return box
}

// meal is a lunch or a dinner: its courses, each with its dishes and their labels.
func (a *app) meal(s *screen, m protocol.Meal) dom.Element {
	l := a.lang
	kind := "menus.lunch"
	if m.Kind == "dinner" {
		kind = "menus.dinner"
	}
	courses := s.el("dl", "menu-courses")
	for _, c := range orderMeal(m) {
		name := "menus." + c.Kind
		if _, ok := texts[name]; !ok {
			name = "menus.other"
		}
		courses.AppendChild(s.el("dt", "menu-course", l.T(name)))
		for _, dish := range c.Dishes {
			dd := s.el("dd", "menu-dish", s.el("span", "menu-dish-name", dish.Name))
			for _, lab := range dish.Labels {
				dd.AppendChild(s.el("span", "badge badge-label", lab))
			}
			courses.AppendChild(dd)
		}
	}
	return s.el("div", "meal meal-"+m.Kind, s.el("h4", "meal-kind", l.T(kind)), courses)
}
