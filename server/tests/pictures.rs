//! Profile pictures: only real pictures are accepted, they are re-encoded without metadata, and
//! only their owner can fetch them.

mod support;

use app::domain::{Agenda, PictureError, PictureId};
use image::{ImageEncoder, ImageFormat};
use reqwest::header::LOCATION;
use reqwest::multipart::{Form, Part};
use support::pictures::{my_picture, photo, png, upload, upload_json};
use support::{PASSWORD, TestApp};

const SECRET: &[u8] = b"GPS 64.1466N 21.9426W secret";

/// The upload route's answer to a page that asks for JSON (a plain axum route, not a server
/// function): the new picture, or why it was refused.
#[derive(serde::Deserialize)]
struct Uploaded {
    picture: PictureId,
}

#[derive(serde::Deserialize)]
struct UploadRefused {
    error: String,
}

/// Why an upload answered with JSON was refused, as the page reads it.
async fn refused_because(res: reqwest::Response) -> Option<PictureError> {
    let refused: UploadRefused = res.json().await.unwrap();
    PictureError::from_code(&refused.error)
}

/// A PNG with a text chunk holding `SECRET`, as a phone app might leave a location in.
fn png_with_metadata(w: u32, h: u32) -> Vec<u8> {
    let mut png = png(w, h);
    // insert a tEXt chunk right after IHDR (8-byte signature + 25-byte IHDR chunk)
    let mut data = b"Comment\0".to_vec();
    data.extend_from_slice(SECRET);
    let chunk = png_chunk(b"tEXt", &data);
    png.splice(33..33, chunk);
    png
}

/// A JPEG with an EXIF-style APP1 segment and a comment, both holding `SECRET`.
fn jpeg_with_metadata(w: u32, h: u32) -> Vec<u8> {
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&photo(w, h))
        .unwrap();
    let segment = |marker: u8, payload: &[u8]| {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(payload);
        s
    };
    let mut exif = b"Exif\0\0MM\0*\0\0\0\x08\0\0".to_vec();
    exif.extend_from_slice(SECRET);
    let mut inserted = segment(0xE1, &exif);
    inserted.extend(segment(0xFE, SECRET));
    jpeg.splice(2..2, inserted);
    jpeg
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    let mut crc_input = kind.to_vec();
    crc_input.extend_from_slice(data);
    chunk.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    chunk
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A few hundred bytes that claim `w`×`h` pixels: a valid PNG header over a tiny image's data.
fn decompression_bomb(w: u32, h: u32) -> Vec<u8> {
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&[0u8; 16], 4, 4, image::ExtendedColorType::L8)
        .unwrap();
    let mut ihdr = png[16..29].to_vec();
    ihdr[0..4].copy_from_slice(&w.to_be_bytes());
    ihdr[4..8].copy_from_slice(&h.to_be_bytes());
    let chunk = png_chunk(b"IHDR", &ihdr);
    png.splice(8..33, chunk);
    png
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn a_real_png_becomes_my_picture_cropped_scaled_and_without_metadata() {
    let app = TestApp::spawn().await;
    let ann = app.client();
    app.signed_up(&ann, "Ann", "ann@example.com", PASSWORD)
        .await;
    assert_eq!(my_picture(&app, &ann).await, None);

    let png = png_with_metadata(1600, 900);
    assert!(contains(&png, SECRET), "the test file carries the metadata");
    let res = upload_json(&app, &ann, png).await;
    assert_eq!(res.status(), 200);
    let body: Uploaded = res.json().await.unwrap();
    let id = body.picture.as_str().to_owned();
    assert_eq!(my_picture(&app, &ann).await.as_deref(), Some(id.as_str()));

    let res = ann
        .get(app.url(&format!("/media/pictures/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert!(
        res.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("private")
    );
    assert_eq!(res.headers()["cross-origin-resource-policy"], "same-origin");
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline")
    );
    let served = res.bytes().await.unwrap().to_vec();
    assert!(!contains(&served, SECRET), "metadata is stripped");
    let img = image::load_from_memory_with_format(&served, ImageFormat::Jpeg).unwrap();
    assert_eq!((img.width(), img.height()), (512, 512), "a capped square");

    // the header shows it on every page
    let html = app.page(&ann, "/").await.text().await.unwrap();
    assert!(html.contains(&format!("/media/pictures/{id}")));
}

#[tokio::test]
async fn a_real_jpeg_replaces_the_old_picture_and_only_its_owner_sees_it() {
    let app = TestApp::spawn().await;
    let ann = app.client();
    app.signed_up(&ann, "Ann", "ann@example.com", PASSWORD)
        .await;
    let bea = app.client();
    app.signed_up(&bea, "Bea", "bea@example.com", PASSWORD)
        .await;

    upload_json(&app, &ann, png_with_metadata(64, 64)).await;
    let first = my_picture(&app, &ann).await.unwrap();
    let res = upload(
        &app,
        &ann,
        jpeg_with_metadata(300, 400),
        "holiday.jpg",
        "image/jpeg",
        "application/json",
    )
    .await;
    assert_eq!(res.status(), 200);
    let second = my_picture(&app, &ann).await.unwrap();
    assert_ne!(first, second);

    let get = |client: &reqwest::Client, id: &str| {
        client.get(app.url(&format!("/media/pictures/{id}"))).send()
    };
    assert_eq!(
        get(&ann, &first).await.unwrap().status(),
        404,
        "old one is gone"
    );
    let mine = get(&ann, &second).await.unwrap();
    assert_eq!(mine.status(), 200);
    let served = mine.bytes().await.unwrap().to_vec();
    assert!(!contains(&served, SECRET));
    let img = image::load_from_memory(&served).unwrap();
    assert_eq!((img.width(), img.height()), (300, 300));

    // someone else, or nobody, gets the same answer as for a picture that doesn't exist
    assert_eq!(get(&bea, &second).await.unwrap().status(), 404);
    assert_eq!(get(&app.client(), &second).await.unwrap().status(), 404);
    assert_eq!(get(&ann, "nosuchpicture").await.unwrap().status(), 404);
    assert_eq!(get(&ann, "..%2F..%2Fetc").await.unwrap().status(), 404);
}

#[tokio::test]
async fn a_renamed_text_file_is_refused_by_its_content() {
    let app = TestApp::spawn().await;
    let ann = app.client();
    app.signed_up(&ann, "Ann", "ann@example.com", PASSWORD)
        .await;
    let res = upload_json(
        &app,
        &ann,
        b"#!/bin/sh\necho this is not a picture\n".to_vec(),
    )
    .await;
    assert_eq!(res.status(), 415);
    assert_eq!(refused_because(res).await, Some(PictureError::NotAnImage));
    // a picture format we don't take, named as one we do
    let res = upload_json(&app, &ann, b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec()).await;
    assert_eq!(res.status(), 415);
    assert_eq!(my_picture(&app, &ann).await, None, "nothing changed");
}

#[tokio::test]
async fn an_oversized_file_is_refused_without_javascript_too() {
    let app = TestApp::spawn().await;
    let ann = app.client();
    app.signed_up(&ann, "Ann", "ann@example.com", PASSWORD)
        .await;
    let mut big = png_with_metadata(32, 32);
    big.resize(5 * 1024 * 1024 + 1, 0);

    let res = upload_json(&app, &ann, big.clone()).await;
    assert_eq!(res.status(), 413);
    assert_eq!(refused_because(res).await, Some(PictureError::TooLarge));

    // the plain form (no wasm) goes back to the profile, which names the problem
    let res = upload(&app, &ann, big, "me.png", "image/png", "text/html").await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/profile?picture_error=too-large");
    let html = app
        .page(&ann, "/profile?picture_error=too-large")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("larger than 5 MB"));
    assert_eq!(my_picture(&app, &ann).await, None);

    // and a good one through the plain form lands with a confirmation
    let res = upload(
        &app,
        &ann,
        png_with_metadata(32, 32),
        "me.png",
        "image/png",
        "text/html",
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/profile?saved=picture");
    assert!(my_picture(&app, &ann).await.is_some());
}

#[tokio::test]
async fn decompression_bombs_are_refused_before_decoding() {
    let app = TestApp::spawn().await;
    let ann = app.client();
    app.signed_up(&ann, "Ann", "ann@example.com", PASSWORD)
        .await;
    // 3.6 gigapixels (14 GB of RGBA), and 81 megapixels within the per-side limit
    for (w, h) in [(60_000, 60_000), (9_000, 9_000)] {
        let bomb = decompression_bomb(w, h);
        assert!(bomb.len() < 1024, "a tiny file");
        let started = std::time::Instant::now();
        let res = upload_json(&app, &ann, bomb).await;
        assert_eq!(res.status(), 422, "{w}x{h}");
        assert_eq!(
            refused_because(res).await,
            Some(PictureError::TooManyPixels)
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
    assert_eq!(my_picture(&app, &ann).await, None);
}

#[tokio::test]
async fn uploads_need_a_session_and_a_same_site_request() {
    let app = TestApp::spawn().await;
    let anonymous = app.client();
    let res = upload_json(&app, &anonymous, png_with_metadata(8, 8)).await;
    assert_eq!(res.status(), 401);

    let ann = app.client();
    app.signed_up(&ann, "Ann", "ann@example.com", PASSWORD)
        .await;
    let part = Part::bytes(png_with_metadata(8, 8))
        .file_name("me.png")
        .mime_str("image/png")
        .unwrap();
    let res = ann
        .post(app.url("/profile/picture"))
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .multipart(Form::new().part("picture", part))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(my_picture(&app, &ann).await, None);
}

#[tokio::test]
async fn removing_the_picture_deletes_it() {
    let app = TestApp::spawn().await;
    let ann = app.client();
    app.signed_up(&ann, "Ann", "ann@example.com", PASSWORD)
        .await;
    upload_json(&app, &ann, png_with_metadata(64, 64)).await;
    let id = my_picture(&app, &ann).await.unwrap();
    let res = app.call(&ann, "remove_picture", &[]).await;
    assert_eq!(res.status(), 200);
    assert_eq!(my_picture(&app, &ann).await, None);
    let res = ann
        .get(app.url(&format!("/media/pictures/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(
        app.call(&app.client(), "remove_picture", &[])
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn a_professionals_picture_is_seen_by_their_clients_and_no_one_else() {
    use support::practice::{booked, professional, service};
    let app = TestApp::spawn_dated().await;
    let ada = professional(&app, "ada@example.com", "UTC").await;
    assert_eq!(
        upload_json(&app, &ada, png_with_metadata(64, 64))
            .await
            .status(),
        200
    );
    let picture = my_picture(&app, &ada).await.unwrap();
    let get = |client: &reqwest::Client| {
        client
            .get(app.url(&format!("/media/pictures/{picture}")))
            .send()
    };
    // Cy becomes the client the way the emailed link makes them one
    let cy = app.client();
    let cy_id = app
        .signed_up(&cy, "Cy", "cy@example.com", PASSWORD)
        .await
        .id;
    let bea = app.client();
    app.signed_up(&bea, "Bea", "bea@example.com", PASSWORD)
        .await;
    assert_eq!(get(&cy).await.unwrap().status(), 404, "before any booking");
    let therapy = service(&app, &ada, "50").await;
    let id = booked(
        &app,
        &ada,
        &therapy,
        "2031-06-02",
        "10:00",
        "cy@example.com",
    )
    .await;
    server::db::invites::claim(
        &app.running.db,
        &app::domain::BookingId::new(id),
        &cy_id,
        app.now(),
    )
    .await
    .unwrap();
    assert_eq!(get(&cy).await.unwrap().status(), 200, "her client sees it");
    assert_eq!(get(&bea).await.unwrap().status(), 404, "a stranger doesn't");
    let agenda: Agenda = app.answer(&cy, "my_agenda", &[]).await;
    assert_eq!(
        agenda.upcoming[0]
            .professional
            .picture
            .as_ref()
            .map(PictureId::as_str),
        Some(picture.as_str())
    );
}
