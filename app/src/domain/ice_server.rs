//! How a browser reaches the SFU when a firewall stands between them: the relays (TURN servers)
//! it may send its media through, with credentials that expire.

use serde::{Deserialize, Serialize};

/// One entry of the browser's `RTCConfiguration.iceServers`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IceServer {
    /// `turn:host:port?transport=udp`, `turn:…?transport=tcp`, `turns:host:port?transport=tcp`.
    pub urls: Vec<String>,
    /// The TURN REST-API user name: `<expiry in Unix seconds>:<user id>`.
    pub username: String,
    /// Base64 of HMAC-SHA1(shared secret, user name): the relay checks it without asking us.
    pub credential: String,
}
