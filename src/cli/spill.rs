//! Claims kept aside while `recount check` reads a corpus: the claims the
//! cross-document checks may compare are needed in full only for the evidence of the
//! findings they end up in. They are kept as JSON, in memory up to a limit, then in
//! a temporary file, and read back one at a time by number. A claim read from a
//! claims file is not copied at all: its place in that file is kept instead.

use recount::claim::Claim;
use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::Mutex;

/// Bytes of claims kept in memory before they go to a temporary file.
pub const MEMORY_LIMIT: usize = 64 << 20;

/// Where a claim's JSON is: `len` bytes from `start` of input file `file`, or of the
/// spill's own bytes (the file's then the buffer's) when `file` is [`OWN`].
#[derive(Clone, Copy)]
struct Loc {
    start: u64,
    len: u32,
    file: u32,
}

const OWN: u32 = u32::MAX;

pub struct Spill {
    /// Claims not written to the file, from byte `flushed` on.
    buf: Vec<u8>,
    file: Option<Mutex<File>>,
    path: PathBuf,
    flushed: u64,
    locs: Vec<Loc>,
    /// Claims files whose lines claims point into, opened when first read.
    inputs: Vec<PathBuf>,
    opened: Mutex<Vec<Option<File>>>,
    limit: usize,
    /// The first claim that could not be read back.
    error: Mutex<Option<String>>,
}

/// A temporary file's name: the process id and a counter keep it to this run.
fn temp_path() -> PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("recount-{}-{n}.claims", std::process::id()))
}

impl Spill {
    /// Keeps up to `limit` bytes of claims in memory.
    pub fn new(limit: usize) -> Spill {
        Spill {
            buf: Vec::new(),
            file: None,
            path: PathBuf::new(),
            flushed: 0,
            locs: Vec::new(),
            inputs: Vec::new(),
            opened: Mutex::new(Vec::new()),
            limit,
            error: Mutex::new(None),
        }
    }

    /// Whether claims went to the temporary file.
    #[cfg(test)]
    pub fn on_disk(&self) -> bool {
        self.file.is_some()
    }

    /// Claims kept.
    pub fn len(&self) -> usize {
        self.locs.len()
    }

    /// Keep one claim, given as its JSON.
    pub fn push(&mut self, json: &[u8]) -> Result<(), String> {
        let start = self.flushed + self.buf.len() as u64;
        let len = u32::try_from(json.len()).map_err(|_| "a claim of 4 GB or more")?;
        self.buf.extend_from_slice(json);
        self.locs.push(Loc {
            start,
            len,
            file: OWN,
        });
        if self.buf.len() > self.limit {
            self.flush()?;
        }
        Ok(())
    }

    /// A claims file claims may point into; returns its number for [`Spill::point`].
    pub fn add_input(&mut self, path: &std::path::Path) -> u32 {
        self.inputs.push(path.to_path_buf());
        self.opened
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .push(None);
        (self.inputs.len() - 1) as u32
    }

    /// Keep one claim as the `len` bytes from `start` of input file `file`, which
    /// must stay as it is until the claims are read back.
    pub fn point(&mut self, file: u32, start: u64, len: u32) {
        self.locs.push(Loc { start, len, file });
    }

    fn flush(&mut self) -> Result<(), String> {
        let fail = |path: &PathBuf, e: std::io::Error| {
            format!(
                "cannot keep claims aside in the temporary file {}: {e} (set TMPDIR to a \
                 directory with room)",
                path.display()
            )
        };
        if self.file.is_none() {
            let path = temp_path();
            let file = File::options()
                .read(true)
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(|e| fail(&path, e))?;
            // The open file stays readable; nothing is left behind, however the run ends.
            #[cfg(unix)]
            let _ = std::fs::remove_file(&path);
            self.path = path;
            self.file = Some(Mutex::new(file));
        }
        if let Some(file) = &self.file {
            let mut f = file.lock().unwrap_or_else(|p| p.into_inner());
            f.seek(SeekFrom::Start(self.flushed))
                .and_then(|_| f.write_all(&self.buf))
                .map_err(|e| fail(&self.path, e))?;
        }
        self.flushed += self.buf.len() as u64;
        self.buf.clear();
        Ok(())
    }

    /// Claim number `k` in full; `None` when it cannot be read back (the error is
    /// kept for [`Spill::error`]).
    pub fn get(&self, k: u32) -> Option<Claim> {
        let loc = *self.locs.get(k as usize)?;
        let (start, end) = (loc.start, loc.start + u64::from(loc.len));
        let read_at = |f: &mut File| -> Result<Vec<u8>, String> {
            let mut v = vec![0; loc.len as usize];
            f.seek(SeekFrom::Start(start))
                .and_then(|_| f.read_exact(&mut v))
                .map_err(|e| e.to_string())?;
            Ok(v)
        };
        let read = || -> Result<Claim, String> {
            let json: Cow<[u8]> = if loc.file != OWN {
                let mut opened = self.opened.lock().unwrap_or_else(|p| p.into_inner());
                let slot = opened.get_mut(loc.file as usize).ok_or("no such file")?;
                if slot.is_none() {
                    let path = &self.inputs[loc.file as usize];
                    *slot = Some(File::open(path).map_err(|e| e.to_string())?);
                }
                Cow::Owned(read_at(slot.as_mut().ok_or("no file")?)?)
            } else if start >= self.flushed {
                let (a, b) = (
                    (start - self.flushed) as usize,
                    (end - self.flushed) as usize,
                );
                Cow::Borrowed(self.buf.get(a..b).ok_or("claim out of range")?)
            } else {
                let file = self.file.as_ref().ok_or("no file")?;
                Cow::Owned(read_at(
                    &mut file.lock().unwrap_or_else(|p| p.into_inner()),
                )?)
            };
            serde_json::from_slice(&json).map_err(|e| e.to_string())
        };
        match read() {
            Ok(c) => Some(c),
            Err(e) => {
                let path = match self.inputs.get(loc.file as usize) {
                    Some(p) => p,
                    None => &self.path,
                };
                let mut first = self.error.lock().unwrap_or_else(|p| p.into_inner());
                first.get_or_insert_with(|| {
                    format!(
                        "cannot read back a claim kept aside in {} (bytes {start} to {end}): {e}",
                        path.display()
                    )
                });
                None
            }
        }
    }

    /// The first error reading claims back, if any.
    pub fn error(&self) -> Option<String> {
        self.error.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        #[cfg(not(unix))]
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(n: usize) -> Claim {
        let line = format!(
            r#"{{"id":"d#{n}","doc":"d","section":"body","start":{n},"end":{},"line":1,"column":1,"text":"{n} people","quantity":"{n}","value":{n}.0,"low":{n}.0,"high":{n}.0,"qualifier":"exact","kind":"count","unit":null,"noun":null,"concept":"killed","subject":"people","predicate":null,"trend":null,"part_of":null,"group":null,"attribution":null,"date":null,"place":null,"source":null,"event":null,"doc_date":null,"frame":"incident","sentence":"{n} people died: ünïcode."}}"#,
            n + 2
        );
        serde_json::from_str(&line).unwrap()
    }

    /// Claims come back the same from memory, from the file, and across the border.
    #[test]
    fn claims_come_back_from_memory_and_file() {
        for limit in [0, 1, 700, 5000, usize::MAX] {
            let mut s = Spill::new(limit);
            let claims: Vec<Claim> = (0..40).map(claim).collect();
            for c in &claims {
                s.push(&serde_json::to_vec(c).unwrap()).unwrap();
            }
            assert_eq!(s.len(), 40);
            assert_eq!(s.file.is_some(), limit < usize::MAX, "limit {limit}");
            // In reverse, so that reads seek back and forth.
            for k in (0..40).rev() {
                assert_eq!(s.get(k as u32).as_ref(), Some(&claims[k]), "limit {limit}");
            }
            assert_eq!(s.get(40), None);
            assert_eq!(s.error(), None);
            #[cfg(unix)]
            if s.file.is_some() {
                assert!(!s.path.exists(), "{} left behind", s.path.display());
            }
        }
    }

    /// Claims pointed to in an input file come back from it, mixed with pushed ones.
    #[test]
    fn claims_come_back_from_input_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("claims.jsonl");
        let claims: Vec<Claim> = (0..6).map(claim).collect();
        let mut text = Vec::new();
        let mut at = Vec::new();
        for c in &claims {
            let line = serde_json::to_vec(c).unwrap();
            at.push((text.len() as u64, line.len() as u32));
            text.extend(line);
            text.extend(b"\r\n");
        }
        std::fs::write(&path, &text).unwrap();
        let mut s = Spill::new(0);
        let f = s.add_input(&path);
        for (k, c) in claims.iter().enumerate() {
            if k % 2 == 0 {
                s.point(f, at[k].0, at[k].1);
            } else {
                s.push(&serde_json::to_vec(c).unwrap()).unwrap();
            }
        }
        for k in (0..6).rev() {
            assert_eq!(s.get(k as u32).as_ref(), Some(&claims[k]));
        }
        // A file gone by the time claims are read back is an error naming it.
        let mut gone = Spill::new(0);
        let g = gone.add_input(&dir.path().join("gone.jsonl"));
        gone.point(g, 0, 10);
        assert_eq!(gone.get(0), None);
        assert!(gone.error().unwrap().contains("gone.jsonl"));
    }

    #[test]
    fn bad_bytes_are_an_error_not_a_panic() {
        let mut s = Spill::new(0);
        s.push(b"{\"id\":").unwrap();
        assert_eq!(s.get(0), None);
        let e = s.error().unwrap();
        assert!(e.contains("cannot read back a claim"), "{e}");
    }
}
