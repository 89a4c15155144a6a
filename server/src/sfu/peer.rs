//! A synthetic participant made with str0m: it offers what a browser offers (its camera and
//! microphone to send, a slot for each of the other person's to receive), sends made-up audio
//! and VP8 frames, and counts what arrives. Tests and the benchmark use it in place of Chromium.

use std::net::SocketAddr;
use std::time::{Duration, Instant};
use str0m::change::{SdpAnswer, SdpPendingOffer};
use str0m::media::{Direction, Frequency, MediaKind, MediaTime, Mid};
use str0m::net::{Protocol, Receive};
use str0m::{Candidate, Event, IceConnectionState, Input, Output, Rtc};

use super::Transmit;

pub struct SyntheticPeer {
    pub addr: SocketAddr,
    rtc: Rtc,
    pending: Option<SdpPendingOffer>,
    send_audio: Mid,
    send_video: Mid,
    recv: Vec<Mid>,
    connected: bool,
    frames: u64,
    /// Media frames received, by kind.
    pub audio_received: u64,
    pub video_received: u64,
    pub next_timeout: Option<Instant>,
}

/// A VP8 keyframe header (640×480) followed by filler: enough for every hop to carry it as video.
fn vp8_frame(n: u64) -> Vec<u8> {
    let mut f = vec![0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01];
    f.extend(std::iter::repeat_n((n % 251) as u8, 1000));
    f
}

impl SyntheticPeer {
    /// A participant at `addr`, and the offer it sends to the SFU: the browser's shape, a line
    /// to send each of audio and video and one to receive each.
    pub fn new(addr: SocketAddr, now: Instant) -> (Self, String) {
        Self::offering(addr, now, false)
    }

    /// The common shape other stacks offer (aiortc, mobile SDKs, simple browser code): one
    /// `sendrecv` line for audio and one for video, each carrying both directions.
    pub fn new_sendrecv(addr: SocketAddr, now: Instant) -> (Self, String) {
        Self::offering(addr, now, true)
    }

    fn offering(addr: SocketAddr, now: Instant, sendrecv: bool) -> (Self, String) {
        str0m::crypto::from_feature_flags().install_process_default();
        let mut rtc = Rtc::builder()
            .clear_codecs()
            .enable_vp8(true)
            .enable_opus(true, false)
            .build(now);
        if let Ok(c) = Candidate::host(addr, "udp") {
            rtc.add_local_candidate(c);
        }
        let mut change = rtc.sdp_api();
        let (send_audio, send_video, recv) = if sendrecv {
            let audio = change.add_media(MediaKind::Audio, Direction::SendRecv, None, None, None);
            let video = change.add_media(MediaKind::Video, Direction::SendRecv, None, None, None);
            (audio, video, vec![audio, video])
        } else {
            let send_audio =
                change.add_media(MediaKind::Audio, Direction::SendOnly, None, None, None);
            let send_video =
                change.add_media(MediaKind::Video, Direction::SendOnly, None, None, None);
            let recv = vec![
                change.add_media(MediaKind::Audio, Direction::RecvOnly, None, None, None),
                change.add_media(MediaKind::Video, Direction::RecvOnly, None, None, None),
            ];
            (send_audio, send_video, recv)
        };
        let (offer, pending) = change.apply().expect("an offer with media");
        let peer = Self {
            addr,
            rtc,
            pending: Some(pending),
            send_audio,
            send_video,
            recv,
            connected: false,
            frames: 0,
            audio_received: 0,
            video_received: 0,
            next_timeout: None,
        };
        (peer, offer.to_sdp_string())
    }

    pub fn accept_answer(&mut self, answer: &str) -> Result<(), String> {
        let answer = SdpAnswer::from_sdp_string(answer).map_err(|e| e.to_string())?;
        let pending = self.pending.take().ok_or("no offer pending")?;
        self.rtc
            .sdp_api()
            .accept_answer(pending, answer)
            .map_err(|e| e.to_string())?;
        self.drain(&mut Vec::new());
        Ok(())
    }

    pub fn is_connected(&self) -> bool {
        self.connected
    }

    /// Media frames sent so far: audio and video together.
    pub fn frames_sent(&self) -> u64 {
        self.frames + self.frames / 2
    }

    /// Media frames received so far: audio and video together.
    pub fn frames_received(&self) -> u64 {
        self.audio_received + self.video_received
    }

    pub fn receive(&mut self, now: Instant, t: &Transmit, out: &mut Vec<Transmit>) {
        let Ok(contents) = t.contents.as_slice().try_into() else {
            return;
        };
        let input = Input::Receive(
            now,
            Receive {
                proto: Protocol::Udp,
                source: t.source,
                destination: t.destination,
                contents,
            },
        );
        if self.rtc.accepts(&input) {
            let _ = self.rtc.handle_input(input);
            self.drain(out);
        }
    }

    pub fn timeout(&mut self, now: Instant, out: &mut Vec<Transmit>) {
        let _ = self.rtc.handle_input(Input::Timeout(now));
        self.drain(out);
    }

    /// One 20 ms audio frame, and a video frame every other call (25 fps), once connected.
    pub fn send_media(&mut self, now: Instant, since_start: Duration, out: &mut Vec<Transmit>) {
        if !self.connected {
            return;
        }
        self.frames += 1;
        let mut sends = vec![(self.send_audio, vec![0xfc; 80], Frequency::FORTY_EIGHT_KHZ)];
        if self.frames.is_multiple_of(2) {
            sends.push((
                self.send_video,
                vp8_frame(self.frames),
                Frequency::NINETY_KHZ,
            ));
        }
        let elapsed = MediaTime::from_micros(since_start.as_micros() as u64);
        for (mid, data, rate) in sends {
            let Some(writer) = self.rtc.writer(mid) else {
                continue;
            };
            let Some(pt) = writer.payload_params().next().map(|p| p.pt()) else {
                continue;
            };
            let _ = writer.write(pt, now, elapsed.rebase(rate), data);
        }
        self.drain(out);
    }

    fn drain(&mut self, out: &mut Vec<Transmit>) {
        loop {
            match self.rtc.poll_output() {
                Ok(Output::Timeout(t)) => {
                    self.next_timeout = Some(t);
                    return;
                }
                Ok(Output::Transmit(t)) => out.push(Transmit {
                    source: t.source,
                    destination: t.destination,
                    contents: t.contents.to_vec(),
                }),
                Ok(Output::Event(e)) => match e {
                    Event::IceConnectionStateChange(IceConnectionState::Connected) => {}
                    Event::Connected => self.connected = true,
                    Event::MediaData(d) if self.recv.contains(&d.mid) => {
                        if d.mid == self.recv[0] {
                            self.audio_received += 1;
                        } else {
                            self.video_received += 1;
                        }
                    }
                    _ => {}
                },
                Err(_) => {
                    self.next_timeout = None;
                    return;
                }
            }
        }
    }
}
