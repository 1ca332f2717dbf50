//! Read access to the API objects plugins consult besides nodes and pods
//! (claims, volumes, storage classes, disruption budgets, namespaces and the
//! workload objects that select pods), behind a trait so plugins can be tested
//! without an API server.

use std::collections::BTreeMap;
use std::sync::Arc;

use capstan_runtime::{Informer, Informers};
use k8s_openapi::api::apps::v1::{ReplicaSet, StatefulSet};
use k8s_openapi::api::core::v1::{
    Namespace, PersistentVolume, PersistentVolumeClaim, ReplicationController, Service,
};
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::api::storage::v1::StorageClass;
use parking_lot::RwLock;

/// Lookups of the cluster objects scheduling plugins need.
pub trait Listers: Send + Sync {
    /// A PersistentVolumeClaim.
    fn pvc(&self, namespace: &str, name: &str) -> Option<Arc<PersistentVolumeClaim>>;
    /// A PersistentVolume.
    fn pv(&self, name: &str) -> Option<Arc<PersistentVolume>>;
    /// Every PersistentVolume.
    fn pvs(&self) -> Vec<Arc<PersistentVolume>>;
    /// A StorageClass.
    fn storage_class(&self, name: &str) -> Option<Arc<StorageClass>>;
    /// Every PodDisruptionBudget.
    fn pdbs(&self) -> Vec<Arc<PodDisruptionBudget>>;
    /// A namespace.
    fn namespace(&self, name: &str) -> Option<Arc<Namespace>>;
    /// Every namespace.
    fn namespaces(&self) -> Vec<Arc<Namespace>>;
    /// Services in a namespace.
    fn services(&self, namespace: &str) -> Vec<Arc<Service>>;
    /// A ReplicaSet.
    fn replica_set(&self, namespace: &str, name: &str) -> Option<Arc<ReplicaSet>>;
    /// A StatefulSet.
    fn stateful_set(&self, namespace: &str, name: &str) -> Option<Arc<StatefulSet>>;
    /// A ReplicationController.
    fn replication_controller(
        &self,
        namespace: &str,
        name: &str,
    ) -> Option<Arc<ReplicationController>>;

    /// The labels of a namespace (empty when unknown).
    fn namespace_labels(&self, name: &str) -> BTreeMap<String, String> {
        self.namespace(name)
            .and_then(|ns| ns.metadata.labels.clone())
            .unwrap_or_default()
    }
}

/// [`Listers`] over shared informers (each watch starts when this is built).
pub struct InformerListers {
    pvcs: Arc<Informer<PersistentVolumeClaim>>,
    pvs: Arc<Informer<PersistentVolume>>,
    classes: Arc<Informer<StorageClass>>,
    pdbs: Arc<Informer<PodDisruptionBudget>>,
    namespaces: Arc<Informer<Namespace>>,
    services: Arc<Informer<Service>>,
    replica_sets: Arc<Informer<ReplicaSet>>,
    stateful_sets: Arc<Informer<StatefulSet>>,
    controllers: Arc<Informer<ReplicationController>>,
}

impl std::fmt::Debug for InformerListers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InformerListers").finish_non_exhaustive()
    }
}

const NAMESPACE_INDEX: &str = "namespace";

impl InformerListers {
    /// Starts (or reuses) the informers.
    pub fn new(informers: &Informers) -> Self {
        let services = informers.get::<Service>();
        services.add_index(NAMESPACE_INDEX, capstan_runtime::informer::index_namespace);
        Self {
            pvcs: informers.get(),
            pvs: informers.get(),
            classes: informers.get(),
            pdbs: informers.get(),
            namespaces: informers.get(),
            services,
            replica_sets: informers.get(),
            stateful_sets: informers.get(),
            controllers: informers.get(),
        }
    }

    /// Waits (up to `timeout`) for the informers' first lists.
    pub async fn wait_synced(&self, timeout: std::time::Duration) {
        let _ = futures::join!(
            self.pvcs.wait_synced(timeout),
            self.pvs.wait_synced(timeout),
            self.classes.wait_synced(timeout),
            self.pdbs.wait_synced(timeout),
            self.namespaces.wait_synced(timeout),
            self.services.wait_synced(timeout),
            self.replica_sets.wait_synced(timeout),
            self.stateful_sets.wait_synced(timeout),
            self.controllers.wait_synced(timeout),
        );
    }
}

impl Listers for InformerListers {
    fn pvc(&self, namespace: &str, name: &str) -> Option<Arc<PersistentVolumeClaim>> {
        self.pvcs.get(Some(namespace), name)
    }

    fn pv(&self, name: &str) -> Option<Arc<PersistentVolume>> {
        self.pvs.get(None, name)
    }

    fn pvs(&self) -> Vec<Arc<PersistentVolume>> {
        self.pvs.list()
    }

    fn storage_class(&self, name: &str) -> Option<Arc<StorageClass>> {
        self.classes.get(None, name)
    }

    fn pdbs(&self) -> Vec<Arc<PodDisruptionBudget>> {
        self.pdbs.list()
    }

    fn namespace(&self, name: &str) -> Option<Arc<Namespace>> {
        self.namespaces.get(None, name)
    }

    fn namespaces(&self) -> Vec<Arc<Namespace>> {
        self.namespaces.list()
    }

    fn services(&self, namespace: &str) -> Vec<Arc<Service>> {
        if self.services.is_empty() {
            return Vec::new();
        }
        self.services.by_index(NAMESPACE_INDEX, namespace)
    }

    fn replica_set(&self, namespace: &str, name: &str) -> Option<Arc<ReplicaSet>> {
        self.replica_sets.get(Some(namespace), name)
    }

    fn stateful_set(&self, namespace: &str, name: &str) -> Option<Arc<StatefulSet>> {
        self.stateful_sets.get(Some(namespace), name)
    }

    fn replication_controller(
        &self,
        namespace: &str,
        name: &str,
    ) -> Option<Arc<ReplicationController>> {
        self.controllers.get(Some(namespace), name)
    }
}

/// In-memory [`Listers`] for tests: objects are added with the `add_*` methods.
#[derive(Debug, Default)]
pub struct StaticListers {
    /// Claims.
    pub pvcs: RwLock<Vec<Arc<PersistentVolumeClaim>>>,
    /// Volumes.
    pub pvs: RwLock<Vec<Arc<PersistentVolume>>>,
    /// Storage classes.
    pub classes: RwLock<Vec<Arc<StorageClass>>>,
    /// Disruption budgets.
    pub pdbs: RwLock<Vec<Arc<PodDisruptionBudget>>>,
    /// Namespaces.
    pub namespaces: RwLock<Vec<Arc<Namespace>>>,
    /// Services.
    pub services: RwLock<Vec<Arc<Service>>>,
    /// ReplicaSets.
    pub replica_sets: RwLock<Vec<Arc<ReplicaSet>>>,
    /// StatefulSets.
    pub stateful_sets: RwLock<Vec<Arc<StatefulSet>>>,
    /// ReplicationControllers.
    pub controllers: RwLock<Vec<Arc<ReplicationController>>>,
}

fn find<K: kube::Resource>(
    list: &RwLock<Vec<Arc<K>>>,
    ns: Option<&str>,
    name: &str,
) -> Option<Arc<K>> {
    list.read()
        .iter()
        .find(|o| {
            o.meta().name.as_deref() == Some(name)
                && ns.is_none_or(|ns| o.meta().namespace.as_deref() == Some(ns))
        })
        .cloned()
}

fn upsert<K: kube::Resource>(list: &RwLock<Vec<Arc<K>>>, obj: K) {
    let mut list = list.write();
    list.retain(|o| o.meta().name != obj.meta().name || o.meta().namespace != obj.meta().namespace);
    list.push(Arc::new(obj));
}

impl StaticListers {
    /// Adds (or replaces) a claim.
    pub fn add_pvc(&self, obj: PersistentVolumeClaim) {
        upsert(&self.pvcs, obj);
    }

    /// Adds (or replaces) a volume.
    pub fn add_pv(&self, obj: PersistentVolume) {
        upsert(&self.pvs, obj);
    }

    /// Adds (or replaces) a storage class.
    pub fn add_storage_class(&self, obj: StorageClass) {
        upsert(&self.classes, obj);
    }

    /// Adds (or replaces) a disruption budget.
    pub fn add_pdb(&self, obj: PodDisruptionBudget) {
        upsert(&self.pdbs, obj);
    }

    /// Adds (or replaces) a namespace.
    pub fn add_namespace(&self, obj: Namespace) {
        upsert(&self.namespaces, obj);
    }

    /// Adds (or replaces) a service.
    pub fn add_service(&self, obj: Service) {
        upsert(&self.services, obj);
    }

    /// Adds (or replaces) a ReplicaSet.
    pub fn add_replica_set(&self, obj: ReplicaSet) {
        upsert(&self.replica_sets, obj);
    }
}

impl Listers for StaticListers {
    fn pvc(&self, namespace: &str, name: &str) -> Option<Arc<PersistentVolumeClaim>> {
        find(&self.pvcs, Some(namespace), name)
    }

    fn pv(&self, name: &str) -> Option<Arc<PersistentVolume>> {
        find(&self.pvs, None, name)
    }

    fn pvs(&self) -> Vec<Arc<PersistentVolume>> {
        self.pvs.read().clone()
    }

    fn storage_class(&self, name: &str) -> Option<Arc<StorageClass>> {
        find(&self.classes, None, name)
    }

    fn pdbs(&self) -> Vec<Arc<PodDisruptionBudget>> {
        self.pdbs.read().clone()
    }

    fn namespace(&self, name: &str) -> Option<Arc<Namespace>> {
        find(&self.namespaces, None, name)
    }

    fn namespaces(&self) -> Vec<Arc<Namespace>> {
        self.namespaces.read().clone()
    }

    fn services(&self, namespace: &str) -> Vec<Arc<Service>> {
        self.services
            .read()
            .iter()
            .filter(|s| s.metadata.namespace.as_deref() == Some(namespace))
            .cloned()
            .collect()
    }

    fn replica_set(&self, namespace: &str, name: &str) -> Option<Arc<ReplicaSet>> {
        find(&self.replica_sets, Some(namespace), name)
    }

    fn stateful_set(&self, namespace: &str, name: &str) -> Option<Arc<StatefulSet>> {
        find(&self.stateful_sets, Some(namespace), name)
    }

    fn replication_controller(
        &self,
        namespace: &str,
        name: &str,
    ) -> Option<Arc<ReplicationController>> {
        find(&self.controllers, Some(namespace), name)
    }
}
