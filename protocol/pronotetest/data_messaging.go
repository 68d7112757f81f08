package pronotetest

import (
	"encoding/json"
	"strings"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

func init() {
	tab := []int{wire.TabMessaging}
	register("ListeMessagerie", function{stage: stageLogged, data: (*Server).discussions, onglets: tab})
	register("ListeMessages", function{stage: stageLogged, data: (*Server).messages, onglets: tab})
	register("SaisieMessage", function{stage: stageLogged, data: (*Server).saisieMessage, onglets: tab})
	register("ListeRessourcesPourCommunication", function{stage: stageLogged, data: (*Server).recipients, onglets: tab})
}

// The labels (listeEtiquettes) of the messaging tab, by G (§8.3).
var folderLabels = map[int]string{4: "Brouillons", 5: "Corbeille"}

// mailbox is the account's discussions: the demo's, or the server's copy once written to.
// A parent's mailbox is the parent's own, whichever child membre names.
func (s *Server) mailbox(sess *session) []Discussion {
	if box, ok := s.mail[sess.user.id]; ok {
		return box
	}
	return sess.demo.Discussions(sess.user.id)
}

// writeMailbox returns the account's mailbox for a change that lasts until Reset.
func (s *Server) writeMailbox(sess *session) []Discussion {
	if s.mail == nil {
		s.mail = map[string][]Discussion{}
	}
	if _, ok := s.mail[sess.user.id]; !ok {
		s.mail[sess.user.id] = sess.demo.Discussions(sess.user.id)
	}
	return s.mail[sess.user.id]
}

// discussions answers ListeMessagerie: data.avecMessage and data.avecLu (false: only the
// discussions with unread messages) are required (§8.1, §8.3). Each discussion is followed
// by its last message at depth 1, which clients skip.
func (s *Server) discussions(sess *session, req request, st Student) (reply, *protoError) {
	var q struct {
		AvecMessage *bool `json:"avecMessage"`
		AvecLu      *bool `json:"avecLu"`
	}
	if req.data == nil || json.Unmarshal(req.data, &q) != nil || q.AvecMessage == nil || q.AvecLu == nil {
		return reply{}, fail(21)
	}
	items := []map[string]any{}
	for _, d := range s.mailbox(sess) {
		if !*q.AvecLu && d.Unread() == 0 {
			continue
		}
		items = append(items, discussionJSON(sess, d))
		last := d.Messages[len(d.Messages)-1]
		items = append(items, map[string]any{"N": sess.id(46, last.ID), "estUneDiscussion": false, "profondeur": 1, "objet": d.Subject})
	}
	labels := []map[string]any{}
	for _, g := range []int{4, 5} {
		labels = append(labels, map[string]any{"N": sess.id(45, "etiquette:"+folderLabels[g]), "G": g, "L": folderLabels[g]})
	}
	return reply{data: map[string]any{"listeMessagerie": list24(items), "listeEtiquettes": list24(labels)}}, nil
}

func discussionJSON(sess *session, d Discussion) map[string]any {
	possessions := []map[string]any{}
	for _, m := range d.Messages {
		possessions = append(possessions, map[string]any{"N": sess.id(47, "possession:"+m.ID)})
	}
	labels := []map[string]any{}
	if d.Folder != 0 {
		labels = append(labels, map[string]any{"N": sess.id(45, "etiquette:"+folderLabels[d.Folder])})
	}
	last := d.Messages[len(d.Messages)-1]
	return map[string]any{
		"N": sess.id(44, d.ID), "estUneDiscussion": true, "profondeur": 0,
		"objet": d.Subject, "initiateur": d.Creator, "public": d.Public,
		"lu": d.Unread() == 0, "nbNonLus": d.Unread(), "nombreMessages": len(d.Messages), "nbBrouillons": 0,
		"ferme": d.Closed, "libelleDate": last.Date.Format("02/01/06"),
		"listePossessionsMessages": list24(possessions),
		"messagePourParticipants":  tv(24, map[string]any{"N": sess.id(43, "participants:"+d.ID)}),
		"listeEtiquettes":          list24(labels),
	}
}

// discussionOf finds the discussion of the account whose messages' possessions are ps: they
// must all be known and of one discussion (G 22 otherwise).
func (s *Server) discussionOf(sess *session, ps []struct {
	N string `json:"N"`
}) (int, *protoError) {
	found := -1
	for _, p := range ps {
		id, ok := sess.lookup(p.N)
		msgID, isPossession := strings.CutPrefix(id, "possession:")
		if !ok || !isPossession {
			return 0, fail(22)
		}
		i := discussionWith(s.mailbox(sess), msgID)
		if i < 0 || found >= 0 && i != found {
			return 0, fail(22)
		}
		found = i
	}
	if found < 0 {
		return 0, fail(21)
	}
	return found, nil
}

func discussionWith(box []Discussion, msgID string) int {
	for i, d := range box {
		for _, m := range d.Messages {
			if m.ID == msgID {
				return i
			}
		}
	}
	return -1
}

// messages answers ListeMessages for data.listePossessionsMessages [{N}] (one discussion's,
// as ListeMessagerie sent them), newest first; marquerCommeLu true marks them read until
// Reset. The reply names the message to answer (messagePourReponse) and the buttons to
// answer with (listeBoutons, empty when the discussion is closed, §8.1).
func (s *Server) messages(sess *session, req request, st Student) (reply, *protoError) {
	var q struct {
		Possessions []struct {
			N string `json:"N"`
		} `json:"listePossessionsMessages"`
		MarkRead *bool `json:"marquerCommeLu"`
	}
	if req.data == nil || json.Unmarshal(req.data, &q) != nil || len(q.Possessions) == 0 {
		return reply{}, fail(21)
	}
	i, perr := s.discussionOf(sess, q.Possessions)
	if perr != nil {
		return reply{}, perr
	}
	if q.MarkRead != nil && *q.MarkRead {
		box := s.writeMailbox(sess)
		for j := range box[i].Messages {
			box[i].Messages[j].Read = true
		}
	}
	d := s.mailbox(sess)[i]
	items := []map[string]any{}
	for j := len(d.Messages) - 1; j >= 0; j-- {
		source := d.Messages[max(j-1, 0)] // the message answered; the first answers none: itself
		items = append(items, messageJSON(sess, d.Messages[j], source))
	}
	buttons := []map[string]any{}
	if !d.Closed {
		buttons = append(buttons, map[string]any{"N": 0, "G": 2, "L": "Envoyer à tous les participants"})
	}
	return reply{data: map[string]any{
		"listeMessages":      list24(items),
		"messagePourReponse": tv(24, map[string]any{"N": sess.id(42, "reponse:"+d.ID), "G": 0}),
		"listeBoutons":       list24(buttons),
	}}, nil
}

func messageJSON(sess *session, m, source Message) map[string]any {
	author := m.Author
	if m.Mine {
		author = "Moi"
	}
	out := map[string]any{
		"N": sess.id(46, m.ID), "date": tv(7, wire.FormatDateTime(m.Date)), "lu": m.Read,
		"emetteur": m.Mine, "public_gauche": author, "estHTML": m.HTML, "contenu": m.Content,
		"possessionMessage":    tv(24, map[string]any{"N": sess.id(47, "possession:"+m.ID)}),
		"messageSource":        tv(24, map[string]any{"N": sess.id(46, source.ID)}),
		"listeDocumentsJoints": attachmentsJSON(sess, m.Attachments),
	}
	if m.HTML {
		out["contenu"] = tv(21, m.Content)
	}
	return out
}
