package pronotetest

import (
	"encoding/json"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// The keep-alive calls of a logged-in session (§7.1).
func init() {
	register("Navigation", function{stage: stageLogged, data: (*Server).navigation, onglets: []int{wire.TabKeepAlive}})
	register("Presence", function{stage: stageLogged, data: (*Server).presence, onglets: []int{wire.TabKeepAlive}, dialect: wire.D2023})
}

// navigation answers the Navigation keep-alive (§7.1): data {onglet, ongletPrec}.
func (s *Server) navigation(sess *session, req request, st Student) (reply, *protoError) {
	var q struct {
		Onglet *int `json:"onglet"`
	}
	if req.data == nil || json.Unmarshal(req.data, &q) != nil || q.Onglet == nil {
		return reply{}, fail(21)
	}
	return reply{data: map[string]any{}, sig: map[string]any{"ModeExclusif": false}}, nil
}

// presence answers the D1 keep-alive Presence: signature only, no data.
func (s *Server) presence(sess *session, req request, st Student) (reply, *protoError) {
	if req.data != nil {
		return reply{}, fail(21)
	}
	return reply{data: map[string]any{}, sig: map[string]any{"ModeExclusif": false}}, nil
}
