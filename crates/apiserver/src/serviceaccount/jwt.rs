//! Compact JSON Web Signatures (RFC 7515) with ES256 — ECDSA on P-256 with
//! SHA-256 — the format of service account tokens.
//!
//! The key ID (`kid`) is the unpadded base64url SHA-256 of the public key's
//! DER `SubjectPublicKeyInfo`, as kube-apiserver derives it.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use ring::rand::SystemRandom;
use ring::signature::{
    EcdsaKeyPair, KeyPair, UnparsedPublicKey, ECDSA_P256_SHA256_FIXED,
    ECDSA_P256_SHA256_FIXED_SIGNING,
};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// The JWS algorithm of every token Capstan signs.
pub const ALGORITHM: &str = "ES256";

/// DER prefix of a P-256 `SubjectPublicKeyInfo` holding an uncompressed point.
const P256_SPKI_PREFIX: [u8; 26] = [
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
    0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
];

/// Errors handling keys and tokens.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwtError {
    /// The key could not be generated, read or used.
    #[error("service account signing key: {0}")]
    Key(String),
    /// The text is not a compact JWS.
    #[error("malformed token: {0}")]
    Malformed(&'static str),
    /// The header names an algorithm other than ES256.
    #[error("unsupported token signing algorithm {0:?}")]
    Algorithm(String),
    /// The signature does not verify with the key.
    #[error("token signature is invalid")]
    Signature,
}

/// The service account signing key: an ECDSA P-256 key pair.
pub struct SigningKey {
    pair: EcdsaKeyPair,
    pkcs8: Vec<u8>,
    key_id: String,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("key_id", &self.key_id)
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    /// A new random key.
    pub fn generate() -> Result<Self, JwtError> {
        let rng = SystemRandom::new();
        let doc = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .map_err(|_| JwtError::Key("generating a P-256 key failed".into()))?;
        Self::from_pkcs8(doc.as_ref())
    }

    /// A key from PKCS#8 DER.
    pub fn from_pkcs8(der: &[u8]) -> Result<Self, JwtError> {
        let rng = SystemRandom::new();
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, der, &rng)
            .map_err(|e| JwtError::Key(format!("not a PKCS#8 ECDSA P-256 key: {e}")))?;
        let key_id = key_id_of(pair.public_key().as_ref());
        Ok(Self {
            pair,
            pkcs8: der.to_vec(),
            key_id,
        })
    }

    /// A key from a PEM `PRIVATE KEY` (PKCS#8) block.
    pub fn from_pem(pem: &str) -> Result<Self, JwtError> {
        let mut reader = pem.as_bytes();
        match rustls_pemfile::private_key(&mut reader) {
            Ok(Some(rustls::pki_types::PrivateKeyDer::Pkcs8(der))) => {
                Self::from_pkcs8(der.secret_pkcs8_der())
            }
            Ok(Some(_)) => Err(JwtError::Key(
                "the PEM key is not PKCS#8 (\"PRIVATE KEY\")".into(),
            )),
            Ok(None) => Err(JwtError::Key("no private key in the PEM text".into())),
            Err(e) => Err(JwtError::Key(format!("reading PEM: {e}"))),
        }
    }

    /// The key as a PEM `PRIVATE KEY` (PKCS#8) block.
    pub fn to_pem(&self) -> String {
        let body = STANDARD.encode(&self.pkcs8);
        let mut out = String::from("-----BEGIN PRIVATE KEY-----\n");
        for chunk in body.as_bytes().chunks(64) {
            out.push_str(&String::from_utf8_lossy(chunk));
            out.push('\n');
        }
        out.push_str("-----END PRIVATE KEY-----\n");
        out
    }

    /// The key ID written to token headers.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The public key as a JSON Web Key (for `/openid/v1/jwks`).
    pub fn public_jwk(&self) -> Value {
        let point = self.pair.public_key().as_ref();
        let (x, y) = point
            .get(1..33)
            .zip(point.get(33..65))
            .unwrap_or((&[][..], &[][..]));
        json!({
            "use": "sig",
            "kty": "EC",
            "kid": self.key_id,
            "crv": "P-256",
            "alg": ALGORITHM,
            "x": URL_SAFE_NO_PAD.encode(x),
            "y": URL_SAFE_NO_PAD.encode(y),
        })
    }

    /// Signs `claims` into a compact JWS.
    pub fn sign(&self, claims: &Value) -> Result<String, JwtError> {
        let header = json!({"alg": ALGORITHM, "kid": self.key_id});
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let signature = self
            .pair
            .sign(&SystemRandom::new(), signing_input.as_bytes())
            .map_err(|_| JwtError::Key("signing failed".into()))?;
        Ok(format!(
            "{signing_input}.{}",
            URL_SAFE_NO_PAD.encode(signature.as_ref())
        ))
    }

    /// Checks a parsed token's signature against this key.
    pub fn verify(&self, jws: &Jws) -> Result<(), JwtError> {
        let alg = jws.header.get("alg").and_then(Value::as_str).unwrap_or("");
        if alg != ALGORITHM {
            return Err(JwtError::Algorithm(alg.to_string()));
        }
        UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, self.pair.public_key().as_ref())
            .verify(jws.signing_input.as_bytes(), &jws.signature)
            .map_err(|_| JwtError::Signature)
    }
}

fn key_id_of(public_point: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(P256_SPKI_PREFIX);
    h.update(public_point);
    URL_SAFE_NO_PAD.encode(h.finalize())
}

/// A compact JWS split into its parts; the signature is not yet checked.
#[derive(Debug, Clone)]
pub struct Jws {
    /// The protected header.
    pub header: Value,
    /// The claims.
    pub claims: Value,
    signing_input: String,
    signature: Vec<u8>,
}

impl Jws {
    /// Splits and decodes `token` (`header.payload.signature`, base64url
    /// without padding, header and payload JSON objects).
    pub fn parse(token: &str) -> Result<Self, JwtError> {
        let mut parts = token.split('.');
        let (Some(h), Some(p), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(JwtError::Malformed("a JWS has three dot-separated parts"));
        };
        let header = decode_object(h, "header")?;
        let claims = decode_object(p, "payload")?;
        let signature = URL_SAFE_NO_PAD
            .decode(s)
            .map_err(|_| JwtError::Malformed("the signature is not base64url"))?;
        Ok(Self {
            header,
            claims,
            signing_input: format!("{h}.{p}"),
            signature,
        })
    }
}

fn decode_object(part: &str, what: &'static str) -> Result<Value, JwtError> {
    let bytes = URL_SAFE_NO_PAD.decode(part).map_err(|_| {
        JwtError::Malformed(if what == "header" {
            "the header is not base64url"
        } else {
            "the payload is not base64url"
        })
    })?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(v @ Value::Object(_)) => Ok(v),
        _ => Err(JwtError::Malformed(if what == "header" {
            "the header is not a JSON object"
        } else {
            "the payload is not a JSON object"
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_then_verify_round_trips() {
        let key = SigningKey::generate().expect("key");
        let token = key.sign(&json!({"sub": "me"})).expect("sign");
        let jws = Jws::parse(&token).expect("parse");
        assert_eq!(jws.claims["sub"], "me");
        assert_eq!(jws.header["alg"], "ES256");
        assert_eq!(jws.header["kid"], key.key_id());
        key.verify(&jws).expect("verifies");
    }

    #[test]
    fn pem_round_trip_keeps_the_key() {
        let key = SigningKey::generate().expect("key");
        let pem = key.to_pem();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        let again = SigningKey::from_pem(&pem).expect("reload");
        assert_eq!(again.key_id(), key.key_id());
        let token = key.sign(&json!({"a": 1})).expect("sign");
        again
            .verify(&Jws::parse(&token).expect("parse"))
            .expect("the reloaded key verifies");
        assert!(SigningKey::from_pem("not pem").is_err());
    }

    #[test]
    fn tampered_or_foreign_tokens_fail() {
        let key = SigningKey::generate().expect("key");
        let other = SigningKey::generate().expect("key");
        let token = key.sign(&json!({"sub": "me"})).expect("sign");
        let jws = Jws::parse(&token).expect("parse");
        assert_eq!(other.verify(&jws), Err(JwtError::Signature));
        // Swap in another payload under the same signature.
        let mut parts: Vec<&str> = token.split('.').collect();
        let forged = URL_SAFE_NO_PAD.encode(json!({"sub": "admin"}).to_string());
        parts[1] = &forged;
        let jws = Jws::parse(&parts.join(".")).expect("parse");
        assert_eq!(key.verify(&jws), Err(JwtError::Signature));
        // alg=none and friends are refused before any signature check.
        let none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#),
            URL_SAFE_NO_PAD.encode(r#"{"sub":"x"}"#)
        );
        let jws = Jws::parse(&none).expect("parse");
        assert!(matches!(key.verify(&jws), Err(JwtError::Algorithm(_))));
    }

    #[test]
    fn malformed_tokens_are_rejected() {
        for bad in [
            "",
            "a.b",
            "a.b.c.d",
            "!!.e30.",
            "e30.!!.",
            "W10.e30.",
            "e30.e30.!!",
        ] {
            assert!(Jws::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Jws::parse("e30.e30.").is_ok());
    }

    #[test]
    fn jwk_carries_the_point() {
        let key = SigningKey::generate().expect("key");
        let jwk = key.public_jwk();
        let x = URL_SAFE_NO_PAD
            .decode(jwk["x"].as_str().expect("x"))
            .expect("b64");
        assert_eq!(x.len(), 32);
        assert_eq!(jwk["kid"], key.key_id());
    }
}
