//! Whole-report tests: the five seed reports (real published reports, in
//! `fixtures/seeds/`) through parse → model → checks, with what issue 2 requires of each
//! asserted feature by feature, and the full findings kept as snapshots next to them
//! (`UPDATE_EXPECT=1 cargo test -p nianbao-tests` rewrites the snapshots).

mod converted;
mod corpus;
mod flattened;
mod layouts;
mod modules;
mod prose;
mod robustness;
mod seeds;
mod tidy;
mod wild;
mod years;
