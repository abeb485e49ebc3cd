//! The judges as processes: Prism and openapi-core, each installed from its lockfile when
//! missing and started on 127.0.0.1 for one run.

use std::io::{BufRead, BufReader, Read};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The harness's directory.
pub(crate) fn here() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Where the judges are installed: `target/contract-tools/` of the repository, never the
/// source tree.
fn installs() -> PathBuf {
    let root = here()
        .ancestors()
        .nth(4)
        .expect("the harness is in codegen/tests/crates");
    root.join("target/contract-tools")
}

/// One install at a time within a process (the tests of a crate run on several threads).
static INSTALL: Mutex<()> = Mutex::new(());

/// The npm tools: `tools/`'s scripts and lockfile copied to `target/contract-tools/node/`,
/// with the packages installed there from the lockfile when missing.
pub(crate) fn tools() -> PathBuf {
    let _one = INSTALL.lock().unwrap_or_else(|poison| poison.into_inner());
    let dir = installs().join("node");
    std::fs::create_dir_all(&dir).expect("target/ is writable");
    for file in std::fs::read_dir(here().join("tools")).expect("tools/ is readable") {
        let path = file.expect("tools/ is readable").path();
        if path.is_file() {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).expect("target/ is writable");
        }
    }
    if !dir.join("node_modules/.bin/prism").exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .status()
            .expect("npm runs");
        assert!(status.success(), "npm ci failed in {}", dir.display());
    }
    dir
}

/// Whether the run can happen here: Node.js and Python 3 are installed.
pub fn available() -> Result<(), String> {
    for (tool, what) in [
        ("node", "Prism and openapi-sampler"),
        ("python3", "openapi-core"),
    ] {
        if Command::new(tool).arg("--version").output().is_err() {
            return Err(format!("{tool} is not installed, so {what} cannot run"));
        }
    }
    Ok(())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Seconds Prism may take to start listening.
const START_LIMIT: u64 = 600;

/// A Prism mock server on 127.0.0.1, whose log is read as it is written.
pub(crate) struct Prism {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
}

impl Prism {
    /// A Prism serving `document`, or why it could not: it exited, or did not listen
    /// within [`START_LIMIT`] (Prism 5.16 does not load Stripe's 7 MB document in ten
    /// minutes).
    pub(crate) fn start(document: &Path, flags: &[&str]) -> Result<Self, String> {
        let port = free_port();
        let mut child = Command::new(tools().join("node_modules/.bin/prism"))
            .args(["mock", "-h", "127.0.0.1", "-p", &port.to_string()])
            .args(flags)
            .arg(document)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Prism starts");
        let log = Arc::new(Mutex::new(String::new()));
        let mut stdout = child.stdout.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            let mut buffer = [0; 8192];
            while let Ok(n) = stdout.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        });
        // A large document (QuickSight's, 6 MB) takes Prism minutes to load on a busy
        // machine.
        let deadline = Instant::now() + Duration::from_secs(START_LIMIT);
        let mut prism = Prism { child, port, log };
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = prism.child.try_wait() {
                return Err(format!("Prism exited while loading the document: {status}"));
            }
            if Instant::now() > deadline {
                prism.stop();
                return Err(format!(
                    "Prism did not load the document within {START_LIMIT} s"
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        // What Prism logged while starting is not about any call.
        std::thread::sleep(Duration::from_millis(200));
        prism.log.lock().unwrap().clear();
        Ok(prism)
    }

    /// Stops this Prism.
    pub(crate) fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub(crate) fn has_exited(&mut self) -> bool {
        !matches!(self.child.try_wait(), Ok(None))
    }

    /// What Prism logged since the last call, once it has written it.
    pub(crate) fn take_log(&self) -> String {
        std::thread::sleep(Duration::from_millis(30));
        std::mem::take(&mut *self.log.lock().unwrap())
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// openapi-core reading requests back on 127.0.0.1.
pub(crate) struct Judge {
    child: Child,
    pub(crate) port: u16,
}

impl Judge {
    /// The judge serving `document`, or why openapi-core could not load it.
    pub(crate) fn start(document: &Path) -> Result<Judge, String> {
        let dir = here().join("judge");
        let mut child = Command::new(judge_python())
            .arg(dir.join("judge.py"))
            .arg(document)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the judge starts");
        let mut line = String::new();
        let _ = BufReader::new(child.stdout.take().unwrap()).read_line(&mut line);
        match line.trim().parse() {
            Ok(port) => Ok(Judge { child, port }),
            Err(_) => {
                let _ = child.kill();
                let mut error = String::new();
                if let Some(mut stderr) = child.stderr.take() {
                    let _ = stderr.read_to_string(&mut error);
                }
                let _ = child.wait();
                let last = error
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("");
                Err(format!("openapi-core could not load the document: {last}"))
            }
        }
    }
}

impl Drop for Judge {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The judge's Python: a virtual environment in `target/contract-tools/python/`, with
/// openapi-core installed from `judge/requirements.txt` when missing.
fn judge_python() -> PathBuf {
    let _one = INSTALL.lock().unwrap_or_else(|poison| poison.into_inner());
    let venv = installs().join("python");
    let python = venv.join("bin/python");
    if python.exists() {
        return python;
    }
    let made = Command::new("python3")
        .arg("-m")
        .arg("venv")
        .arg(&venv)
        .status()
        .expect("python3 runs");
    assert!(made.success(), "python3 -m venv {} failed", venv.display());
    let pip = Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--no-deps", "-r"])
        .arg(here().join("judge/requirements.txt"))
        .status()
        .expect("pip runs");
    assert!(pip.success(), "pip install failed in {}", venv.display());
    python
}
