//! One upload in, one clean JPEG out. Pure and synchronous: callers run it off the async threads.
//!
//! What we protect against: a file that lies about its type (we decide by content), a decompression
//! bomb (dimensions and memory are checked before pixels are allocated), metadata such as GPS
//! positions in EXIF (never copied: we encode fresh pixels), and huge pictures (cropped to a square
//! and scaled down to `SIDE`).

use app::domain::{PICTURE_MAX_BYTES, PictureError};
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use std::io::Cursor;

/// Width and height of the stored picture, in pixels.
pub const SIDE: u32 = 512;
/// Neither side may exceed this: 4096 covers a 12-megapixel phone photo (4032 × 3024).
pub const MAX_DIMENSION: u32 = 4096;
/// The most pixels we agree to decode.
pub const MAX_PIXELS: u64 = MAX_DIMENSION as u64 * MAX_DIMENSION as u64;
/// The most memory a decoder may ask for (SEC-21): a full-size RGBA picture.
const MAX_ALLOC: u64 = 64 * 1024 * 1024;
const JPEG_QUALITY: u8 = 85;

pub fn process(upload: &[u8]) -> Result<Vec<u8>, PictureError> {
    if upload.is_empty() {
        return Err(PictureError::Missing);
    }
    if upload.len() as u64 > PICTURE_MAX_BYTES {
        return Err(PictureError::TooLarge);
    }
    let reader = ImageReader::new(Cursor::new(upload))
        .with_guessed_format()
        .map_err(|_| PictureError::Unreadable)?;
    match reader.format() {
        Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP) => {}
        _ => return Err(PictureError::NotAnImage),
    }
    let mut reader = reader;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err(PictureError::Unreadable);
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(PictureError::TooManyPixels);
    }
    let orientation = decoder.orientation().map_err(refusal)?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    img.apply_orientation(orientation);
    encode(&square(img))
}

fn refusal(e: image::ImageError) -> PictureError {
    match e {
        image::ImageError::Limits(_) => PictureError::TooManyPixels,
        image::ImageError::Unsupported(_) => PictureError::NotAnImage,
        _ => PictureError::Unreadable,
    }
}

/// The centred square, scaled down to `SIDE` (small pictures are kept at their size).
fn square(img: DynamicImage) -> RgbImage {
    let (w, h) = (img.width(), img.height());
    let side = w.min(h);
    let cropped = img.crop_imm((w - side) / 2, (h - side) / 2, side, side);
    let scaled = if side > SIDE {
        cropped.resize_exact(SIDE, SIDE, FilterType::Lanczos3)
    } else {
        cropped
    };
    flatten_on_white(&scaled)
}

/// JPEG has no transparency: transparent parts become white, as they look on our pages.
fn flatten_on_white(img: &DynamicImage) -> RgbImage {
    let rgba = img.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend =
            |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

fn encode(img: &RgbImage) -> Result<Vec<u8>, PictureError> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(img)
        .map_err(|_| PictureError::Unreadable)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgba, RgbaImage};

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = RgbaImage::from_fn(w, h, |x, y| {
            Rgba([(x % 256) as u8, (y % 256) as u8, 90, 255])
        });
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(&img, w, h, image::ExtendedColorType::Rgba8)
            .unwrap();
        out
    }

    fn decoded(jpeg: &[u8]) -> DynamicImage {
        let reader = ImageReader::new(Cursor::new(jpeg))
            .with_guessed_format()
            .unwrap();
        assert_eq!(reader.format(), Some(ImageFormat::Jpeg));
        reader.decode().unwrap()
    }

    #[test]
    fn large_pictures_become_a_capped_square() {
        let out = decoded(&process(&png(1200, 800)).unwrap());
        assert_eq!((out.width(), out.height()), (SIDE, SIDE));
    }

    #[test]
    fn small_pictures_keep_their_size() {
        let out = decoded(&process(&png(40, 64)).unwrap());
        assert_eq!((out.width(), out.height()), (40, 40));
    }

    #[test]
    fn transparency_turns_white() {
        let img = RgbaImage::from_pixel(8, 8, Rgba([0, 0, 0, 0]));
        let mut bytes = Vec::new();
        image::codecs::png::PngEncoder::new(&mut bytes)
            .write_image(&img, 8, 8, image::ExtendedColorType::Rgba8)
            .unwrap();
        let out = decoded(&process(&bytes).unwrap()).to_rgb8();
        assert!(out.pixels().all(|p| p.0.iter().all(|&c| c > 240)));
    }

    #[test]
    fn text_is_not_a_picture() {
        assert_eq!(process(b"hello, I am a PNG"), Err(PictureError::NotAnImage));
        assert_eq!(process(b""), Err(PictureError::Missing));
    }

    #[test]
    fn truncated_pictures_are_unreadable() {
        let bytes = png(64, 64);
        assert_eq!(
            process(&bytes[..bytes.len() / 2]),
            Err(PictureError::Unreadable)
        );
    }
}
