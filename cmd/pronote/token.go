package main

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// A tokenStore keeps the tokens of -remember in the user's configuration directory
// ($XDG_CONFIG_HOME/pronote/tokens.json on Linux), readable by the user only: a token opens
// the account like a password does, so it is kept like one. The password is never stored.
type tokenStore struct{ path string }

// storedToken is what a later run needs to log in with the token: the same device UUID the
// token was issued for.
type storedToken struct {
	Token      string `json:"token"`
	DeviceUUID string `json:"deviceUUID"`
}

func openTokenStore() (*tokenStore, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return nil, err
	}
	return &tokenStore{path: filepath.Join(dir, "pronote", "tokens.json")}, nil
}

// key names an account: its space page and username.
func tokenKey(url, user string) string { return url + " " + user }

func (t *tokenStore) all() (map[string]storedToken, error) {
	m := map[string]storedToken{}
	b, err := os.ReadFile(t.path)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, errors.New("pronote: the token file is damaged: delete " + t.path)
	}
	return m, nil
}

// get returns the token kept for key, if any.
func (t *tokenStore) get(key string) (storedToken, bool, error) {
	m, err := t.all()
	tok, ok := m[key]
	return tok, ok, err
}

// put keeps tok for key (an empty token forgets it), writing the file whole, then renaming.
func (t *tokenStore) put(key string, tok storedToken) error {
	m, err := t.all()
	if err != nil {
		return err
	}
	if tok.Token == "" {
		delete(m, key)
	} else {
		m[key] = tok
	}
	if err := os.MkdirAll(filepath.Dir(t.path), 0o700); err != nil {
		return err
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	tmp := t.path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, t.path)
}
