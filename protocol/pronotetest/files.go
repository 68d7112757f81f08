package pronotetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// attachmentJSON is an attachment as ListePieceJointe lists it ({N, L, G, url?}). A file's N
// is remembered by the session, which then serves its content under FichiersExternes.
func (sess *session) attachmentJSON(a Attachment) map[string]any {
	n := sess.id(48, a.ID)
	f := map[string]any{"N": n, "L": a.Name, "G": a.Kind}
	if a.URL != "" {
		f["url"] = a.URL
	}
	if a.Kind == 1 {
		if sess.files == nil {
			sess.files = map[string]Attachment{}
		}
		sess.files[n] = a
	}
	return f
}

// serveFile answers GET {root}FichiersExternes/{hex}/{name}?Session={h} (§8.2): hex is the
// session's AES encryption of {"N":"<id>","Actif":true} (padded once, or twice as pronotepy
// does). The file must be one the session listed; the session cookie, when sent, must be its
// own (Options.RequireCookie: it must be sent). Anything else is 404, as for a missing file.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, rest string) {
	hexID, _, _ := strings.Cut(strings.TrimPrefix(rest, "FichiersExternes/"), "/")
	s.mu.Lock()
	sess := s.sessions[r.URL.Query().Get("Session")]
	var a Attachment
	ok := r.Method == http.MethodGet && sess != nil && !sess.dead && sess.user != nil &&
		s.checkCookies(sess, r.Header.Get("Cookie")) == nil
	if ok {
		a, ok = sess.fileByHex(hexID)
	}
	s.mu.Unlock()
	if !ok {
		http.Error(w, "Le fichier demandé n'existe pas.", http.StatusNotFound)
		return
	}
	body, typ := DemoFile(a)
	w.Header().Set("Content-Type", typ)
	w.Write(body)
}

// fileByHex decrypts a FichiersExternes id and finds the file it names.
func (sess *session) fileByHex(hexID string) (Attachment, bool) {
	plain, err := wire.DecryptHex(sess.key, sess.iv, hexID)
	if err != nil {
		return Attachment{}, false
	}
	plain = bytes.TrimRight(plain, "\x10") // a second padding block (pronotepy)
	var id struct {
		N     string `json:"N"`
		Actif bool   `json:"Actif"`
	}
	if json.Unmarshal(plain, &id) != nil || !id.Actif {
		return Attachment{}, false
	}
	a, ok := sess.files[id.N]
	return a, ok
}

// DemoFile is the content and Content-Type the server serves for a file attachment of the
// demo school: a one-page PDF naming the file for a ".pdf" name, a line of text otherwise.
// It is a pure function of the attachment's ID and Name, so tests can compare bytes.
func DemoFile(a Attachment) (body []byte, contentType string) {
	ref := fmt.Sprintf("%08x", mix(a.ID, a.Name))
	if !strings.HasSuffix(strings.ToLower(a.Name), ".pdf") {
		return []byte("Document de démonstration " + a.Name + " (réf. " + ref + ")\n"), "text/plain; charset=utf-8"
	}
	return onePagePDF("Document de demonstration " + asciiOnly(a.Name) + " (ref. " + ref + ")"), "application/pdf"
}

// onePagePDF writes a minimal valid PDF showing one line of ASCII text.
func onePagePDF(text string) []byte {
	text = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(text)
	stream := "BT /F1 14 Tf 72 770 Td (" + text + ") Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func asciiOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= ' ' && r < 0x7f {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}
