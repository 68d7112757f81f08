package protocol

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// ErrPasswordChangeRequired reports an account whose password must be changed before it can
// log in (actionsDoubleAuth 0, §6.8) when no new password was given.
var ErrPasswordChangeRequired = errors.New("pronote: the server requires a new password for this account")

// ErrPINRefused is the error of a PIN the server refused during double authentication; it is
// an ErrBadCredentials. It is final: the server counts wrong PINs, so none is sent again.
var ErrPINRefused = fmt.Errorf("%w: the server refused the PIN", ErrBadCredentials)

// DefaultDeviceName names this device for double authentication when the answer gives none.
const DefaultDeviceName = "Navigateur (pronote.js)"

// maxDeviceName is the longest device name PRONOTE accepts (§6.8).
const maxDeviceName = 30

// TwoFactorNeed says what the server asks after Authentification (§6.8).
type TwoFactorNeed struct {
	PIN         bool `json:"pin"`         // the account's PIN (action 3)
	DeviceName  bool `json:"deviceName"`  // a name for this device (actions 3 and 5)
	NewPassword bool `json:"newPassword"` // a forced password change (action 0)
	// Unsupported is set when the server also asks for what this client cannot do (choosing a
	// strategy or a new PIN, a PIN reset: actions 1, 2, 4); such a login cannot finish here.
	Unsupported bool  `json:"unsupported,omitempty"`
	Actions     []int `json:"actions"` // actionsDoubleAuth as the server sent it
	// PasswordMin and PasswordMax are the new password's length rules, when given.
	PasswordMin int `json:"passwordMin,omitempty"`
	PasswordMax int `json:"passwordMax,omitempty"`
}

// TwoFactorAnswer is what the user gives for double authentication.
type TwoFactorAnswer struct {
	PIN         string // sent encrypted with the session key; never stored or logged
	DeviceName  string // at most 30 characters; DefaultDeviceName when empty
	NewPassword string // for a forced password change; never stored or logged
}

// check refuses an answer that cannot be sent (the PIN itself is the server's to judge).
func (a *TwoFactorAnswer) check() error {
	if a != nil && utf8.RuneCountInString(a.DeviceName) > maxDeviceName {
		return argError("deviceName", "must be at most %d characters", maxDeviceName)
	}
	return nil
}

// covers reports whether a gives everything need asks for.
func (a *TwoFactorAnswer) covers(need TwoFactorNeed) bool {
	return a != nil && (!need.PIN || a.PIN != "") && (!need.NewPassword || a.NewPassword != "")
}

// TwoFactorError is the error of a login that needs double authentication or a new password
// and got no answer: Need says what to ask the user. It unwraps to ErrTwoFactorRequired, or
// to ErrPasswordChangeRequired when only a new password is missing.
type TwoFactorError struct {
	Need TwoFactorNeed
	err  error
}

func (e *TwoFactorError) Error() string {
	what := "double authentication"
	switch {
	case e.Need.Unsupported:
		what = "a double authentication step this client does not support (actions " + wire.FormatDomain(e.Need.Actions) + ")"
	case e.Need.PIN:
		what = "the account's PIN and a device name"
	case e.Need.NewPassword:
		what = "a new password"
	case e.Need.DeviceName:
		what = "a name for this device"
	}
	return e.err.Error() + ": the server asks for " + what
}

// Unwrap returns ErrTwoFactorRequired or ErrPasswordChangeRequired.
func (e *TwoFactorError) Unwrap() error { return e.err }

func twoFactorError(need TwoFactorNeed) error {
	if need.NewPassword && !need.PIN && !need.Unsupported {
		return &TwoFactorError{Need: need, err: ErrPasswordChangeRequired}
	}
	return &TwoFactorError{Need: need, err: ErrTwoFactorRequired}
}

// twoFactorNeedOf reads actionsDoubleAuth from the Authentification reply.
func twoFactorNeedOf(auth obj) (TwoFactorNeed, bool) {
	var need TwoFactorNeed
	raw := auth.str("actionsDoubleAuth")
	if raw == "" {
		return need, false
	}
	set, err := wire.ParseDomain(raw)
	if err != nil || len(set) == 0 {
		return need, false
	}
	need.Actions = set
	for _, a := range set {
		switch a {
		case 0:
			need.NewPassword = true
		case 3:
			need.PIN, need.DeviceName = true, true
		case 5:
			need.DeviceName = true
		default:
			need.Unsupported = true
		}
	}
	rules := auth.obj("reglesSaisieMDP")
	need.PasswordMin, need.PasswordMax = rules.int("min"), rules.int("max")
	return need, true
}

// twoFactor answers double authentication in the same session, after the key switch and
// before ParametresUtilisateur (§6.8): the PIN checked by action 0, a new password by action
// 1, then action 3 registers the choices and this device. A refusal is final: the server
// counts wrong PINs, so nothing is ever sent twice.
func (s *Session) twoFactor(ctx context.Context, o *Options, need TwoFactorNeed) error {
	if need.Unsupported {
		return twoFactorError(need)
	}
	ans := o.TwoFactor
	if !ans.covers(need) {
		if o.OnTwoFactor == nil {
			return twoFactorError(need)
		}
		var err error
		if ans, err = o.OnTwoFactor(ctx, need); err != nil {
			return err
		}
		if !ans.covers(need) {
			return twoFactorError(need)
		}
		if err := ans.check(); err != nil {
			return err
		}
	}
	return s.sendTwoFactor(ctx, need, ans)
}

func (s *Session) sendTwoFactor(ctx context.Context, need TwoFactorNeed, ans *TwoFactorAnswer) error {
	final := map[string]any{"action": 3}
	if need.NewPassword {
		mdp := wire.EncryptHex(s.st.key, s.st.iv, ans.NewPassword)
		if ok, _, err := s.securisation(ctx, map[string]any{"action": 1, "nouveauMDP": mdp}); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("%w: the server refused the new password", ErrPasswordChangeRequired)
		}
		final["nouveauMDP"] = mdp
	}
	if need.PIN {
		pin := wire.EncryptHex(s.st.key, s.st.iv, ans.PIN)
		ok, msg, err := s.securisation(ctx, map[string]any{"action": 0, "codePin": pin})
		if err != nil {
			return err
		}
		if !ok {
			if msg != "" {
				return fmt.Errorf("%w (%s)", ErrPINRefused, msg)
			}
			return ErrPINRefused
		}
		final["codePin"] = pin
	}
	if need.DeviceName {
		name := ans.DeviceName
		if name == "" {
			name = DefaultDeviceName
		}
		final["avecIdentification"], final["strIdentification"] = true, name
	}
	rep, err := s.callLocked(ctx, subject{}, "SecurisationCompteDoubleAuth", 0, final)
	if err != nil {
		return err
	}
	if token := rep.data.str("jetonConnexionAppliMobile"); token != "" {
		s.setToken(token)
	}
	return nil
}

// securisation sends one SecurisationCompteDoubleAuth check and returns its result and the
// server's message (such as how many tries are left).
func (s *Session) securisation(ctx context.Context, data map[string]any) (bool, string, error) {
	rep, err := s.callLocked(ctx, subject{}, "SecurisationCompteDoubleAuth", 0, data)
	if err != nil {
		return false, "", err
	}
	return rep.data.flag("result"), rep.data.str("message"), nil
}
