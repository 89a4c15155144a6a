//! Joining a booking's video room through the server: the room admits only the booking's two people,
//! only while it is open, never once cancelled; and media really crosses the SFU's UDP socket.

mod support;

use app::api::{ApiError, Refusal};
use app::domain::{Service, WaitingClient, Whereabouts};
use chrono::Duration;
use server::sfu::peer::SyntheticPeer;
use std::net::UdpSocket;
use std::sync::Arc;
use std::time::Instant;
use support::practice::{ada_books_cy, app_with_mail, booked_at, start_in};
use support::smtp::SmtpServer;
use support::{ShiftedClock, TestApp};

struct Session {
    app: TestApp,
    clock: Arc<ShiftedClock>,
    pro: reqwest::Client,
    cy: reqwest::Client,
    id: String,
    _smtp: SmtpServer,
}

/// A session that starts in five minutes (inside the 10-minute window), and Cy's account.
async fn session_soon() -> Session {
    let smtp = SmtpServer::start();
    let clock = Arc::new(ShiftedClock::default());
    let app = app_with_mail(&smtp, clock.clone()).await;
    let start = start_in(&app, Duration::minutes(4));
    let booked = ada_books_cy(&app, &smtp, start).await;
    let (pro, cy, _therapy, id) = (
        booked.ada.browser,
        booked.cy.browser,
        booked.therapy,
        booked.id,
    );
    Session {
        app,
        clock,
        pro,
        cy,
        id,
        _smtp: smtp,
    }
}

/// A participant on a real loopback socket, its offer, and the answer or refusal status.
async fn offer(
    app: &TestApp,
    client: &reqwest::Client,
    id: &str,
) -> (SyntheticPeer, UdpSocket, reqwest::Response) {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let (peer, sdp) = SyntheticPeer::new(socket.local_addr().unwrap(), Instant::now());
    let res = app
        .call(client, "join_room", &[("id", id), ("offer", &sdp)])
        .await;
    (peer, socket, res)
}

/// A refused answer's error, as the page reads it.
async fn refusal(res: reqwest::Response) -> ApiError {
    res.json().await.unwrap()
}

/// A session page's heartbeat: `here` is where its person is.
async fn heartbeat(
    app: &TestApp,
    client: &reqwest::Client,
    id: &str,
    here: &str,
) -> reqwest::Response {
    app.call(client, "room_heartbeat", &[("id", id), ("here", here)])
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_participants_join_and_each_receives_the_others_media_over_udp() {
    let s = session_soon().await;
    let mut peers = Vec::new();
    for client in [&s.pro, &s.cy] {
        let (mut peer, socket, res) = offer(&s.app, client, &s.id).await;
        assert_eq!(res.status(), 200);
        let answer: String = res.json().await.unwrap();
        assert!(
            answer.contains(&s.app.running.sfu_addr.port().to_string()),
            "{answer}"
        );
        peer.accept_answer(&answer).unwrap();
        socket
            .set_read_timeout(Some(std::time::Duration::from_millis(2)))
            .unwrap();
        peers.push((peer, socket));
    }
    // three seconds of real time on real sockets, the peers driven from a blocking thread
    let peers = tokio::task::spawn_blocking(move || {
        support::media::exchange_media(&mut peers, 3);
        peers
    })
    .await
    .unwrap();
    for (who, (peer, _)) in ["professional", "client"].iter().zip(&peers) {
        assert!(peer.is_connected(), "{who} connected");
        assert!(
            peer.video_received > 20,
            "{who} got {} video frames",
            peer.video_received
        );
        assert!(
            peer.audio_received > 40,
            "{who} got {} audio frames",
            peer.audio_received
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_network_check_connects_to_the_sfu_in_a_room_of_its_own() {
    let s = session_soon().await;
    // Cy's page checks the network while Ada is already in the room
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let (mut check, sdp) = SyntheticPeer::new(socket.local_addr().unwrap(), Instant::now());
    let res = s
        .app
        .call(
            &s.cy,
            "join_room",
            &[("id", &s.id), ("offer", &sdp), ("check", "network")],
        )
        .await;
    assert_eq!(res.status(), 200);
    check
        .accept_answer(&res.json::<String>().await.unwrap())
        .unwrap();
    socket
        .set_read_timeout(Some(std::time::Duration::from_millis(2)))
        .unwrap();
    let (mut ada, ada_socket, res) = offer(&s.app, &s.pro, &s.id).await;
    ada.accept_answer(&res.json::<String>().await.unwrap())
        .unwrap();
    ada_socket
        .set_read_timeout(Some(std::time::Duration::from_millis(2)))
        .unwrap();
    let mut peers = vec![(check, socket), (ada, ada_socket)];
    let peers = tokio::task::spawn_blocking(move || {
        support::media::exchange_media(&mut peers, 2);
        peers
    })
    .await
    .unwrap();
    let (check, ada) = (&peers[0].0, &peers[1].0);
    assert!(
        check.is_connected(),
        "the check's connection reached the SFU"
    );
    assert_eq!(
        (check.frames_received(), ada.frames_received()),
        (0, 0),
        "a check carries nobody's media, and nobody gets its"
    );
    // the room still has Cy's seat
    let (_, _, res) = offer(&s.app, &s.cy, &s.id).await;
    assert_eq!(res.status(), 200);

    // only the booking's people may check through its room's SFU
    let eve = s.app.client();
    s.app
        .sign_up(&eve, "Eve", "eve@example.com", support::PASSWORD)
        .await;
    let res = s
        .app
        .call(
            &eve,
            "join_room",
            &[("id", &s.id), ("offer", &sdp), ("check", "network")],
        )
        .await;
    assert_eq!(res.status(), 404);
    let res = s
        .app
        .call(
            &s.app.client(),
            "join_room",
            &[("id", &s.id), ("offer", &sdp), ("check", "network")],
        )
        .await;
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn strangers_early_late_and_cancelled_are_refused_with_a_reason() {
    let s = session_soon().await;
    // someone who isn't in the booking: the same answer as for no booking
    let eve = s.app.client();
    s.app
        .sign_up(&eve, "Eve", "eve@example.com", support::PASSWORD)
        .await;
    let (_, _, res) = offer(&s.app, &eve, &s.id).await;
    assert_eq!(res.status(), 404);
    let (_, _, res) = offer(&s.app, &s.app.client(), &s.id).await;
    assert_eq!(res.status(), 401);
    // a bad offer is a bad request, not a crash
    let res = s
        .app
        .call(&s.cy, "join_room", &[("id", &s.id), ("offer", "hello")])
        .await;
    assert_eq!(res.status(), 400);

    // another booking two days away: not open yet
    let services: Vec<Service> = s.app.answer(&s.pro, "my_services", &[]).await;
    let therapy = services[0].id.as_str().to_owned();
    let later = start_in(&s.app, Duration::days(2));
    let later_id = booked_at(&s.app, &s.pro, &therapy, later, "cy@example.com").await;
    let (_, _, res) = offer(&s.app, &s.cy, &later_id).await;
    assert_eq!(res.status(), 409);
    assert_eq!(refusal(res).await, ApiError::Refused(Refusal::RoomNotOpen));

    // cancelled: refused
    assert_eq!(
        s.app
            .call(&s.pro, "cancel_booking", &[("id", &later_id)])
            .await
            .status(),
        200
    );
    s.clock.advance(Duration::days(2) - Duration::minutes(30));
    let cy = s.app.client();
    s.app.log_in(&cy, "cy@example.com", support::PASSWORD).await;
    let (_, _, res) = offer(&s.app, &cy, &later_id).await;
    assert_eq!(refusal(res).await, ApiError::Refused(Refusal::Closed));

    // the first booking, an hour after its end: the room has closed
    let (_, _, res) = offer(&s.app, &cy, &s.id).await;
    assert_eq!(res.status(), 409);
    assert_eq!(refusal(res).await, ApiError::Refused(Refusal::RoomOver));
}

#[tokio::test]
async fn a_participant_who_comes_back_takes_their_own_seat_and_only_participants_leave() {
    let s = session_soon().await;
    for client in [&s.pro, &s.cy, &s.cy] {
        let (_, _, res) = offer(&s.app, client, &s.id).await;
        assert_eq!(
            res.status(),
            200,
            "joining again replaces the earlier connection"
        );
    }
    // leaving is allowed to the participants only
    let eve = s.app.client();
    s.app
        .sign_up(&eve, "Eve", "eve@example.com", support::PASSWORD)
        .await;
    assert_eq!(
        s.app
            .call(&eve, "leave_room", &[("id", &s.id)])
            .await
            .status(),
        404
    );
    assert_eq!(
        s.app
            .call(&s.cy, "leave_room", &[("id", &s.id)])
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn each_side_sees_where_the_other_is_until_they_go_quiet_or_leave() {
    let s = session_soon().await;
    let beat = |client: &reqwest::Client, here: &'static str| {
        let (app, id, client) = (&s.app, s.id.clone(), client.clone());
        async move {
            let res = heartbeat(app, &client, &id, here).await;
            assert_eq!(res.status(), 200);
            res.json::<String>().await.unwrap()
        }
    };
    assert_eq!(beat(&s.pro, "checking").await, "Away");
    // the client has checked camera and microphone: the professional's page says so
    assert_eq!(beat(&s.cy, "ready").await, "Checking");
    assert_eq!(beat(&s.pro, "ready").await, "Ready");
    // joining puts one in the room
    let (_, _, res) = offer(&s.app, &s.cy, &s.id).await;
    assert_eq!(res.status(), 200);
    assert_eq!(beat(&s.pro, "ready").await, "InRoom");
    // a page that stops saying where it is (closed, offline) soon counts as away
    s.clock
        .advance(Duration::seconds(app::domain::PRESENCE_TTL_SECS));
    assert_eq!(beat(&s.pro, "in_room").await, "Away");
    assert_eq!(beat(&s.cy, "in_room").await, "InRoom");
    // leaving is seen at once
    s.app.call(&s.cy, "leave_room", &[("id", &s.id)]).await;
    assert_eq!(beat(&s.pro, "in_room").await, "Away");

    // strangers learn nothing; nonsense is refused
    let eve = s.app.client();
    s.app
        .sign_up(&eve, "Eve", "eve@example.com", support::PASSWORD)
        .await;
    let res = heartbeat(&s.app, &eve, &s.id, "ready").await;
    assert_eq!(res.status(), 404);
    let res = heartbeat(&s.app, &s.cy, &s.id, "lobby").await;
    assert_eq!(res.status(), 400);
    // once the room has closed, the page is told so
    s.clock.advance(Duration::hours(3));
    let cy = s.app.client();
    s.app.log_in(&cy, "cy@example.com", support::PASSWORD).await;
    let res = heartbeat(&s.app, &cy, &s.id, "ready").await;
    assert_eq!(res.status(), 409);
    assert_eq!(refusal(res).await, ApiError::Refused(Refusal::RoomOver));
}

#[tokio::test]
async fn offers_from_one_address_are_rate_limited() {
    let s = session_soon().await;
    let burst = server::startup::SIGNAL_RATE.burst;
    for _ in 0..burst {
        let res = s
            .app
            .call(&s.cy, "join_room", &[("id", &s.id), ("offer", "x")])
            .await;
        assert_eq!(res.status(), 400);
    }
    let res = s
        .app
        .call(&s.cy, "join_room", &[("id", &s.id), ("offer", "x")])
        .await;
    assert_eq!(res.status(), 429);
}

#[tokio::test]
async fn the_in_call_heartbeat_keeps_a_long_session_logged_in() {
    let s = session_soon().await;
    // past the 30-minute idle limit, as long as the call keeps beating
    for _ in 0..5 {
        s.clock.advance(Duration::minutes(10));
        let res = heartbeat(&s.app, &s.cy, &s.id, "in_room").await;
        assert_eq!(res.status(), 200);
    }
    // and a page that stops beating is logged out like any other
    s.clock.advance(Duration::minutes(31));
    let res = heartbeat(&s.app, &s.cy, &s.id, "in_room").await;
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn the_professionals_home_lists_clients_waiting_until_the_professional_is_in() {
    let s = session_soon().await;
    let waiting = |client: &reqwest::Client| {
        let (app, client) = (&s.app, client.clone());
        async move {
            app.answer::<Vec<WaitingClient>>(&client, "waiting_clients", &[])
                .await
        }
    };
    assert_eq!(waiting(&s.pro).await, []);
    // checking the camera isn't waiting yet; ready is
    heartbeat(&s.app, &s.cy, &s.id, "checking").await;
    assert_eq!(waiting(&s.pro).await, []);
    heartbeat(&s.app, &s.cy, &s.id, "ready").await;
    let list = waiting(&s.pro).await;
    assert_eq!(list[0].booking.as_str(), s.id);
    assert_eq!(list[0].name.as_str(), "Cy Client");
    assert_eq!(list[0].whereabouts, Whereabouts::Ready);
    // once the professional is in the room, nobody is waiting for them
    heartbeat(&s.app, &s.pro, &s.id, "in_room").await;
    assert_eq!(waiting(&s.pro).await, []);
    // the list is the professional's alone
    let res = s.app.call(&s.cy, "waiting_clients", &[]).await;
    assert_eq!(res.status(), 403);
}
