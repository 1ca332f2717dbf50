//! The built-in resources Capstan serves, with their names, subresources and
//! strategies.

use std::sync::Arc;

use k8s_openapi::api::{
    apps::v1 as apps, authentication::v1 as authentication, authorization::v1 as authorization,
    autoscaling::v1 as autoscaling1, autoscaling::v2 as autoscaling2, batch::v1 as batch,
    coordination::v1 as coordination, core::v1 as core, discovery::v1 as discovery,
    events::v1 as events, networking::v1 as networking, node::v1 as node, policy::v1 as policy,
    rbac::v1 as rbac, scheduling::v1 as scheduling, storage::v1 as storage,
};

use crate::catalog::Catalog;
use crate::registry::{apps as apps_reg, batch as batch_reg, core as core_reg, other as other_reg};
use crate::resource::ResourceDef;

/// The catalog of built-in resources, with priority classes resolved only for
/// the built-in system classes (see [`catalog_with`]).
pub fn catalog() -> Catalog {
    catalog_with(core_reg::priority_classes::PriorityClassIndex::new())
}

/// The catalog of built-in resources, resolving pods' priority classes through
/// `priority_classes` (connect it to the API once built).
pub fn catalog_with(
    priority_classes: Arc<core_reg::priority_classes::PriorityClassIndex>,
) -> Catalog {
    Catalog::new(builtin_defs(priority_classes))
}

fn builtin_defs(
    priority_classes: Arc<core_reg::priority_classes::PriorityClassIndex>,
) -> Vec<ResourceDef> {
    let all: &'static [&'static str] = &["all"];
    vec![
        // core/v1
        ResourceDef::of::<core::Namespace>()
            .short(&["ns"])
            .status()
            .subresources(&["finalize"])
            .strategy(core_reg::namespace::NamespaceStrategy),
        ResourceDef::of::<core::Pod>()
            .short(&["po"])
            .categories(all)
            .status()
            .subresources(&["binding", "eviction"])
            .strategy(core_reg::pod::PodStrategy::with_priority_classes(
                priority_classes,
            )),
        ResourceDef::of::<core::Service>()
            .short(&["svc"])
            .categories(all)
            .status()
            .stored_at("/registry/services/specs/")
            .strategy(core_reg::service::ServiceStrategy),
        ResourceDef::of::<core::Endpoints>()
            .short(&["ep"])
            .stored_at("/registry/services/endpoints/")
            .strategy(core_reg::endpoints::EndpointsStrategy),
        ResourceDef::of::<core::ConfigMap>()
            .short(&["cm"])
            .strategy(core_reg::configmap::ConfigMapStrategy),
        ResourceDef::of::<core::Secret>().strategy(core_reg::secret::SecretStrategy),
        ResourceDef::of::<core::ServiceAccount>()
            .short(&["sa"])
            .subresources(&["token"])
            .strategy(core_reg::serviceaccount::ServiceAccountStrategy),
        ResourceDef::of::<core::Node>()
            .short(&["no"])
            .status()
            .stored_at("/registry/minions/")
            .strategy(core_reg::node::NodeStrategy),
        ResourceDef::of::<core::Event>()
            .short(&["ev"])
            .strategy(core_reg::event::EventStrategy),
        ResourceDef::of::<core::PersistentVolume>()
            .short(&["pv"])
            .status()
            .strategy(core_reg::persistentvolume::PersistentVolumeStrategy),
        ResourceDef::of::<core::PersistentVolumeClaim>()
            .short(&["pvc"])
            .status()
            .strategy(core_reg::persistentvolumeclaim::PersistentVolumeClaimStrategy),
        ResourceDef::of::<core::LimitRange>()
            .short(&["limits"])
            .strategy(core_reg::limitrange::LimitRangeStrategy),
        ResourceDef::of::<core::ResourceQuota>()
            .short(&["quota"])
            .status()
            .strategy(core_reg::resourcequota::ResourceQuotaStrategy),
        ResourceDef::of::<core::ReplicationController>()
            .short(&["rc"])
            .categories(all)
            .status()
            .scale()
            .strategy(core_reg::replicationcontroller::ReplicationControllerStrategy),
        ResourceDef::of::<core::PodTemplate>().strategy(core_reg::podtemplate::PodTemplateStrategy),
        // apps/v1
        ResourceDef::of::<apps::Deployment>()
            .short(&["deploy"])
            .categories(all)
            .status()
            .scale()
            .strategy(apps_reg::deployment::DeploymentStrategy),
        ResourceDef::of::<apps::ReplicaSet>()
            .short(&["rs"])
            .categories(all)
            .status()
            .scale()
            .strategy(apps_reg::replicaset::ReplicaSetStrategy),
        ResourceDef::of::<apps::StatefulSet>()
            .short(&["sts"])
            .categories(all)
            .status()
            .scale()
            .strategy(apps_reg::statefulset::StatefulSetStrategy),
        ResourceDef::of::<apps::DaemonSet>()
            .short(&["ds"])
            .categories(all)
            .status()
            .strategy(apps_reg::daemonset::DaemonSetStrategy),
        ResourceDef::of::<apps::ControllerRevision>()
            .strategy(apps_reg::controllerrevision::ControllerRevisionStrategy),
        // batch/v1
        ResourceDef::of::<batch::Job>()
            .categories(all)
            .status()
            .strategy(batch_reg::job::JobStrategy),
        ResourceDef::of::<batch::CronJob>()
            .short(&["cj"])
            .categories(all)
            .status()
            .strategy(batch_reg::cronjob::CronJobStrategy),
        // autoscaling: v2 is the preferred and storage version.
        ResourceDef::of::<autoscaling2::HorizontalPodAutoscaler>()
            .short(&["hpa"])
            .categories(all)
            .status()
            .strategy(other_reg::hpa::HorizontalPodAutoscalerStrategy),
        ResourceDef::of::<autoscaling1::HorizontalPodAutoscaler>()
            .short(&["hpa"])
            .categories(all)
            .status()
            .stored_at("/registry/horizontalpodautoscalers/")
            .converted(Arc::new(other_reg::hpa::HpaV1Converter))
            .strategy(other_reg::hpa::HorizontalPodAutoscalerStrategy),
        // networking.k8s.io/v1
        ResourceDef::of::<networking::Ingress>()
            .short(&["ing"])
            .status()
            .stored_at("/registry/ingress/")
            .strategy(other_reg::ingress::IngressStrategy),
        ResourceDef::of::<networking::IngressClass>()
            .strategy(other_reg::ingress::IngressClassStrategy),
        ResourceDef::of::<networking::NetworkPolicy>()
            .short(&["netpol"])
            .strategy(other_reg::networkpolicy::NetworkPolicyStrategy),
        // discovery.k8s.io/v1
        ResourceDef::of::<discovery::EndpointSlice>()
            .strategy(other_reg::endpointslice::EndpointSliceStrategy),
        // coordination.k8s.io/v1
        ResourceDef::of::<coordination::Lease>().strategy(other_reg::lease::LeaseStrategy),
        // rbac.authorization.k8s.io/v1
        ResourceDef::of::<rbac::ClusterRole>().strategy(other_reg::rbac::RbacStrategy),
        ResourceDef::of::<rbac::ClusterRoleBinding>().strategy(other_reg::rbac::RbacStrategy),
        ResourceDef::of::<rbac::Role>().strategy(other_reg::rbac::RbacStrategy),
        ResourceDef::of::<rbac::RoleBinding>().strategy(other_reg::rbac::RbacStrategy),
        // storage.k8s.io/v1
        ResourceDef::of::<storage::StorageClass>()
            .short(&["sc"])
            .strategy(other_reg::storage::StorageClassStrategy),
        ResourceDef::of::<storage::CSIDriver>().strategy(other_reg::storage::CsiStrategy),
        ResourceDef::of::<storage::CSINode>().strategy(other_reg::storage::CsiStrategy),
        ResourceDef::of::<storage::VolumeAttachment>()
            .status()
            .strategy(other_reg::storage::CsiStrategy),
        // policy/v1
        ResourceDef::of::<policy::PodDisruptionBudget>()
            .short(&["pdb"])
            .status()
            .strategy(other_reg::pdb::PodDisruptionBudgetStrategy),
        // scheduling.k8s.io/v1
        ResourceDef::of::<scheduling::PriorityClass>()
            .short(&["pc"])
            .strategy(other_reg::priorityclass::PriorityClassStrategy),
        // events.k8s.io/v1 shares storage with core/v1 events.
        ResourceDef::of::<events::Event>()
            .short(&["ev"])
            .stored_at("/registry/events/")
            .converted(Arc::new(other_reg::events::EventsV1Converter))
            .strategy(other_reg::events::EventsV1Strategy),
        // node.k8s.io/v1
        ResourceDef::of::<node::RuntimeClass>()
            .strategy(other_reg::runtimeclass::RuntimeClassStrategy),
        // authentication.k8s.io/v1: answered from the request, never stored.
        ResourceDef::create_only::<authentication::TokenReview>(),
        ResourceDef::create_only::<authentication::SelfSubjectReview>(),
        // authorization.k8s.io/v1: answered by the authorizer, never stored.
        ResourceDef::create_only::<authorization::SelfSubjectAccessReview>(),
        ResourceDef::create_only::<authorization::SelfSubjectRulesReview>(),
        ResourceDef::create_only::<authorization::SubjectAccessReview>(),
        ResourceDef::create_only::<authorization::LocalSubjectAccessReview>(),
    ]
}
