//! Generation time of a document, step by step, against the floor of reading the same
//! text into a `serde_json::Value`, measured in the same run: on one thread, and on as many
//! as the machine has. The complete Chatwoot 3.1.0 document by default; `DOCUMENT=FILE`
//! measures another (JSON, or YAML by its extension, whose floor is then
//! `yaml_serde::from_str`). `THREADS=N` measures on `N` threads only.
//!
//! By default the runs are warm: the floor and the generation in turn in one process,
//! after runs to warm up, each on the heap the runs before it left. `FRESH=1` measures
//! them as a build script generates: each in a process of its own (this binary, run
//! again), in turn; the medians then do not split the generation into its steps.
//!
//! ```text
//! cargo bench -p openapi-clientgen --bench generate                 # optimized
//! cargo bench -p openapi-clientgen --bench generate --profile dev   # as build scripts run
//! DOCUMENT=graph.json RUNS=3 cargo bench -p openapi-clientgen --bench generate
//! FRESH=1 DOCUMENT=graph.json cargo bench -p openapi-clientgen --bench generate
//! cargo bench -p openapi-clientgen --bench generate --features mimalloc  # its allocator
//! ```

use std::num::NonZeroUsize;
use std::process::Command;
use std::time::{Duration, Instant};

use openapi_clientgen::{Generator, Syntax, Timings};

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CHATWOOT: &str = include_str!("../tests/fixtures/chatwoot-application-3.1.0.json");

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The time `run` takes, what it returns dropped once the clock is read.
fn timed<T>(run: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    let kept = run();
    let elapsed = start.elapsed();
    drop(kept);
    elapsed
}

/// The line of the generation's time and its ratio to the floor.
fn print_total(total: Duration, floor: Duration) {
    println!(
        "  total     {}  = {:.1}x the floor",
        ms(total),
        total.as_secs_f64() / floor.as_secs_f64()
    );
}

fn ms(d: Duration) -> String {
    format!("{:8.2} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(25);
    let profile = if cfg!(debug_assertions) {
        "unoptimized"
    } else {
        "optimized"
    };
    let cores = std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN);
    let thread_counts = match std::env::var("THREADS").ok().and_then(|t| t.parse().ok()) {
        Some(threads) => vec![threads],
        None if cores > NonZeroUsize::MIN => vec![NonZeroUsize::MIN, cores],
        None => vec![NonZeroUsize::MIN],
    };
    let (name, text) = match std::env::var("DOCUMENT") {
        Ok(path) => {
            let text = std::fs::read_to_string(&path).expect("DOCUMENT is readable");
            (path, text)
        }
        Err(_) => (
            "chatwoot-application-3.1.0.json".to_owned(),
            CHATWOOT.to_owned(),
        ),
    };
    let syntax = Syntax::from_file_name(&name);
    let read = |text: &str| match syntax {
        Syntax::Yaml => serde_yaml::from_str::<serde_json::Value>(text).unwrap(),
        _ => serde_json::from_str::<serde_json::Value>(text).unwrap(),
    };
    // One run in a process of its own (`FRESH`): its time, in nanoseconds, on standard
    // output.
    if let Ok(what) = std::env::var("FRESH_RUN") {
        let elapsed = if what == "floor" {
            timed(|| read(&text))
        } else {
            let generator = Generator::from_text(&name, &text, syntax).threads(thread_counts[0]);
            timed(|| generator.generate().unwrap())
        };
        println!("{}", elapsed.as_nanos());
        return;
    }
    if std::env::var_os("FRESH").is_some() {
        for threads in thread_counts {
            fresh(&name, text.len(), threads, runs, profile);
        }
        return;
    }
    for threads in thread_counts {
        let generator = Generator::from_text(&name, &text, syntax).threads(threads);
        // Warm up.
        for _ in 0..runs.min(3) {
            read(&text);
            let _ = generator.generate().unwrap();
        }
        let mut floor = Vec::with_capacity(runs);
        let mut steps: Vec<Timings> = Vec::with_capacity(runs);
        let mut totals = Vec::with_capacity(runs);
        for _ in 0..runs {
            floor.push(timed(|| read(&text)));
            let start = Instant::now();
            let output = generator.generate().unwrap();
            totals.push(start.elapsed());
            steps.push(output.timings);
        }
        let floor = median(floor);
        let total = median(totals);
        println!(
            "generation of {name} ({} bytes), {profile}, {threads} thread(s), median of {runs} runs",
            text.len()
        );
        println!("  floor: reading the text into a Value {}", ms(floor));
        for (name, pick) in [
            ("parse", (|t: &Timings| t.parse) as fn(&Timings) -> Duration),
            ("normalize", |t| t.normalize),
            ("model", |t| t.model),
            ("emit", |t| t.emit),
            ("format", |t| t.format),
            ("render", |t| t.render),
        ] {
            let note = match name {
                "emit" | "format" => "  (summed over threads)",
                "render" => "  (emit and format, start to end)",
                _ => "",
            };
            println!(
                "  {name:<9} {}{note}",
                ms(median(steps.iter().map(pick).collect()))
            );
        }
        print_total(total, floor);
    }
}

/// The floor and the generation on `threads` threads, each run in a process of its own,
/// in turn, `runs` times.
fn fresh(name: &str, length: usize, threads: NonZeroUsize, runs: usize, profile: &str) {
    let run = |what: &str| {
        let output = Command::new(std::env::current_exe().expect("the bench's own path"))
            .env("FRESH_RUN", what)
            .env("THREADS", threads.to_string())
            .output()
            .expect("the bench runs again");
        let nanos: u64 = String::from_utf8_lossy(&output.stdout)
            .trim()
            .parse()
            .expect("a run prints its time");
        Duration::from_nanos(nanos)
    };
    let (mut floor, mut totals) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    for _ in 0..runs {
        floor.push(run("floor"));
        totals.push(run("generate"));
    }
    let (floor, total) = (median(floor), median(totals));
    println!(
        "generation of {name} ({length} bytes), {profile}, {threads} thread(s), each run in a \
         fresh process, median of {runs} runs"
    );
    println!("  floor: reading the text into a Value {}", ms(floor));
    print_total(total, floor);
}
