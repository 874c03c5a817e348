//! `plenary import --format F PATH...`: read the files, run the format's parser, write the
//! batch in one transaction.

use plenary_rules::states::Registry;
use plenary_rules::{Date, StateCode};

use crate::fidelity::Membership;
use crate::import::{ImportReport, ImportedFile};
use crate::sources::{self, BodyRef, ParseError};
use crate::store::{Store, StoreError};

/// The formats `plenary import` reads.
pub const FORMATS: &[&str] = &["unvotes", "voeten", "dgacm", "undl-ga", "undl-sc", "sc-archive", "fixtures"];

impl Membership for Registry {
    /// Membership as `data/membership` gives it (Charter Art. 4 admissions, Art. 23 seats).
    fn is_member(&self, body: &BodyRef, state: StateCode, date: Date) -> Option<bool> {
        match body {
            BodyRef::GeneralAssembly => Some(self.is_ga_member(state, date)),
            BodyRef::SecurityCouncil => Some(self.is_sc_member(state, date)),
            BodyRef::Custom(_) => None,
        }
    }
    fn member_count(&self, body: &BodyRef, date: Date) -> Option<u32> {
        match body {
            BodyRef::GeneralAssembly => Some(self.ga_members(date).len() as u32),
            BodyRef::SecurityCouncil => Some(self.sc_members(date).len() as u32),
            BodyRef::Custom(_) => None,
        }
    }
}

/// Parses `files` (name, bytes) in `format` into one batch.
pub fn parse(format: &str, files: &[(&str, &[u8])], registry: &Registry) -> Result<sources::Batch, ParseError> {
    let each = |f: &dyn Fn(&str, &[u8]) -> Result<sources::Batch, ParseError>| -> Result<sources::Batch, ParseError> {
        let mut all = sources::Batch::default();
        for (name, bytes) in files {
            let b = f(name, bytes)?;
            all.decisions.extend(b.decisions);
            all.findings.extend(b.findings);
        }
        Ok(all)
    };
    match format {
        "unvotes" => {
            let fs: Vec<sources::unvotes::File> = files.iter().map(|(name, bytes)| sources::unvotes::File { name, bytes }).collect();
            sources::unvotes::parse(&fs, registry)
        }
        "voeten" => {
            let fs: Vec<sources::unvotes::File> = files.iter().map(|(name, bytes)| sources::unvotes::File { name, bytes }).collect();
            sources::voeten::parse(&fs, registry)
        }
        "dgacm" => each(&|n, b| sources::dgacm::parse(n, b, registry)),
        "undl-ga" => each(&|n, b| sources::undl::parse_ga(n, b, registry)),
        "undl-sc" => each(&|n, b| sources::undl::parse_sc(n, b, registry)),
        "sc-archive" => each(&|n, b| sources::sc_archive::parse(n, b, registry)),
        "fixtures" => sources::fixtures::parse_set(files, registry),
        other => Err(ParseError::Malformed { file: "(--format)".into(), line: 0, message: format!("unknown format {other:?}; expected one of {}", FORMATS.join(", ")) }),
    }
}

impl Store {
    /// Reads, parses and imports files of one format in one transaction.
    pub async fn import_files(&self, format: &str, files: &[(String, Vec<u8>)], registry: &Registry) -> Result<ImportReport, StoreError> {
        let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
        let t0 = std::time::Instant::now();
        let batch = parse(format, &refs, registry)?;
        if std::env::var_os("PLENARY_TIMING").is_some() {
            eprintln!("parse {format}: {:.3} s", t0.elapsed().as_secs_f64());
        }
        let imported: Vec<ImportedFile> = files.iter().map(|(n, b)| ImportedFile { name: n.clone(), sha256: sources::file_version(b) }).collect();
        self.import_batch(format, &imported, &batch, registry).await
    }

    /// Like [`Store::import_files`], reading the files from disk.
    pub async fn import_paths(&self, format: &str, paths: &[std::path::PathBuf], registry: &Registry) -> Result<ImportReport, StoreError> {
        let mut files = Vec::new();
        for p in paths {
            let bytes = std::fs::read(p).map_err(|source| StoreError::Io { path: p.display().to_string(), source })?;
            files.push((p.display().to_string(), bytes));
        }
        self.import_files(format, &files, registry).await
    }
}
