package ui

import (
	"honnef.co/go/js/dom/v2"
	"syscall/js"
)

// showMain shows the logged-in screen: the header, the tabs and the open tab's panel.
func (a *app) showMain() {
	a.replace(func(s *screen) dom.Element {
		wrap := s.el("div", "shell")
		wrap.AppendChild(a.header(s))
		main := attrs(s.el("main", "main"), "id", "pronote-main")
		if len(a.k.s.User().Children) > 0 {
			main.AppendChild(a.childSelect(s))
		}
		main.AppendChild(a.tabList(s))
		a.panel = attrs(s.el("section", "panel"), "role", "tabpanel", "id", "pronote-panel",
			"aria-labelledby", "tab-"+a.tab, "tabindex", "-1")
		main.AppendChild(a.panel)
		wrap.AppendChild(main)
		return wrap
	})
	a.renderPanel()
}

// header shows who is logged in, the child selector of a parent, the language and log out.
func (a *app) header(s *screen) dom.Element {
	u := a.k.s.User()
	who := s.el("div", "who", s.el("span", "who-name", displayName(u.Name)))
	if len(u.Children) == 0 && u.ClassName != "" {
		who.AppendChild(s.el("span", "who-class", u.ClassName))
	}
	if u.Establishment != "" {
		who.AppendChild(s.el("span", "who-school", u.Establishment))
	}
	actions := s.el("div", "actions")
	actions.AppendChild(a.langButton(s))
	out := attrs(s.el("button", "btn btn-ghost", a.lang.T("logout")), "type", "button", "data-key", "logout")
	s.on(out, "click", func(js.Value) { a.logout() })
	actions.AppendChild(out)
	brand := s.el("div", "brand", attrs(s.el("span", "logo", "P"), "aria-hidden", "true"), who)
	return s.el("header", "topbar", brand, actions)
}

// childSelect lets a parent choose the child whose data is shown.
func (a *app) childSelect(s *screen) dom.Element {
	u := a.k.s.User()
	sel := attrs(s.el("select", "select"), "id", "pronote-child", "data-key", "child")
	for _, c := range u.Children {
		label := displayName(c.Name)
		if c.ClassName != "" {
			label += " (" + c.ClassName + ")"
		}
		o := attrs(s.el("option", "", label), "value", c.ID)
		if c.ID == a.k.rec.Child {
			o.SetAttribute("selected", "")
		}
		sel.AppendChild(o)
	}
	s.on(sel, "change", func(js.Value) {
		if a.k.selectChild(value(sel)) == nil {
			a.gen++
			a.resetData()
			a.renderPanel()
		}
	})
	label := attrs(s.el("label", "", a.lang.T("child.label")), "for", "pronote-child")
	return s.el("div", "child field-inline", label, sel)
}

// tabList is the row of tabs, with the keyboard behaviour of the ARIA tabs pattern.
func (a *app) tabList(s *screen) dom.Element {
	list := attrs(s.el("div", "tabs"), "role", "tablist", "aria-label", a.lang.T("tabs.label"))
	tabs := viewIDs()
	buttons := make([]dom.Element, len(tabs))
	for i, t := range tabs {
		b := attrs(s.el("button", "tab"),
			"type", "button", "role", "tab", "id", "tab-"+t, "aria-controls", "pronote-panel", "data-tab", t)
		a.fillTab(b, views[i])
		s.on(b, "click", func(js.Value) { a.openTab(t, buttons) })
		buttons[i] = b
		list.AppendChild(b)
	}
	s.on(list, "keydown", func(e js.Value) {
		i := indexOf(tabs, a.tab)
		switch e.Get("key").String() {
		case "ArrowRight":
			i = (i + 1) % len(tabs)
		case "ArrowLeft":
			i = (i + len(tabs) - 1) % len(tabs)
		case "Home":
			i = 0
		case "End":
			i = len(tabs) - 1
		default:
			return
		}
		e.Call("preventDefault")
		a.openTab(tabs[i], buttons)
		focus(buttons[i])
	})
	markTabs(buttons, a.tab)
	return list
}

func markTabs(buttons []dom.Element, open string) {
	for i, b := range buttons {
		sel, idx := "false", "-1"
		if views[i].id == open {
			sel, idx = "true", "0"
		}
		attrs(b, "aria-selected", sel, "tabindex", idx)
	}
}

// openTab switches to tab t.
func (a *app) openTab(t string, buttons []dom.Element) {
	if t == a.tab {
		return
	}
	a.tab = t
	a.k.setTab(t)
	markTabs(buttons, t)
	a.panel.SetAttribute("aria-labelledby", "tab-"+t)
	a.renderPanel()
}

func indexOf(list []string, v string) int {
	for i, s := range list {
		if s == v {
			return i
		}
	}
	return 0
}

// renderPanel redraws the open tab, keeping the keyboard focus on the control that had it.
func (a *app) renderPanel() {
	if a.panel == nil {
		return
	}
	key := ""
	if act := a.doc.Underlying().Get("activeElement"); act.Truthy() && act.Get("dataset").Truthy() {
		if k := act.Get("dataset").Get("key"); k.Truthy() {
			key = k.String()
		}
	}
	if a.panelScr != nil {
		a.panelScr.release()
	}
	s := &screen{doc: a.doc}
	a.panelScr = s
	v := viewOf(a.tab)
	if v == nil {
		v = &views[0]
	}
	content := v.render(a, s)
	clear(a.panel)
	a.panel.AppendChild(content)
	if key != "" {
		focus(a.panel.QuerySelector(`[data-key="` + key + `"]`))
	}
	a.refreshCounts()
}
