//! The input of `diagnose`: a regular file (or standard input redirected from one) is analyzed
//! streamed, through a reused buffer (`analyze::analyze_source`), so a log of any size needs a few
//! MiB of memory and is read once; a pipe is read into memory once. Memory-mapping would save the
//! copy but needs `unsafe` (forbidden in this workspace) and turns a log truncated while we read
//! it — a running job's — into a SIGBUS instead of an error.

use crate::args::Failure;
use registry_doctor_core::analyze::{analyze, analyze_source, Analysis, Source};
use std::fs::File;
use std::io::Read;

/// A regular file, read at offsets (by several threads at once).
pub struct FileSource {
    file: File,
    size: u64,
}

impl Source for FileSource {
    fn size(&self) -> u64 {
        self.size
    }

    #[cfg(unix)]
    fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
        std::os::unix::fs::FileExt::read_at(&self.file, buf, offset)
    }

    #[cfg(windows)]
    fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
        std::os::windows::fs::FileExt::seek_read(&self.file, buf, offset)
    }
}

pub enum Input {
    File(FileSource),
    Memory(Vec<u8>),
}

impl Input {
    /// A path, or standard input for `None` and `-`.
    pub fn open(path: Option<&str>) -> Result<Input, Failure> {
        let (file, name) = match path {
            None | Some("-") => (stdin_file(), "standard input".to_string()),
            Some(p) => {
                (Some(File::open(p).map_err(|e| Failure::Input(format!("cannot read `{p}`: {e}")))?), format!("`{p}`"))
            }
        };
        let cannot = |e: std::io::Error| Failure::Input(format!("cannot read {name}: {e}"));
        if let Some(file) = file {
            let meta = file.metadata().map_err(cannot)?;
            if meta.is_file() {
                return Ok(Input::File(FileSource { file, size: meta.len() }));
            }
            let mut buf = Vec::new();
            (&file).read_to_end(&mut buf).map_err(cannot)?;
            return Ok(Input::Memory(buf));
        }
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf).map_err(cannot)?;
        Ok(Input::Memory(buf))
    }

    pub fn analyze(&self) -> Result<Analysis, Failure> {
        match self {
            Input::File(f) => analyze_source(f).map_err(|e| Failure::Input(format!("cannot read the input: {e}"))),
            Input::Memory(bytes) => Ok(analyze(bytes)),
        }
    }

    /// Up to `n` bytes from the start.
    pub fn head(&self, n: usize) -> Vec<u8> {
        match self {
            Input::File(f) => {
                let mut buf = vec![0u8; n.min(f.size as usize)];
                let got = f.read_at(&mut buf, 0).unwrap_or(0);
                buf.truncate(got);
                buf
            }
            Input::Memory(bytes) => bytes[..bytes.len().min(n)].to_vec(),
        }
    }
}

/// Standard input as a file, when it is one (`< job.log`): then it can be read at offsets.
#[cfg(unix)]
fn stdin_file() -> Option<File> {
    use std::os::fd::AsFd;
    std::io::stdin().as_fd().try_clone_to_owned().ok().map(File::from)
}

#[cfg(not(unix))]
fn stdin_file() -> Option<File> {
    None
}
