package wire

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
)

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var ivTemp = []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}

// TestOrderNumbers checks §10.1 and §10.4.
func TestOrderNumbers(t *testing.T) {
	iv := IVFrom(ivTemp)
	if got := hex.EncodeToString(iv); got != "1ac1ef01e96caf1be0d329331a4fc2a8" {
		t.Fatalf("session IV = %s", got)
	}
	if got := base64.StdEncoding.EncodeToString(ivTemp); got != "AAECAwQFBgcICQoLDA0ODw==" {
		t.Fatalf("Uuid = %s", got)
	}
	session := unhex(t, "5289df737df57326fcdd22597afb1fac")
	tests := []struct {
		key, iv []byte
		n       int
		want    string
	}{
		{InitialKey, ZeroIV, 1, "3fa959b13967e0ef176069e01e23c8d7"},
		{InitialKey, iv, 3, "18e4c3eb97be7e4cf58efbbe3c4a505e"},
		{InitialKey, iv, 5, "516448a18390d8607d3e2f70306f14cd"},
		{InitialKey, iv, 2, "b3961095f9685612b2cad63997dce7cb"},
		{InitialKey, ZeroIV, 2, "6eebc1af5bd4e3ea63d94407040100f8"},
		{InitialKey, iv, 4, "1f84d410c918b3b90fa354771a26ca8a"},
		{InitialKey, iv, 6, "dd91b4c0cc39720e72455ea245f64294"},
		{InitialKey, MD5(unhex(t, "09666dfddd5bbdacc8bb446df87530303130")), 3, "7c1f9564ba825ab3d87d6dc965105db7"},
		{session, iv, 7, "e2a4dfe8ae4ec1845d4ee20a2e34f7c3"},
		{session, iv, 9, "7e4cbabf2a55a4ef6aef24f3fe561cc0"},
		{session, iv, 11, "fc394f11ed41bfc9a617fb876b8bcfb2"},
		{session, iv, 8, "0bbd0d6dbd1cdbda8449d1dc07d991d0"},
		{session, iv, 10, "8591bd0efec562bccab7a7ef94d6cfda"},
	}
	for _, tt := range tests {
		if got := OrderNumber(tt.key, tt.iv, tt.n); got != tt.want {
			t.Errorf("OrderNumber(%d) = %s, want %s", tt.n, got, tt.want)
		}
		if !OrderNumberIs(tt.key, tt.iv, strings.ToUpper(tt.want), tt.n) {
			t.Errorf("OrderNumberIs(%d) rejects its own value", tt.n)
		}
		if OrderNumberIs(tt.key, tt.iv, tt.want, tt.n+2) {
			t.Errorf("OrderNumberIs(%d) accepts counter %d", tt.n, tt.n+2)
		}
	}
}

// TestKeys checks §10.2.
func TestKeys(t *testing.T) {
	if h := PasswordHash("abc", "pronotevs"); h != "48584456FEAA0F8FA5950063A481F2C1C3E87B020966879CB62421BA9E1AC306" {
		t.Errorf("PasswordHash = %s", h)
	}
	tests := []struct {
		name                string
		user, alea, secret  string
		lowerUser, lowerPwd bool
		want                string
	}{
		{"alea", "demonstration", "abc", "pronotevs", false, false, "0f3be5034546c293bcd683e9a982c453"},
		{"no alea", "demonstration", "", "pronotevs", false, false, "f7695ad67b7574917d2715a4bfac1392"},
		{"utf-8", "eleve.test", "xYz9", "P@ssw0rd é", false, false, "d36d393278ffb698ff047c5e77c4fb95"},
		{"modeCompLog", "DEMONSTRATION", "", "pronotevs", true, false, "f7695ad67b7574917d2715a4bfac1392"},
		{"modeCompMdp", "demonstration", "", "PRONOTEVS", false, true, "f7695ad67b7574917d2715a4bfac1392"},
	}
	for _, tt := range tests {
		got := hex.EncodeToString(ChallengeKey(tt.user, tt.alea, tt.secret, tt.lowerUser, tt.lowerPwd))
		if got != tt.want {
			t.Errorf("%s: key %s, want %s", tt.name, got, tt.want)
		}
	}
	if got := hex.EncodeToString(ENTKey("pronotevs")); got != "2813411471b9ff3507c6c21dd4181d79" {
		t.Errorf("ENTKey = %s", got)
	}
	for cle, want := range map[string]string{
		"1,2,3": "5289df737df57326fcdd22597afb1fac",
		"100,101,102,103,104,105,106,107,108,109,110,111,112,113,114,115": "bc70acc8bf2293ce70bd8d6a647a2852",
		" 1, 2 ,3": "5289df737df57326fcdd22597afb1fac",
	} {
		k, err := SessionKey(cle)
		if err != nil || hex.EncodeToString(k) != want {
			t.Errorf("SessionKey(%q) = %x, %v", cle, k, err)
		}
	}
	for _, bad := range []string{"", "1,,2", "256", "-1", "a"} {
		if _, err := SessionKey(bad); err == nil {
			t.Errorf("SessionKey(%q) accepted", bad)
		}
	}
	if got := hex.EncodeToString(MD5([]byte("1234"))); got != "81dc9bdb52d04dc20036dbd8313ed055" {
		t.Errorf("PIN key = %s", got)
	}
}

// TestChallenges checks §10.3, both schemes.
func TestChallenges(t *testing.T) {
	key := unhex(t, "0f3be5034546c293bcd683e9a982c453")
	iv := unhex(t, "1ac1ef01e96caf1be0d329331a4fc2a8")
	if StripAlea("abcdefg") != "aceg" || StripAlea("éaàb") != "éà" {
		t.Error("StripAlea")
	}
	legacy := "4e511397f921b58a6d231b56ceb164d4c5b3128c221062792cf701b34783a41b"
	if got := EncryptHex(key, iv, "1a2b3c4d5e6f7g8h9i"); got != legacy {
		t.Errorf("legacy challenge = %s", got)
	}
	answer, err := SolveLegacyChallenge(key, iv, legacy)
	if err != nil || answer != "1619ec7fe66dc6e6ed48b0de250752fc" {
		t.Errorf("legacy answer = %s, %v", answer, err)
	}
	direct := []struct {
		key, iv   []byte
		challenge string
		want      string
	}{
		{key, iv, "000102030405060708090A0B0C0D0E0F", "825c81348f820e9a220552fe52f9447d0a4f27303167833b344d6a4f0ccb7b1fe73a77ee2152a54517c01f62f53ba36e"},
		{key, iv, "000102030405060708090a0b0c0d0e0f", "825c81348f820e9a220552fe52f9447d7e0825ffd2b6b1852f8b23900ea4ae9b19de9ab6a9f6ddc54ec3b7d46bce81a0"},
		{unhex(t, "f7695ad67b7574917d2715a4bfac1392"), iv, "000102030405060708090A0B0C0D0E0F", "7cd5db345666e92ab67c2b3f85dadaa9ce32b2462e7494c0f39e565a87c7352d16ef989984741667afc6e76aef0572da"},
		{unhex(t, "d36d393278ffb698ff047c5e77c4fb95"), MD5(unhex(t, "a1b2c3d4e5f60718293a4b5c6d7e8f90")), "Zq3Rk1Lm0pX8aB", "898496459197a6e0ad2c328f845e7452"},
	}
	for _, tt := range direct {
		if got := SolveDirectChallenge(tt.key, tt.iv, tt.challenge); got != tt.want {
			t.Errorf("direct(%s) = %s", tt.challenge, got)
		}
	}
	if !IsDirectChallenge("", "000102030405060708090A0B0C0D0E0F") || IsDirectChallenge("x", "000102030405060708090A0B0C0D0E0F") ||
		IsDirectChallenge("", legacy) || IsDirectChallenge("", "zz0102030405060708090A0B0C0D0E0F") {
		t.Error("IsDirectChallenge shape test")
	}
	// A direct challenge does not decrypt as a legacy one: the fallback of §6.4 rule 2.
	if _, err := SolveLegacyChallenge(key, iv, "000102030405060708090A0B0C0D0E0F"); err == nil {
		t.Error("a direct challenge decrypted as a legacy one")
	}
	cle, err := DecryptHex(key, iv, "23be0b151c6c4538e44db3d20bd1250c")
	if err != nil || string(cle) != "1,2,3" {
		t.Errorf("cle = %q, %v", cle, err)
	}
	session := unhex(t, "5289df737df57326fcdd22597afb1fac")
	if got := EncryptHex(session, iv, "1234"); got != "133b42ee86d06985345d782b404d3124" {
		t.Errorf("codePin = %s", got)
	}
	if got := EncryptHex(session, iv, `{"N":"42#abc","Actif":true}`); got != "4170e3d2ba5fdde48cf7018fe4bb74bfcb68a8cd98b364dc786cec900550648a" {
		t.Errorf("attachment id = %s", got)
	}
}

// TestQRVectors checks §10.6: the QR fields decrypt with MD5(pin) and a zero IV.
func TestQRVectors(t *testing.T) {
	key := MD5([]byte("1234"))
	for hx, want := range map[string]string{
		"F8E83FA7E9A21441A2596950DA79441E": "demonstration",
		"67802FE8E14B63C8B56CEED770E842D95406AB51EDE5CC7EF0E0C7AAAA857FF6E0DC0BA7F63AD19B3E6E66957E8985F8": "0123456789ABCDEF0123456789ABCDEF",
	} {
		got, err := DecryptHex(key, ZeroIV, hx)
		if err != nil || string(got) != want {
			t.Errorf("QR field = %q, %v", got, err)
		}
	}
	if _, err := DecryptHex(MD5([]byte("1235")), ZeroIV, "F8E83FA7E9A21441A2596950DA79441E"); err == nil {
		t.Error("wrong PIN decrypted")
	}
}

func TestDecryptRejects(t *testing.T) {
	for _, ct := range [][]byte{nil, make([]byte, 15), make([]byte, 17), make([]byte, 32)} {
		if _, err := Decrypt(InitialKey, ZeroIV, ct); err == nil {
			t.Errorf("Decrypt(%d zero bytes) accepted", len(ct))
		}
	}
	if _, err := DecryptHex(InitialKey, ZeroIV, "not hex"); err == nil {
		t.Error("DecryptHex accepted non-hex")
	}
}

type repeatReader struct{ pattern []byte }

func (r *repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = r.pattern[i%len(r.pattern)]
	}
	return len(p), nil
}

// TestRSA checks §10.7 (textbook padding path) with both padding sources.
func TestRSA(t *testing.T) {
	n, e, err := ParseRSAKey(RSAModulus, "10001")
	if err != nil || e != 65537 {
		t.Fatal(err)
	}
	c, err := RSAEncrypt(&repeatReader{[]byte{1}}, n, e, ivTemp)
	if err != nil {
		t.Fatal(err)
	}
	const want = "3febbfe0c76213b4d9de58edd3879e4b2945d7563f3d9f2d2d1e1b0ac258f6f7b4c1289bccd4e5e5112ff5f7fd2da6ec50cd36d9f57bd69caad94ae700f00dbb2c2a4e149ffb75565a83d6f1597755d267d8cd6358a6c7079c5107379c5cc07c1ac124b6dba692766e5c394398ebf7cc272d2038e5e4f8004baa2e84f576a484"
	if hex.EncodeToString(c) != want {
		t.Errorf("RSA = %x", c)
	}
	if b := base64.StdEncoding.EncodeToString(c); len(b) != 172 || !strings.HasPrefix(b, "P+u/4MdiE7TZ3ljt") {
		t.Errorf("RSA base64 = %s", b)
	}
	c2, err := RSAEncrypt(&repeatReader{unhex(t, "5c2b3c4b1c6bfc8bdcabbccb9ceb7c0b")}, n, e, unhex(t, "a1b2c3d4e5f60718293a4b5c6d7e8f90"))
	if err != nil || !strings.HasPrefix(hex.EncodeToString(c2), "60d3b065d176fe1f2ccf4355") || !strings.HasSuffix(hex.EncodeToString(c2), "28605b3eb7a0e9") {
		t.Errorf("third-party RSA vector = %x, %v", c2, err)
	}
	// Zero bytes from the source are redrawn: the padding stays non-zero.
	c3, err := RSAEncrypt(bytes.NewReader(append(make([]byte, 109), bytes.Repeat([]byte{7}, 200)...)), n, e, ivTemp)
	if err != nil || len(c3) != 128 {
		t.Errorf("RSA with zero source bytes: %v", err)
	}
	if _, err := RSAEncrypt(&repeatReader{[]byte{1}}, n, e, make([]byte, 118)); err == nil {
		t.Error("RSA accepted an oversize message")
	}
	if _, _, err := ParseRSAKey("zz", "10001"); err == nil {
		t.Error("ParseRSAKey accepted a bad modulus")
	}
}
