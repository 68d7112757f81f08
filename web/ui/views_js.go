package ui

import "honnef.co/go/js/dom/v2"

// view is one tab of the main screen: its id (also the key of its label, "tab."+id, and of
// its saved choice across reloads) and the function that draws its panel.
type view struct {
	id     string
	render func(a *app, s *screen) dom.Element
}

// views are the tabs, in the order of the tab bar. The first one opens after login. (Set in
// init: the views redraw themselves through renderPanel, which reads this table.)
var views []view

func init() {
	views = []view{
		{tabTimetable, (*app).timetableView},
		{tabGrades, (*app).gradesView},
		{tabHomework, (*app).homeworkView},
		{tabMessages, (*app).messagesView},
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
	a.gr, a.hw = gradesState{}, homeworkState{}
	a.msg.forget() // a parent's discussions are the parent's, but the recipients are the child's
}
