// Package wire holds the PRONOTE wire primitives shared by the client (package protocol) and
// the fake server (package pronotetest): AES-128-CBC with MD5-derived keys, order numbers,
// login key derivation, payload encoding in both directions, envelope key names per dialect,
// and the value codecs (dates, domains, grades).
//
// Everything here is a pure function of its inputs. References are to protocol.md sections.
package wire
