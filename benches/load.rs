//! Load: 10,000 calls, 1,000 in flight, through one client against a keep-alive server on
//! 127.0.0.1, next to the same calls made with reqwest directly in the same run: latency
//! (p50, p99), throughput, peak memory and memory afterwards, and that every caller gets
//! its own answer.
//!
//! ```text
//! cargo bench --bench load
//! ```

use std::sync::Arc;
use std::time::{Duration, Instant};

use chatwoot::types::ContactShowResponse;
use chatwoot::Client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

const CALLS: usize = 10_000;
const IN_FLIGHT: usize = 1_000;
const TOKEN: &str = "load-test-token";

/// Answers `GET /api/v1/accounts/1/contacts/{id}` with a contact whose id is `id`, on
/// keep-alive connections.
async fn serve(listener: TcpListener) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            return;
        };
        tokio::spawn(connection(stream));
    }
}

async fn connection(mut stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let mut data = Vec::with_capacity(4096);
    let mut buffer = [0; 4096];
    loop {
        let end = loop {
            if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
                break end + 4;
            }
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(n) => data.extend_from_slice(&buffer[..n]),
            }
        };
        let head = String::from_utf8_lossy(&data[..end]).into_owned();
        data.drain(..end);
        let id = head
            .split_whitespace()
            .nth(1)
            .and_then(|path| path.rsplit('/').next())
            .unwrap_or("0")
            .to_owned();
        let body = format!(
            r#"{{"payload":{{"id":{id},"name":"Contact {id}","email":"c{id}@example.com","phone_number":null,"availability_status":"online","additional_attributes":{{"city":"Lisbon"}},"custom_attributes":{{}}}}}}"#
        );
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        if stream.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

/// Resident and peak resident memory of this process, in KiB (Linux).
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Resets the peak resident memory to the current (Linux).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

struct Run {
    name: &'static str,
    latencies: Vec<Duration>,
    elapsed: Duration,
    rss_before: u64,
    peak: u64,
    rss_after: u64,
}

impl Run {
    fn percentile(&self, p: f64) -> Duration {
        let index = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies[index]
    }

    fn print(&self) {
        println!(
            "{:<14} p50 {:>7.2} ms  p99 {:>7.2} ms  {:>6.0} calls/s  RSS before {:>6} KiB  peak {:>6} KiB  after {:>6} KiB",
            self.name,
            self.percentile(0.5).as_secs_f64() * 1000.0,
            self.percentile(0.99).as_secs_f64() * 1000.0,
            CALLS as f64 / self.elapsed.as_secs_f64(),
            self.rss_before,
            self.peak,
            self.rss_after,
        );
    }
}

/// Makes `CALLS` calls of `call(id)`, at most `IN_FLIGHT` at a time, with a client `make`
/// creates for the run and drops after it; each call must return the contact it asked for.
async fn run<F, Fut>(name: &'static str, make: impl FnOnce() -> F) -> Run
where
    F: Fn(i64) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = i64> + Send,
{
    // Let the connections of the run before close.
    tokio::time::sleep(Duration::from_millis(200)).await;
    reset_peak();
    let (rss_before, _) = memory();
    let call = Arc::new(make());
    let slots = Arc::new(Semaphore::new(IN_FLIGHT));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(CALLS);
    for id in 0..CALLS as i64 {
        let call = call.clone();
        let slots = slots.clone();
        tasks.push(tokio::spawn(async move {
            let _slot = slots
                .acquire()
                .await
                .expect("the semaphore is never closed");
            let start = Instant::now();
            let got = call(id).await;
            assert_eq!(got, id, "cross-talk: call {id} got the answer for {got}");
            start.elapsed()
        }));
    }
    let mut latencies = Vec::with_capacity(CALLS);
    for task in tasks {
        latencies.push(task.await.expect("no call panics"));
    }
    let elapsed = started.elapsed();
    let (_, peak) = memory();
    latencies.sort();
    // The client and its connections go; the server's end of them closes.
    drop(call);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (rss_after, _) = memory();
    Run {
        name,
        latencies,
        elapsed,
        rss_before,
        peak,
        rss_after,
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a Tokio runtime");
    runtime.block_on(async {
        // A backlog for a thousand connections opened at once.
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let listener = socket.listen(4096).unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(serve(listener));

        let generated = || {
            let client = Client::builder()
                .base_url(&base_url)
                .user_api_key(TOKEN)
                .build()
                .unwrap();
            move |id: i64| {
                let client = client.clone();
                async move {
                    let response = client.contact_details(1, id).await.unwrap();
                    response.payload.as_ref().and_then(|c| c.id).unwrap()
                }
            }
        };
        let direct = || {
            let raw = chatwoot::runtime::codegen::reqwest::Client::new();
            let base_url = base_url.clone();
            move |id: i64| {
                let raw = raw.clone();
                let url = format!("{base_url}/api/v1/accounts/1/contacts/{id}");
                async move {
                    let response = raw
                        .get(url)
                        .header("api_access_token", TOKEN)
                        .header("accept", "application/json")
                        .send()
                        .await
                        .unwrap();
                    let body = response.bytes().await.unwrap();
                    let contact: ContactShowResponse = serde_json::from_slice(&body).unwrap();
                    contact.payload.and_then(|c| c.id).unwrap()
                }
            }
        };

        println!("{CALLS} calls, {IN_FLIGHT} in flight, one client, a server on 127.0.0.1\n");
        // Warm up both (connections, allocator), then alternate.
        run("warm-up raw", direct).await;
        run("warm-up client", generated).await;
        let mut raw_runs = Vec::new();
        let mut client_runs = Vec::new();
        for _ in 0..3 {
            raw_runs.push(run("raw reqwest", direct).await);
            client_runs.push(run("client", generated).await);
        }
        for (raw, client) in raw_runs.iter().zip(&client_runs) {
            raw.print();
            client.print();
        }
        let median = |runs: &[Run], p: f64| {
            let mut values: Vec<f64> = runs.iter().map(|r| r.percentile(p).as_secs_f64()).collect();
            values.sort_by(f64::total_cmp);
            values[values.len() / 2]
        };
        println!(
            "\nmedian of runs: p50 client/raw = {:.3}, p99 client/raw = {:.3}",
            median(&client_runs, 0.5) / median(&raw_runs, 0.5),
            median(&client_runs, 0.99) / median(&raw_runs, 0.99),
        );
    });
}
