package pronotetest

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// recipients answers ListeRessourcesPourCommunication for data.onglet {N:0, G} (3 the
// teachers of the pupil membre names, 34 the staff, §8.1).
func (s *Server) recipients(sess *session, req request, st Student) (reply, *protoError) {
	var q struct {
		Onglet *struct {
			G *int `json:"G"`
		} `json:"onglet"`
	}
	if req.data == nil || json.Unmarshal(req.data, &q) != nil || q.Onglet == nil || q.Onglet.G == nil {
		return reply{}, fail(21)
	}
	var people []Recipient
	switch *q.Onglet.G {
	case 3:
		people = sess.demo.TeacherRecipients(st)
	case 34:
		people = Staff
	default:
		return reply{}, fail(21)
	}
	items := []map[string]any{}
	for _, r := range people {
		items = append(items, recipientJSON(sess, r))
	}
	return reply{data: map[string]any{"listeRessourcesPourCommunication": list24(items)}}, nil
}

func recipientJSON(sess *session, r Recipient) map[string]any {
	subjects := []map[string]any{}
	for _, name := range r.Subjects {
		subjects = append(subjects, map[string]any{"L": name, "N": sess.id(16, "matiere:"+name)})
	}
	out := map[string]any{"N": sess.id(r.Kind, r.ID), "L": r.Name, "G": r.Kind,
		"listeRessources": list24(subjects), "avecDiscussion": r.Writable}
	if r.Role != "" {
		out["fonction"] = tv(24, map[string]any{"L": r.Role})
	}
	return out
}

// saisieMessage answers SaisieMessage: a reply (data.messagePourReponse, contenu, bouton,
// listeFichiers) to an open discussion, or a new discussion (objet, contenu,
// listeDestinataires [{N, G}] of people ListeRessourcesPourCommunication offers). Other
// commands (trash, drafts) are not served. What is sent stays until Reset (§8.1).
func (s *Server) saisieMessage(sess *session, req request, st Student) (reply, *protoError) {
	m, perr := dataObject(req)
	if perr != nil {
		return reply{}, perr
	}
	text, ok := contentText(m["contenu"])
	if !ok {
		return reply{}, fail(21)
	}
	switch {
	case m["messagePourReponse"] != nil:
		perr = s.replyTo(sess, m, text)
	case m["listeDestinataires"] != nil:
		perr = s.newDiscussion(sess, st, m, text)
	default:
		perr = fail(21)
	}
	if perr != nil {
		return reply{}, perr
	}
	return reply{data: map[string]any{}}, nil
}

// contentText reads contenu: plain text, or {_T:21, V:html} as sent with advanced messaging
// (§8.1); it must not be blank.
func contentText(raw json.RawMessage) (string, bool) {
	var text string
	if json.Unmarshal(raw, &text) != nil {
		var html struct {
			V string `json:"V"`
		}
		if json.Unmarshal(raw, &html) != nil {
			return "", false
		}
		text = html.V
	}
	return text, strings.TrimSpace(text) != ""
}

// sentNow is the date of a message sent now, in the school's naive time.
func (s *Server) sentNow() time.Time {
	n := s.now()
	return time.Date(n.Year(), n.Month(), n.Day(), n.Hour(), n.Minute(), n.Second(), 0, time.UTC)
}

func (s *Server) replyTo(sess *session, m map[string]json.RawMessage, text string) *protoError {
	var to struct {
		N string `json:"N"`
		V *struct {
			N string `json:"N"`
		} `json:"V"`
	}
	var button struct {
		G *int `json:"G"`
	}
	var files []json.RawMessage
	if json.Unmarshal(m["messagePourReponse"], &to) != nil || json.Unmarshal(m["bouton"], &button) != nil ||
		button.G == nil || json.Unmarshal(m["listeFichiers"], &files) != nil || m["listeFichiers"] == nil {
		return fail(21)
	}
	if to.N == "" && to.V != nil {
		to.N = to.V.N
	}
	id, _ := sess.lookup(to.N)
	discID, ok := strings.CutPrefix(id, "reponse:")
	i := -1
	for j, d := range s.mailbox(sess) {
		if ok && d.ID == discID {
			i = j
		}
	}
	if i < 0 {
		return fail(22)
	}
	if s.mailbox(sess)[i].Closed || *button.G != 2 {
		return fail(21) // no button was offered: the discussion is closed
	}
	box := s.writeMailbox(sess)
	d := &box[i]
	d.Messages = append(d.Messages, Message{ID: d.ID + ":" + strconv.Itoa(len(d.Messages)+1), Date: s.sentNow(),
		Author: sess.user.name, Mine: true, Content: text, Read: true})
	return nil
}

func (s *Server) newDiscussion(sess *session, st Student, m map[string]json.RawMessage, text string) *protoError {
	var subject string
	var dest []resource
	if json.Unmarshal(m["objet"], &subject) != nil || json.Unmarshal(m["listeDestinataires"], &dest) != nil || len(dest) == 0 {
		return fail(21)
	}
	offered := map[string]Recipient{}
	for _, r := range append(sess.demo.TeacherRecipients(st), Staff...) {
		if r.Writable {
			offered[r.ID] = r
		}
	}
	var names, ids []string
	for _, d := range dest {
		id, _ := sess.lookup(d.N)
		r, ok := offered[id]
		if !ok || r.Kind != d.G {
			return fail(22)
		}
		names, ids = append(names, r.Name), append(ids, r.ID)
	}
	box := s.writeMailbox(sess)
	disc := Discussion{ID: "disc:" + sess.user.id + ":" + strconv.Itoa(len(box)+1), Subject: subject,
		Creator: sess.user.name, Public: strings.Join(names, ", "), To: ids}
	disc.Messages = []Message{{ID: disc.ID + ":1", Date: s.sentNow(), Author: sess.user.name, Mine: true, Content: text, Read: true}}
	s.mail[sess.user.id] = append([]Discussion{disc}, box...)
	return nil
}
