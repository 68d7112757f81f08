package wire

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ErrDecrypt reports a ciphertext that does not decrypt: wrong length, wrong key or bad padding.
var ErrDecrypt = errors.New("wire: ciphertext does not decrypt")

// InitialKey is MD5(""), the key of every exchange before Authentification (§3.1).
var InitialKey = MD5(nil)

// ZeroIV is the IV of the FonctionParametres request (§4.2).
var ZeroIV = make([]byte, 16)

// MD5 returns the MD5 digest of b.
func MD5(b []byte) []byte {
	sum := md5.Sum(b)
	return sum[:]
}

// IVFrom derives an IV from IV material: 16 zero bytes when the material is empty, its MD5
// otherwise (§3.1).
func IVFrom(material []byte) []byte {
	if len(material) == 0 {
		return bytes.Clone(ZeroIV)
	}
	return MD5(material)
}

// Encrypt is AES-128-CBC with PKCS#7 padding: every plaintext is padded, a full block included.
func Encrypt(key, iv, plain []byte) []byte {
	block, err := aes.NewCipher(key)
	if err != nil || len(iv) != aes.BlockSize {
		panic("wire: Encrypt needs a 16-byte key and IV") // programming error, never input
	}
	n := aes.BlockSize - len(plain)%aes.BlockSize
	buf := make([]byte, len(plain)+n)
	copy(buf, plain)
	for i := len(plain); i < len(buf); i++ {
		buf[i] = byte(n)
	}
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(buf, buf)
	return buf
}

// Decrypt reverses Encrypt and checks the padding.
func Decrypt(key, iv, ct []byte) ([]byte, error) {
	return decryptInPlace(key, iv, bytes.Clone(ct))
}

// decryptInPlace is Decrypt writing the plain text over buf.
func decryptInPlace(key, iv, buf []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil || len(iv) != aes.BlockSize {
		return nil, ErrDecrypt
	}
	if len(buf) == 0 || len(buf)%aes.BlockSize != 0 {
		return nil, ErrDecrypt
	}
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(buf, buf)
	n := int(buf[len(buf)-1])
	if n == 0 || n > aes.BlockSize {
		return nil, ErrDecrypt
	}
	for _, b := range buf[len(buf)-n:] {
		if int(b) != n {
			return nil, ErrDecrypt
		}
	}
	return buf[:len(buf)-n], nil
}

// EncryptHex encrypts a string and returns lowercase hex.
func EncryptHex(key, iv []byte, s string) string {
	return hex.EncodeToString(Encrypt(key, iv, []byte(s)))
}

// DecryptHex decodes hex (any case) and decrypts it.
func DecryptHex(key, iv []byte, h string) ([]byte, error) {
	ct, err := hex.DecodeString(h)
	if err != nil {
		return nil, ErrDecrypt
	}
	return Decrypt(key, iv, ct)
}

// OrderNumber is the order number of counter value n: lowercase hex of AES(key, iv, "n") (§4.2).
func OrderNumber(key, iv []byte, n int) string {
	return EncryptHex(key, iv, strconv.Itoa(n))
}

// OrderNumberIs reports whether no decrypts to the decimal n under key and iv.
func OrderNumberIs(key, iv []byte, no string, n int) bool {
	plain, err := DecryptHex(key, iv, no)
	return err == nil && string(plain) == strconv.Itoa(n)
}

// PasswordHash is UPPER(hex(SHA256(alea ‖ secret))) (§6.4).
func PasswordHash(alea, secret string) string {
	sum := sha256.Sum256([]byte(alea + secret))
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

// ChallengeKey derives the login key for credentials, QR and token logins (§6.4). The mode
// flags come from the Identification reply: lowerUser is modeCompLog, lowerSecret modeCompMdp.
func ChallengeKey(username, alea, secret string, lowerUser, lowerSecret bool) []byte {
	if lowerUser {
		username = strings.ToLower(username)
	}
	if lowerSecret {
		secret = strings.ToLower(secret)
	}
	return MD5([]byte(username + PasswordHash(alea, secret)))
}

// ENTKey derives the login key of an ENT login from Start's f (§6.4).
func ENTKey(f string) []byte {
	return MD5([]byte(PasswordHash("", f)))
}

// StripAlea keeps the characters at even indices (§6.4, scheme A).
func StripAlea(s string) string {
	var b strings.Builder
	i := 0
	for _, r := range s {
		if i%2 == 0 {
			b.WriteRune(r)
		}
		i++
	}
	return b.String()
}

// IsDirectChallenge reports whether an Identification reply asks for the 2026.2.5 direct
// scheme: no alea and a challenge of exactly one block (32 hex characters) (§6.4).
func IsDirectChallenge(alea, challenge string) bool {
	if alea != "" || len(challenge) != 32 {
		return false
	}
	_, err := hex.DecodeString(challenge)
	return err == nil
}

// SolveLegacyChallenge answers an alea-wrapped challenge: decrypt, keep even characters,
// encrypt (§6.4, scheme A). It fails when the challenge does not decrypt to UTF-8 text.
func SolveLegacyChallenge(key, iv []byte, challenge string) (string, error) {
	plain, err := DecryptHex(key, iv, challenge)
	if err != nil {
		return "", err
	}
	if !utf8.Valid(plain) {
		return "", ErrDecrypt
	}
	return EncryptHex(key, iv, StripAlea(string(plain))), nil
}

// SolveDirectChallenge answers a 2026.2.5 challenge: the AES of the challenge text exactly as
// received (§6.4, scheme B).
func SolveDirectChallenge(key, iv []byte, challenge string) string {
	return EncryptHex(key, iv, challenge)
}

// SessionKey turns a decrypted cle ("12,200,0,…") into the session key MD5(bytes) (§6.5).
func SessionKey(cle string) ([]byte, error) {
	parts := strings.Split(cle, ",")
	raw := make([]byte, 0, len(parts))
	for _, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || v < 0 || v > 255 {
			return nil, fmt.Errorf("wire: cle is not a list of bytes")
		}
		raw = append(raw, byte(v))
	}
	return MD5(raw), nil
}

// RSAModulus is the constant 1024-bit PRONOTE key used for the Uuid when Start() has http
// and no MR/ER (§3.4). Its exponent is 65537.
const RSAModulus = "B99B77A3D72D3A29B4271FC7B7300E2F791EB8948174BE7B8024667E915446D4EEA0C2424B8D1EBF7E2DDFF94691C6E994E839225C627D140A8F1146D1B0B5F18A09BBD3D8F421CA1E3E4796B301EEBCCF80D81A32A1580121B8294433C38377083C5517D5921E8A078CDC019B15775292EFDA2C30251B1CCABE812386C893E5"

// RSAEncrypt is RSAES-PKCS1-v1_5 encryption of m under (n, e) with non-zero random padding
// read from rand (§3.4). It is written out because crypto/rsa only takes its own key type and
// hides the padding source, which the tests need to control.
func RSAEncrypt(rand io.Reader, n *big.Int, e int, m []byte) ([]byte, error) {
	k := (n.BitLen() + 7) / 8
	if len(m) > k-11 {
		return nil, errors.New("wire: message too long for RSA key")
	}
	em := make([]byte, k)
	em[1] = 2
	ps := em[2 : k-len(m)-1]
	if err := nonZeroRandom(rand, ps); err != nil {
		return nil, err
	}
	copy(em[k-len(m):], m)
	c := new(big.Int).Exp(new(big.Int).SetBytes(em), big.NewInt(int64(e)), n)
	return c.FillBytes(make([]byte, k)), nil
}

func nonZeroRandom(rand io.Reader, p []byte) error {
	if _, err := io.ReadFull(rand, p); err != nil {
		return fmt.Errorf("wire: random source: %w", err)
	}
	one := make([]byte, 1)
	for i := range p {
		for p[i] == 0 {
			if _, err := io.ReadFull(rand, one); err != nil {
				return fmt.Errorf("wire: random source: %w", err)
			}
			p[i] = one[0]
		}
	}
	return nil
}

// ParseRSAKey reads a hex modulus and hex exponent as Start's MR/ER give them.
func ParseRSAKey(modulusHex, exponentHex string) (*big.Int, int, error) {
	n, ok := new(big.Int).SetString(modulusHex, 16)
	if !ok || n.BitLen() < 512 {
		return nil, 0, errors.New("wire: bad RSA modulus")
	}
	e, err := strconv.ParseInt(exponentHex, 16, 32)
	if err != nil || e < 3 {
		return nil, 0, errors.New("wire: bad RSA exponent")
	}
	return n, int(e), nil
}
