//! The bundled record: the public sources in `data/record/` (and the verified votes in
//! `data/fixtures/`), compiled into the binary so that `plenary init` works from any
//! directory of a fresh clone. See `data/record/README.md` for provenance and terms.
//!
//! Load order matters: unvotes first (1946-2019), then the DGACM extract (sessions 74-80 and
//! the emergency sessions: session 74 merges with unvotes by symbol), the Security Council
//! archive, and the verified fixtures last (ES-11/7, ES-11/8 and the failed drafts).

use plenary_rules::states::Registry;

use crate::import::ImportReport;
use crate::store::{Store, StoreError};

macro_rules! bundled {
    ($path:literal) => {
        ($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/", $path)) as &'static [u8])
    };
}

/// One import of the bundle: a format and its files (path under `data/`, bytes).
pub struct Part {
    pub format: &'static str,
    pub label: &'static str,
    pub files: &'static [(&'static str, &'static [u8])],
}

/// The bundle, in load order.
pub const PARTS: &[Part] = &[
    Part {
        format: "unvotes",
        label: "General Assembly 1946-2019 (unvotes)",
        files: &[
            bundled!("record/unvotes/un_roll_calls.csv.gz"),
            bundled!("record/unvotes/un_roll_call_issues.csv.gz"),
            bundled!("record/unvotes/un_votes.csv.gz"),
        ],
    },
    Part {
        format: "dgacm",
        label: "General Assembly 2019-2026 (DGACM)",
        files: &[
            bundled!("record/dgacm/74.json.gz"),
            bundled!("record/dgacm/75.json.gz"),
            bundled!("record/dgacm/76.json.gz"),
            bundled!("record/dgacm/77.json.gz"),
            bundled!("record/dgacm/78.json.gz"),
            bundled!("record/dgacm/79.json.gz"),
            bundled!("record/dgacm/80.json.gz"),
            bundled!("record/dgacm/ES-10.json.gz"),
            bundled!("record/dgacm/ES-11.json.gz"),
        ],
    },
    Part {
        format: "sc-archive",
        label: "Security Council 1946-2026 (SC archive)",
        files: &[bundled!("record/sc/sc_resolutions_1946_2026.json.gz")],
    },
    Part {
        format: "fixtures",
        label: "Verified votes (fixtures)",
        files: &[
            bundled!("fixtures/real_votes_public.json"),
            bundled!("fixtures/totals_2025_02_24.csv"),
            bundled!("fixtures/votes_2025_02_24_partial.csv"),
        ],
    },
];

/// Bump when the importers change what they store from the same files.
const SCHEMA_OF_BUNDLE: &str = "1";

/// The bundle's version: the importer revision and each file's length. Cheap to compute, so
/// that every start can check it without hashing megabytes.
pub fn version() -> String {
    let mut v = format!("r{SCHEMA_OF_BUNDLE}");
    for p in PARTS {
        for (name, bytes) in p.files {
            v.push_str(&format!(";{name}:{}", bytes.len()));
        }
    }
    v
}

/// The key in `meta` that holds the loaded bundle's version.
pub const META_KEY: &str = "bundle_version";

impl Store {
    /// Whether this database holds the current bundle.
    pub async fn bundle_loaded(&self) -> Result<bool, StoreError> {
        Ok(self.meta(META_KEY).await?.as_deref() == Some(version().as_str()))
    }

    /// Loads every part of the bundle (each in its own transaction; parts already imported are
    /// recognised by their file versions and skipped) and records the bundle version.
    /// `progress(done, total, label)` is called before each part and once at the end.
    pub async fn load_bundle(&self, registry: &Registry, progress: &mut dyn FnMut(usize, usize, &str)) -> Result<Vec<ImportReport>, StoreError> {
        let mut reports = Vec::new();
        for (i, part) in PARTS.iter().enumerate() {
            progress(i, PARTS.len(), part.label);
            reports.push(self.import_bundle_part(part, registry).await?);
        }
        progress(PARTS.len(), PARTS.len(), "done");
        self.set_meta(META_KEY, &version()).await?;
        Ok(reports)
    }

    /// Imports one part of the bundle, as [`Store::load_bundle`] does, without recording the
    /// bundle as loaded: for a record of some parts only (tests that leave out unvotes).
    pub async fn import_bundle_part(&self, part: &Part, registry: &Registry) -> Result<ImportReport, StoreError> {
        let mut files = Vec::new();
        for (name, bytes) in part.files {
            // JSON is shipped gzip-compressed; its version is that of the original file.
            let data = if name.ends_with(".json.gz") && part.format == "dgacm" { crate::sources::unvotes::decompress(name, bytes)? } else { bytes.to_vec() };
            let shown = name.trim_end_matches(".gz");
            let shown = if part.format == "dgacm" { shown } else { name };
            files.push((format!("data/{shown}"), data));
        }
        self.import_files(part.format, &files, registry).await
    }
}
