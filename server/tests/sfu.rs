//! The SFU with synthetic participants, simulated time and no sockets: media each sends arrives at
//! the other, a third person is never admitted, leaving frees the room, and coming back works.

use server::sfu::peer::SyntheticPeer;
use server::sfu::{JoinError, Seat, Sfu, Transmit};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

const STEP: Duration = Duration::from_millis(5);

struct Net {
    sfu: Sfu,
    peers: Vec<SyntheticPeer>,
    start: Instant,
    now: Instant,
}

fn seat(room: &str, user: &str) -> Seat {
    Seat {
        room: room.into(),
        user: user.into(),
    }
}

fn addr(last: u8) -> SocketAddr {
    SocketAddr::from(([10, 0, 0, last], 5000))
}

impl Net {
    fn new() -> Self {
        let now = Instant::now();
        Self {
            sfu: Sfu::new(SocketAddr::from(([10, 0, 0, 1], 3478))),
            peers: Vec::new(),
            start: now,
            now,
        }
    }

    /// A participant offers, the SFU answers; the peer's index, or the SFU's refusal.
    fn join(&mut self, who: Seat, at: SocketAddr) -> Result<usize, JoinError> {
        self.join_with(who, at, SyntheticPeer::new)
    }

    /// `join`, with the offer `make` makes.
    fn join_with(
        &mut self,
        who: Seat,
        at: SocketAddr,
        make: fn(SocketAddr, Instant) -> (SyntheticPeer, String),
    ) -> Result<usize, JoinError> {
        let (mut peer, offer) = make(at, self.now);
        let answer = self.sfu.join(who, &offer, self.now)?;
        peer.accept_answer(&answer).unwrap();
        self.peers.push(peer);
        Ok(self.peers.len() - 1)
    }

    /// Runs the network for `d` of simulated time: packets delivered at once, media every 20 ms.
    fn run(&mut self, d: Duration) {
        let until = self.now + d;
        let mut last_media = self.now;
        while self.now < until {
            self.now += STEP;
            let now = self.now;
            let mut wire: Vec<Transmit> = Vec::new();
            self.sfu.timeout(now);
            for p in &mut self.peers {
                p.timeout(now, &mut wire);
            }
            if now - last_media >= Duration::from_millis(20) {
                last_media = now;
                for p in &mut self.peers {
                    p.send_media(now, now - self.start, &mut wire);
                }
            }
            // deliver until the network is quiet at this instant
            loop {
                while let Some(t) = self.sfu.poll_transmit() {
                    wire.push(t);
                }
                if wire.is_empty() {
                    break;
                }
                for t in std::mem::take(&mut wire) {
                    if t.destination == self.sfu.local_addr() {
                        self.sfu.receive(now, t.source, &t.contents);
                    } else if let Some(p) = self.peers.iter_mut().find(|p| p.addr == t.destination)
                    {
                        p.receive(now, &t, &mut wire);
                    }
                }
            }
        }
    }
}

#[test]
fn a_peer_offering_sendrecv_lines_sends_and_receives_on_them() {
    // the common shape of other stacks: one line per kind, both directions on each
    let mut net = Net::new();
    let ada = net.join(seat("booking1", "ada"), addr(2)).unwrap();
    let other = net
        .join_with(seat("booking1", "cy"), addr(3), SyntheticPeer::new_sendrecv)
        .unwrap();
    net.run(Duration::from_secs(3));
    for (who, i) in [
        ("the browser-shaped peer", ada),
        ("the sendrecv peer", other),
    ] {
        let p = &net.peers[i];
        assert!(p.is_connected(), "{who} connected");
        assert!(
            p.audio_received > 50 && p.video_received > 25,
            "{who} got {} audio and {} video frames",
            p.audio_received,
            p.video_received
        );
    }
}

#[test]
fn media_each_participant_sends_arrives_at_the_other() {
    let mut net = Net::new();
    let ada = net.join(seat("booking1", "ada"), addr(2)).unwrap();
    let cy = net.join(seat("booking1", "cy"), addr(3)).unwrap();
    net.run(Duration::from_secs(3));
    for (who, i) in [("ada", ada), ("cy", cy)] {
        let p = &net.peers[i];
        assert!(p.is_connected(), "{who} connected");
        assert!(
            p.audio_received > 50,
            "{who} got {} audio frames",
            p.audio_received
        );
        assert!(
            p.video_received > 25,
            "{who} got {} video frames",
            p.video_received
        );
    }
}

#[test]
fn a_third_person_is_never_admitted_and_rooms_are_separate() {
    let mut net = Net::new();
    net.join(seat("booking1", "ada"), addr(2)).unwrap();
    net.join(seat("booking1", "cy"), addr(3)).unwrap();
    assert_eq!(
        net.join(seat("booking1", "eve"), addr(4)),
        Err(JoinError::RoomFull)
    );
    // another booking's people meet in their own room and see nothing of the first
    let bo = net.join(seat("booking2", "bo"), addr(5)).unwrap();
    net.run(Duration::from_secs(2));
    assert_eq!(net.sfu.participants("booking1"), 2);
    assert_eq!(net.sfu.rooms(), 2);
    assert_eq!(
        net.peers[bo].video_received, 0,
        "alone in the room, Bo sees no one"
    );
    assert!(net.peers[bo].is_connected());
    assert!(
        net.sfu
            .join(seat("booking1", "x"), "not sdp", net.now)
            .is_err()
    );
}

#[test]
fn leaving_frees_the_room_and_a_rejoin_sees_video_again() {
    let mut net = Net::new();
    net.join(seat("booking1", "ada"), addr(2)).unwrap();
    net.join(seat("booking1", "cy"), addr(3)).unwrap();
    net.run(Duration::from_secs(2));

    // Cy reloads: the new connection replaces the old one and media flows both ways again
    let cy_again = net.join(seat("booking1", "cy"), addr(6)).unwrap();
    assert_eq!(net.sfu.participants("booking1"), 2);
    let ada_before = net.peers[0].video_received;
    net.run(Duration::from_secs(2));
    assert!(net.peers[cy_again].video_received > 10);
    assert!(net.peers[0].video_received > ada_before + 10);

    net.sfu.leave(&seat("booking1", "ada"));
    net.sfu.leave(&seat("booking1", "cy"));
    assert_eq!(net.sfu.participants("booking1"), 0);
    assert_eq!(net.sfu.rooms(), 0);
    net.join(seat("booking1", "eve"), addr(7)).unwrap();
    net.join(seat("booking1", "ada"), addr(8)).unwrap();
    assert_eq!(net.sfu.participants("booking1"), 2);
    net.sfu.close_room("booking1");
    assert_eq!(net.sfu.participants("booking1"), 0);
}

#[test]
fn when_one_person_leaves_everyone_elses_media_still_reaches_the_right_person() {
    let mut net = Net::new();
    let ada = net.join(seat("booking1", "ada"), addr(2)).unwrap();
    let cy = net.join(seat("booking1", "cy"), addr(3)).unwrap();
    let bo = net.join(seat("booking2", "bo"), addr(4)).unwrap();
    let di = net.join(seat("booking2", "di"), addr(5)).unwrap();
    net.run(Duration::from_secs(2));
    let seen = |net: &Net| {
        net.peers
            .iter()
            .map(|p| p.video_received)
            .collect::<Vec<_>>()
    };
    let before = seen(&net);
    assert!(before.iter().all(|&v| v > 10), "{before:?}");

    // Ada was the first to join: her going moves every other connection inside the SFU
    net.sfu.leave(&seat("booking1", "ada"));
    net.run(Duration::from_secs(2));
    let after = seen(&net);
    assert!(after[bo] > before[bo] + 20, "Bo still sees Di: {after:?}");
    assert!(after[di] > before[di] + 20, "Di still sees Bo: {after:?}");
    assert!(
        after[cy] <= before[cy] + 2,
        "Cy, alone now, sees no one: {after:?}"
    );
    assert!(
        after[ada] <= before[ada] + 2,
        "Ada, gone, gets nothing: {after:?}"
    );
}
