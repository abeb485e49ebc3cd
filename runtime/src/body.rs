//! Bodies that are not JSON: bytes or a stream sent as they are, and byte streams
//! received.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use futures_core::Stream;

use crate::auth::BoxError;

/// A request body sent as it is: bytes, text, a file or a stream of chunks.
///
/// Bytes and text can be sent again when a call is retried; a file or a stream is sent
/// as it is read, never held in memory, and so a call that sends one is not retried.
///
/// ```
/// use openapi_clientgen_runtime::Body;
///
/// let from_bytes = Body::from(vec![0u8, 1, 2]);
/// let from_text = Body::from("a,b\n1,2\n");
/// let chunks = vec![Ok::<_, std::io::Error>(b"he".to_vec()), Ok(b"llo".to_vec())];
/// let from_stream = Body::from_stream(futures_util::stream::iter(chunks));
/// # let _ = (from_bytes, from_text, from_stream);
/// ```
pub struct Body {
    pub(crate) kind: BodyKind,
    /// The media type the body is sent as, instead of the document's.
    pub(crate) media_type: Option<String>,
}

pub(crate) enum BodyKind {
    Bytes(Bytes),
    Stream(reqwest::Body),
}

impl Body {
    fn of(kind: BodyKind) -> Self {
        Body {
            kind,
            media_type: None,
        }
    }

    /// This body, sent as `media_type` rather than the first media type the API document
    /// lists, for an operation that takes several (`image/png` or `image/jpeg`...).
    ///
    /// ```
    /// use openapi_clientgen_runtime::Body;
    ///
    /// let photo = Body::from(vec![0xff, 0xd8, 0xff]).media_type("image/jpeg");
    /// # let _ = photo;
    /// ```
    pub fn media_type(mut self, media_type: impl Into<String>) -> Self {
        self.media_type = Some(media_type.into());
        self
    }

    /// A body read from `stream` as it is sent, chunk by chunk.
    pub fn from_stream<S, B, E>(stream: S) -> Body
    where
        S: Stream<Item = Result<B, E>> + Send + 'static,
        Bytes: From<B>,
        E: Into<BoxError>,
    {
        Body::of(BodyKind::Stream(reqwest::Body::wrap_stream(stream)))
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            BodyKind::Bytes(bytes) => write!(f, "Body({} bytes)", bytes.len()),
            BodyKind::Stream(_) => f.write_str("Body(stream)"),
        }
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Body::of(BodyKind::Bytes(bytes))
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body::of(BodyKind::Bytes(bytes.into()))
    }
}

impl From<&'static [u8]> for Body {
    fn from(bytes: &'static [u8]) -> Self {
        Body::of(BodyKind::Bytes(Bytes::from_static(bytes)))
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Body::of(BodyKind::Bytes(text.into()))
    }
}

impl From<&'static str> for Body {
    fn from(text: &'static str) -> Self {
        Body::of(BodyKind::Bytes(Bytes::from_static(text.as_bytes())))
    }
}

impl From<tokio::fs::File> for Body {
    /// The file, read as it is sent.
    fn from(file: tokio::fs::File) -> Self {
        Body::of(BodyKind::Stream(reqwest::Body::from(file)))
    }
}

/// A response body received chunk by chunk: a [`Stream`] of [`Bytes`], or collected whole
/// with [`ByteStream::collect`].
///
/// Streamed, a body of any size passes through in constant memory; collected, it is held
/// to the client's limit on response bodies.
pub struct ByteStream {
    inner: Pin<Box<dyn Stream<Item = Result<Bytes, reqwest::Error>> + Send>>,
    limit: usize,
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("limit", &self.limit)
            .finish_non_exhaustive()
    }
}

/// Why a byte stream could not be read whole.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// The body is larger than the limit; `read` holds its first part.
    #[error("the body is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: usize,
        /// The first `limit` bytes.
        read: Bytes,
    },
    /// The connection failed while the body was read; `read` holds what arrived.
    #[error("the body was cut off after {} bytes: {source}", read.len())]
    Cut {
        /// What arrived.
        read: Bytes,
        /// Why reading stopped.
        #[source]
        source: reqwest::Error,
    },
}

impl ByteStream {
    pub(crate) fn new(response: reqwest::Response, limit: usize) -> Self {
        ByteStream {
            inner: Box::pin(response.bytes_stream()),
            limit,
        }
    }

    /// The next chunk, or `None` at the end of the body.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, reqwest::Error> {
        std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx))
            .await
            .transpose()
    }

    /// The whole body, up to the client's limit on response bodies.
    pub async fn collect(mut self) -> Result<Bytes, StreamError> {
        let mut body = BytesMut::new();
        loop {
            match self.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > self.limit {
                        let room = self.limit - body.len();
                        body.extend_from_slice(&chunk[..room]);
                        return Err(StreamError::TooLarge {
                            limit: self.limit,
                            read: body.freeze(),
                        });
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok(body.freeze()),
                Err(source) => {
                    return Err(StreamError::Cut {
                        read: body.freeze(),
                        source,
                    })
                }
            }
        }
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, reqwest::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}
