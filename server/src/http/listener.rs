//! The TCP listener the web server accepts on, with each connection set up for small answers.

use axum::serve::{ListenerExt, TapIo};
use tokio::net::{TcpListener, TcpStream};

/// Every accepted socket sends at once (`TCP_NODELAY`). A response written in more than one
/// piece (a static file, a streamed page) would otherwise wait ~40 ms for the client's delayed
/// ACK before its last piece goes out (Nagle's algorithm).
pub fn tuned(listener: TcpListener) -> TapIo<TcpListener, fn(&mut TcpStream)> {
    listener.tap_io(send_at_once as fn(&mut TcpStream))
}

fn send_at_once(tcp: &mut TcpStream) {
    if let Err(e) = tcp.set_nodelay(true) {
        tracing::debug!(error = %e, "TCP_NODELAY not set");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::serve::Listener;

    #[tokio::test]
    async fn accepted_sockets_send_without_delay() {
        let raw = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = raw.local_addr().unwrap();
        let mut listener = tuned(raw);
        let _client = TcpStream::connect(addr).await.unwrap();
        let (accepted, _) = listener.accept().await;
        assert!(accepted.nodelay().unwrap());
    }
}
