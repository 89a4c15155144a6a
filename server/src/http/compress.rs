//! Pages and server-function answers compressed for browsers that accept it: brotli, else gzip.
//! The wasm, JS and CSS come precompressed from the release build (see `startup`); these are
//! made per request, so they use quick settings (brotli 4 and gzip 5 cost well under a
//! millisecond for a page and shrink it about five times).

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Response, header};
use axum::middleware::Next;
use std::io::Write;

/// Smaller answers aren't worth a header's worth of work.
const MIN_SIZE: usize = 1024;
/// A page or an answer larger than this is sent as it is (none of ours comes near it).
const MAX_SIZE: usize = 16 << 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
}

impl Encoding {
    /// What the request's `Accept-Encoding` allows, brotli first; `q=0` refuses.
    pub fn accepted(headers: &HeaderMap) -> Option<Encoding> {
        let mut gzip = false;
        for value in headers.get_all(header::ACCEPT_ENCODING) {
            for item in value.to_str().unwrap_or_default().split(',') {
                let mut parts = item.split(';').map(str::trim);
                let name = parts.next().unwrap_or_default().to_ascii_lowercase();
                let refused = parts.any(|p| {
                    p.strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                        .is_some_and(|q| q <= 0.0)
                });
                match name.as_str() {
                    "br" if !refused => return Some(Encoding::Brotli),
                    "gzip" if !refused => gzip = true,
                    _ => {}
                }
            }
        }
        gzip.then_some(Encoding::Gzip)
    }

    fn token(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
        }
    }

    pub fn compress(self, plain: &[u8]) -> std::io::Result<Vec<u8>> {
        match self {
            Encoding::Brotli => {
                let mut out = Vec::with_capacity(plain.len() / 4);
                let params = brotli::enc::BrotliEncoderParams {
                    quality: 4,
                    lgwin: 20,
                    ..Default::default()
                };
                brotli::BrotliCompress(&mut &plain[..], &mut out, &params)?;
                Ok(out)
            }
            Encoding::Gzip => {
                let mut gz = flate2::write::GzEncoder::new(
                    Vec::with_capacity(plain.len() / 4),
                    flate2::Compression::new(5),
                );
                gz.write_all(plain)?;
                gz.finish()
            }
        }
    }
}

/// HTML and JSON not already encoded: what we render. Static files are served by their own
/// service with their precompressed copies.
fn compressible(headers: &HeaderMap) -> bool {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    (kind.starts_with("text/html") || kind.starts_with("application/json"))
        && !headers.contains_key(header::CONTENT_ENCODING)
}

pub async fn apply(request: Request, next: Next) -> Response<Body> {
    let accepted = Encoding::accepted(request.headers());
    let response = next.run(request).await;
    let Some(encoding) = accepted.filter(|_| compressible(response.headers())) else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    // the body whole: our pages are rendered whole (or stream in well under a second)
    let plain: Bytes = match axum::body::to_bytes(body, MAX_SIZE).await {
        Ok(b) => b,
        Err(e) => {
            tracing::warn!(error = %e, "an answer could not be read to compress it");
            return Response::from_parts(parts, Body::empty());
        }
    };
    parts
        .headers
        .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    if plain.len() < MIN_SIZE {
        return Response::from_parts(parts, Body::from(plain));
    }
    match encoding.compress(&plain) {
        Ok(packed) => {
            parts.headers.insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(encoding.token()),
            );
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(packed))
        }
        Err(e) => {
            tracing::warn!(error = %e, "compression failed; sent as it is");
            Response::from_parts(parts, Body::from(plain))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(value: &str) -> Option<Encoding> {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        Encoding::accepted(&headers)
    }

    #[test]
    fn brotli_first_then_gzip_never_what_is_refused() {
        assert_eq!(accepting("gzip, deflate, br, zstd"), Some(Encoding::Brotli));
        assert_eq!(accepting("gzip, deflate"), Some(Encoding::Gzip));
        assert_eq!(accepting("br;q=0, gzip;q=0.5"), Some(Encoding::Gzip));
        assert_eq!(accepting("gzip;q=0"), None);
        assert_eq!(accepting("identity"), None);
        assert_eq!(Encoding::accepted(&HeaderMap::new()), None);
    }

    #[test]
    fn both_encodings_round_trip() {
        use std::io::Read;
        let page = "<p>Upcoming appointments</p>".repeat(200);
        let packed = Encoding::Brotli.compress(page.as_bytes()).unwrap();
        assert!(packed.len() < page.len() / 10);
        let mut back = String::new();
        brotli::Decompressor::new(&packed[..], 4096)
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, page);
        let packed = Encoding::Gzip.compress(page.as_bytes()).unwrap();
        let mut back = String::new();
        flate2::read::GzDecoder::new(&packed[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, page);
    }
}
