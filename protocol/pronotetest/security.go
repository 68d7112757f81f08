package pronotetest

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// The accounts with double authentication or a forced password change (§6.8). Both are the
// student Léa MARTIN, like StudentUsername.
const (
	// TwoFactorUsername has double authentication by PIN: an unknown device is asked for the
	// PIN and a device name (actionsDoubleAuth [3]); a registered one is not.
	TwoFactorUsername = "double"
	TwoFactorPassword = "pronotevs"
	TwoFactorPIN      = "1234"
	// PasswordChangeUsername must choose a new password (actionsDoubleAuth [0]) before its
	// first login completes; the new one then replaces PasswordChangePassword on that server.
	PasswordChangeUsername = "nouveau"
	PasswordChangePassword = "pronotevs"
)

// MaxPINTries is how many wrong PINs an account accepts; after that every PIN is refused.
const MaxPINTries = 3

// Device names longer than this are refused, as PRONOTE does.
const maxDeviceName = 30

func init() {
	accounts = append(accounts,
		&account{username: TwoFactorUsername, password: TwoFactorPassword, kind: "student", name: StudentLea.Name,
			id: StudentLea.ID, children: []Student{StudentLea}, pin: TwoFactorPIN},
		&account{username: PasswordChangeUsername, password: PasswordChangePassword, kind: "student", name: StudentLea.Name,
			id: StudentLea.ID, children: []Student{StudentLea}, mustChange: true},
	)
	functions["SecurisationCompteDoubleAuth"] = function{stage: stageLogged, login: (*Server).securisation}
	functions["JetonAppliMobile"] = function{stage: stageLogged, data: (*Server).jetonAppliMobile, onglets: []int{7}}
}

// security is the server side of tokens, QR codes, known devices and password changes. Its
// maps are made on first use; it is guarded by Server.mu.
type security struct {
	devices   map[string]bool   // username + "\x00" + identifiantNav or "uuid:" + uuid
	pinFailed map[string]int    // wrong PINs by username
	passwords map[string]string // changed passwords by username
	qr        map[string]string // the QR jeton waiting by username
	logins    int               // successful Authentifications
	// The ENT (ent.go): InfoMobileApp's jetonCAS and the CAS cookies' accounts.
	jetonCAS   string
	casTickets map[string]*account
}

func (sec *security) init() {
	if sec.devices == nil {
		sec.devices, sec.pinFailed, sec.passwords, sec.qr = map[string]bool{}, map[string]int{}, map[string]string{}, map[string]string{}
		sec.casTickets = map[string]*account{}
	}
}

// twoFactorState is what a session still owes after Authentification.
type twoFactorState struct {
	pin, device, password bool // what the server asked
	pinOK                 bool
	newPassword           string // checked by action 1
	uuid                  string // uuidAppliMobile of the login
	mobile                bool
}

// passwordOf is the account's current password on this server.
func (s *Server) passwordOf(a *account) string {
	s.sec.init()
	if p, ok := s.sec.passwords[a.username]; ok {
		return p
	}
	return a.password
}

// deviceKnown reports whether the session's device is registered for the account.
func (s *Server) deviceKnown(a *account, navID, uuid string) bool {
	s.sec.init()
	return s.sec.devices[a.username+"\x00"+navID] || (uuid != "" && s.sec.devices[a.username+"\x00uuid:"+uuid])
}

// askTwoFactor adds actionsDoubleAuth to a successful Authentification reply when the
// account needs it, and records what the session owes.
func (s *Server) askTwoFactor(sess *session, st *loginState, data map[string]any) {
	a := st.acct
	s.sec.init()
	tf := &twoFactorState{uuid: st.uuid, mobile: st.mobile}
	if a.mustChange && s.sec.passwords[a.username] == "" {
		tf.password = true
	}
	if a.pin != "" && !s.deviceKnown(a, sess.navID, st.uuid) {
		tf.pin, tf.device = true, true
	}
	var actions []int
	if tf.password {
		actions = append(actions, 0)
		data["reglesSaisieMDP"] = map[string]any{"min": 8, "max": 32, "regles": tv(26, "[]")}
	}
	if tf.pin {
		actions = append(actions, 3)
		data["modesPossibles"], data["modeSecurisationParDefaut"] = tv(26, "[1,3]"), 3
	}
	if len(actions) == 0 {
		return
	}
	data["actionsDoubleAuth"] = tv(26, wire.FormatDomain(actions))
	sess.twoFactor = tf
}

// securisation answers SecurisationCompteDoubleAuth (§6.8): 0 checks the PIN (a wrong one
// counts), 1 checks a new password, 2 says whether a device name is known, 3 registers.
func (s *Server) securisation(sess *session, req request) (reply, *protoError) {
	var q struct {
		Action     *int   `json:"action"`
		CodePin    string `json:"codePin"`
		NouveauMDP string `json:"nouveauMDP"`
		AvecIdent  bool   `json:"avecIdentification"`
		StrIdent   string `json:"strIdentification"`
	}
	tf := sess.twoFactor
	if req.data == nil || json.Unmarshal(req.data, &q) != nil || q.Action == nil {
		return reply{}, fatal(11)
	}
	if tf == nil {
		return reply{}, fail(3)
	}
	a := sess.user
	switch *q.Action {
	case 0:
		pin, ok := s.decryptField(sess, q.CodePin)
		if !ok || !tf.pin {
			return reply{}, fail(3)
		}
		if s.sec.pinFailed[a.username] >= MaxPINTries || pin != a.pin {
			s.sec.pinFailed[a.username]++
			left := max(MaxPINTries-s.sec.pinFailed[a.username], 0)
			return reply{data: map[string]any{"result": false, "message": fmt.Sprintf("Code PIN incorrect. Il vous reste %d tentatives", left)}}, nil
		}
		s.sec.pinFailed[a.username] = 0
		tf.pinOK = true
		return reply{data: map[string]any{"result": true}}, nil
	case 1:
		mdp, ok := s.decryptField(sess, q.NouveauMDP)
		good := ok && tf.password && utf8.RuneCountInString(mdp) >= 8 && mdp != s.passwordOf(a)
		if good {
			tf.newPassword = mdp
		}
		return reply{data: map[string]any{"result": good}}, nil
	case 2:
		return reply{data: map[string]any{"dejaConnu": false}}, nil
	case 3:
		return s.register(sess, tf, q.CodePin, q.NouveauMDP, q.AvecIdent, q.StrIdent)
	}
	return reply{}, fail(3)
}

// register is action 3: everything the session owes must be there.
func (s *Server) register(sess *session, tf *twoFactorState, codePin, mdp string, ident bool, name string) (reply, *protoError) {
	a := sess.user
	pin, _ := s.decryptField(sess, codePin)
	newPass, _ := s.decryptField(sess, mdp)
	name = strings.TrimSpace(name)
	switch {
	case tf.pin && (!tf.pinOK || pin != a.pin):
		return reply{}, fail(3)
	case tf.device && (!ident || name == "" || utf8.RuneCountInString(name) > maxDeviceName):
		return reply{}, fail(3)
	case tf.password && (tf.newPassword == "" || newPass != tf.newPassword):
		return reply{}, fail(3)
	}
	if tf.password {
		s.sec.passwords[a.username] = tf.newPassword
	}
	if tf.device {
		s.sec.devices[a.username+"\x00"+sess.navID] = true
		if tf.uuid != "" {
			s.sec.devices[a.username+"\x00uuid:"+tf.uuid] = true
		}
	}
	sess.twoFactor = nil
	data := map[string]any{}
	if tf.mobile {
		data["jetonConnexionAppliMobile"] = s.issueToken(a, tf.uuid)
	}
	return reply{data: data}, nil
}

// decryptField decrypts a codePin or nouveauMDP: hex of AES with the session key and IV.
func (s *Server) decryptField(sess *session, hexText string) (string, bool) {
	if hexText == "" {
		return "", false
	}
	plain, err := wire.DecryptHex(sess.key, sess.iv, hexText)
	return string(plain), err == nil
}
