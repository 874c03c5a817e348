//! The verbs of the `plenary` binary, one module each.

pub mod agree;
pub mod decide;
pub mod db;
pub mod import;
pub mod init;
pub mod serve;
pub mod verify;
pub mod check;
pub mod country;
pub mod export;
pub mod search;
pub mod show;
