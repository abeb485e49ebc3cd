//! Uploading and downloading 1 GiB through the generated client and through raw reqwest,
//! to and from a server on 127.0.0.1, alternating, in one process: throughput and the
//! peak resident memory of each phase.
//!
//! `cargo bench -p features-client --bench transfer` (`-- 256` for 256 MiB). Linux only:
//! the peak is read from `/proc/self/status` after resetting it through
//! `/proc/self/clear_refs`.

use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use features_client::types::UploadDocumentsBody;
use features_client::Client;
use futures_util::StreamExt;
use http_body_util::{BodyExt, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::{Request, Response};
use openapi_clientgen_runtime::codegen::bytes::Bytes;
use openapi_clientgen_runtime::{Body, FilePart};
use tokio::net::TcpListener;

const CHUNK: usize = 64 * 1024;

/// The length of the last body the server received.
static RECEIVED: AtomicUsize = AtomicUsize::new(0);
const ROUNDS: usize = 5;

type ChunkStream = futures_util::stream::BoxStream<'static, Result<Bytes, Infallible>>;

/// `total` bytes in chunks of `CHUNK` that share one buffer: producing them costs nothing.
fn chunks(total: usize) -> ChunkStream {
    let chunk = Bytes::from(vec![0x5a; CHUNK]);
    futures_util::stream::iter((0..total / CHUNK).map(move |_| Ok(chunk.clone()))).boxed()
}

/// `PUT` and `POST` read and drop the body, answering with its length; `GET` streams
/// `total` bytes.
async fn serve(listener: TcpListener, total: usize) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            return;
        };
        let service = hyper::service::service_fn(move |request: Request<Incoming>| async move {
            let body = if request.method() == hyper::Method::GET {
                BodyExt::boxed_unsync(StreamBody::new(
                    chunks(total).map(|chunk| chunk.map(Frame::data)),
                ))
            } else {
                let read = drain(request.into_body()).await;
                RECEIVED.store(read, Ordering::SeqCst);
                http_body_util::Full::new(Bytes::from(read.to_string())).boxed_unsync()
            };
            let response = Response::builder()
                .header("content-type", "application/octet-stream")
                .body(body)
                .unwrap();
            Ok::<_, Infallible>(response)
        });
        let io = hyper_util::rt::TokioIo::new(stream);
        tokio::spawn(hyper::server::conn::http1::Builder::new().serve_connection(io, service));
    }
}

/// Reads and drops a body; its length.
async fn drain(mut body: Incoming) -> usize {
    let mut read = 0;
    while let Some(Ok(frame)) = body.frame().await {
        read += frame.data_ref().map_or(0, Bytes::len);
    }
    read
}

/// Resets the peak resident memory.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The peak resident memory since the last reset, in MiB.
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

struct Phase {
    seconds: f64,
    peak_mib: f64,
}

/// Runs a transfer of `total` bytes that returns how many bytes moved: at least `total`
/// (a multipart body adds its part headers).
async fn measure<F: std::future::Future<Output = usize>>(
    name: &str,
    total: usize,
    run: F,
) -> Phase {
    reset_peak();
    let started = Instant::now();
    let moved = run.await;
    let seconds = started.elapsed().as_secs_f64();
    assert!(
        moved >= total && moved < total + 4096,
        "{name}: {moved} of {total} bytes arrived"
    );
    Phase {
        seconds,
        peak_mib: peak_mib(),
    }
}

#[tokio::main]
async fn main() {
    let mib: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1024);
    let total = mib * 1024 * 1024;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(serve(listener, total));
    let client = Client::builder()
        .base_url(&base)
        .token("secret")
        .timeout(Duration::from_secs(600))
        .build()
        .unwrap();
    let raw = reqwest::Client::new();

    println!("{mib} MiB each way, {ROUNDS} rounds, alternating; MiB/s and peak RSS of the process");
    let mut results: Vec<(&str, Phase)> = Vec::new();
    for _ in 0..ROUNDS {
        results.push((
            "upload, client",
            measure("upload, client", total, async {
                let response = client
                    .upload_file("big", Body::from_stream(chunks(total)))
                    .await
                    .unwrap();
                let echoed = response.into_inner().collect().await.unwrap();
                std::str::from_utf8(&echoed).unwrap().parse().unwrap()
            })
            .await,
        ));
        results.push((
            "upload, raw reqwest",
            measure("upload, raw reqwest", total, async {
                let response = raw
                    .put(format!("{base}/files/big"))
                    .header("x-api-token", "secret")
                    .body(reqwest::Body::wrap_stream(chunks(total)))
                    .send()
                    .await
                    .unwrap();
                response.text().await.unwrap().parse().unwrap()
            })
            .await,
        ));
        results.push((
            "multipart upload, client",
            measure("multipart upload, client", total, async {
                let body = UploadDocumentsBody {
                    title: "big".into(),
                    tags: None,
                    metadata: None,
                    cover: FilePart::new(Body::from_stream(chunks(total))).file_name("big.bin"),
                    attachments: None,
                    owner: None,
                };
                client.upload_documents(body).await.unwrap();
                RECEIVED.load(Ordering::SeqCst)
            })
            .await,
        ));
        results.push((
            "download, client",
            measure("download, client", total, async {
                let mut stream = client.download_file("big").await.unwrap().into_inner();
                let mut read = 0;
                while let Some(chunk) = stream.chunk().await.unwrap() {
                    read += chunk.len();
                }
                read
            })
            .await,
        ));
        results.push((
            "download, raw reqwest",
            measure("download, raw reqwest", total, async {
                let mut response = raw
                    .get(format!("{base}/files/big"))
                    .header("x-api-token", "secret")
                    .send()
                    .await
                    .unwrap();
                let mut read = 0;
                while let Some(chunk) = response.chunk().await.unwrap() {
                    read += chunk.len();
                }
                read
            })
            .await,
        ));
    }
    for name in [
        "upload, client",
        "upload, raw reqwest",
        "multipart upload, client",
        "download, client",
        "download, raw reqwest",
    ] {
        let phases: Vec<&Phase> = results
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, p)| p)
            .collect();
        let rates: Vec<String> = phases
            .iter()
            .map(|p| format!("{:.0}", mib as f64 / p.seconds))
            .collect();
        let peak = phases.iter().map(|p| p.peak_mib).fold(0.0, f64::max);
        println!(
            "{name:<25} MiB/s {:<20} peak RSS {peak:.1} MiB",
            rates.join(" ")
        );
    }
    let median_rate = |name: &str| {
        let mut rates: Vec<f64> = results
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, p)| mib as f64 / p.seconds)
            .collect();
        rates.sort_by(f64::total_cmp);
        rates[rates.len() / 2]
    };
    for way in ["upload", "download"] {
        let ratio =
            median_rate(&format!("{way}, client")) / median_rate(&format!("{way}, raw reqwest"));
        println!("{way}: client / raw reqwest throughput, medians: {ratio:.3}");
    }
}
