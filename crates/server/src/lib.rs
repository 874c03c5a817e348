//! plenary-server (under construction)
