package protocol

import (
	"encoding/json"
	"testing"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// FuzzDecodeReply feeds arbitrary response bodies to the envelope decoder of every dialect
// and flag set: it must never panic, and an accepted reply always has a data object.
func FuzzDecodeReply(f *testing.F) {
	crypt := wire.Crypt{Key: wire.MD5([]byte{1, 2, 3}), IV: wire.IVFrom([]byte("0123456789abcdef"))}
	payload := []byte(`{"nom":"Navigation","data":{"x":1},"Signature":{"ModeExclusif":false}}`)
	for _, fl := range []wire.Flags{{}, {Encrypt: true}, {Compress: true}, {Encrypt: true, Compress: true}} {
		body, _ := json.Marshal(map[string]any{"session": 1, "no": "00", "dataSec": wire.EncodeResponse(fl, crypt, payload)})
		f.Add(body, fl.Encrypt, fl.Compress)
	}
	f.Add([]byte(`{"Erreur":{"G":25,"Titre":"x"}}`), false, false)
	f.Add([]byte(`{"donneesSec":{"_Signature_":{"Erreur":true,"MessageErreur":"m"}}}`), false, false)
	f.Add([]byte(`<html>La page a expiré</html>`), true, false)
	f.Fuzz(func(t *testing.T, body []byte, enc, comp bool) {
		s := &Session{}
		s.st.flags = wire.Flags{Encrypt: enc, Compress: comp}
		rep, err := s.decodeReply(exchange{name: "Fuzz", recv: crypt}, &Response{Status: 200, Body: body})
		if err == nil && rep.data == nil {
			t.Fatal("accepted reply without data")
		}
		if err != nil && Code(err) == "" {
			t.Fatal("error without a code")
		}
	})
}

// FuzzLiteral runs the relaxed object-literal parser on arbitrary text.
func FuzzLiteral(f *testing.F) {
	f.Add(`{h:'1',a:3,x:{y:[1,2,{z:"}"}]}}`)
	f.Add(`{"h":4873407,"CrA":true}`)
	f.Fuzz(func(t *testing.T, s string) {
		scanObject(s)
	})
}
