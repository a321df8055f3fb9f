//! Reading a response body: counting the raw bytes, decoding `Content-Encoding`, and saving a
//! large body to a file instead of holding it in memory.
//!
//! reqwest's own decompression is off (it would hide `Content-Encoding` and `Content-Length`
//! from the headers shown to the user), so decoding happens here: `gzip`/`x-gzip`, `deflate`
//! (zlib), `br` and `zstd`, several in a row as listed. A body with any other coding is kept
//! as received.

use std::io;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};

use async_compression::tokio::bufread::{BrotliDecoder, GzipDecoder, ZlibDecoder, ZstdDecoder};
use bytes::Bytes;
use futures_core::Stream;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio_util::io::StreamReader;

use super::error::lower_first;
use super::{Content, HttpError, Options, Payload, Result};

/// Read buffer size; also the unit in which memory use may exceed the spill threshold.
const CHUNK: usize = 64 * 1024;

type Reader = Box<dyn AsyncRead + Send + Unpin>;

/// Counts bytes off the wire and turns transport errors into `io::Error`s that keep them.
struct Counted {
    inner: Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>,
    raw: Arc<AtomicU64>,
}

impl Stream for Counted {
    type Item = io::Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match self.inner.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                self.raw.fetch_add(chunk.len() as u64, Ordering::Relaxed);
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(io::Error::other(e)))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// The codings in `Content-Encoding`, in the order applied; `None` if one is unknown.
fn codings(response: &reqwest::Response) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for value in response
        .headers()
        .get_all(reqwest::header::CONTENT_ENCODING)
    {
        for coding in value.to_str().ok()?.split(',') {
            let coding = coding.trim().to_ascii_lowercase();
            match coding.as_str() {
                "" | "identity" => {}
                "gzip" | "x-gzip" | "deflate" | "br" | "zstd" => out.push(coding),
                _ => return None,
            }
        }
    }
    Some(out)
}

/// Reads the whole body of the response `head` describes; returns it and the number of bytes
/// received before decoding. `options.watch` sees each decoded chunk as it comes.
/// `on_error` turns a transport failure into the engine's error.
pub(crate) async fn read(
    response: reqwest::Response,
    head: &super::Response,
    options: &Options,
    on_error: impl Fn(reqwest::Error) -> HttpError,
) -> Result<(Payload, u64)> {
    let codings = codings(&response).unwrap_or_default();
    let mut watcher = options.watch.as_ref().and_then(|w| w.0.start(head));
    let raw = Arc::new(AtomicU64::new(0));
    let counted = Counted {
        inner: Box::pin(response.bytes_stream()),
        raw: Arc::clone(&raw),
    };
    let mut wire = StreamReader::new(counted);
    // No body at all (HEAD, 204, 304) is no body, whatever Content-Encoding says: a decoder
    // would call it truncated.
    let is_empty = match wire.fill_buf().await {
        Ok(buf) => buf.is_empty(),
        Err(e) => return Err(read_error(e, &codings, &on_error)),
    };
    if is_empty {
        return Ok((Payload::from_bytes(&[], 0), 0));
    }
    let mut reader: Reader = Box::new(wire);
    for coding in codings.iter().rev() {
        let input = BufReader::new(reader);
        reader = match coding.as_str() {
            "gzip" | "x-gzip" => {
                let mut d = GzipDecoder::new(input);
                d.multiple_members(true);
                Box::new(d)
            }
            "deflate" => Box::new(ZlibDecoder::new(input)),
            "br" => Box::new(BrotliDecoder::new(input)),
            _ => Box::new(ZstdDecoder::new(input)),
        };
    }

    let mut sink = Sink::new(options);
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = match reader.read(&mut buf).await {
            Ok(n) => n,
            Err(e) => return Err(read_error(e, &codings, &on_error)),
        };
        if n == 0 {
            break;
        }
        if let Some(watcher) = watcher.as_mut() {
            watcher(&buf[..n]);
        }
        sink.write(&buf[..n]).await?;
    }
    let payload = sink.finish().await?;
    Ok((payload, raw.load(Ordering::Relaxed)))
}

/// A failed read: the transport's error if it came from the connection, else the decoder's.
fn read_error(
    e: io::Error,
    codings: &[String],
    on_error: &impl Fn(reqwest::Error) -> HttpError,
) -> HttpError {
    match e.into_inner() {
        Some(inner) => match inner.downcast::<reqwest::Error>() {
            Ok(transport) => on_error(*transport),
            Err(other) => decode_error(codings, &other.to_string()),
        },
        None => decode_error(codings, "the data is corrupt"),
    }
}

fn decode_error(codings: &[String], reason: &str) -> HttpError {
    HttpError::Decode {
        encoding: codings.join(", "),
        reason: lower_first(reason),
    }
}

/// Holds a body in memory up to the spill threshold, then moves it to a temporary file.
struct Sink<'a> {
    options: &'a Options,
    memory: Vec<u8>,
    file: Option<(tokio::fs::File, tempfile::TempPath)>,
    size: u64,
}

impl<'a> Sink<'a> {
    fn new(options: &'a Options) -> Self {
        Sink {
            options,
            memory: Vec::new(),
            file: None,
            size: 0,
        }
    }

    fn file_error(&self, e: &io::Error) -> HttpError {
        HttpError::BodyFile {
            dir: self.options.body_dir.clone(),
            reason: super::error::io_reason(e),
        }
    }

    async fn write(&mut self, data: &[u8]) -> Result<()> {
        self.size += data.len() as u64;
        if self.file.is_none() && (self.memory.len() + data.len()) as u64 > self.options.spill_at {
            self.spill().await?;
        }
        match &mut self.file {
            Some((file, _)) => match file.write_all(data).await {
                Ok(()) => Ok(()),
                Err(e) => Err(self.file_error(&e)),
            },
            None => {
                self.memory.extend_from_slice(data);
                Ok(())
            }
        }
    }

    /// Moves what is held to a new temporary file, keeping only the head in memory.
    async fn spill(&mut self) -> Result<()> {
        let dir = &self.options.body_dir;
        let created = std::fs::create_dir_all(dir)
            .and_then(|()| tempfile::Builder::new().prefix("body-").tempfile_in(dir));
        let (file, path) = created.map_err(|e| self.file_error(&e))?.into_parts();
        let mut file = tokio::fs::File::from_std(file);
        if let Err(e) = file.write_all(&self.memory).await {
            return Err(self.file_error(&e));
        }
        self.memory.truncate(self.options.head_size);
        self.memory.shrink_to_fit();
        self.file = Some((file, path));
        Ok(())
    }

    async fn finish(mut self) -> Result<Payload> {
        let Some((mut file, path)) = self.file.take() else {
            return Ok(Payload::from_bytes(&self.memory, usize::MAX));
        };
        if let Err(e) = file.flush().await {
            return Err(self.file_error(&e));
        }
        let kept: PathBuf = path.keep().map_err(|e| self.file_error(&e.error))?;
        Ok(Payload {
            content: Content::from_bytes(&self.memory, true),
            size: self.size,
            is_truncated: true,
            file: Some(kept.to_string_lossy().into_owned()),
        })
    }
}
