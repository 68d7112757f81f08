package ui

import (
	"context"
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/pronote-web/pronote/protocol"
)

const tabMessages = "messages"

// messagesState is the messaging tab: the discussions, the one open and its messages, what
// is being typed (kept until PRONOTE has it), and the new message form.
type messagesState struct {
	owner string // the account the data is of (school and name)

	list    []protocol.Discussion
	loaded  bool
	listOp  inFlight
	listErr string

	open      string // id of the discussion shown, "" for none
	composing bool   // the new message form is shown instead

	msgs    []protocol.Message
	msgsOf  string // the discussion msgs are of
	msgsOp  inFlight
	msgsErr string

	drafts   map[string]string // reply texts by discussion id, until sent
	replyOp  inFlight
	replyErr string // code of the last reply's failure, "EMPTY" for an empty text
	status   string // text key of what just succeeded, for the live region

	compose composeState

	focus string // data-key of the element to focus after the next drawing
}

// start marks a call under way on this screen and for this child.
func (a *app) start(f *inFlight) { *f = inFlight{on: true, seq: a.seq, gen: a.gen} }

// busy reports whether a call is under way and will be answered.
func (a *app) busy(f inFlight) bool { return f.on && f.seq == a.seq && f.gen == a.gen }

// lost reports whether a call was under way but will never be answered.
func (a *app) lost(f inFlight) bool { return f.on && !a.busy(f) }

// forget drops what was loaded, when it stops being the shown child's (resetData). What is
// being typed and where the user is stay; a write under way will not be answered, so it is
// reported as interrupted.
func (m *messagesState) forget() {
	replyLost, sendLost := m.replyOp.on, m.compose.sendOp.on
	*m = messagesState{owner: m.owner, open: m.open, composing: m.composing, drafts: m.drafts,
		compose: composeState{to: m.compose.to, filter: m.compose.filter, subject: m.compose.subject, body: m.compose.body}}
	if replyLost {
		m.replyErr = codeInterrupted
	}
	if sendLost {
		m.compose.sendErr = codeInterrupted
	}
}

// find returns the listed discussion with id.
func (m *messagesState) find(id string) (protocol.Discussion, int, bool) {
	for i, d := range m.list {
		if d.ID == id {
			return d, i, true
		}
	}
	return protocol.Discussion{}, -1, false
}

func (a *app) messagesView(s *screen) dom.Element {
	m := &a.msg
	if owner := a.k.s.URL() + "\n" + a.k.s.User().Name; m.owner != owner {
		*m = messagesState{owner: owner}
	}
	if m.drafts == nil {
		m.drafts = map[string]string{}
	}
	if a.lost(m.replyOp) {
		m.replyOp, m.replyErr = inFlight{}, codeInterrupted
	}
	if a.lost(m.compose.sendOp) {
		m.compose.sendOp, m.compose.sendErr = inFlight{}, codeInterrupted
	}
	view := s.el("div", "view view-messages msg")
	if m.open != "" || m.composing {
		view.Class().Add("is-detail")
	}
	view.AppendChild(a.msgSide(s))
	view.AppendChild(a.msgPane(s))
	return view
}

// unreadMessages is the tab's count: the unread messages of the inbox, -1 before the list is
// known. It starts loading the list the first time it is asked (after login).
func (a *app) unreadMessages() int {
	m := &a.msg
	if !m.loaded {
		if m.listErr == "" && !a.busy(m.listOp) && a.k.s != nil {
			a.loadDiscussions()
		}
		return -1
	}
	inbox, _, _ := folders(m.list)
	n := 0
	for _, d := range inbox {
		n += d.Unread
	}
	return n
}

// msgRefresh redraws the tab when it is shown, then moves the focus where the last action
// wants it; the tab's count follows in any case.
// The caret of the field being typed in stays where it was (renderPanel only keeps the focus).
func (a *app) msgRefresh() {
	if a.tab != tabMessages {
		a.refreshCounts()
		return
	}
	doc := a.doc.Underlying()
	from, to := doc.Get("activeElement").Get("selectionStart"), doc.Get("activeElement").Get("selectionEnd")
	a.renderPanel()
	if k := a.msg.focus; k != "" && a.panel != nil {
		a.msg.focus = ""
		focus(a.panel.QuerySelector(`[data-key="` + k + `"]`))
	}
	if act := doc.Get("activeElement"); from.Type() == js.TypeNumber && act.Get("selectionStart").Type() == js.TypeNumber {
		act.Call("setSelectionRange", from, to)
	}
}

// msgSide is the list of discussions, with the new message button.
func (a *app) msgSide(s *screen) dom.Element {
	m := &a.msg
	side := attrs(s.el("section", "msg-side"), "aria-labelledby", "msg-list-title")
	head := s.el("div", "msg-side-head", attrs(s.el("h2", "msg-h", a.lang.T("messages.title")), "id", "msg-list-title"))
	newBtn := attrs(s.el("button", "btn btn-primary", a.lang.T("messages.new")), "type", "button", "data-key", "msg-new")
	s.on(newBtn, "click", func(js.Value) { a.openCompose() })
	refresh := attrs(s.el("button", "btn btn-ghost", a.lang.T("messages.refresh")), "type", "button", "data-key", "msg-refresh")
	s.on(refresh, "click", func(js.Value) { // not disabled while reading: it keeps the focus
		if !a.busy(m.listOp) {
			a.loadDiscussions()
			a.msgRefresh()
		}
	})
	head.AppendChild(s.el("div", "msg-side-actions", newBtn, refresh))
	side.AppendChild(head)
	switch {
	case m.listErr != "":
		side.AppendChild(a.errorBox(s, m.listErr, func() { a.loadDiscussions(); a.msgRefresh() }))
	case !m.loaded:
		side.AppendChild(a.loadingBox(s))
		if !a.busy(m.listOp) {
			a.loadDiscussions()
		}
	case len(m.list) == 0:
		side.AppendChild(s.el("p", "notice", a.lang.T("messages.empty")))
	default:
		side.AppendChild(attrs(s.el("p", "msg-summary", a.listSummary()), "role", "status"))
		inbox, drafts, trash := folders(m.list)
		side.AppendChild(a.discussionList(s, inbox))
		for _, f := range []struct {
			key string
			ds  []protocol.Discussion
		}{{"messages.drafts", drafts}, {"messages.trash", trash}} {
			if len(f.ds) == 0 {
				continue
			}
			box := s.el("details", "msg-folder", s.el("summary", "", a.lang.T(f.key)+" ("+strconv.Itoa(len(f.ds))+")"), a.discussionList(s, f.ds))
			if _, _, ok := m.find(m.open); ok && containsID(f.ds, m.open) {
				box.SetAttribute("open", "")
			}
			side.AppendChild(box)
		}
	}
	return side
}

func containsID(ds []protocol.Discussion, id string) bool {
	for _, d := range ds {
		if d.ID == id {
			return true
		}
	}
	return false
}

// listSummary is "3 discussions, 1 avec des messages non lus" or "3 discussions. Tout est lu."
func (a *app) listSummary() string {
	l, n := a.lang, len(a.msg.list)
	text := plural(l, n, "messages.discOne", "messages.discMany")
	if u := unreadDiscussions(a.msg.list); u > 0 {
		return text + ", " + strconv.Itoa(u) + " " + l.T("messages.unreadSummary")
	}
	return text + ". " + l.T("messages.noneUnread")
}

// discussionList lists discussions as buttons that open them.
func (a *app) discussionList(s *screen, ds []protocol.Discussion) dom.Element {
	list := s.el("ul", "msg-discs")
	for _, d := range ds {
		list.AppendChild(s.el("li", "", a.discussionButton(s, d)))
	}
	return list
}

// discussionButton shows a discussion's subject, participants, last date and counts, all in
// words (its accessible name), unread ones in bold with their count.
func (a *app) discussionButton(s *screen, d protocol.Discussion) dom.Element {
	m := &a.msg
	_, i, _ := m.find(d.ID)
	b := attrs(s.el("button", "msg-disc"), "type", "button", "data-key", "disc-"+strconv.Itoa(i))
	top := s.el("span", "msg-disc-top", s.el("span", "msg-disc-subject", d.Subject))
	if d.DateLabel != "" {
		top.AppendChild(s.el("span", "msg-disc-date", discussionDate(a.lang, d.DateLabel)))
	}
	b.AppendChild(top)
	if p := people(a.lang, d); p != "" {
		b.AppendChild(s.el("span", "msg-disc-people", p))
	}
	meta := s.el("span", "msg-disc-meta")
	if d.Unread > 0 {
		b.Class().Add("is-unread")
		meta.AppendChild(s.el("span", "badge badge-unread", unreadLabel(a.lang, d.Unread)))
	}
	if d.Closed {
		meta.AppendChild(s.el("span", "badge badge-closed", a.lang.T("messages.closed")))
	}
	meta.AppendChild(s.el("span", "msg-disc-count", countLabel(a.lang, d.Messages)))
	b.AppendChild(meta)
	if d.ID == m.open {
		b.Class().Add("is-open")
		b.SetAttribute("aria-current", "true")
	}
	s.on(b, "click", func(js.Value) { a.openDiscussion(d.ID) })
	return b
}

// loadDiscussions reads the list; the list shown stays until the new one is there.
func (a *app) loadDiscussions() {
	m := &a.msg
	a.start(&m.listOp)
	m.listErr = ""
	var got []protocol.Discussion
	a.call(func(ctx context.Context, s Data) (err error) {
		got, err = s.Discussions(ctx, protocol.DiscussionsQuery{})
		return err
	}, func(err error) {
		m.listOp = inFlight{}
		if err != nil {
			m.listErr = a.code(err)
		} else {
			a.listed(got)
		}
		a.msgRefresh()
	})
}

// listed takes a new list of discussions in; a new message's discussion is opened.
func (a *app) listed(got []protocol.Discussion) {
	m := &a.msg
	if m.compose.awaiting {
		m.compose.awaiting = false
		if fresh := newDiscussion(m.list, got); fresh != "" && m.composing {
			m.composing, m.open, m.focus = false, fresh, "thread-title"
			defer a.loadMessages(fresh)
		}
	}
	m.list, m.loaded = got, true
	if _, _, ok := m.find(m.open); m.open != "" && !ok {
		m.open = "" // gone (deleted elsewhere)
	}
}

// openDiscussion shows a discussion and reads its messages, marking them read.
func (a *app) openDiscussion(id string) {
	m := &a.msg
	m.open, m.composing, m.status, m.replyErr, m.focus = id, false, "", "", "thread-title"
	a.loadMessages(id)
	a.msgRefresh()
}

// closePane goes back to the list (the only thing shown on a phone), to where the user was.
func (a *app) closePane() {
	m := &a.msg
	m.focus = "msg-new"
	if _, i, ok := m.find(m.open); ok {
		m.focus = "disc-" + strconv.Itoa(i)
	}
	m.open, m.composing, m.status = "", false, ""
	a.msgRefresh()
}

// loadMessages reads a discussion's messages with markRead, as PRONOTE does on opening one;
// its unread count drops to 0 in the list.
func (a *app) loadMessages(id string) {
	m := &a.msg
	a.start(&m.msgsOp)
	m.msgsErr = ""
	var got []protocol.Message
	a.call(func(ctx context.Context, s Data) (err error) {
		got, err = s.Messages(ctx, protocol.MessagesQuery{DiscussionID: id, MarkRead: true})
		return err
	}, func(err error) {
		if m.open != id {
			return // another discussion was opened meanwhile; its own call answers
		}
		m.msgsOp = inFlight{}
		if err != nil {
			m.msgsErr = a.code(err)
		} else {
			a.gotMessages(id, got)
		}
		a.msgRefresh()
	})
}

func (a *app) gotMessages(id string, got []protocol.Message) {
	m := &a.msg
	m.msgs, m.msgsOf = got, id
	if _, i, ok := m.find(id); ok {
		m.list[i].Unread = 0
		m.list[i].Messages = len(got)
	}
}

// msgPane is the open discussion, the new message form, or a hint.
func (a *app) msgPane(s *screen) dom.Element {
	m := &a.msg
	pane := s.el("section", "msg-pane")
	if m.open == "" && !m.composing {
		pane.AppendChild(s.el("p", "msg-pick", a.lang.T("messages.pick")))
		return pane
	}
	back := attrs(s.el("button", "btn btn-ghost msg-back", a.lang.T("messages.back")), "type", "button", "data-key", "msg-back")
	s.on(back, "click", func(js.Value) { a.closePane() })
	pane.AppendChild(back)
	if m.composing {
		pane.AppendChild(a.composeForm(s))
		return pane
	}
	d, _, ok := m.find(m.open)
	if !ok {
		d = protocol.Discussion{ID: m.open}
	}
	pane.AppendChild(a.thread(s, d))
	return pane
}

// thread is a discussion: its subject and participants, its messages oldest first, then the
// reply form or, when it is closed, a sentence that says so.
func (a *app) thread(s *screen, d protocol.Discussion) dom.Element {
	m := &a.msg
	box := attrs(s.el("article", "msg-thread"), "aria-labelledby", "msg-thread-title")
	box.AppendChild(attrs(s.el("h2", "msg-h", d.Subject), "id", "msg-thread-title", "tabindex", "-1", "data-key", "thread-title"))
	if p := people(a.lang, d); p != "" {
		box.AppendChild(s.el("p", "msg-thread-people", p))
	}
	if m.status != "" {
		box.AppendChild(attrs(s.el("p", "notice notice-ok", a.lang.T(m.status)), "role", "status"))
	}
	switch {
	case m.msgsErr != "":
		box.AppendChild(a.errorBox(s, m.msgsErr, func() { a.loadMessages(d.ID); a.msgRefresh() }))
	case m.msgsOf != d.ID:
		box.AppendChild(a.loadingBox(s))
	case len(m.msgs) == 0:
		box.AppendChild(s.el("p", "notice", a.lang.T("messages.noMessages")))
	default:
		list := attrs(s.el("ol", "msg-items"), "aria-label", a.lang.T("messages.list"))
		for _, msg := range m.msgs {
			list.AppendChild(a.messageItem(s, msg))
		}
		box.AppendChild(list)
	}
	if d.Closed {
		box.AppendChild(s.el("p", "notice msg-closed", a.lang.T("messages.isClosed")))
	} else if m.msgsOf == d.ID || m.replyErr != "" || m.drafts[d.ID] != "" {
		box.AppendChild(a.replyForm(s, d))
	}
	return box
}

// messageItem is one message: author, date, the body (sanitised HTML or text) and its files.
func (a *app) messageItem(s *screen, msg protocol.Message) dom.Element {
	li := s.el("li", "msg-item")
	author := displayName(msg.Author)
	if msg.Mine {
		li.Class().Add("is-mine")
		author += " " + a.lang.T("messages.you")
	}
	head := s.el("div", "msg-item-head", s.el("h3", "msg-author", author))
	if msg.Date != "" {
		head.AppendChild(attrs(s.el("time", "msg-date", messageDate(a.lang, string(msg.Date))), "datetime", string(msg.Date)))
	}
	li.AppendChild(head)
	if msg.HTML != "" {
		li.AppendChild(s.richText(sanitize(msg.HTML)))
	} else {
		li.AppendChild(s.el("div", "rich msg-text", msg.Text))
	}
	if len(msg.Attachments) > 0 {
		list := attrs(s.el("ul", "attachments"), "aria-label", a.lang.T("messages.attachments"))
		for _, at := range msg.Attachments {
			list.AppendChild(s.el("li", "", a.attachment(s, at)))
		}
		li.AppendChild(list)
	}
	return li
}

// replyForm is the labelled text area and the send button of an open discussion.
func (a *app) replyForm(s *screen, d protocol.Discussion) dom.Element {
	m := &a.msg
	sending := a.busy(m.replyOp)
	form := attrs(s.el("form", "msg-reply"), "novalidate", "")
	label := attrs(s.el("label", "msg-label", a.lang.T("messages.reply")), "for", "msg-reply-text")
	text := attrs(s.el("textarea", "input msg-textarea"), "id", "msg-reply-text", "data-key", "reply-text",
		"rows", "4", "aria-describedby", "msg-reply-hint")
	text.Underlying().Set("value", m.drafts[d.ID])
	s.on(text, "input", func(js.Value) {
		m.drafts[d.ID] = value(text)
		if m.replyErr == "EMPTY" && strings.TrimSpace(m.drafts[d.ID]) != "" {
			m.replyErr = ""
			a.msgRefresh()
		}
	})
	s.on(text, "keydown", func(e js.Value) {
		if e.Get("key").String() == "Enter" && (e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool()) {
			e.Call("preventDefault")
			a.sendReply(d.ID)
		}
	})
	form.AppendChild(label)
	if m.replyErr != "" {
		form.AppendChild(a.writeError(s, "msg-reply-error", m.replyErr, true))
		text.SetAttribute("aria-describedby", "msg-reply-error msg-reply-hint")
		if m.replyErr == "EMPTY" {
			text.SetAttribute("aria-invalid", "true")
		}
	}
	form.AppendChild(text)
	form.AppendChild(attrs(s.el("p", "field-hint", a.lang.T("messages.replyHint")), "id", "msg-reply-hint"))
	send := attrs(s.el("button", "btn btn-primary", a.lang.T("messages.send")), "type", "submit", "data-key", "reply-send")
	if sending {
		send.SetAttribute("disabled", "")
		send.Underlying().Set("textContent", a.lang.T("messages.sending"))
		text.SetAttribute("readonly", "")
		form.SetAttribute("aria-busy", "true")
	}
	form.AppendChild(s.el("div", "msg-form-actions", send))
	s.on(form, "submit", func(e js.Value) {
		e.Call("preventDefault")
		a.sendReply(d.ID)
	})
	return form
}

// writeError explains a failed or refused write; the text typed is kept.
func (a *app) writeError(s *screen, id, code string, reply bool) dom.Element {
	if code == "EMPTY" {
		return attrs(s.el("p", "field-error", a.lang.T("messages.replyEmpty")), "id", id, "role", "alert")
	}
	return attrs(s.el("div", "notice notice-error", s.el("p", "", writeErrorText(a.lang, code, reply)), s.el("p", "", a.lang.T("messages.kept"))), "id", id, "role", "alert")
}

// sendReply sends the typed reply once (a write is never sent again on its own), then reads
// the discussion again so that the reply shows as PRONOTE holds it. On failure the text stays.
func (a *app) sendReply(id string) {
	m := &a.msg
	if a.busy(m.replyOp) {
		return
	}
	text := m.drafts[id]
	m.status = ""
	if strings.TrimSpace(text) == "" {
		m.replyErr, m.focus = "EMPTY", "reply-text"
		a.msgRefresh()
		return
	}
	a.start(&m.replyOp)
	m.replyErr, m.focus = "", "reply-text"
	var got []protocol.Message
	var readErr error
	a.call(func(ctx context.Context, s Data) error {
		if _, err := s.Reply(ctx, protocol.ReplyQuery{DiscussionID: id, Text: text}); err != nil {
			return err
		}
		got, readErr = s.Messages(ctx, protocol.MessagesQuery{DiscussionID: id, MarkRead: true})
		return nil
	}, func(err error) {
		m.replyOp, m.focus = inFlight{}, "reply-text"
		if err != nil {
			m.replyErr = a.opts.Code(err)
			a.msgRefresh()
			return
		}
		if m.drafts[id] == text {
			delete(m.drafts, id)
		}
		m.status = "messages.replySent"
		if readErr != nil {
			m.msgsErr = a.code(readErr)
		} else if m.open == id {
			a.gotMessages(id, got)
		}
		a.loadDiscussions() // its count and date changed
		a.msgRefresh()
	})
	a.msgRefresh()
}
