//! The server through kube-rs, the Rust client: watch semantics, pagination and
//! optimistic concurrency.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use capstan_e2e::Cluster;
use futures::{StreamExt, TryStreamExt};
use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::{Api, ListParams, PostParams, WatchEvent, WatchParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::Client;

async fn client(cluster: &Cluster) -> Result<Client> {
    let kc = Kubeconfig::read_from(&cluster.kubeconfig)?;
    let config = kube::Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default()).await?;
    Ok(Client::try_from(config)?)
}

fn cm(name: &str, value: &str) -> ConfigMap {
    serde_json::from_value(serde_json::json!({
        "metadata": {"name": name, "labels": {"suite": "kube-rs"}},
        "data": {"v": value},
    }))
    .unwrap_or_default()
}

#[tokio::test]
async fn watch_from_a_resource_version_sees_every_change_in_order() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    let api: Api<ConfigMap> = Api::namespaced(client(&cluster).await?, "default");
    let list = api.list(&ListParams::default()).await?;
    let rv = list
        .metadata
        .resource_version
        .context("list resourceVersion")?;
    let stream = api
        .watch(
            &WatchParams::default().labels("suite=kube-rs").timeout(30),
            &rv,
        )
        .await?;
    futures::pin_mut!(stream);
    api.create(&PostParams::default(), &cm("w1", "a")).await?;
    let mut updated = api.get("w1").await?;
    updated
        .data
        .get_or_insert_with(Default::default)
        .insert("v".into(), "b".into());
    api.replace("w1", &PostParams::default(), &updated).await?;
    api.delete("w1", &Default::default()).await?;
    let mut seen = Vec::new();
    let mut last_rv = 0i64;
    while seen.len() < 3 {
        let event = tokio::time::timeout(Duration::from_secs(10), stream.try_next())
            .await??
            .context("stream ended")?;
        let (kind, obj) = match event {
            WatchEvent::Added(o) => ("ADDED", o),
            WatchEvent::Modified(o) => ("MODIFIED", o),
            WatchEvent::Deleted(o) => ("DELETED", o),
            WatchEvent::Bookmark(_) => continue,
            WatchEvent::Error(e) => anyhow::bail!("watch error: {e:?}"),
        };
        let rv: i64 = obj
            .metadata
            .resource_version
            .as_deref()
            .unwrap_or("0")
            .parse()?;
        ensure!(
            rv > last_rv,
            "resource versions must increase: {rv} after {last_rv}"
        );
        last_rv = rv;
        seen.push((
            kind,
            obj.data
                .and_then(|d| d.get("v").cloned())
                .unwrap_or_default(),
        ));
    }
    ensure!(
        seen == vec![
            ("ADDED", "a".to_string()),
            ("MODIFIED", "b".to_string()),
            ("DELETED", "b".to_string())
        ],
        "events: {seen:?}"
    );
    Ok(())
}

#[tokio::test]
async fn watch_from_a_version_older_than_the_watch_history_is_gone() -> Result<()> {
    let mut cluster = Cluster::start(&[])?;
    {
        let api: Api<ConfigMap> = Api::namespaced(client(&cluster).await?, "default");
        for i in 0..5 {
            api.create(&PostParams::default(), &cm(&format!("old-{i}"), "x"))
                .await?;
        }
    }
    // After a restart the watch history starts at the current revision, so an
    // early resource version is too old, as with Kubernetes' watch cache.
    cluster.restart()?;
    let api: Api<ConfigMap> = Api::namespaced(client(&cluster).await?, "default");
    let stream = api.watch(&WatchParams::default(), "2").await?;
    futures::pin_mut!(stream);
    let first = tokio::time::timeout(Duration::from_secs(10), stream.try_next())
        .await??
        .context("stream ended")?;
    match first {
        WatchEvent::Error(e) => ensure!(
            e.code == 410 && e.reason == "Expired",
            "expected 410 Expired, got {e:?}"
        ),
        other => anyhow::bail!("expected an ERROR event with 410, got {other:?}"),
    }
    // kube-rs's watcher recovers by re-listing.
    let stream = kube::runtime::watcher(
        api.clone(),
        kube::runtime::watcher::Config::default().labels("suite=kube-rs"),
    );
    let objs: Vec<ConfigMap> = kube::runtime::WatchStreamExt::applied_objects(stream)
        .take(5)
        .try_collect()
        .await?;
    ensure!(objs.len() == 5);
    Ok(())
}

#[tokio::test]
async fn paginated_lists_return_every_object_once_at_one_revision() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    let api: Api<ConfigMap> = Api::namespaced(client(&cluster).await?, "default");
    for i in 0..25 {
        api.create(&PostParams::default(), &cm(&format!("page-{i:02}"), "x"))
            .await?;
    }
    let mut names = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    let mut revision = None;
    loop {
        let mut lp = ListParams::default().labels("suite=kube-rs").limit(10);
        if let Some(t) = &token {
            lp = lp.continue_token(t);
        }
        let page = api.list(&lp).await?;
        pages += 1;
        if revision.is_none() {
            revision = page.metadata.resource_version.clone();
            // Writes between pages must not show up in later pages.
            api.create(&PostParams::default(), &cm("page-99-late", "x"))
                .await?;
        } else {
            ensure!(
                page.metadata.resource_version == revision,
                "pages must share the first page's revision"
            );
        }
        names.extend(page.items.iter().filter_map(|c| c.metadata.name.clone()));
        token = page.metadata.continue_.filter(|c| !c.is_empty());
        if token.is_none() {
            break;
        }
    }
    ensure!(
        pages == 3,
        "25 objects in pages of 10 take 3 pages, took {pages}"
    );
    let expected: Vec<String> = (0..25).map(|i| format!("page-{i:02}")).collect();
    ensure!(names == expected, "paged names: {names:?}");
    let stream = kube::runtime::watcher(
        api.clone(),
        kube::runtime::watcher::Config::default().labels("suite=kube-rs"),
    );
    let objs: Vec<ConfigMap> = kube::runtime::WatchStreamExt::applied_objects(stream)
        .take(26)
        .try_collect()
        .await?;
    ensure!(objs.len() == 26, "watcher sees all objects");
    Ok(())
}

#[tokio::test]
async fn concurrent_updates_conflict_with_409() -> Result<()> {
    let cluster = Cluster::start(&[])?;
    let api: Api<ConfigMap> = Api::namespaced(client(&cluster).await?, "default");
    api.create(&PostParams::default(), &cm("race", "0")).await?;
    let a = api.get("race").await?;
    let b = a.clone();
    let mut a2 = a.clone();
    a2.data
        .get_or_insert_with(Default::default)
        .insert("v".into(), "a".into());
    api.replace("race", &PostParams::default(), &a2).await?;
    let mut b2 = b.clone();
    b2.data
        .get_or_insert_with(Default::default)
        .insert("v".into(), "b".into());
    match api.replace("race", &PostParams::default(), &b2).await {
        Err(kube::Error::Api(e)) => ensure!(e.code == 409 && e.reason == "Conflict", "{e:?}"),
        other => anyhow::bail!("second writer must get 409, got {other:?}"),
    }
    let now = api.get("race").await?;
    ensure!(
        now.data.and_then(|d| d.get("v").cloned()).as_deref() == Some("a"),
        "first write wins"
    );
    Ok(())
}
