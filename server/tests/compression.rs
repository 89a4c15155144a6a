//! Pages and answers go compressed to browsers that accept it (brotli, else gzip), and as they
//! are to those that don't; either way the person gets the same page.

mod support;

use reqwest::header::{ACCEPT, ACCEPT_ENCODING, CONTENT_ENCODING, VARY};
use std::io::Read;
use support::{PASSWORD, TestApp};

async fn home(
    app: &TestApp,
    client: &reqwest::Client,
    encodings: Option<&str>,
) -> reqwest::Response {
    let mut request = client
        .get(app.url("/"))
        .header(ACCEPT, "text/html,application/xhtml+xml");
    if let Some(e) = encodings {
        request = request.header(ACCEPT_ENCODING, e);
    }
    let res = request.send().await.unwrap();
    assert_eq!(res.status(), 200);
    res
}

fn header(res: &reqwest::Response, name: reqwest::header::HeaderName) -> String {
    res.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_page_arrives_compressed_as_the_browser_accepts_and_reads_the_same() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.signed_up(&client, "Cy Compressed", "cy@example.com", PASSWORD)
        .await;

    let plain = home(&app, &client, None).await;
    assert_eq!(
        header(&plain, CONTENT_ENCODING),
        "",
        "nothing asked, nothing encoded"
    );
    let plain = plain.text().await.unwrap();
    assert!(plain.contains("Cy Compressed"), "{plain}");

    let br = home(&app, &client, Some("gzip, deflate, br, zstd")).await;
    assert_eq!(header(&br, CONTENT_ENCODING), "br");
    assert!(header(&br, VARY).to_lowercase().contains("accept-encoding"));
    let packed = br.bytes().await.unwrap();
    let mut page = String::new();
    brotli::Decompressor::new(&packed[..], 4096)
        .read_to_string(&mut page)
        .unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("Cy Compressed"));
    // the same page, give or take its fresh CSP nonce
    assert!(
        page.len().abs_diff(plain.len()) < 64,
        "{} vs {}",
        page.len(),
        plain.len()
    );
    assert!(
        packed.len() * 2 < page.len(),
        "{} of {}",
        packed.len(),
        page.len()
    );

    let gz = home(&app, &client, Some("gzip;q=1, br;q=0")).await;
    assert_eq!(header(&gz, CONTENT_ENCODING), "gzip");
    let packed = gz.bytes().await.unwrap();
    let mut page = String::new();
    flate2::read::GzDecoder::new(&packed[..])
        .read_to_string(&mut page)
        .unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("Cy Compressed"));
}
