//! A real relay for the tests: coturn's turnserver on loopback, started by `.ci/turnserver` (as
//! the browser tests start theirs), and its own client, turnutils_uclient, to prove that a
//! credential we issue gets an allocation and relays packets.

use super::process::free_port;
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct TurnServer {
    child: Child,
    dir: PathBuf,
    pub port: u16,
    pub tls_port: u16,
}

/// One way to reach the relay.
#[derive(Clone, Copy, Debug)]
pub enum Transport {
    Udp,
    Tcp,
    Tls,
}

impl TurnServer {
    /// Starts a relay that trusts credentials signed with `secret`; waits until it listens.
    pub fn start(secret: &str) -> Self {
        let (port, tls_port) = (free_port(false), free_port(false));
        let dir = std::env::temp_dir().join(format!("tandem-turn-{}-{port}", std::process::id()));
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../.ci/turnserver");
        let child = Command::new("bash")
            .arg(script)
            .arg(&dir)
            .arg(port.to_string())
            .arg(tls_port.to_string())
            .env("TANDEM_TURN_SECRET", secret)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("bash runs .ci/turnserver (coturn: `bash .ci/setup --test` installs it)");
        let server = Self {
            child,
            dir,
            port,
            tls_port,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while [port, tls_port]
            .iter()
            .any(|p| TcpStream::connect(("127.0.0.1", *p)).is_err())
        {
            assert!(
                Instant::now() < deadline,
                "turnserver did not listen on {port} and {tls_port} within 20 s (is coturn installed?)"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// The URLs a browser is given for this relay, UDP, TCP and TLS.
    pub fn urls(&self) -> Vec<String> {
        vec![
            format!("turn:127.0.0.1:{}?transport=udp", self.port),
            format!("turn:127.0.0.1:{}?transport=tcp", self.port),
            format!("turns:127.0.0.1:{}?transport=tcp", self.tls_port),
        ]
    }

    /// Whether the relay gives `username`/`credential` an allocation over `transport` and relays
    /// a few packets through it (turnutils_uclient, in its client-to-client mode, to itself).
    pub fn relays_for(&self, username: &str, credential: &str, transport: Transport) -> bool {
        // never a hang: a refused allocation ends it at once, a relay that doesn't answer in 30 s
        let mut cmd = Command::new("timeout");
        cmd.args(["30", "turnutils_uclient"]);
        let port = match transport {
            Transport::Udp => self.port,
            Transport::Tcp => {
                cmd.arg("-t");
                self.port
            }
            Transport::Tls => {
                cmd.arg("-S");
                self.tls_port
            }
        };
        let out = cmd
            .args([
                "-y", "-n", "2", "-m", "1", "-l", "100", "-u", username, "-w", credential,
            ])
            .args(["-p", &port.to_string(), "127.0.0.1"])
            .output()
            .expect("turnutils_uclient runs (it comes with coturn)");
        let log = String::from_utf8_lossy(&out.stdout);
        out.status.success() && log.contains("Total lost packets 0")
    }
}

impl Drop for TurnServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
