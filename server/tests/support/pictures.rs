//! Profile pictures as a page uploads them (multipart to `/profile/picture`), and test images.

use super::TestApp;
use app::domain::CurrentUser;
use image::{ImageEncoder, Rgb, RgbImage};
use reqwest::header::ACCEPT;
use reqwest::multipart::{Form, Part};

pub async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    bytes: Vec<u8>,
    file_name: &str,
    mime: &str,
    accept: &str,
) -> reqwest::Response {
    let part = Part::bytes(bytes)
        .file_name(file_name.to_owned())
        .mime_str(mime)
        .unwrap();
    client
        .post(app.url("/profile/picture"))
        .header("origin", &app.base)
        .header(ACCEPT, accept)
        .multipart(Form::new().part("picture", part))
        .send()
        .await
        .unwrap()
}

pub async fn upload_json(
    app: &TestApp,
    client: &reqwest::Client,
    bytes: Vec<u8>,
) -> reqwest::Response {
    upload(
        app,
        client,
        bytes,
        "me.png",
        "image/png",
        "application/json",
    )
    .await
}

/// The signed-in person's picture id, if they have one.
pub async fn my_picture(app: &TestApp, client: &reqwest::Client) -> Option<String> {
    let me: Option<CurrentUser> = app.answer(client, "current_user", &[]).await;
    me.expect("signed in")
        .picture
        .map(|p| p.as_str().to_owned())
}

/// A `w`×`h` picture with some detail in it.
pub fn photo(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        Rgb([
            (x * 255 / w) as u8,
            (y * 255 / h) as u8,
            ((x + y) % 256) as u8,
        ])
    })
}

/// `photo(w, h)` as a PNG file.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&photo(w, h), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    png
}
