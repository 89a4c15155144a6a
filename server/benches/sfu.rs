//! The SFU benchmark: N concurrent 1:1 sessions of synthetic media through our SFU on loopback,
//! and the same traffic through a bare UDP relay in the same run, as the baseline.
//!
//!     cargo bench -p server --bench sfu [-- --seconds 5 --runs 3 --sessions 1,10,50,100]
//!
//! Each session is two str0m peers (`SyntheticPeer`), each sending a 20 ms audio frame 50 times
//! a second and a ~1 KB video frame 25 times a second. All peers run on one thread of their own;
//! the SFU runs on its own thread exactly as in the server (`sfu::udp`), so the SFU's figures are
//! its thread's alone. The relay gets datagrams of the same sizes at the same rates from plain
//! sockets and sends each one on to the sender's partner: no ICE, DTLS, SRTP or RTP at all.
//!
//! Printed per N: datagrams forwarded per second, CPU seconds per million forwarded datagrams
//! (the forwarding thread's user + system time from /proc), and media lost end to end.

use server::sfu::peer::SyntheticPeer;
use server::sfu::{Seat, Transmit};
use std::collections::HashMap;
use std::net::{SocketAddr, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// The allocator the server binary ships with (`server/src/main.rs`), so the SFU is measured as
/// it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const FRAME: Duration = Duration::from_millis(20);
/// Peers send in this many groups spread over a frame, as people's browsers do, rather than all
/// at the same instant (a burst no socket buffer takes).
const SLOTS: u32 = 10;
/// What the peers' datagrams weigh once in SRTP (audio, video), for the relay's clients.
const AUDIO_BYTES: usize = 120;
const VIDEO_BYTES: usize = 1_060;

struct Figures {
    forwarded_per_sec: f64,
    cpu_secs_per_million: f64,
    loss: f64,
    note: String,
}

impl Figures {
    /// Each figure's median over the runs, and every different note.
    fn median(runs: Vec<Figures>) -> Figures {
        let mid = |f: fn(&Figures) -> f64| {
            let mut v: Vec<f64> = runs.iter().map(f).collect();
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        Figures {
            forwarded_per_sec: mid(|f| f.forwarded_per_sec),
            cpu_secs_per_million: mid(|f| f.cpu_secs_per_million),
            loss: mid(|f| f.loss),
            note: {
                let mut notes: Vec<String> = runs.iter().map(|f| f.note.clone()).collect();
                notes.sort();
                notes.dedup();
                notes.join("; ")
            },
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let seconds: u64 = arg("--seconds").and_then(|s| s.parse().ok()).unwrap_or(5);
    let runs: usize = arg("--runs")
        .and_then(|s| s.parse().ok())
        .unwrap_or(3)
        .max(1);
    let sessions: Vec<usize> = arg("--sessions")
        .unwrap_or_else(|| "1,10,50,100".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let window = Duration::from_secs(seconds);
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "SFU benchmark: {cores} cores; medians of {runs} runs of {seconds} s; a session is 2 \
         peers, each sending 50 audio + 25 video frames/s"
    );
    println!(
        "{:>8}  {:<6} {:>14} {:>16} {:>9}  note",
        "sessions", "path", "forwarded/s", "CPU s/M dgrams", "loss"
    );
    for &n in &sessions {
        let (mut relays, mut sfus) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            relays.push(relay_run(n, window));
            sfus.push(sfu_run(n, window));
        }
        let (relay, sfu) = (Figures::median(relays), Figures::median(sfus));
        for (path, f) in [("relay", &relay), ("sfu", &sfu)] {
            println!(
                "{n:>8}  {path:<6} {:>14.0} {:>16.2} {:>8.2}%  {}",
                f.forwarded_per_sec,
                f.cpu_secs_per_million,
                f.loss * 100.0,
                f.note
            );
        }
        println!(
            "{:>8}  {:<6} SFU CPU per datagram = {:.1}x the relay's; throughput {:.2}x",
            "",
            "ratio",
            sfu.cpu_secs_per_million / relay.cpu_secs_per_million.max(f64::EPSILON),
            sfu.forwarded_per_sec / relay.forwarded_per_sec.max(f64::EPSILON),
        );
    }
}

/// CPU seconds used so far by this process's threads named `name`, by thread id: from
/// schedstat (nanoseconds), else from stat (user + system, in 10 ms ticks).
fn thread_cpu(name: &str) -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return out;
    };
    for task in tasks.flatten() {
        let dir = task.path();
        let comm = std::fs::read_to_string(dir.join("comm")).unwrap_or_default();
        if comm.trim() != name {
            continue;
        }
        let Ok(tid) = task.file_name().to_string_lossy().parse() else {
            continue;
        };
        let nanos = std::fs::read_to_string(dir.join("schedstat"))
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok());
        let secs = nanos.map(|n| n / 1e9).or_else(|| {
            let stat = std::fs::read_to_string(dir.join("stat")).ok()?;
            // after the ")" that closes the name: state is the 1st field, utime the 12th
            let rest = stat.rsplit_once(')')?.1;
            let fields: Vec<f64> = rest
                .split_whitespace()
                .map(|f| f.parse().unwrap_or(0.0))
                .collect();
            Some((fields.get(11)? + fields.get(12)?) / 100.0)
        });
        if let Some(secs) = secs {
            out.insert(tid, secs);
        }
    }
    out
}

fn cpu_since(name: &str, before: &HashMap<u32, f64>) -> f64 {
    thread_cpu(name)
        .iter()
        .map(|(tid, now)| now - before.get(tid).copied().unwrap_or(0.0))
        .sum()
}

fn per_million(cpu: f64, datagrams: u64) -> f64 {
    cpu / (datagrams.max(1) as f64 / 1e6)
}

// ---------------------------------------------------------------------------------------------
// Through the SFU

struct Participant {
    peer: SyntheticPeer,
    socket: UdpSocket,
}

fn sfu_run(sessions: usize, window: Duration) -> Figures {
    let handle = server::sfu::udp::spawn("127.0.0.1:0".parse().unwrap(), None).expect("SFU");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut participants = Vec::new();
    for room in 0..sessions {
        for user in ["professional", "client"] {
            let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
            socket.set_nonblocking(true).unwrap();
            let (mut peer, offer) =
                SyntheticPeer::new(socket.local_addr().unwrap(), Instant::now());
            let seat = Seat {
                room: format!("room-{room}"),
                user: user.into(),
            };
            let answer = runtime
                .block_on(handle.join(seat, offer))
                .expect("the SFU answers");
            peer.accept_answer(&answer).expect("a usable answer");
            participants.push(Participant { peer, socket });
        }
    }
    let stop = Arc::new(AtomicBool::new(false));
    let sending = Arc::new(AtomicBool::new(true));
    let driver = {
        let (stop, sending) = (stop.clone(), sending.clone());
        thread::Builder::new()
            .name("peers".into())
            .spawn(move || drive_peers(participants, &stop, &sending))
            .unwrap()
    };
    // every peer connected (ICE and DTLS done), or as many as manage within 30 s
    let connected = wait_connected(sessions * 2);
    thread::sleep(Duration::from_millis(500));
    // nothing in flight when counting starts: a pause, then the counts, then media again
    sending.store(false, Ordering::Relaxed);
    thread::sleep(Duration::from_millis(300));
    let media0 = MEDIA.snapshot();
    sending.store(true, Ordering::Relaxed);

    let (sent0, received0) = (handle.traffic.sent.load(Ordering::Relaxed), Instant::now());
    let cpu0 = thread_cpu("sfu");
    thread::sleep(window);
    let cpu = cpu_since("sfu", &cpu0);
    let forwarded = handle.traffic.sent.load(Ordering::Relaxed) - sent0;
    let elapsed = received0.elapsed().as_secs_f64();
    // stop sending, let what is in flight arrive, then count
    sending.store(false, Ordering::Relaxed);
    thread::sleep(Duration::from_millis(300));
    let media = MEDIA.snapshot();
    stop.store(true, Ordering::Relaxed);
    driver.join().unwrap();
    let sent = media.0 - media0.0;
    let received = media.1 - media0.1;
    Figures {
        forwarded_per_sec: forwarded as f64 / elapsed,
        cpu_secs_per_million: per_million(cpu, forwarded),
        loss: 1.0 - received as f64 / sent.max(1) as f64,
        note: format!("{connected}/{} peers connected", sessions * 2),
    }
}

/// Media frames sent and received by all peers: written by the peers' thread, read by main.
struct MediaCount {
    sent: AtomicU64,
    received: AtomicU64,
    connected: AtomicU64,
}

static MEDIA: MediaCount = MediaCount {
    sent: AtomicU64::new(0),
    received: AtomicU64::new(0),
    connected: AtomicU64::new(0),
};

impl MediaCount {
    fn snapshot(&self) -> (u64, u64) {
        (
            self.sent.load(Ordering::Relaxed),
            self.received.load(Ordering::Relaxed),
        )
    }
}

fn wait_connected(peers: usize) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let n = MEDIA.connected.load(Ordering::Relaxed);
        if n as usize >= peers || Instant::now() > deadline {
            return n;
        }
        thread::sleep(Duration::from_millis(20));
    }
}

fn drive_peers(mut all: Vec<Participant>, stop: &AtomicBool, sending: &AtomicBool) {
    let start = Instant::now();
    let mut next_slot = start;
    let mut slot = 0u32;
    let mut buf = vec![0u8; 2000];
    let mut out: Vec<Transmit> = Vec::new();
    let (base_sent, base_received) = MEDIA.snapshot();
    while !stop.load(Ordering::Relaxed) {
        let mut idle = true;
        for p in all.iter_mut() {
            while let Ok((n, source)) = p.socket.recv_from(&mut buf) {
                idle = false;
                let t = Transmit {
                    source,
                    destination: p.peer.addr,
                    contents: buf[..n].to_vec(),
                };
                p.peer.receive(Instant::now(), &t, &mut out);
                flush(&p.socket, &mut out);
            }
            let now = Instant::now();
            if p.peer.next_timeout.is_some_and(|t| t <= now) {
                p.peer.timeout(now, &mut out);
                flush(&p.socket, &mut out);
            }
        }
        let now = Instant::now();
        if now >= next_slot {
            next_slot += FRAME / SLOTS;
            slot = (slot + 1) % SLOTS;
            let mine = all
                .iter_mut()
                .enumerate()
                .filter(|(i, _)| *i as u32 % SLOTS == slot);
            for (_, p) in mine.filter(|_| sending.load(Ordering::Relaxed)) {
                p.peer.send_media(now, now - start, &mut out);
                flush(&p.socket, &mut out);
            }
            if slot == 0 {
                let (mut sent, mut received, mut connected) = (0, 0, 0);
                for p in &all {
                    sent += p.peer.frames_sent();
                    received += p.peer.frames_received();
                    connected += u64::from(p.peer.is_connected());
                }
                MEDIA.sent.store(base_sent + sent, Ordering::Relaxed);
                MEDIA
                    .received
                    .store(base_received + received, Ordering::Relaxed);
                MEDIA.connected.store(connected, Ordering::Relaxed);
            }
        }
        if idle {
            thread::sleep(Duration::from_micros(200));
        }
    }
    // the counters carry on from here in the next run
    let (mut sent, mut received) = (0, 0);
    for p in &all {
        sent += p.peer.frames_sent();
        received += p.peer.frames_received();
    }
    MEDIA.sent.store(base_sent + sent, Ordering::Relaxed);
    MEDIA
        .received
        .store(base_received + received, Ordering::Relaxed);
    MEDIA.connected.store(0, Ordering::Relaxed);
}

fn flush(socket: &UdpSocket, out: &mut Vec<Transmit>) {
    for t in out.drain(..) {
        let _ = socket.send_to(&t.contents, t.destination);
    }
}

// ---------------------------------------------------------------------------------------------
// Through a bare UDP relay: the floor for moving the same datagrams through one socket

fn relay_run(sessions: usize, window: Duration) -> Figures {
    let relay = UdpSocket::bind("127.0.0.1:0").unwrap();
    relay
        .set_read_timeout(Some(Duration::from_millis(20)))
        .unwrap();
    let relay_addr = relay.local_addr().unwrap();
    let clients: Vec<UdpSocket> = (0..sessions * 2)
        .map(|_| {
            let s = UdpSocket::bind("127.0.0.1:0").unwrap();
            s.set_nonblocking(true).unwrap();
            s
        })
        .collect();
    // each client's partner: 0 with 1, 2 with 3, ...
    let mut partner: HashMap<SocketAddr, SocketAddr> = HashMap::new();
    for pair in clients.chunks(2) {
        let (a, b) = (pair[0].local_addr().unwrap(), pair[1].local_addr().unwrap());
        partner.insert(a, b);
        partner.insert(b, a);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let forwarded = Arc::new(AtomicU64::new(0));
    let relay_thread = {
        let (stop, forwarded) = (stop.clone(), forwarded.clone());
        thread::Builder::new()
            .name("relay".into())
            .spawn(move || {
                let mut buf = vec![0u8; 2000];
                while !stop.load(Ordering::Relaxed) {
                    if let Ok((n, source)) = relay.recv_from(&mut buf)
                        && let Some(to) = partner.get(&source)
                        && relay.send_to(&buf[..n], to).is_ok()
                    {
                        forwarded.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
            .unwrap()
    };
    let sending = Arc::new(AtomicBool::new(true));
    let counts = Arc::new((AtomicU64::new(0), AtomicU64::new(0)));
    let driver = {
        let (stop, sending, counts) = (stop.clone(), sending.clone(), counts.clone());
        thread::Builder::new()
            .name("peers".into())
            .spawn(move || {
                let mut next_slot = Instant::now();
                let mut slot = 0u32;
                // frames sent by each client
                let mut frames = vec![0u64; clients.len()];
                let mut buf = vec![0u8; 2000];
                let (audio, video) = (vec![0xfc; AUDIO_BYTES], vec![0x9d; VIDEO_BYTES]);
                while !stop.load(Ordering::Relaxed) {
                    let mut idle = true;
                    for c in &clients {
                        while c.recv_from(&mut buf).is_ok() {
                            idle = false;
                            counts.1.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    if Instant::now() >= next_slot {
                        next_slot += FRAME / SLOTS;
                        slot = (slot + 1) % SLOTS;
                        let mine = clients.iter().zip(frames.iter_mut()).enumerate();
                        for (_, (c, frame)) in mine
                            .filter(|(i, _)| *i as u32 % SLOTS == slot)
                            .filter(|_| sending.load(Ordering::Relaxed))
                        {
                            *frame += 1;
                            let mut sent = u64::from(c.send_to(&audio, relay_addr).is_ok());
                            if frame.is_multiple_of(2) {
                                sent += u64::from(c.send_to(&video, relay_addr).is_ok());
                            }
                            counts.0.fetch_add(sent, Ordering::Relaxed);
                        }
                    }
                    if idle {
                        thread::sleep(Duration::from_micros(200));
                    }
                }
            })
            .unwrap()
    };
    thread::sleep(Duration::from_millis(500));
    sending.store(false, Ordering::Relaxed);
    thread::sleep(Duration::from_millis(300));
    let (sent0, received0) = (
        counts.0.load(Ordering::Relaxed),
        counts.1.load(Ordering::Relaxed),
    );
    sending.store(true, Ordering::Relaxed);
    let forwarded0 = forwarded.load(Ordering::Relaxed);
    let cpu0 = thread_cpu("relay");
    let started = Instant::now();
    thread::sleep(window);
    let cpu = cpu_since("relay", &cpu0);
    let elapsed = started.elapsed().as_secs_f64();
    let moved = forwarded.load(Ordering::Relaxed) - forwarded0;
    sending.store(false, Ordering::Relaxed);
    thread::sleep(Duration::from_millis(300));
    let sent = counts.0.load(Ordering::Relaxed) - sent0;
    let received = counts.1.load(Ordering::Relaxed) - received0;
    stop.store(true, Ordering::Relaxed);
    driver.join().unwrap();
    relay_thread.join().unwrap();
    Figures {
        forwarded_per_sec: moved as f64 / elapsed,
        cpu_secs_per_million: per_million(cpu, moved),
        loss: 1.0 - received as f64 / sent.max(1) as f64,
        note: String::new(),
    }
}
