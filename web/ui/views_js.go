package ui

import (
	"strconv"

	"honnef.co/go/js/dom/v2"
)

// view is one tab of the main screen: its id (also the key of its label, "tab."+id, and of
// its saved choice across reloads), the function that draws its panel and, optionally, a
// count shown on the tab (unread items; below 1, or nil, shows none).
type view struct {
	id     string
	render func(a *app, s *screen) dom.Element
	count  func(a *app) int
}

// views are the tabs, in the order of the tab bar. The first one opens after login. (Set in
// init: the views redraw themselves through renderPanel, which reads this table.)
var views []view

func init() {
	views = []view{
		{id: tabTimetable, render: (*app).timetableView},
		{id: tabHomework, render: (*app).homeworkView},
		{id: tabGrades, render: (*app).gradesView},
		{id: tabSkills, render: (*app).skillsView},
		{id: tabReport, render: (*app).reportView},
		{id: tabSchoolLife, render: (*app).schoolLifeView},
		{id: tabNews, render: (*app).newsView, count: (*app).unreadNews},
		{id: tabMessages, render: (*app).messagesView, count: (*app).unreadMessages},
		{id: tabMenus, render: (*app).menusView},
	}
}

// viewOf returns the view with id, or nil.
func viewOf(id string) *view {
	for i := range views {
		if views[i].id == id {
			return &views[i]
		}
	}
	return nil
}

func viewIDs() []string {
	ids := make([]string, len(views))
	for i, v := range views {
		ids[i] = v.id
	}
	return ids
}

// resetData forgets what the views loaded, when it stops being the shown child's (another
// child, a logout). Where the user is (the timetable's week and day) stays.
func (a *app) resetData() {
	a.tt = timetableState{monday: a.tt.monday, day: a.tt.day}
	a.gr, a.hw = gradesState{tables: a.gr.tables}, homeworkState{}
	a.sk, a.rc = skillsState{}, reportState{}
	a.sl, a.nw = schoolLifeState{}, newsState{}
	a.mn = menusState{monday: a.mn.monday}
	a.msg.forget() // a parent's discussions are the parent's, but the recipients are the child's
}

// fillTab writes a tab's label: its name and, for a view with a count, the number, followed
// by words for screen readers only: "Informations 3 non lues". The accessible name is the
// visible text and more (no aria-label, which would have to repeat it exactly).
func (a *app) fillTab(b dom.Element, v view) {
	clear(b)
	s := &screen{doc: a.doc}
	s.add(b, a.lang.T("tab."+v.id))
	n := 0
	if v.count != nil {
		n = v.count(a)
	}
	if n <= 0 {
		return
	}
	s.add(b, " ")
	b.AppendChild(s.el("span", "tab-count", strconv.Itoa(n)))
	b.AppendChild(s.el("span", "visually-hidden", " "+tabCountWords(a.lang, v.id, n)))
}

// refreshCounts rewrites the labels of the tabs that show a count (after their data changed).
func (a *app) refreshCounts() {
	for _, v := range views {
		if v.count == nil {
			continue
		}
		if b := a.root.QuerySelector("#tab-" + v.id); b != nil {
			a.fillTab(b, v)
		}
	}
}
