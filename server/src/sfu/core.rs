//! The SFU without I/O: every participant's `Rtc`, the rooms they are in, and the forwarding of
//! media between the two people of a room. Time and packets come in as arguments and packets go
//! out through `poll_transmit`, so tests drive it with simulated time and no sockets.
//!
//! Signalling is glare-free by design: a browser offers once, with its own camera and microphone
//! (send) and a slot for each of the other person's (receive). The SFU answers and never offers,
//! so nothing is renegotiated when the other person arrives, leaves or comes back.

use std::collections::{HashMap, VecDeque};
use std::mem::take;
use std::net::SocketAddr;
use std::time::Instant;
use str0m::change::SdpOffer;
use str0m::media::{Direction, KeyframeRequestKind, MediaData, MediaKind, Mid};
use str0m::net::{Protocol, Receive};
use str0m::{Candidate, Event, IceConnectionState, Input, Output, Rtc};

/// Two people meet in a room: the booking's client and professional.
pub const ROOM_CAPACITY: usize = 2;

/// Who takes part, and where: a booking and one of its two participants.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Seat {
    pub room: String,
    pub user: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum JoinError {
    #[error("the room is full")]
    RoomFull,
    #[error("the offer can't be used: {0}")]
    BadOffer(String),
}

/// A datagram to send.
#[derive(Debug)]
pub struct Transmit {
    pub source: SocketAddr,
    pub destination: SocketAddr,
    pub contents: Vec<u8>,
}

struct Peer {
    seat: Seat,
    rtc: Rtc,
    /// What the browser sends us (its camera and microphone).
    incoming: Vec<(Mid, MediaKind)>,
    /// Where we send the other person's media to this browser.
    outgoing: Vec<(Mid, MediaKind)>,
    next_timeout: Option<Instant>,
}

impl Peer {
    fn mid(list: &[(Mid, MediaKind)], kind: MediaKind) -> Option<Mid> {
        list.iter().find(|(_, k)| *k == kind).map(|(m, _)| *m)
    }
}

/// What a drained `Rtc` asks of the others.
enum Work {
    Forward {
        from: usize,
        data: Box<MediaData>,
    },
    /// A keyframe from whoever sends video to `to`'s room, for `to`.
    Keyframe {
        to: usize,
    },
}

pub struct Sfu {
    /// The socket address browsers reach us at (our one host candidate).
    local: SocketAddr,
    peers: Vec<Peer>,
    /// Which peer the last datagram from an address went to: most packets skip the search.
    /// Cleared whenever a peer goes, since that moves the others.
    routes: HashMap<SocketAddr, usize>,
    out: VecDeque<Transmit>,
    /// Scratch lists for `drain`, kept between packets so a packet allocates none.
    dirty: Vec<usize>,
    work: Vec<Work>,
}

impl Sfu {
    pub fn new(local: SocketAddr) -> Self {
        // once per process; later calls keep the first
        str0m::crypto::from_feature_flags().install_process_default();
        Self {
            local,
            peers: Vec::new(),
            routes: HashMap::new(),
            out: VecDeque::new(),
            dirty: Vec::new(),
            work: Vec::new(),
        }
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    /// Admits the seat with the browser's offer and returns the answer. The same person joining
    /// again (a reload, a new device) replaces their earlier connection.
    pub fn join(&mut self, seat: Seat, offer_sdp: &str, now: Instant) -> Result<String, JoinError> {
        self.leave(&seat);
        if self.participants(&seat.room) >= ROOM_CAPACITY {
            return Err(JoinError::RoomFull);
        }
        let offer =
            SdpOffer::from_sdp_string(offer_sdp).map_err(|e| JoinError::BadOffer(e.to_string()))?;
        let mut rtc = Rtc::builder()
            .clear_codecs()
            .enable_vp8(true)
            .enable_opus(true, false)
            .build(now);
        let candidate = Candidate::host(self.local, "udp")
            .map_err(|e| JoinError::BadOffer(format!("local candidate: {e}")))?;
        rtc.add_local_candidate(candidate);
        let answer = rtc
            .sdp_api()
            .accept_offer(offer)
            .map_err(|e| JoinError::BadOffer(e.to_string()))?;
        self.peers.push(Peer {
            seat,
            rtc,
            incoming: Vec::new(),
            outgoing: Vec::new(),
            next_timeout: None,
        });
        self.dirty.push(self.peers.len() - 1);
        self.drain();
        Ok(answer.to_sdp_string())
    }

    /// Takes the seat's connection down; the room goes when its last person has left.
    pub fn leave(&mut self, seat: &Seat) {
        let before = self.peers.len();
        for (i, p) in self.peers.iter_mut().enumerate() {
            if &p.seat == seat {
                p.rtc.disconnect();
                self.dirty.push(i);
            }
        }
        self.drain();
        self.peers.retain(|p| &p.seat != seat);
        if self.peers.len() != before {
            self.routes.clear();
            tracing::info!(room = seat.room, "participant left");
        }
    }

    /// Everyone out of the room (the booking was cancelled).
    pub fn close_room(&mut self, room: &str) {
        let seats: Vec<Seat> = self
            .peers
            .iter()
            .filter(|p| p.seat.room == room)
            .map(|p| p.seat.clone())
            .collect();
        for seat in seats {
            self.leave(&seat);
        }
    }

    pub fn participants(&self, room: &str) -> usize {
        self.peers.iter().filter(|p| p.seat.room == room).count()
    }

    /// Everyone connected, in every room.
    pub fn seated(&self) -> usize {
        self.peers.len()
    }

    pub fn rooms(&self) -> usize {
        let mut rooms: Vec<&str> = self.peers.iter().map(|p| p.seat.room.as_str()).collect();
        rooms.sort_unstable();
        rooms.dedup();
        rooms.len()
    }

    /// A datagram from `source`. False when no participant takes it (a stray or late packet).
    pub fn receive(&mut self, now: Instant, source: SocketAddr, contents: &[u8]) -> bool {
        let Ok(contents) = contents.try_into() else {
            return false;
        };
        let input = Input::Receive(
            now,
            Receive {
                proto: Protocol::Udp,
                source,
                destination: self.local,
                contents,
            },
        );
        let known = self
            .routes
            .get(&source)
            .copied()
            .filter(|&i| self.peers.get(i).is_some_and(|p| p.rtc.accepts(&input)));
        let Some(i) = known.or_else(|| self.peers.iter().position(|p| p.rtc.accepts(&input)))
        else {
            return false;
        };
        if known.is_none() {
            self.routes.insert(source, i);
        }
        if let Err(e) = self.peers[i].rtc.handle_input(input) {
            tracing::debug!(error = %e, "packet refused");
        }
        self.dirty.push(i);
        self.drain();
        true
    }

    /// Time has moved on: retransmissions, keep-alives, timeouts.
    pub fn timeout(&mut self, now: Instant) {
        for (i, p) in self.peers.iter_mut().enumerate() {
            if p.next_timeout.is_none_or(|t| t <= now) {
                if let Err(e) = p.rtc.handle_input(Input::Timeout(now)) {
                    tracing::debug!(error = %e, "timeout refused");
                }
                self.dirty.push(i);
            }
        }
        self.drain();
    }

    pub fn poll_transmit(&mut self) -> Option<Transmit> {
        self.out.pop_front()
    }

    /// When `timeout` should next be called.
    pub fn next_timeout(&self) -> Option<Instant> {
        self.peers.iter().filter_map(|p| p.next_timeout).min()
    }

    /// str0m's rule: after every change to an `Rtc`, poll it until it has nothing more to say.
    /// `self.dirty` are the peers just changed; forwarding writes into others, which are drained
    /// in turn, until every one is quiet. Only those are polled, so a packet costs the same with
    /// two people connected or two hundred.
    fn drain(&mut self) {
        let (mut dirty, mut work) = (take(&mut self.dirty), take(&mut self.work));
        let mut closed = false;
        while !dirty.is_empty() {
            dirty.sort_unstable();
            dirty.dedup();
            for i in dirty.drain(..) {
                if let Some(p) = self.peers.get_mut(i) {
                    drain_one(i, p, &mut self.out, &mut work);
                    closed |= !p.rtc.is_alive();
                }
            }
            for w in work.drain(..) {
                self.apply(w, &mut dirty);
            }
        }
        (self.dirty, self.work) = (dirty, work);
        // a closed connection is gone: its seat is free again
        if closed {
            self.peers.retain(|p| p.rtc.is_alive());
            self.routes.clear();
        }
    }

    /// Does what a drained peer asked, and notes the peers that changed.
    fn apply(&mut self, work: Work, dirty: &mut Vec<usize>) {
        match work {
            Work::Forward { from, data } => {
                let Some(sender) = self.peers.get(from) else {
                    return;
                };
                let Some(kind) = sender
                    .incoming
                    .iter()
                    .find(|(m, _)| *m == data.mid)
                    .map(|(_, k)| *k)
                else {
                    return;
                };
                let room = sender.seat.room.clone();
                for (i, p) in self.peers.iter_mut().enumerate() {
                    if i == from || p.seat.room != room {
                        continue;
                    }
                    let Some(mid) = Peer::mid(&p.outgoing, kind) else {
                        continue;
                    };
                    let Some(writer) = p.rtc.writer(mid) else {
                        continue;
                    };
                    // a codec the receiver didn't agree to is dropped, not sent
                    let Some(pt) = writer.match_params(data.params) else {
                        continue;
                    };
                    if let Err(e) =
                        writer.write(pt, data.network_time, data.time, data.data.clone())
                    {
                        tracing::debug!(error = %e, "forward failed");
                    }
                    dirty.push(i);
                }
            }
            Work::Keyframe { to } => {
                let Some(room) = self.peers.get(to).map(|p| p.seat.room.clone()) else {
                    return;
                };
                for (i, p) in self.peers.iter_mut().enumerate() {
                    if i == to || p.seat.room != room {
                        continue;
                    }
                    let Some(mid) = Peer::mid(&p.incoming, MediaKind::Video) else {
                        continue;
                    };
                    if let Some(mut writer) = p.rtc.writer(mid) {
                        let _ = writer.request_keyframe(None, KeyframeRequestKind::Pli);
                        dirty.push(i);
                    }
                }
            }
        }
    }
}

fn drain_one(i: usize, p: &mut Peer, out: &mut VecDeque<Transmit>, work: &mut Vec<Work>) {
    loop {
        let output = match p.rtc.poll_output() {
            Ok(o) => o,
            Err(e) => {
                tracing::debug!(error = %e, "connection failed");
                p.rtc.disconnect();
                p.next_timeout = None;
                return;
            }
        };
        match output {
            Output::Timeout(t) => {
                p.next_timeout = Some(t);
                return;
            }
            Output::Transmit(t) => out.push_back(Transmit {
                source: t.source,
                destination: t.destination,
                contents: t.contents.into(),
            }),
            Output::Event(event) => match event {
                Event::MediaAdded(m) => {
                    match m.direction {
                        // the browser sends on it
                        Direction::RecvOnly => p.incoming.push((m.mid, m.kind)),
                        // the browser receives on it: the other person's media goes here
                        Direction::SendOnly => {
                            p.outgoing.push((m.mid, m.kind));
                            if m.kind == MediaKind::Video {
                                work.push(Work::Keyframe { to: i });
                            }
                        }
                        // both ways on one line (what most stacks other than ours offer): it
                        // brings their media and takes the other person's
                        Direction::SendRecv => {
                            p.incoming.push((m.mid, m.kind));
                            p.outgoing.push((m.mid, m.kind));
                            if m.kind == MediaKind::Video {
                                work.push(Work::Keyframe { to: i });
                            }
                        }
                        Direction::Inactive => {}
                    }
                }
                Event::MediaData(data) => work.push(Work::Forward {
                    from: i,
                    data: Box::new(data),
                }),
                Event::KeyframeRequest(_) => work.push(Work::Keyframe { to: i }),
                Event::IceConnectionStateChange(IceConnectionState::Connected) => {
                    // whoever is already there sends a fresh picture at once
                    work.push(Work::Keyframe { to: i });
                }
                Event::IceConnectionStateChange(IceConnectionState::Disconnected) => {
                    p.rtc.disconnect();
                }
                _ => {}
            },
        }
    }
}
