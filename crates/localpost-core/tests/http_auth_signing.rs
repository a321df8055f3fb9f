//! The signing auth schemes as a server sees them: OAuth 1.0, AWS Signature V4, Hawk, Akamai
//! EdgeGrid, JWT and ASAP, each sent through the real engine to the loopback server, whose handler
//! VERIFIES the signature with its own computation (written here, independently of the engine's
//! code) and answers 401 when it does not hold. RSA and ECDSA signatures are checked with
//! ring's public-key verification. One module per scheme.

use crate::fixture;
use crate::server;

#[path = "auth_signing/asap.rs"]
mod asap;
#[path = "auth_signing/awsv4.rs"]
mod awsv4;
#[path = "auth_signing/edgegrid.rs"]
mod edgegrid;
#[path = "auth_signing/hawk.rs"]
mod hawk;
#[path = "auth_signing/jwt.rs"]
mod jwt;
#[path = "auth_signing/oauth1.rs"]
mod oauth1;
#[path = "auth_signing/verify.rs"]
mod verify;
