package main

import (
	"encoding/json"
)

// exportState adds the relay address to the protocol's exported state, so that resume keeps
// the mode ("" for direct).
func exportState(proto []byte, relay string) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(proto, &m); err != nil {
		return nil, err
	}
	delete(m, "relay")
	if relay != "" {
		r, _ := json.Marshal(relay)
		m["relay"] = r
	}
	return json.Marshal(m)
}

// splitState separates what exportState joined: the protocol's state and the relay address.
func splitState(text string) (proto []byte, relay string, err error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(text), &m); err != nil || m == nil {
		return nil, "", argError("state", "is not an exported session")
	}
	if r, ok := m["relay"]; ok {
		if json.Unmarshal(r, &relay) != nil || checkRelay(relay) != nil {
			return nil, "", argError("state", "has an invalid relay address")
		}
		delete(m, "relay")
	}
	proto, err = json.Marshal(m)
	return proto, relay, err
}
