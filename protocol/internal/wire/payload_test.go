package wire

import (
	"encoding/json"
	"testing"
)

// TestPayloadVectors checks §10.5 in the decode direction (byte-exact) and the encode
// direction after decoding (deflate output differs between implementations).
func TestPayloadVectors(t *testing.T) {
	iv := IVFrom(ivTemp)
	session := Crypt{unhex(t, "5289df737df57326fcdd22597afb1fac"), iv}
	nav := `{"Signature":{"onglet":7},"data":{"onglet":7,"ongletPrec":7}}`
	navReply := `{"nom":"Navigation","data":{},"Signature":{"ModeExclusif":false}}`
	both, crypt, comp := Flags{true, true}, Flags{true, false}, Flags{false, true}

	fp := EncodeRequest(crypt, Crypt{InitialKey, ZeroIV}, []byte(`{"data":{"Uuid":"AAECAwQFBgcICQoLDA0ODw==","identifiantNav":null}}`))
	if string(fp) != `"07F1D4293ACF059624024E44CD33CAA2EBA6B3060D7069E437458CE046CD1AFD44C8036BF816926168E3C27619A1DBCFF1C3EAE4ACCEC10E21D8EBA771DE4D97315EFF61FA194ED6FC01ED63C15B3561"` {
		t.Errorf("FonctionParametres payload = %s", fp)
	}
	if got := EncodeRequest(crypt, session, []byte(nav)); string(got) != `"806492876DCB3E069C03B2831168A346CE5EA150C3F3C62F295CDE3D7CCF2E5C9B501C13C6A4BBB1AD5C091F01AB70F1F001A1F08C5CE91A654865FC465BE2C8"` {
		t.Errorf("Navigation encrypt-only = %s", got)
	}

	requests := []struct {
		name  string
		f     Flags
		c     Crypt
		value string
		want  string
	}{
		{"compress+encrypt, K0", both, Crypt{InitialKey, iv}, "601F94FBF3EE0B3F530632C86F22837B081574D35D1834F9964A02EBD022E83D", `{"data": {"a": 1}}`},
		{"compress+encrypt, session", both, session, "ED51A937E22A3221671373FF8878FDE89208DBBA8049844422AF303B48E1AD027B2F35695B2F7E820A66375967866F1106E494847E23730AFCF9FE3C7DD35202768F9FDAD6C245B5DC05ECEFEF439AD7", nav},
		{"compress, zlib", comp, session, "334F3232323331333407622323E3442303739008946D6C689E629E0200", `{"data": {"a": 1}}`},
		{"compress, node", comp, session, "334F323232333133343731333432324E343230078940D9C686E629E62900", `{"data": {"a": 1}}`},
	}
	for _, tt := range requests {
		got, err := DecodeRequest(tt.f, tt.c, json.RawMessage(`"`+tt.value+`"`))
		if err != nil || string(got) != tt.want {
			t.Errorf("%s: DecodeRequest = %s, %v", tt.name, got, err)
		}
	}
	responses := []struct {
		name  string
		f     Flags
		value string
	}{
		{"compress+encrypt", both, "A83A8EA979B701EE9BA2E20A61C1498B43782F8071309A14EC112DA2D65A0227110B03C45EAC0DA00D58E164CF1361789B2594351DD18591233805D9814DA1DA1A40C13A79267A23842B726642820451"},
		{"compress", comp, "AB56CACBCF55B252F24B2CCB4C4F2CC9CCCF53D2514A492C4954B2AAAED5510ACE4CCF4B2C292D4A0572957CF353525D2B92734A8B33D394ACD212738A536B6B01"},
		{"encrypt", crypt, "07C37FDDF21C752FCD88F28B5F839BBEC94B72A72087E65F8063C2A23FB93C594914260E542ADE326108BE28786100238E19D5D05137A32CADAB474E5CBF376CF5D8F49E727947D40C0A2D91D6EF7E7C"},
	}
	for _, tt := range responses {
		got, err := DecodeResponse(tt.f, session, json.RawMessage(`"`+tt.value+`"`))
		if err != nil || string(got) != navReply {
			t.Errorf("%s: DecodeResponse = %s, %v", tt.name, got, err)
		}
	}
}

// TestPayloadRoundTrip runs every flag combination both ways and checks the asymmetry: a
// request (hex layer) is not a response (no hex layer) for a strict decoder.
func TestPayloadRoundTrip(t *testing.T) {
	c := Crypt{MD5([]byte("k")), IVFrom([]byte("iv"))}
	payload := []byte(`{"data":{"texte":"é\u00e0 <b>x</b>","n":[1,2,3]}}`)
	for _, f := range []Flags{{}, {true, false}, {false, true}, {true, true}} {
		req := EncodeRequest(f, c, payload)
		if got, err := DecodeRequest(f, c, req); err != nil || string(got) != string(payload) {
			t.Errorf("%+v request round trip = %s, %v", f, got, err)
		}
		resp := EncodeResponse(f, c, payload)
		if got, err := DecodeResponse(f, c, resp); err != nil || string(got) != string(payload) {
			t.Errorf("%+v response round trip = %s, %v", f, got, err)
		}
		if f.Compress {
			if _, err := DecodeRequest(f, c, resp); err == nil {
				t.Errorf("%+v: a response (no hex layer) decoded as a request", f)
			}
		}
	}
	// The liberal response decoder copes with a server that got its flags wrong.
	wrong := EncodeResponse(Flags{true, false}, c, payload)
	if got, err := DecodeResponse(Flags{true, true}, c, wrong); err != nil || string(got) != string(payload) {
		t.Errorf("liberal decode = %s, %v", got, err)
	}
	if _, err := DecodeResponse(Flags{true, true}, c, json.RawMessage(`"ABCD"`)); err == nil {
		t.Error("garbage decoded")
	}
	if _, err := DecodeResponse(Flags{}, c, json.RawMessage(`12`)); err == nil {
		t.Error("a number decoded as a payload")
	}
}

// TestAppendRequestIsEncodeRequest: the request envelope's dataSec written in place is the
// value EncodeRequest makes, under every combination of the flags.
func TestAppendRequestIsEncodeRequest(t *testing.T) {
	c := Crypt{Key: MD5([]byte("key")), IV: MD5([]byte("iv"))}
	payload := []byte(`{"donnees":{"Nom":"Élève \u003c1\u003e","n":[1,2,3]},"_Signature_":{"onglet":7}}`)
	for _, f := range []Flags{{}, {Encrypt: true}, {Compress: true}, {Encrypt: true, Compress: true}} {
		want := EncodeRequest(f, c, payload)
		if got := AppendRequest([]byte("x:"), f, c, payload); string(got) != "x:"+string(want) {
			t.Errorf("%+v: AppendRequest = %s, want x:%s", f, got, want)
		}
	}
}
