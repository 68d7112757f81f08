package protocol

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// Call makes a raw call for anything not typed yet: name is the PRONOTE function (e.g.
// "PageEmploiDuTemps"), data the inner data object (nil for none) and onglet the tab number
// (0 for none). It returns the reply's data object. For parent accounts the selected child is
// sent as membre.
func (s *Session) Call(ctx context.Context, name string, data json.RawMessage, onglet int) (json.RawMessage, error) {
	if strings.TrimSpace(name) == "" {
		return nil, argError("name", "is required")
	}
	if onglet < 0 {
		return nil, argError("onglet", "must not be negative")
	}
	var d any
	if len(data) > 0 && string(data) != "null" {
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(data, &probe); err != nil {
			return nil, argError("data", "must be a JSON object")
		}
		d = data
	}
	out, err := s.call(ctx, name, onglet, d)
	if err != nil {
		return nil, err
	}
	return json.Marshal(out)
}

// KeepAlive tells the server the session is in use: Navigation on 2024.3.9+ servers, Presence
// before (§7.1). Send it only while the user is active, about every two minutes of idleness.
func (s *Session) KeepAlive(ctx context.Context) error {
	if s.st.dialect == wire.D2023 {
		_, err := s.call(ctx, "Presence", wire.TabKeepAlive, nil)
		return err
	}
	_, err := s.call(ctx, "Navigation", wire.TabKeepAlive, map[string]any{"onglet": wire.TabKeepAlive, "ongletPrec": wire.TabKeepAlive})
	return err
}
