//! Sending one request: options, credentials, hooks, retries and tracing, then the
//! response read as the caller asks.

use std::time::{Instant, SystemTime};

use reqwest::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::auth::{redact_url, redacted, AuthError};
use crate::body::BodyKind;
use crate::error::{error_chain, Error, ErrorBody, Failure, RawResponse};
use crate::options::Attempt;
use crate::request::{merge_cookies, request_url, Request};
use crate::response::{read_body, status_error, Received, ResponseValue};
use crate::retry::{asked_wait, is_idempotent, random_fraction, random_u64};

impl Request<'_> {
    /// Sends the request; a success body is text (invalid UTF-8 is replaced by U+FFFD).
    pub async fn send_text<E: ErrorBody>(self) -> Result<ResponseValue<String>, Error<E>> {
        self.send_received().await?.text().await
    }

    /// Sends the request; a success body is a [`ByteStream`](crate::ByteStream), read as
    /// the caller consumes it. An error status's body is read whole, as for every call.
    pub async fn send_stream<E: ErrorBody>(
        self,
    ) -> Result<ResponseValue<crate::ByteStream>, Error<E>> {
        Ok(self.send_received().await?.bytes())
    }

    /// Sends the request; a success body is a stream of server-sent events whose data is
    /// JSON, decoded as `T`.
    pub async fn send_events<T: DeserializeOwned, E: ErrorBody>(
        mut self,
    ) -> Result<ResponseValue<crate::EventStream<T>>, Error<E>> {
        self.accept("text/event-stream");
        Ok(self.send_received().await?.events())
    }

    /// Sends the request; a success body is a stream of server-sent events whose data is
    /// text.
    pub async fn send_text_events<E: ErrorBody>(
        mut self,
    ) -> Result<ResponseValue<crate::EventStream<String>>, Error<E>> {
        self.accept("text/event-stream");
        Ok(self.send_received().await?.text_events())
    }

    /// Sends the request and decodes a JSON success body.
    pub async fn send_json<T: DeserializeOwned, E: ErrorBody>(
        self,
    ) -> Result<ResponseValue<T>, Error<E>> {
        self.send_received().await?.json().await
    }

    /// Sends the request; the success body, if any, is not decoded.
    pub async fn send_empty<E: ErrorBody>(self) -> Result<ResponseValue<()>, Error<E>> {
        let response = self
            .send_received()
            .await?
            .read()
            .await
            .map_err(Failure::widen)?;
        Ok(ResponseValue::new(response.status, response.headers, ()))
    }

    /// Sends the request; a success response is returned before its body is read, to be
    /// read as its `Content-Type` tells (see [`Received`]). An error status's body is read
    /// whole and decoded as `E`.
    pub async fn send_received<E: ErrorBody>(self) -> Result<Received, Error<E>> {
        match self.send_unread().await.map_err(Failure::widen)? {
            Ok(received) => Ok(received),
            Err(response) => Err(status_error(response)),
        }
    }

    /// Sends the request: a success response before its body is read, or an error
    /// status's response read whole. Not generic, so compiled once for every operation.
    async fn send_unread(self) -> Result<Result<Received, RawResponse>, Failure> {
        let limit = self.core.max_response_bytes();
        let (response, secret_query) = self.execute().await?;
        if response.status().is_success() {
            return Ok(Ok(Received {
                response,
                limit,
                secret_query,
            }));
        }
        read_body(response, limit, &secret_query).await.map(Err)
    }

    /// Sends the request, retrying as the client's [`RetryPolicy`](crate::RetryPolicy)
    /// allows; returns the last response, before its body is read, and the query
    /// parameters that carry secrets.
    async fn execute(self) -> Result<(reqwest::Response, Vec<&'static str>), Failure> {
        if let Some(message) = self.error {
            return Err(Error::InvalidRequest(message));
        }
        let core = self.core;
        let options = core.options();
        let mut url = match self.url {
            Some(url) => url,
            None => request_url(core.base_url(), &self.path, &self.query)
                .map_err(Error::InvalidRequest)?,
        };
        let mut headers = self.headers;
        for (name, value) in &options.query {
            url.query_pairs_mut().append_pair(name, value);
        }
        for (name, value) in &options.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::InvalidRequest(format!("invalid header name `{name}`")))?;
            let value = HeaderValue::from_str(value).map_err(|_| {
                Error::InvalidRequest(format!("the value of header `{name}` cannot be sent"))
            })?;
            headers.append(name, value);
        }
        let secret_query = core
            .credentials()
            .apply(self.security, &mut headers, &mut url)
            .await
            .map_err(|error| match error {
                AuthError::Missing(missing) => Error::MissingCredentials(missing),
                AuthError::Source { scheme, source } => Error::Credential { scheme, source },
                AuthError::NotSendable { scheme } => Error::Credential {
                    scheme,
                    source: "the token contains characters that cannot be sent in an HTTP header"
                        .into(),
                },
            })?;
        merge_cookies(&mut headers, self.cookies).map_err(Error::InvalidRequest)?;
        if let Some((_, media_type)) = &self.body {
            let content_type = match &self.content_type_parameters {
                Some(parameters) => format!("{media_type}; {parameters}"),
                None => media_type.clone(),
            };
            let content_type = HeaderValue::from_str(&content_type)
                .map_err(|_| Error::InvalidRequest("invalid content type".to_owned()))?;
            headers.insert(CONTENT_TYPE, content_type);
        }
        let policy = core.retry_policy();
        if let Some(name) = policy.idempotency() {
            if !headers.contains_key(name) && !is_idempotent(&self.method) {
                let key = format!("{:016x}{:016x}", random_u64(), random_u64());
                if let Ok(key) = HeaderValue::from_str(&key) {
                    headers.insert(name.clone(), key);
                }
            }
        }
        let (replayable, mut streamed) = match self.body {
            Some((BodyKind::Bytes(bytes), _)) => (Some(bytes), None),
            Some((BodyKind::Stream(stream), _)) => (None, Some(stream)),
            None => (None, None),
        };
        let may_retry = policy.may_retry(&self.method, &headers, streamed.is_some());
        let span = tracing::debug_span!(
            "request",
            operation = self.operation,
            method = %self.method,
            url = %redacted(&url, &secret_query),
        );
        let started = Instant::now();
        let mut retry = 0;
        let response = loop {
            let attempt = Attempt {
                operation: self.operation,
                retry,
            };
            let mut builder = core
                .http()
                .request(self.method.clone(), url.clone())
                .headers(headers.clone());
            if let Some(timeout) = options.timeout {
                builder = builder.timeout(timeout);
            }
            if let Some(bytes) = &replayable {
                builder = builder.body(bytes.clone());
            } else if let Some(stream) = streamed.take() {
                builder = builder.body(stream);
            }
            let mut request = builder
                .build()
                .map_err(|e| Error::Request(redact_url(e, &secret_query)))?;
            for hook in core.hooks().0.iter() {
                hook.before_send(&mut request, attempt)
                    .map_err(Error::Hook)?;
            }
            let sent = Instant::now();
            let outcome = core.http().execute(request).instrument(span.clone()).await;
            let wait = match &outcome {
                Ok(response) => {
                    tracing::debug!(
                        parent: &span,
                        retry,
                        status = response.status().as_u16(),
                        duration_ms = sent.elapsed().as_millis() as u64,
                        "response"
                    );
                    for hook in core.hooks().0.iter() {
                        hook.after_receive(response, attempt);
                    }
                    let asked = asked_wait(response.headers(), SystemTime::now());
                    (may_retry && policy.retries_status(response.status()))
                        .then(|| policy.delay(retry, asked, started.elapsed(), random_fraction()))
                        .flatten()
                }
                Err(error) => {
                    tracing::debug!(
                        parent: &span,
                        retry,
                        duration_ms = sent.elapsed().as_millis() as u64,
                        error = %redacted_error(error, &secret_query),
                        "no response"
                    );
                    (may_retry && !error.is_builder() && !error.is_redirect())
                        .then(|| policy.delay(retry, None, started.elapsed(), random_fraction()))
                        .flatten()
                }
            };
            match wait {
                Some(wait) => {
                    tracing::info!(
                        parent: &span,
                        retry = retry + 1,
                        wait_ms = wait.as_millis() as u64,
                        "retrying"
                    );
                    tokio::time::sleep(wait).await;
                    retry += 1;
                }
                None => {
                    break outcome.map_err(|e| Error::Request(redact_url(e, &secret_query)))?;
                }
            }
        };
        Ok((response, secret_query))
    }
}

/// The text of a reqwest error with secrets redacted from its URL.
fn redacted_error(error: &reqwest::Error, secret_query: &[&str]) -> String {
    let mut text = error_chain(error);
    if let Some(url) = error.url() {
        text = text.replace(url.as_str(), &redacted(url, secret_query));
    }
    text
}
