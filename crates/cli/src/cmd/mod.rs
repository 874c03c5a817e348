//! The verbs of the `plenary` binary, one module each.

pub mod agree;
pub mod blocs;
pub mod idealpoints;
pub mod matrix;
pub mod partners;
pub mod plot;
pub mod decide;
pub mod db;
pub mod import;
pub mod init;
pub mod serve;
pub mod verify;
pub mod check;
pub mod country;
pub mod coverage;
pub mod export;
pub mod search;
pub mod show;
pub mod vetoes;
pub mod replay;
pub mod rehearse;
