//! The same property-test scenarios as `model_embedded`, against a real etcd
//! (one fresh etcd process per case, so revisions start at 1). Fewer cases:
//! each one starts etcd. Fails (does not skip) when etcd is not installed.

mod support;

use capstan_store::Store;
use proptest::prelude::*;
use support::etcd::EtcdProcess;
use support::scenario::{self, Op};

fn run_etcd(ops: &[Op]) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let etcd = EtcdProcess::start().await;
        let store: Box<dyn Store> = Box::new(etcd.connect().await.map_err(|e| e.to_string())?);
        let mut reopen = |s: Box<dyn Store>| s;
        scenario::run(ops, store, &mut reopen).await
    })
}

#[test]
fn fixed_scenario_matches_model_on_etcd() {
    run_etcd(&scenario::fixed_scenario()).unwrap_or_else(|e| panic!("{e}"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn etcd_matches_model(ops in scenario::scenario_strategy(50)) {
        if let Err(e) = run_etcd(&ops) {
            prop_assert!(false, "{}", e);
        }
    }
}
