// Throwaway: replay memory.
use bytes::Bytes;
use capstan_store::embedded::EmbeddedStore;
use capstan_store::Store;

fn rss_kb() -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap();
    s.lines()
        .find(|l| l.starts_with("VmRSS"))
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dir = std::path::Path::new("/tmp/qb3");
    if std::env::args().nth(1).as_deref() == Some("write") {
        let _ = std::fs::remove_dir_all(dir);
        let store = std::sync::Arc::new(EmbeddedStore::open(dir).unwrap());
        let mut hs = vec![];
        for c in 0..16 {
            let s = store.clone();
            hs.push(tokio::spawn(async move {
                for i in 0..(100_000 / 16) {
                    let key = format!("/registry/pods/ns{}/pod-{c}-{i}", i % 50);
                    let v = Bytes::from(format!("{key}{}", "y".repeat(1000)));
                    s.put(&key, v).await.unwrap();
                }
            }));
        }
        for h in hs {
            h.await.unwrap();
        }
        let st = store.status().await.unwrap();
        store.compact(st.revision).await.unwrap();
        println!("written: rss {} KB", rss_kb());
        return;
    }
    let t = std::time::Instant::now();
    let store = EmbeddedStore::open(dir).unwrap();
    println!(
        "replayed in {:?}: rss {} KB {:?}",
        t.elapsed(),
        rss_kb(),
        store.status().await.unwrap()
    );
}
