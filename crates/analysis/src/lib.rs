//! plenary-analysis (under construction)
