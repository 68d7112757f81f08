package ui

import (
	"context"
	"fmt"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
)

// homeworkDays is how far ahead the homework tab looks.
const homeworkDays = 14

// homeworkState is the homework tab's data.
type homeworkState struct {
	items   []protocol.Homework
	loaded  bool
	loading bool
	err     string
}

func (a *app) homeworkView(s *screen) dom.Element {
	hw := &a.hw
	view := s.el("div", "view view-homework")
	switch {
	case hw.err != "":
		view.AppendChild(a.errorBox(s, hw.err, a.loadHomework))
	case !hw.loaded:
		view.AppendChild(a.loadingBox(s))
		if !hw.loading {
			a.loadHomework()
		}
	case len(hw.items) == 0:
		view.AppendChild(s.el("p", "notice", a.lang.T("homework.empty")))
	default:
		today := a.today()
		var group dom.Element
		due := ""
		for i, h := range hw.items {
			if h.Due != due || group == nil {
				due = h.Due
				d, _ := parseDate(h.Due)
				list := s.el("ul", "hw-list")
				group = list
				view.AppendChild(s.el("section", "hw-day", s.el("h2", "hw-due", dueLabel(a.lang, d, today)), list))
			}
			group.AppendChild(a.homeworkCard(s, h, "h3", h.Subject, "hwdone-"+fmt.Sprint(i)))
		}
	}
	return view
}

// loadHomework fetches the homework due from today on.
func (a *app) loadHomework() {
	hw := &a.hw
	hw.loading, hw.err = true, ""
	today := a.today()
	var got []protocol.Homework
	a.call(func(ctx context.Context, s Data) (err error) {
		got, err = s.Homework(ctx, protocol.HomeworkQuery{From: iso(today), To: iso(today.AddDate(0, 0, homeworkDays))})
		return err
	}, func(err error) {
		hw.loading = false
		if err != nil {
			hw.err = a.code(err)
		} else {
			hw.items, hw.loaded = got, true
		}
		if a.tab == tabHomework {
			a.renderPanel()
		}
	})
}

// homeworkCard is one piece of homework: a heading (tag, text), the done box (its data-key
// key), the description rendered from sanitised HTML, and the attachments.
func (a *app) homeworkCard(s *screen, h protocol.Homework, tag, title, key string) dom.Element {
	card := s.el("li", "hw")
	if c := colorOf(h.Color); c != "" {
		style(card, "--c", c)
	}
	if h.Done {
		card.Class().Add("is-done")
	}
	mark := func(done bool) {
		if done {
			card.Class().Add("is-done")
		} else {
			card.Class().Remove("is-done")
		}
	}
	card.AppendChild(s.el("div", "hw-head", s.el(tag, "hw-subject", title), a.doneBox(s, h, key, mark)))
	card.AppendChild(s.richText(sanitize(h.HTML)))
	if len(h.Attachments) > 0 {
		list := attrs(s.el("ul", "attachments"), "aria-label", a.lang.T("homework.attachments"))
		for _, at := range h.Attachments {
			list.AppendChild(s.el("li", "", a.attachment(s, at)))
		}
		card.AppendChild(list)
	}
	if d, ok := parseDate(h.Given); ok {
		card.AppendChild(s.el("p", "hw-given", a.lang.T("homework.given")+" "+dayLong(a.lang, d)))
	}
	return card
}

// doneBox is the "Fait" checkbox of homework h (data-key key). A click asks the server
// (SetHomeworkDone, never retried): the box keeps its state until the answer, then takes the
// new one and changed(done) runs; on an error it stays as it was and says why.
func (a *app) doneBox(s *screen, h protocol.Homework, key string, changed func(done bool)) dom.Element {
	id := "pronote-" + key
	box := attrs(s.el("input", "hw-check"), "type", "checkbox", "id", id, "data-key", key)
	box.Underlying().Set("checked", h.Done)
	label := attrs(s.el("label", "hw-toggle", box, s.el("span", "", a.lang.T("homework.markDone")),
		s.el("span", "visually-hidden", " ("+h.Subject+")")), "for", id)
	msg := attrs(s.el("span", "hw-save"), "aria-live", "polite")
	done, pending := h.Done, false
	// say shows the outcome: kind "error" is an alert, "ok" is read out but not shown (the box
	// shows it).
	say := func(text, kind string) {
		m := msg.Underlying() // raw calls: dom/v2's methods on Element link a wrapper per element type
		m.Set("textContent", text)
		m.Call("removeAttribute", "role")
		m.Set("className", "hw-save is-"+kind)
		if kind == "error" {
			msg.SetAttribute("role", "alert")
		}
	}
	s.on(box, "click", func(e js.Value) {
		e.Call("preventDefault") // the box shows the server's state, not the click's
		if pending {
			return
		}
		pending = true
		want := !done
		box.SetAttribute("aria-busy", "true")
		say(a.lang.T("homework.saving"), "busy")
		a.call(func(ctx context.Context, d Data) error {
			_, err := d.SetHomeworkDone(ctx, protocol.SetHomeworkDoneQuery{ID: h.ID, Done: &want})
			return err
		}, func(err error) {
			pending = false
			box.SetAttribute("aria-busy", "false")
			if err != nil {
				box.Underlying().Set("checked", done)
				code, lead := a.opts.Code(err), "homework.notSaved"
				if code == "NETWORK_ERROR" || code == "TIMEOUT" { // the server may have applied it
					lead = "homework.maybeNotSaved"
				}
				say(a.lang.T(lead)+" "+a.lang.ErrorText(code), "error")
				return
			}
			done = want
			box.Underlying().Set("checked", done)
			if done {
				say(a.lang.T("homework.savedDone"), "ok")
			} else {
				say(a.lang.T("homework.savedTodo"), "ok")
			}
			a.setHomeworkDone(h.ID, done)
			changed(done)
		})
	})
	return s.el("span", "hw-done", label, msg)
}

// setHomeworkDone records a done state the server accepted in every list that holds the item.
func (a *app) setHomeworkDone(id string, done bool) {
	lists := [][]protocol.Homework{a.hw.items}
	if d := a.tt.detail; d != nil {
		lists = append(lists, d.homework)
	}
	for _, list := range lists {
		for i := range list {
			if list[i].ID == id {
				list[i].Done = done
			}
		}
	}
}

// attachment is a link to a file or a web page; only http(s) addresses become links.
func (a *app) attachment(s *screen, at protocol.Attachment) dom.Element {
	name := at.Name
	if name == "" {
		name = at.URL
	}
	href := safeHref(at.URL)
	if href == "" {
		return s.el("span", "attachment", name)
	}
	return attrs(s.el("a", "attachment attachment-"+at.Kind, name), "href", href,
		"rel", "noopener noreferrer", "target", "_blank")
}
