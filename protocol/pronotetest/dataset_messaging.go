package pronotetest

import (
	"sort"
	"strconv"
	"time"
)

// Discussion is a conversation of ListeMessagerie.
type Discussion struct {
	ID       string
	Subject  string   // objet
	Creator  string   // initiateur
	Public   string   // the participants' label
	Closed   bool     // ferme: no reply possible
	Folder   int      // 0 for none, else the G of its label: 4 drafts, 5 trash
	To       []string // a discussion started by SaisieMessage: its recipients' ids (Recipient.ID)
	Messages []Message
}

// Message is one message of a discussion, oldest first in Discussion.Messages.
type Message struct {
	ID          string
	Date        time.Time
	Author      string // public_gauche
	Mine        bool   // emetteur: written by the account
	HTML        bool   // estHTML: Content is HTML
	Content     string
	Read        bool // lu
	Attachments []Attachment
}

// Unread counts the messages of others not read yet.
func (d Discussion) Unread() int {
	n := 0
	for _, m := range d.Messages {
		if !m.Read && !m.Mine {
			n++
		}
	}
	return n
}

// Recipient is someone ListeRessourcesPourCommunication offers; Kind is its G (3 teacher,
// 34 staff); Writable is avecDiscussion.
type Recipient struct {
	ID       string
	Name     string
	Kind     int
	Role     string   // a staff member's function
	Subjects []string // a teacher's subjects
	Writable bool
}

// Staff are the school's staff members; one of them takes no discussion.
var Staff = []Recipient{
	{ID: "staff-noel", Name: "Mme NOËL", Kind: 34, Role: "Conseillère principale d'éducation", Writable: true},
	{ID: "staff-fabre", Name: "M. FABRE", Kind: 34, Role: "Principal", Writable: true},
	{ID: "staff-caron", Name: "Mme CARON", Kind: 34, Role: "Secrétariat", Writable: true},
	{ID: "staff-durand", Name: "M. DURAND", Kind: 34, Role: "Intendance"},
}

// TeacherRecipients are the teachers of a student's class one may write to, each with the
// subjects taught there, by name.
func (d *Demo) TeacherRecipients(st Student) []Recipient {
	var out []Recipient
	index := map[string]int{}
	for _, sub := range d.Subjects(st) {
		i, ok := index[sub.Teacher]
		if !ok {
			i = len(out)
			index[sub.Teacher] = i
			out = append(out, Recipient{ID: "prof:" + sub.Teacher, Name: sub.Teacher, Kind: 3, Writable: true})
		}
		out[i].Subjects = append(out[i].Subjects, sub.Name)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Discussions is an account's mailbox as laid out (owner is the account's stable id): an
// open discussion with a teacher whose last message is unread and has a file attached, a
// closed one from the principal, and one in the trash.
func (d *Demo) Discussions(owner string) []Discussion {
	at := func(days, h, m int) time.Time {
		return d.Now.AddDate(0, 0, days).Add(time.Duration(h*60+m) * time.Minute)
	}
	msg := func(disc string, n int, t time.Time, author string, mine, html bool, content string, read bool) Message {
		return Message{ID: disc + ":" + strconv.Itoa(n), Date: t, Author: author, Mine: mine, HTML: html, Content: content, Read: read}
	}
	if owner == "parent-sophie" {
		open := Discussion{ID: "disc:sophie:absence", Subject: "Absence de Léa jeudi", Creator: ParentName, Public: "Mme LEROY"}
		open.Messages = []Message{
			msg(open.ID, 1, at(-3, 19, 5), ParentName, true, false, "Madame, Léa sera absente jeudi matin pour un rendez-vous médical.", true),
			msg(open.ID, 2, at(-2, 7, 55), "Mme LEROY", false, false, "Bien noté, merci. Elle rattrapera la rédaction.", false),
		}
		closed := Discussion{ID: "disc:sophie:reunion", Subject: "Réunion parents-professeurs 6ème A", Creator: "M. FABRE",
			Public: "Parents des élèves de 6ème A", Closed: true}
		closed.Messages = []Message{msg(closed.ID, 1, at(-6, 16, 0), "M. FABRE", false, true,
			"<p>La réunion parents-professeurs de 6ème A aura lieu <b>jeudi prochain à 18h00</b>.</p><p>Cette discussion n&#39;accepte pas de réponse.</p>", true)}
		trash := Discussion{ID: "disc:sophie:photo", Subject: "Photo de classe", Creator: "Mme CARON", Public: "Parents d'élèves", Folder: 5}
		trash.Messages = []Message{msg(trash.ID, 1, at(-25, 9, 30), "Mme CARON", false, false, "Les bons de commande des photos sont à rendre avant vendredi.", true)}
		return []Discussion{open, closed, trash}
	}
	open := Discussion{ID: "disc:lea:ex14", Subject: "Question sur l'exercice 14", Creator: StudentLea.Name, Public: "M. DUPONT"}
	open.Messages = []Message{
		msg(open.ID, 1, at(-2, 17, 42), StudentLea.Name, true, false, "Bonjour Monsieur, je ne comprends pas la question b) de l'exercice 14. Merci !", true),
		msg(open.ID, 2, at(-1, 8, 10), "M. DUPONT", false, true, "<p>Bonjour Léa,</p><p>Relis la propriété page 85 ; la correction est <i>jointe</i>.</p>", false),
	}
	open.Messages[1].Attachments = []Attachment{{ID: open.ID + ":correction", Name: "correction-ex14.pdf", Kind: 1}}
	closed := Discussion{ID: "disc:lea:conseil", Subject: "Conseil de classe du 1er trimestre", Creator: "M. FABRE",
		Public: "Élèves de 3ème B", Closed: true}
	closed.Messages = []Message{msg(closed.ID, 1, at(-5, 10, 0), "M. FABRE", false, true,
		"<p>Le conseil de classe aura lieu en fin de trimestre.</p><p>Cette discussion n&#39;accepte pas de réponse.</p>", true)}
	trash := Discussion{ID: "disc:lea:carnet", Subject: "Carnet de correspondance", Creator: "M. ROUX", Public: "M. ROUX", Folder: 5}
	trash.Messages = []Message{
		msg(trash.ID, 1, at(-20, 14, 5), "M. ROUX", false, false, "Léa, pense à rapporter ton carnet signé.", true),
		msg(trash.ID, 2, at(-19, 18, 30), StudentLea.Name, true, false, "C'est fait, merci.", true),
	}
	return []Discussion{open, closed, trash}
}
