//! Leader election over a coordination.k8s.io Lease, so that only one server's
//! controllers (or scheduler) act at a time.

use std::time::Duration;

use k8s_openapi::api::coordination::v1::{Lease, LeaseSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, ObjectMeta};
use kube::api::{Api, PostParams};
use kube::Client;
use tokio::sync::watch;

/// Timing of the election.
#[derive(Clone, Copy, Debug)]
pub struct LeaseTiming {
    /// How long a lease is valid without renewal.
    pub duration: Duration,
    /// How often the holder renews.
    pub renew_every: Duration,
    /// How often others retry.
    pub retry_every: Duration,
}

impl Default for LeaseTiming {
    fn default() -> Self {
        Self {
            duration: Duration::from_secs(15),
            renew_every: Duration::from_secs(2),
            retry_every: Duration::from_secs(2),
        }
    }
}

fn now_micro() -> MicroTime {
    MicroTime(jiff::Timestamp::now())
}

/// Campaigns for the lease `namespace/name` as `identity`. The returned receiver
/// is true while this process holds the lease.
pub fn elect(
    client: Client,
    namespace: &str,
    name: &str,
    identity: String,
    timing: LeaseTiming,
) -> watch::Receiver<bool> {
    let (tx, rx) = watch::channel(false);
    let api: Api<Lease> = Api::namespaced(client, namespace);
    let name = name.to_string();
    tokio::spawn(async move {
        loop {
            let leading = match try_acquire_or_renew(&api, &name, &identity, timing).await {
                Ok(held) => held,
                Err(err) => {
                    tracing::debug!(lease = %name, error = %err, "leader election attempt failed");
                    false
                }
            };
            if *tx.borrow() != leading {
                tracing::info!(lease = %name, %identity, leading, "leadership changed");
                tx.send_replace(leading);
            }
            if tx.is_closed() {
                return;
            }
            tokio::time::sleep(if leading {
                timing.renew_every
            } else {
                timing.retry_every
            })
            .await;
        }
    });
    rx
}

async fn try_acquire_or_renew(
    api: &Api<Lease>,
    name: &str,
    identity: &str,
    timing: LeaseTiming,
) -> anyhow::Result<bool> {
    let secs = i32::try_from(timing.duration.as_secs()).unwrap_or(15);
    let fresh_spec = |transitions: i32, acquire: MicroTime| LeaseSpec {
        holder_identity: Some(identity.to_string()),
        lease_duration_seconds: Some(secs),
        acquire_time: Some(acquire),
        renew_time: Some(now_micro()),
        lease_transitions: Some(transitions),
        ..Default::default()
    };
    let Some(mut lease) = api.get_opt(name).await? else {
        let lease = Lease {
            metadata: ObjectMeta {
                name: Some(name.to_string()),
                ..Default::default()
            },
            spec: Some(fresh_spec(0, now_micro())),
        };
        return match api.create(&PostParams::default(), &lease).await {
            Ok(_) => Ok(true),
            Err(kube::Error::Api(e)) if e.code == 409 => Ok(false),
            Err(err) => Err(err.into()),
        };
    };
    let spec = lease.spec.clone().unwrap_or_default();
    let holder = spec.holder_identity.clone().unwrap_or_default();
    let duration = Duration::from_secs(
        u64::try_from(spec.lease_duration_seconds.unwrap_or(secs)).unwrap_or(15),
    );
    let expired = match &spec.renew_time {
        Some(MicroTime(t)) => {
            let age = jiff::Timestamp::now().duration_since(*t);
            age.as_secs_f64() > duration.as_secs_f64()
        }
        None => true,
    };
    if holder != identity && !holder.is_empty() && !expired {
        return Ok(false);
    }
    let transitions = spec.lease_transitions.unwrap_or(0) + i32::from(holder != identity);
    let acquire = if holder == identity {
        spec.acquire_time.clone().unwrap_or_else(now_micro)
    } else {
        now_micro()
    };
    lease.spec = Some(fresh_spec(transitions, acquire));
    match api.replace(name, &PostParams::default(), &lease).await {
        Ok(_) => Ok(true),
        Err(kube::Error::Api(e)) if e.code == 409 => Ok(false),
        Err(err) => Err(err.into()),
    }
}
