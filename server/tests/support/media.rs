//! Synthetic participants (str0m) on real loopback sockets, driven as a browser would be.

use server::sfu::Transmit;
use server::sfu::peer::SyntheticPeer;
use std::net::UdpSocket;
use std::time::{Duration, Instant};

/// Two people's synthetic peers (str0m) exchange media for `secs` through whatever SFU their
/// answers named; each peer's frames received, after.
pub fn exchange_media(peers: &mut [(SyntheticPeer, UdpSocket)], secs: u64) {
    let start = Instant::now();
    exchange_media_until(peers, || start.elapsed() >= Duration::from_secs(secs));
}

/// The same, until `done()` says so.
pub fn exchange_media_until(peers: &mut [(SyntheticPeer, UdpSocket)], done: impl Fn() -> bool) {
    let start = Instant::now();
    let mut last_media = start;
    let mut buf = vec![0u8; 2000];
    while !done() {
        let media_due = last_media.elapsed() >= Duration::from_millis(20);
        for (peer, socket) in peers.iter_mut() {
            let mut out: Vec<Transmit> = Vec::new();
            while let Ok((n, source)) = socket.recv_from(&mut buf) {
                let t = Transmit {
                    source,
                    destination: peer.addr,
                    contents: buf[..n].to_vec(),
                };
                peer.receive(Instant::now(), &t, &mut out);
            }
            peer.timeout(Instant::now(), &mut out);
            if media_due {
                peer.send_media(Instant::now(), start.elapsed(), &mut out);
            }
            for t in out {
                let _ = socket.send_to(&t.contents, t.destination);
            }
        }
        if media_due {
            last_media = Instant::now();
        }
    }
}
