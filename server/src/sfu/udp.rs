//! The SFU's I/O: one thread owns the UDP socket and the `Sfu`, and takes commands (join, leave,
//! close a room) from the web side over a channel.

use super::{JoinError, Seat, Sfu};
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// The longest a command waits for the loop to look at its channel.
const MAX_WAIT: Duration = Duration::from_millis(20);

enum Command {
    Join {
        seat: Seat,
        offer: String,
        reply: oneshot::Sender<Result<String, JoinError>>,
    },
    Leave(Seat),
    CloseRoom(String),
    /// Answered as soon as the loop looks: it is running.
    Ping(oneshot::Sender<()>),
}

/// Datagrams through the SFU's socket since it started, and who is in it now: what a benchmark
/// or the metrics page reads.
#[derive(Debug, Default)]
pub struct Traffic {
    pub received: AtomicU64,
    pub sent: AtomicU64,
    /// Rooms with someone in them, and the people in them.
    pub rooms: AtomicU64,
    pub participants: AtomicU64,
}

/// How the web side talks to the SFU thread. Cheap to clone.
#[derive(Clone)]
pub struct SfuHandle {
    commands: mpsc::Sender<Command>,
    /// Where browsers send media.
    pub addr: SocketAddr,
    pub traffic: Arc<Traffic>,
}

#[derive(Debug, thiserror::Error)]
pub enum SfuError {
    #[error(transparent)]
    Join(#[from] JoinError),
    #[error("the SFU has stopped")]
    Stopped,
}

impl SfuHandle {
    pub async fn join(&self, seat: Seat, offer: String) -> Result<String, SfuError> {
        let (reply, answer) = oneshot::channel();
        self.commands
            .send(Command::Join { seat, offer, reply })
            .map_err(|_| SfuError::Stopped)?;
        Ok(answer.await.map_err(|_| SfuError::Stopped)??)
    }

    pub fn leave(&self, seat: Seat) {
        let _ = self.commands.send(Command::Leave(seat));
    }

    pub fn close_room(&self, room: &str) {
        let _ = self.commands.send(Command::CloseRoom(room.to_owned()));
    }

    /// Whether the SFU's loop answers within `wait` (its socket is bound once it exists).
    pub async fn alive(&self, wait: Duration) -> bool {
        let (reply, answer) = oneshot::channel();
        if self.commands.send(Command::Ping(reply)).is_err() {
            return false;
        }
        matches!(tokio::time::timeout(wait, answer).await, Ok(Ok(())))
    }
}

/// Binds `bind` and starts the loop on its own thread. `advertise` is the address put in answers
/// (the bind address unless the server sits behind a translated one); the port is the bound one.
/// The thread ends when every handle is gone.
pub fn spawn(bind: SocketAddr, advertise: Option<IpAddr>) -> std::io::Result<SfuHandle> {
    let socket = UdpSocket::bind(bind)?;
    let bound = socket.local_addr()?;
    let addr = SocketAddr::new(advertise.unwrap_or(bound.ip()), bound.port());
    let (commands, inbox) = mpsc::channel();
    let traffic = Arc::new(Traffic::default());
    let counted = traffic.clone();
    std::thread::Builder::new()
        .name("sfu".into())
        .spawn(move || run(socket, Sfu::new(addr), inbox, &counted))?;
    tracing::info!(%addr, "SFU listening");
    Ok(SfuHandle {
        commands,
        addr,
        traffic,
    })
}

fn run(socket: UdpSocket, mut sfu: Sfu, inbox: mpsc::Receiver<Command>, traffic: &Traffic) {
    let mut buf = vec![0u8; 2000];
    // the socket's read timeout as last set: changing it is a system call, and under load the
    // wait is the same millisecond packet after packet
    let mut read_timeout = None;
    // the people in it at the last count: the gauges are set again only when that changes
    let mut seated = usize::MAX;
    loop {
        loop {
            match inbox.try_recv() {
                Ok(command) => handle(&mut sfu, command),
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => return,
            }
        }
        let mut sent = 0;
        while let Some(t) = sfu.poll_transmit() {
            match socket.send_to(&t.contents, t.destination) {
                Ok(_) => sent += 1,
                Err(e) => tracing::debug!(error = %e, "send failed"),
            }
        }
        traffic.sent.fetch_add(sent, Ordering::Relaxed);
        let now = Instant::now();
        let wait = sfu
            .next_timeout()
            .map(|t| t.saturating_duration_since(now))
            .unwrap_or(MAX_WAIT)
            .clamp(Duration::from_millis(1), MAX_WAIT);
        let wait = Duration::from_millis(wait.as_millis() as u64);
        if read_timeout != Some(wait) && socket.set_read_timeout(Some(wait)).is_ok() {
            read_timeout = Some(wait);
        }
        match socket.recv_from(&mut buf) {
            Ok((n, source)) => {
                traffic.received.fetch_add(1, Ordering::Relaxed);
                sfu.receive(Instant::now(), source, &buf[..n]);
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(e) => tracing::debug!(error = %e, "receive failed"),
        }
        let now = Instant::now();
        if sfu.next_timeout().is_some_and(|t| t <= now) {
            sfu.timeout(now);
        }
        if sfu.seated() != seated {
            seated = sfu.seated();
            traffic.participants.store(seated as u64, Ordering::Relaxed);
            traffic.rooms.store(sfu.rooms() as u64, Ordering::Relaxed);
        }
    }
}

fn handle(sfu: &mut Sfu, command: Command) {
    let now = Instant::now();
    match command {
        Command::Join { seat, offer, reply } => {
            let result = sfu.join(seat, &offer, now);
            let _ = reply.send(result);
        }
        Command::Leave(seat) => sfu.leave(&seat),
        Command::CloseRoom(room) => sfu.close_room(&room),
        Command::Ping(reply) => {
            let _ = reply.send(());
        }
    }
}
