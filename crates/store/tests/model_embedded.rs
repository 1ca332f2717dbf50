//! Property tests: random operation sequences against the embedded store
//! (with reopen and frequent background log rewrites) compared with the model.

mod support;

use std::path::PathBuf;

use capstan_store::embedded::{EmbeddedOptions, EmbeddedStore};
use capstan_store::Store;
use proptest::prelude::*;
use support::scenario::{self, Op};

fn open(dir: &std::path::Path, rewrite_min_bytes: u64) -> Box<dyn Store> {
    let options = EmbeddedOptions {
        rewrite_min_bytes,
        ..Default::default()
    };
    Box::new(EmbeddedStore::open_with(dir, options).expect("open embedded store"))
}

fn run_embedded(ops: &[Op], rewrite_min_bytes: u64) -> Result<(), String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path: PathBuf = dir.path().to_path_buf();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let store = open(&path, rewrite_min_bytes);
        let mut reopen = |old: Box<dyn Store>| {
            drop(old);
            open(&path, rewrite_min_bytes)
        };
        scenario::run(ops, store, &mut reopen).await
    })
}

#[test]
fn fixed_scenario_matches_model() {
    run_embedded(&scenario::fixed_scenario(), 64 << 20).unwrap_or_else(|e| panic!("{e}"));
    // Again with a log rewrite after nearly every batch.
    run_embedded(&scenario::fixed_scenario(), 0).unwrap_or_else(|e| panic!("{e}"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, max_shrink_iters: 2000, ..ProptestConfig::default() })]

    #[test]
    fn embedded_matches_model(ops in scenario::scenario_strategy(60), tiny_rewrites in any::<bool>()) {
        let threshold = if tiny_rewrites { 0 } else { 64 << 20 };
        if let Err(e) = run_embedded(&ops, threshold) {
            prop_assert!(false, "{}", e);
        }
    }
}
