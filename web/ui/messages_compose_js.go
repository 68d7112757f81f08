package ui

import (
	"context"
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
)

// composeState is the new message form: the people one may write to (for a parent, the
// selected child's teachers and the staff), who is chosen, and what is typed.
type composeState struct {
	people    []protocol.Recipient // teachers, then staff
	peopleOK  bool
	peopleOp  inFlight
	peopleErr string

	filter        string
	to            []string // ids chosen, in the order chosen
	subject, body string
	invalid       []string // what composeProblems found at the last try
	sendOp        inFlight
	sendErr       string
	awaiting      bool // sent: the next list names the new discussion, which opens
}

func (c *composeState) chosen(id string) bool {
	for _, t := range c.to {
		if t == id {
			return true
		}
	}
	return false
}

func (c *composeState) toggle(id string, on bool) {
	out := c.to[:0:0]
	for _, t := range c.to {
		if t != id {
			out = append(out, t)
		}
	}
	if on {
		out = append(out, id)
	}
	c.to = out
}

func (c *composeState) has(problem string) bool {
	for _, p := range c.invalid {
		if p == problem {
			return true
		}
	}
	return false
}

// openCompose shows the new message form.
func (a *app) openCompose() {
	m := &a.msg
	m.open, m.composing, m.status, m.focus = "", true, "", "compose-title"
	a.msgRefresh()
}

// loadRecipients reads the teachers and the staff one may write to.
func (a *app) loadRecipients() {
	c := &a.msg.compose
	a.start(&c.peopleOp)
	c.peopleErr = ""
	var got []protocol.Recipient
	a.call(func(ctx context.Context, s Data) error {
		for _, kind := range []string{"teachers", "staff"} {
			rs, err := s.Recipients(ctx, protocol.RecipientsQuery{Kind: kind})
			if err != nil {
				return err
			}
			got = append(got, rs...)
		}
		return nil
	}, func(err error) {
		c.peopleOp = inFlight{}
		if err != nil {
			c.peopleErr = a.code(err)
		} else {
			c.people, c.peopleOK = got, true
			c.to = pruneRecipients(c.to, got)
		}
		a.msgRefresh()
	})
}

// composeForm is the new message: recipients picked in a filtered list, subject and text.
func (a *app) composeForm(s *screen) dom.Element {
	c := &a.msg.compose
	l := a.lang
	sending := a.busy(c.sendOp)
	form := attrs(s.el("form", "msg-compose"), "novalidate", "", "aria-labelledby", "msg-compose-title")
	form.AppendChild(attrs(s.el("h2", "msg-h", a.lang.T("messages.new")), "id", "msg-compose-title", "tabindex", "-1", "data-key", "compose-title"))
	if len(c.invalid) > 0 {
		list := s.el("ul", "")
		for _, p := range c.invalid {
			list.AppendChild(s.el("li", "", l.T(problemKey[p])))
		}
		form.AppendChild(attrs(s.el("div", "notice notice-error", s.el("p", "", a.lang.T("messages.fix")), list),
			"role", "alert", "id", "msg-compose-problems"))
	}
	if c.sendErr != "" {
		form.AppendChild(a.writeError(s, "msg-compose-error", c.sendErr, false))
	}
	if st := a.msg.status; st != "" {
		form.AppendChild(attrs(s.el("p", "notice notice-ok", l.T(st)), "role", "status"))
	}
	picker := a.recipientPicker(s)
	if sending {
		picker.SetAttribute("disabled", "")
	}
	form.AppendChild(picker)

	subject := attrs(s.el("input", "input"), "id", "msg-subject", "type", "text", "data-key", "compose-subject",
		"maxlength", "200", "autocomplete", "off")
	subject.Underlying().Set("value", c.subject)
	s.on(subject, "input", func(js.Value) { c.subject = value(subject); a.recheck("subject", strings.TrimSpace(c.subject) != "") })
	body := attrs(s.el("textarea", "input msg-textarea"), "id", "msg-body", "rows", "7", "data-key", "compose-body")
	body.Underlying().Set("value", c.body)
	s.on(body, "input", func(js.Value) { c.body = value(body); a.recheck("text", strings.TrimSpace(c.body) != "") })
	for _, f := range []struct {
		el           dom.Element
		problem, key string
	}{{subject, "subject", "messages.subject"}, {body, "text", "messages.body"}} {
		field := s.el("div", "field", attrs(s.el("label", "", l.T(f.key)), "for", f.el.GetAttribute("id")))
		if c.has(f.problem) {
			id := f.el.GetAttribute("id") + "-error"
			field.AppendChild(attrs(s.el("p", "field-error", l.T(problemKey[f.problem])), "id", id))
			attrs(f.el, "aria-invalid", "true", "aria-describedby", id)
		}
		if sending {
			f.el.SetAttribute("readonly", "")
		}
		field.AppendChild(f.el)
		form.AppendChild(field)
	}

	send := attrs(s.el("button", "btn btn-primary", a.lang.T("messages.send")), "type", "submit", "data-key", "compose-send")
	if sending {
		attrs(send, "disabled", "")
		send.Underlying().Set("textContent", l.T("messages.sending"))
		form.SetAttribute("aria-busy", "true")
	}
	form.AppendChild(s.el("div", "msg-form-actions", send))
	s.on(form, "submit", func(e js.Value) {
		e.Call("preventDefault")
		a.sendNew()
	})
	return form
}

// recipientPicker lists the people one may write to as check boxes, each with its kind
// (teacher or staff) in words, filtered as one types; the choice is summed up above.
func (a *app) recipientPicker(s *screen) dom.Element {
	c := &a.msg.compose
	l := a.lang
	set := attrs(s.el("fieldset", "msg-to"), "aria-describedby", "msg-chosen")
	set.AppendChild(s.el("legend", "", a.lang.T("messages.recipients")))
	if c.has("to") {
		set.AppendChild(attrs(s.el("p", "field-error", a.lang.T("messages.needTo")), "id", "msg-to-error"))
		set.SetAttribute("aria-describedby", "msg-to-error msg-chosen")
	}
	chosen := attrs(s.el("p", "msg-chosen", a.chosenText()), "id", "msg-chosen", "aria-live", "polite")
	set.AppendChild(chosen)
	switch {
	case c.peopleErr != "":
		set.AppendChild(a.errorBox(s, c.peopleErr, func() { a.loadRecipients(); a.msgRefresh() }))
		return set
	case !c.peopleOK:
		set.AppendChild(a.loadingBox(s))
		if !a.busy(c.peopleOp) {
			a.loadRecipients()
		}
		return set
	case len(c.people) == 0:
		set.AppendChild(s.el("p", "notice", a.lang.T("messages.noRecipients")))
		return set
	}
	filter := attrs(s.el("input", "input"), "id", "msg-filter", "type", "search", "data-key", "compose-filter",
		"autocomplete", "off", "aria-controls", "msg-people")
	filter.Underlying().Set("value", c.filter)
	set.AppendChild(s.el("div", "field msg-filter", attrs(s.el("label", "", a.lang.T("messages.filter")), "for", "msg-filter"), filter))
	list := attrs(s.el("ul", "msg-people"), "id", "msg-people")
	items := make([]dom.Element, len(c.people))
	for i, r := range c.people {
		id := "msg-r-" + strconv.Itoa(i)
		box := attrs(s.el("input", ""), "type", "checkbox", "id", id, "data-key", id)
		if c.chosen(r.ID) {
			box.SetAttribute("checked", "")
		}
		s.on(box, "change", func(js.Value) {
			c.toggle(r.ID, box.Underlying().Get("checked").Bool())
			chosen.Underlying().Set("textContent", a.chosenText())
			a.recheck("to", len(c.to) > 0)
		})
		label := attrs(s.el("label", "", s.el("span", "msg-person", r.Name), s.el("span", "badge badge-kind", recipientKind(l, r))), "for", id)
		if d := recipientDetail(r); d != "" {
			label.AppendChild(s.el("span", "msg-person-detail", d))
		}
		items[i] = s.el("li", "", box, label)
		list.AppendChild(items[i])
	}
	none := s.el("p", "notice msg-nomatch", a.lang.T("messages.noMatch"))
	apply := func() {
		matches := 0
		for i, r := range c.people {
			match := matchRecipient(r, c.filter)
			items[i].Underlying().Set("hidden", !match && !c.chosen(r.ID)) // the chosen stay in sight
			if match {
				matches++
			}
		}
		none.Underlying().Set("hidden", matches > 0)
	}
	s.on(filter, "input", func(js.Value) {
		c.filter = value(filter)
		apply()
	})
	apply()
	set.AppendChild(list)
	set.AppendChild(none)
	return set
}

// recheck drops a problem of the last try once it is solved (ok), and redraws without it.
func (a *app) recheck(problem string, ok bool) {
	c := &a.msg.compose
	if !ok || !c.has(problem) {
		return
	}
	out := c.invalid[:0:0]
	for _, q := range c.invalid {
		if q != problem {
			out = append(out, q)
		}
	}
	c.invalid = out
	a.msgRefresh()
}

// chosenText sums the choice up: "Destinataires choisis : M. DUPONT, Mme NOËL."
func (a *app) chosenText() string {
	c := &a.msg.compose
	if len(c.to) == 0 {
		return a.lang.T("messages.chosenNone")
	}
	var names []string
	for _, id := range c.to {
		for _, r := range c.people {
			if r.ID == id {
				names = append(names, r.Name)
			}
		}
	}
	return a.lang.T("messages.chosen") + " " + strings.Join(names, ", ") + "."
}

// sendNew checks the form, then sends the new message once; the list is read again and the
// new discussion opens. On failure or a refusal everything typed and chosen stays.
func (a *app) sendNew() {
	m := &a.msg
	c := &m.compose
	if a.busy(c.sendOp) {
		return
	}
	c.sendErr = ""
	c.invalid = composeProblems(c.to, c.subject, c.body)
	if len(c.invalid) > 0 {
		m.focus = map[string]string{"to": "msg-r-0", "subject": "compose-subject", "text": "compose-body"}[c.invalid[0]]
		if c.invalid[0] == "to" && (len(c.people) == 0 || c.filter != "") {
			m.focus = "compose-filter"
		}
		a.msgRefresh()
		return
	}
	q := protocol.SendMessageQuery{Subject: strings.TrimSpace(c.subject), Text: c.body, To: append([]string(nil), c.to...)}
	a.start(&c.sendOp)
	m.focus = "compose-body"
	a.call(func(ctx context.Context, s Data) error {
		_, err := s.SendMessage(ctx, q)
		return err
	}, func(err error) {
		c.sendOp = inFlight{}
		if err != nil {
			c.sendErr, m.focus = a.opts.Code(err), "compose-body"
			a.msgRefresh()
			return
		}
		*c = composeState{people: c.people, peopleOK: c.peopleOK, awaiting: true}
		m.status = "messages.sent"
		a.loadDiscussions()
		a.msgRefresh()
	})
	a.msgRefresh()
}
