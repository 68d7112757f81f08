package pronotetest

import (
	"encoding/json"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

func init() {
	register("PageActualites", function{stage: stageLogged, data: (*Server).news, onglets: []int{wire.TabNews}})
	register("SaisieActualites", function{stage: stageLogged, data: (*Server).newsWrite, onglets: []int{wire.TabNews}})
}

// natures reports the 2026.1+ news spelling (§12): nature for categorie, listeNatures for
// listeCategories, and listeQuestions on surveys only.
func (p Profile) natures() bool {
	v := p.version()
	return v[0] > 2026 || v[0] == 2026 && v[1] >= 1
}

// news answers PageActualites (onglet 8) for data.modesAffActus, a _T 26 set (§8.1, §8.3).
func (s *Server) news(sess *session, req request, st Student) (reply, *protoError) {
	var q struct {
		Modes *struct {
			V string `json:"V"`
		} `json:"modesAffActus"`
	}
	if _, perr := dataObject(req); perr != nil {
		return reply{}, perr
	}
	if json.Unmarshal(req.data, &q) != nil || q.Modes == nil {
		return reply{}, fail(21)
	}
	if modes, err := wire.ParseDomain(q.Modes.V); err != nil || len(modes) == 0 {
		return reply{}, fail(21)
	}
	cats := []map[string]any{}
	for _, c := range sess.demo.NewsCategories() {
		cats = append(cats, map[string]any{"N": sess.id(52, c.ID), "L": c.Name})
	}
	items := []map[string]any{}
	for _, it := range sess.demo.News(st) {
		items = append(items, s.newsJSON(sess, it))
	}
	catKey := "listeCategories"
	if s.opts.Profile.natures() {
		catKey = "listeNatures"
	}
	return reply{data: map[string]any{
		catKey:          list24(cats),
		"listeModesAff": []map[string]any{{"G": 0, "listeActualites": list24(items)}},
	}}, nil
}

// newsPublic is the public (genrePublic and public) of every item: the account itself.
func newsPublic(sess *session) (int, map[string]any) {
	g := 4
	if sess.user.kind == "parent" {
		g = 5
	}
	return g, map[string]any{"N": sess.id(g, sess.user.id), "G": g, "L": sess.user.name}
}

func (s *Server) newsJSON(sess *session, it NewsItem) map[string]any {
	read := it.Read
	if v, ok := s.newsRead[sess.user.id+"\x00"+it.ID]; ok {
		read = v
	}
	g, public := newsPublic(sess)
	catKey := "categorie"
	if s.opts.Profile.natures() {
		catKey = "nature"
	}
	out := map[string]any{
		"N": sess.id(50, it.ID), "L": it.Title, "auteur": it.Author,
		catKey:         tv(24, map[string]any{"N": sess.id(52, it.Category.ID), "L": it.Category.Name}),
		"dateCreation": tv(7, wire.FormatDateTime(it.Created)),
		"dateDebut":    date7(it.Start), "dateFin": date7(it.End),
		"lue": read, "estSondage": it.Survey, "estInformation": !it.Survey, "estModele": false,
		"reponseAnonyme": false, "genrePublic": g, "public": tv(24, public),
	}
	files := attachmentsJSON(sess, it.Attachments)
	var questions []map[string]any
	for _, q := range it.Questions {
		questions = append(questions, questionJSON(sess, q, list24([]map[string]any{})))
	}
	switch {
	case it.Survey:
		out["listeQuestions"] = list24(questions)
	case s.opts.Profile.natures():
		// No listeQuestions on an information (§12); its text and files on the item (where
		// protocol.md does not say: the client reads them there).
		out["texte"] = tv(21, it.HTML)
		out["listePiecesJointes"] = files
	default:
		text := NewsQuestion{ID: it.ID + ":texte", Title: it.Title, HTML: it.HTML, Kind: 0, Choices: []string{}}
		out["listeQuestions"] = list24([]map[string]any{questionJSON(sess, text, files)})
	}
	return out
}

func questionJSON(sess *session, q NewsQuestion, files map[string]any) map[string]any {
	choices := []map[string]any{}
	for i, c := range q.Choices {
		choices = append(choices, map[string]any{"N": i + 1, "L": c, "rang": i + 1})
	}
	return map[string]any{
		"N": sess.id(51, q.ID), "L": q.Title, "titre": q.Title, "texte": tv(21, q.HTML),
		"genreReponse": q.Kind, "listeChoix": list24(choices), "listePiecesJointes": files,
		"reponse": tv(24, map[string]any{"N": sess.id(53, q.ID), "avecReponse": q.Answered, "estRepondant": true}),
	}
}

// attachmentsJSON is a list of attachments as PRONOTE sends them ({N, L, G, url?}).
func attachmentsJSON(sess *session, as []Attachment) map[string]any {
	files := []map[string]any{}
	for _, a := range as {
		f := map[string]any{"N": sess.id(48, a.ID), "L": a.Name, "G": a.Kind}
		if a.URL != "" {
			f["url"] = a.URL
		}
		files = append(files, f)
	}
	return list24(files)
}

// newsWrite answers SaisieActualites: each item of data.listeActualites [{N, lue,
// genrePublic, public, …}] is marked read or unread for the account (as every child's news
// is the parent's, a school-wide item read once is read for both); genrePublic and public
// must be those the item was sent with. The change lasts until Reset.
func (s *Server) newsWrite(sess *session, req request, st Student) (reply, *protoError) {
	var q struct {
		Saisie *bool `json:"saisieActualite"`
		Items  []struct {
			N           string          `json:"N"`
			Lue         *bool           `json:"lue"`
			GenrePublic *int            `json:"genrePublic"`
			Public      json.RawMessage `json:"public"`
		} `json:"listeActualites"`
	}
	if req.data == nil || json.Unmarshal(req.data, &q) != nil || q.Saisie == nil || len(q.Items) == 0 {
		return reply{}, fail(21)
	}
	g, public := newsPublic(sess)
	changes := map[string]bool{}
	for _, it := range q.Items {
		id, known := sess.lookup(it.N)
		if !known || !hasNews(sess.demo.News(st), id) {
			return reply{}, fail(22)
		}
		var p struct {
			N string `json:"N"`
			V struct {
				N string `json:"N"`
			} `json:"V"`
		}
		if json.Unmarshal(it.Public, &p) != nil || p.N == "" {
			p.N = p.V.N // {_T:24, V:{N,…}} as sent, or the bare {N,…}
		}
		if it.Lue == nil || it.GenrePublic == nil || *it.GenrePublic != g || p.N != public["N"] {
			return reply{}, fail(21)
		}
		changes[id] = *it.Lue
	}
	if s.newsRead == nil {
		s.newsRead = map[string]bool{}
	}
	for id, read := range changes {
		s.newsRead[sess.user.id+"\x00"+id] = read
	}
	return reply{data: map[string]any{}}, nil
}

func hasNews(items []NewsItem, id string) bool {
	for _, it := range items {
		if it.ID == id {
			return true
		}
	}
	return false
}
