package ui

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// showMain shows the logged-in screen: the header, the tabs (a menu on phones), the open
// view's heading and panel, and the footer. With focusFirst (just logged in), the keyboard
// focus goes to the open tab, or to the menu button where the tabs are folded away.
func (a *app) showMain(focusFirst ...bool) {
	var tabs []dom.Element
	var menuBtn dom.Element
	a.menuOpen = false
	a.replace(func(s *screen) dom.Element {
		wrap := s.el("div", "shell")
		wrap.AppendChild(a.header(s))
		main := attrs(s.el("main", "main"), "id", "pronote-main")
		if len(a.k.s.User().Children) > 0 {
			main.AppendChild(a.childSelect(s))
		}
		nav := s.el("div", "views-nav")
		var list dom.Element
		list, tabs = a.tabList(s)
		menuBtn = a.viewsMenu(s, nav)
		nav.InsertBefore(list, nav.FirstChild())
		main.AppendChild(nav)
		a.panel = attrs(s.el("section", "panel"), "role", "tabpanel", "id", "pronote-panel",
			"aria-labelledby", "pronote-view-title", "tabindex", "-1")
		main.AppendChild(a.panel)
		wrap.AppendChild(main)
		wrap.AppendChild(a.footer(s))
		return wrap
	})
	a.renderPanel()
	a.keepAlive(a.k.s)
	if len(focusFirst) > 0 && focusFirst[0] {
		if i := viewIndex(a.tab); visible(tabs[i]) {
			focus(tabs[i])
		} else {
			focus(menuBtn)
		}
	}
}

// visible reports whether e is laid out (not inside a display: none).
func visible(e dom.Element) bool {
	return e.Underlying().Get("offsetParent").Truthy()
}

// header shows the product's mark and name, who is logged in, the language and log out.
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
	brand := s.el("div", "brand", a.mark(s), s.el("span", "brand-name brand-name-bar", a.lang.T("app.title")), who)
	return s.el("header", "topbar", brand, actions)
}

// footer names the product and says it is not PRONOTE's publisher's.
func (a *app) footer(s *screen) dom.Element {
	return s.el("footer", "footer", s.el("p", "", a.lang.T("app.footer")+". "+a.lang.T("app.notAffiliated")))
}

// mark is Préau's own mark, drawn inline: a school's covered playground, a roof on three
// posts over the ground, white on the primary colour. It is decoration (the name is text).
func (a *app) mark(s *screen) dom.Element {
	el := func(tag string, kv ...string) dom.Element { // in the SVG namespace
		return attrs(dom.WrapElement(s.doc.Underlying().Call("createElementNS", "http://www.w3.org/2000/svg", tag)), kv...)
	}
	svg := el("svg", "class", "mark", "viewBox", "0 0 32 32", "width", "38", "height", "38",
		"aria-hidden", "true", "focusable", "false")
	svg.AppendChild(el("rect", "class", "mark-bg", "width", "32", "height", "32", "rx", "9"))
	svg.AppendChild(el("path", "class", "mark-fg", "d", "M5 14.5 16 7l11 7.5"))
	svg.AppendChild(el("path", "class", "mark-fg", "d", "M9 13v11M16 13v11M23 13v11M6 24.5h20"))
	return svg
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
			a.cancelCalls()
			a.resetData()
			a.renderPanel()
		}
	})
	label := attrs(s.el("label", "", a.lang.T("child.label")), "for", "pronote-child")
	return s.el("div", "child field-inline", label, sel)
}

// tabList is the row of tabs, with the keyboard behaviour of the ARIA tabs pattern. It holds
// every row of the views table; on phones the views menu stands in for it.
func (a *app) tabList(s *screen) (dom.Element, []dom.Element) {
	list := attrs(s.el("div", "tabs"), "role", "tablist", "aria-label", a.lang.T("tabs.label"))
	tabs := viewIDs()
	buttons := make([]dom.Element, len(tabs))
	for i, t := range tabs {
		b := attrs(s.el("button", "tab"),
			"type", "button", "role", "tab", "id", "tab-"+t, "aria-controls", "pronote-panel", "data-tab", t)
		a.fillTab(b, views[i])
		s.on(b, "click", func(js.Value) { a.openTab(t) })
		buttons[i] = b
		list.AppendChild(b)
	}
	s.on(list, "keydown", func(e js.Value) {
		i := viewIndex(a.tab)
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
		a.openTab(tabs[i])
		focus(buttons[i])
	})
	markTabs(buttons, a.tab)
	return list, buttons
}

func markTabs(buttons []dom.Element, open string) {
	for i, b := range buttons {
		if b == nil {
			continue
		}
		sel, idx := "false", "-1"
		if views[i].id == open {
			sel, idx = "true", "0"
		}
		attrs(b, "aria-selected", sel, "tabindex", idx)
	}
}

// viewsMenu adds to nav the phone's menu of views: a button that opens the list of views (a
// disclosure: Escape closes it and gives the focus back to the button). It returns the button.
func (a *app) viewsMenu(s *screen, nav dom.Element) dom.Element {
	btn := attrs(s.el("button", "btn menu-toggle", s.el("span", "menu-icon"),
		s.el("span", "", a.lang.T("menu")), attrs(s.el("span", "menu-current", a.lang.T("tab."+a.tab)), "data-menu-current", "")),
		"type", "button", "aria-expanded", "false", "aria-controls", "pronote-views-menu", "data-key", "menu")
	list := attrs(s.el("ul", "views-menu"), "id", "pronote-views-menu", "hidden", "")
	items := make([]dom.Element, len(views))
	for i, v := range views {
		b := attrs(s.el("button", "views-menu-item", a.lang.T("tab."+v.id)), "type", "button", "data-view", v.id)
		s.on(b, "click", func(js.Value) {
			a.setMenu(btn, list, false)
			a.openTab(v.id)
			focus(a.panel.QuerySelector("h1"))
		})
		items[i] = b
		list.AppendChild(s.el("li", "", b))
	}
	setCurrent := func() {
		for i, b := range items {
			cur := "false"
			if views[i].id == a.tab {
				cur = "page"
			}
			b.SetAttribute("aria-current", cur)
		}
	}
	setCurrent()
	s.on(btn, "click", func(js.Value) {
		open := !a.menuOpen
		a.setMenu(btn, list, open)
		if open {
			setCurrent()
			focus(items[viewIndex(a.tab)])
		}
	})
	s.on(nav, "keydown", func(e js.Value) {
		if e.Get("key").String() == "Escape" && a.menuOpen {
			a.setMenu(btn, list, false)
			focus(btn)
		}
	})
	s.add(nav, btn, list)
	return btn
}

// setMenu opens or closes the views menu.
func (a *app) setMenu(btn, list dom.Element, open bool) {
	a.menuOpen = open
	state := "false"
	if open {
		state = "true"
	}
	btn.SetAttribute("aria-expanded", state)
	list.Underlying().Set("hidden", !open)
}

// openTab switches to tab t.
func (a *app) openTab(t string) {
	if t == a.tab {
		return
	}
	a.tab = t
	a.k.setTab(t)
	buttons := make([]dom.Element, len(views))
	for i, v := range views {
		buttons[i] = a.root.QuerySelector(`[data-tab="` + v.id + `"]`)
	}
	markTabs(buttons, t)
	if cur := a.root.QuerySelector("[data-menu-current]"); cur != nil {
		cur.Underlying().Set("textContent", a.lang.T("tab."+t))
	}
	a.renderPanel()
}

// viewIndex is the position of view id in the views table (0 for an unknown one).
func viewIndex(id string) int {
	for i := range views {
		if views[i].id == id {
			return i
		}
	}
	return 0
}

// renderPanel redraws the open tab under its heading, keeping the keyboard focus on the
// control that had it, and names the page after it.
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
	title := a.lang.T("tab." + v.id)
	heading := attrs(s.el("h1", "view-title", title), "id", "pronote-view-title", "tabindex", "-1", "data-key", "view-title")
	content := v.render(a, s)
	clear(a.panel)
	a.panel.AppendChild(heading)
	a.panel.AppendChild(content)
	a.doc.Underlying().Set("title", pageTitle(a.lang, title))
	if key != "" {
		focus(a.panel.QuerySelector(`[data-key="` + key + `"]`))
	}
	a.refreshCounts()
}
