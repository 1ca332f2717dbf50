// @generated — do not edit by hand.
//
// Field facts for the Kubernetes 1.33 protobuf wire encoding (proto2, as emitted by
// go-to-protobuf), for every message in the k8s.io/api v0.33.9 `generated.proto` files,
// k8s.io/apimachinery v0.33.9 (meta/v1, api/resource, util/intstr, runtime, runtime/schema),
// k8s.io/apiextensions-apiserver v0.33.9 (apiextensions/v1, v1beta1) and k8s.io/kube-aggregator
// v0.33.9 (apiregistration/v1, v1beta1).
//
// Derived mechanically: field numbers, proto scalar/message/map/repeated kinds come from the
// `.proto` schemas; JSON names, `omitempty`, pointer-ness and `json:",inline"` embedding come
// from the `json:`/`protobuf:` struct tags of the matching Go types (fields are matched by field
// number). Registered kinds come from each API package's `register.go` plus the meta/v1 types
// that `metav1.AddToGroupVersion` adds to every group version. Only facts are recorded here;
// no schema text or comments are copied.
//
// Field: f(number, json name, type, cardinality, flags). Types: S string, B bytes, Z bool,
// I int32, L int64, D double, M(i) message at index i of MESSAGES.

use super::schema::{f, Card::*, Kind::*, Message, Ty::*, INLINE, OE, PTR, SKIP};

/// Every known message, indexed by `Ty::M`.
pub(crate) static MESSAGES: &[Message] = &[
    Message { name: "k8s.io.api.admission.v1.AdmissionRequest", kind: Struct, fields: &[f(1,"uid",S,One,0), f(2,"kind",M(1098),One,0), f(3,"resource",M(1099),One,0), f(4,"subResource",S,One,OE), f(13,"requestKind",M(1098),One,OE|PTR), f(14,"requestResource",M(1099),One,OE|PTR), f(15,"requestSubResource",S,One,OE), f(5,"name",S,One,OE), f(6,"namespace",S,One,OE), f(7,"operation",S,One,0), f(8,"userInfo",M(196),One,0), f(9,"object",M(1129),One,OE), f(10,"oldObject",M(1129),One,OE), f(11,"dryRun",Z,One,OE|PTR), f(12,"options",M(1129),One,OE)] }, // 0
    Message { name: "k8s.io.api.admission.v1.AdmissionResponse", kind: Struct, fields: &[f(1,"uid",S,One,0), f(2,"allowed",Z,One,0), f(3,"status",M(1116),One,OE|PTR), f(4,"patch",B,One,OE), f(5,"patchType",S,One,OE|PTR), f(6,"auditAnnotations",S,Map(S),OE), f(7,"warnings",S,Rep,OE)] }, // 1
    Message { name: "k8s.io.api.admission.v1.AdmissionReview", kind: Struct, fields: &[f(1,"request",M(0),One,OE|PTR), f(2,"response",M(1),One,OE|PTR)] }, // 2
    Message { name: "k8s.io.api.admission.v1beta1.AdmissionRequest", kind: Struct, fields: &[f(1,"uid",S,One,0), f(2,"kind",M(1098),One,0), f(3,"resource",M(1099),One,0), f(4,"subResource",S,One,OE), f(13,"requestKind",M(1098),One,OE|PTR), f(14,"requestResource",M(1099),One,OE|PTR), f(15,"requestSubResource",S,One,OE), f(5,"name",S,One,OE), f(6,"namespace",S,One,OE), f(7,"operation",S,One,0), f(8,"userInfo",M(196),One,0), f(9,"object",M(1129),One,OE), f(10,"oldObject",M(1129),One,OE), f(11,"dryRun",Z,One,OE|PTR), f(12,"options",M(1129),One,OE)] }, // 3
    Message { name: "k8s.io.api.admission.v1beta1.AdmissionResponse", kind: Struct, fields: &[f(1,"uid",S,One,0), f(2,"allowed",Z,One,0), f(3,"status",M(1116),One,OE|PTR), f(4,"patch",B,One,OE), f(5,"patchType",S,One,OE|PTR), f(6,"auditAnnotations",S,Map(S),OE), f(7,"warnings",S,Rep,OE)] }, // 4
    Message { name: "k8s.io.api.admission.v1beta1.AdmissionReview", kind: Struct, fields: &[f(1,"request",M(3),One,OE|PTR), f(2,"response",M(4),One,OE|PTR)] }, // 5
    Message { name: "k8s.io.api.admissionregistration.v1.AuditAnnotation", kind: Struct, fields: &[f(1,"key",S,One,0), f(2,"valueExpression",S,One,0)] }, // 6
    Message { name: "k8s.io.api.admissionregistration.v1.ExpressionWarning", kind: Struct, fields: &[f(2,"fieldRef",S,One,0), f(3,"warning",S,One,0)] }, // 7
    Message { name: "k8s.io.api.admissionregistration.v1.MatchCondition", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"expression",S,One,0)] }, // 8
    Message { name: "k8s.io.api.admissionregistration.v1.MatchResources", kind: Struct, fields: &[f(1,"namespaceSelector",M(1100),One,OE|PTR), f(2,"objectSelector",M(1100),One,OE|PTR), f(3,"resourceRules",M(13),Rep,OE), f(4,"excludeResourceRules",M(13),Rep,OE), f(7,"matchPolicy",S,One,OE|PTR)] }, // 9
    Message { name: "k8s.io.api.admissionregistration.v1.MutatingWebhook", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"clientConfig",M(32),One,0), f(3,"rules",M(17),Rep,OE), f(4,"failurePolicy",S,One,OE|PTR), f(9,"matchPolicy",S,One,OE|PTR), f(5,"namespaceSelector",M(1100),One,OE|PTR), f(11,"objectSelector",M(1100),One,OE|PTR), f(6,"sideEffects",S,One,PTR), f(7,"timeoutSeconds",I,One,OE|PTR), f(8,"admissionReviewVersions",S,Rep,0), f(10,"reinvocationPolicy",S,One,OE|PTR), f(12,"matchConditions",M(8),Rep,OE)] }, // 10
    Message { name: "k8s.io.api.admissionregistration.v1.MutatingWebhookConfiguration", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"webhooks",M(10),Rep,OE)] }, // 11
    Message { name: "k8s.io.api.admissionregistration.v1.MutatingWebhookConfigurationList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(11),Rep,0)] }, // 12
    Message { name: "k8s.io.api.admissionregistration.v1.NamedRuleWithOperations", kind: Struct, fields: &[f(1,"resourceNames",S,Rep,OE), f(2,"",M(17),One,INLINE)] }, // 13
    Message { name: "k8s.io.api.admissionregistration.v1.ParamKind", kind: Struct, fields: &[f(1,"apiVersion",S,One,OE), f(2,"kind",S,One,OE)] }, // 14
    Message { name: "k8s.io.api.admissionregistration.v1.ParamRef", kind: Struct, fields: &[f(1,"name",S,One,OE), f(2,"namespace",S,One,OE), f(3,"selector",M(1100),One,OE|PTR), f(4,"parameterNotFoundAction",S,One,OE|PTR)] }, // 15
    Message { name: "k8s.io.api.admissionregistration.v1.Rule", kind: Struct, fields: &[f(1,"apiGroups",S,Rep,OE), f(2,"apiVersions",S,Rep,OE), f(3,"resources",S,Rep,OE), f(4,"scope",S,One,OE|PTR)] }, // 16
    Message { name: "k8s.io.api.admissionregistration.v1.RuleWithOperations", kind: Struct, fields: &[f(1,"operations",S,Rep,OE), f(2,"",M(16),One,INLINE)] }, // 17
    Message { name: "k8s.io.api.admissionregistration.v1.ServiceReference", kind: Struct, fields: &[f(1,"namespace",S,One,0), f(2,"name",S,One,0), f(3,"path",S,One,OE|PTR), f(4,"port",I,One,OE|PTR)] }, // 18
    Message { name: "k8s.io.api.admissionregistration.v1.TypeChecking", kind: Struct, fields: &[f(1,"expressionWarnings",M(7),Rep,OE)] }, // 19
    Message { name: "k8s.io.api.admissionregistration.v1.ValidatingAdmissionPolicy", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(25),One,OE), f(3,"status",M(26),One,OE)] }, // 20
    Message { name: "k8s.io.api.admissionregistration.v1.ValidatingAdmissionPolicyBinding", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(23),One,OE)] }, // 21
    Message { name: "k8s.io.api.admissionregistration.v1.ValidatingAdmissionPolicyBindingList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(21),Rep,0)] }, // 22
    Message { name: "k8s.io.api.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec", kind: Struct, fields: &[f(1,"policyName",S,One,OE), f(2,"paramRef",M(15),One,OE|PTR), f(3,"matchResources",M(9),One,OE|PTR), f(4,"validationActions",S,Rep,OE)] }, // 23
    Message { name: "k8s.io.api.admissionregistration.v1.ValidatingAdmissionPolicyList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(20),Rep,0)] }, // 24
    Message { name: "k8s.io.api.admissionregistration.v1.ValidatingAdmissionPolicySpec", kind: Struct, fields: &[f(1,"paramKind",M(14),One,OE|PTR), f(2,"matchConstraints",M(9),One,OE|PTR), f(3,"validations",M(30),Rep,OE), f(4,"failurePolicy",S,One,OE|PTR), f(5,"auditAnnotations",M(6),Rep,OE), f(6,"matchConditions",M(8),Rep,OE), f(7,"variables",M(31),Rep,OE)] }, // 25
    Message { name: "k8s.io.api.admissionregistration.v1.ValidatingAdmissionPolicyStatus", kind: Struct, fields: &[f(1,"observedGeneration",L,One,OE), f(2,"typeChecking",M(19),One,OE|PTR), f(3,"conditions",M(1087),Rep,OE)] }, // 26
    Message { name: "k8s.io.api.admissionregistration.v1.ValidatingWebhook", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"clientConfig",M(32),One,0), f(3,"rules",M(17),Rep,OE), f(4,"failurePolicy",S,One,OE|PTR), f(9,"matchPolicy",S,One,OE|PTR), f(5,"namespaceSelector",M(1100),One,OE|PTR), f(10,"objectSelector",M(1100),One,OE|PTR), f(6,"sideEffects",S,One,PTR), f(7,"timeoutSeconds",I,One,OE|PTR), f(8,"admissionReviewVersions",S,Rep,0), f(11,"matchConditions",M(8),Rep,OE)] }, // 27
    Message { name: "k8s.io.api.admissionregistration.v1.ValidatingWebhookConfiguration", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"webhooks",M(27),Rep,OE)] }, // 28
    Message { name: "k8s.io.api.admissionregistration.v1.ValidatingWebhookConfigurationList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(28),Rep,0)] }, // 29
    Message { name: "k8s.io.api.admissionregistration.v1.Validation", kind: Struct, fields: &[f(1,"expression",S,One,0), f(2,"message",S,One,OE), f(3,"reason",S,One,OE|PTR), f(4,"messageExpression",S,One,OE)] }, // 30
    Message { name: "k8s.io.api.admissionregistration.v1.Variable", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"expression",S,One,0)] }, // 31
    Message { name: "k8s.io.api.admissionregistration.v1.WebhookClientConfig", kind: Struct, fields: &[f(3,"url",S,One,OE|PTR), f(1,"service",M(18),One,OE|PTR), f(2,"caBundle",B,One,OE)] }, // 32
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.ApplyConfiguration", kind: Struct, fields: &[f(1,"expression",S,One,OE)] }, // 33
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.AuditAnnotation", kind: Struct, fields: &[f(1,"key",S,One,0), f(2,"valueExpression",S,One,0)] }, // 34
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.ExpressionWarning", kind: Struct, fields: &[f(2,"fieldRef",S,One,0), f(3,"warning",S,One,0)] }, // 35
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.JSONPatch", kind: Struct, fields: &[f(1,"expression",S,One,OE)] }, // 36
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.MatchCondition", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"expression",S,One,0)] }, // 37
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.MatchResources", kind: Struct, fields: &[f(1,"namespaceSelector",M(1100),One,OE|PTR), f(2,"objectSelector",M(1100),One,OE|PTR), f(3,"resourceRules",M(46),Rep,OE), f(4,"excludeResourceRules",M(46),Rep,OE), f(7,"matchPolicy",S,One,OE|PTR)] }, // 38
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.MutatingAdmissionPolicy", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(44),One,OE)] }, // 39
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.MutatingAdmissionPolicyBinding", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(42),One,OE)] }, // 40
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.MutatingAdmissionPolicyBindingList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(40),Rep,0)] }, // 41
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.MutatingAdmissionPolicyBindingSpec", kind: Struct, fields: &[f(1,"policyName",S,One,OE), f(2,"paramRef",M(48),One,OE|PTR), f(3,"matchResources",M(38),One,OE|PTR)] }, // 42
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.MutatingAdmissionPolicyList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(39),Rep,0)] }, // 43
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.MutatingAdmissionPolicySpec", kind: Struct, fields: &[f(1,"paramKind",M(47),One,OE|PTR), f(2,"matchConstraints",M(38),One,OE|PTR), f(3,"variables",M(58),Rep,OE), f(4,"mutations",M(45),Rep,OE), f(5,"failurePolicy",S,One,OE|PTR), f(6,"matchConditions",M(37),Rep,OE), f(7,"reinvocationPolicy",S,One,OE)] }, // 44
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.Mutation", kind: Struct, fields: &[f(2,"patchType",S,One,0), f(3,"applyConfiguration",M(33),One,OE|PTR), f(4,"jsonPatch",M(36),One,OE|PTR)] }, // 45
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.NamedRuleWithOperations", kind: Struct, fields: &[f(1,"resourceNames",S,Rep,OE), f(2,"",M(17),One,INLINE)] }, // 46
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.ParamKind", kind: Struct, fields: &[f(1,"apiVersion",S,One,OE), f(2,"kind",S,One,OE)] }, // 47
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.ParamRef", kind: Struct, fields: &[f(1,"name",S,One,OE), f(2,"namespace",S,One,OE), f(3,"selector",M(1100),One,OE|PTR), f(4,"parameterNotFoundAction",S,One,OE|PTR)] }, // 48
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.TypeChecking", kind: Struct, fields: &[f(1,"expressionWarnings",M(35),Rep,OE)] }, // 49
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.ValidatingAdmissionPolicy", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(55),One,OE), f(3,"status",M(56),One,OE)] }, // 50
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.ValidatingAdmissionPolicyBinding", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(53),One,OE)] }, // 51
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.ValidatingAdmissionPolicyBindingList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(51),Rep,0)] }, // 52
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.ValidatingAdmissionPolicyBindingSpec", kind: Struct, fields: &[f(1,"policyName",S,One,OE), f(2,"paramRef",M(48),One,OE|PTR), f(3,"matchResources",M(38),One,OE|PTR), f(4,"validationActions",S,Rep,OE)] }, // 53
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.ValidatingAdmissionPolicyList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(50),Rep,0)] }, // 54
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.ValidatingAdmissionPolicySpec", kind: Struct, fields: &[f(1,"paramKind",M(47),One,OE|PTR), f(2,"matchConstraints",M(38),One,OE|PTR), f(3,"validations",M(57),Rep,OE), f(4,"failurePolicy",S,One,OE|PTR), f(5,"auditAnnotations",M(34),Rep,OE), f(6,"matchConditions",M(37),Rep,OE), f(7,"variables",M(58),Rep,OE)] }, // 55
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.ValidatingAdmissionPolicyStatus", kind: Struct, fields: &[f(1,"observedGeneration",L,One,OE), f(2,"typeChecking",M(49),One,OE|PTR), f(3,"conditions",M(1087),Rep,OE)] }, // 56
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.Validation", kind: Struct, fields: &[f(1,"expression",S,One,0), f(2,"message",S,One,OE), f(3,"reason",S,One,OE|PTR), f(4,"messageExpression",S,One,OE)] }, // 57
    Message { name: "k8s.io.api.admissionregistration.v1alpha1.Variable", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"expression",S,One,0)] }, // 58
    Message { name: "k8s.io.api.admissionregistration.v1beta1.AuditAnnotation", kind: Struct, fields: &[f(1,"key",S,One,0), f(2,"valueExpression",S,One,0)] }, // 59
    Message { name: "k8s.io.api.admissionregistration.v1beta1.ExpressionWarning", kind: Struct, fields: &[f(2,"fieldRef",S,One,0), f(3,"warning",S,One,0)] }, // 60
    Message { name: "k8s.io.api.admissionregistration.v1beta1.MatchCondition", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"expression",S,One,0)] }, // 61
    Message { name: "k8s.io.api.admissionregistration.v1beta1.MatchResources", kind: Struct, fields: &[f(1,"namespaceSelector",M(1100),One,OE|PTR), f(2,"objectSelector",M(1100),One,OE|PTR), f(3,"resourceRules",M(66),Rep,OE), f(4,"excludeResourceRules",M(66),Rep,OE), f(7,"matchPolicy",S,One,OE|PTR)] }, // 62
    Message { name: "k8s.io.api.admissionregistration.v1beta1.MutatingWebhook", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"clientConfig",M(83),One,0), f(3,"rules",M(17),Rep,OE), f(4,"failurePolicy",S,One,OE|PTR), f(9,"matchPolicy",S,One,OE|PTR), f(5,"namespaceSelector",M(1100),One,OE|PTR), f(11,"objectSelector",M(1100),One,OE|PTR), f(6,"sideEffects",S,One,OE|PTR), f(7,"timeoutSeconds",I,One,OE|PTR), f(8,"admissionReviewVersions",S,Rep,OE), f(10,"reinvocationPolicy",S,One,OE|PTR), f(12,"matchConditions",M(61),Rep,OE)] }, // 63
    Message { name: "k8s.io.api.admissionregistration.v1beta1.MutatingWebhookConfiguration", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"webhooks",M(63),Rep,OE)] }, // 64
    Message { name: "k8s.io.api.admissionregistration.v1beta1.MutatingWebhookConfigurationList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(64),Rep,0)] }, // 65
    Message { name: "k8s.io.api.admissionregistration.v1beta1.NamedRuleWithOperations", kind: Struct, fields: &[f(1,"resourceNames",S,Rep,OE), f(2,"",M(17),One,INLINE)] }, // 66
    Message { name: "k8s.io.api.admissionregistration.v1beta1.ParamKind", kind: Struct, fields: &[f(1,"apiVersion",S,One,OE), f(2,"kind",S,One,OE)] }, // 67
    Message { name: "k8s.io.api.admissionregistration.v1beta1.ParamRef", kind: Struct, fields: &[f(1,"name",S,One,OE), f(2,"namespace",S,One,OE), f(3,"selector",M(1100),One,OE|PTR), f(4,"parameterNotFoundAction",S,One,OE|PTR)] }, // 68
    Message { name: "k8s.io.api.admissionregistration.v1beta1.ServiceReference", kind: Struct, fields: &[f(1,"namespace",S,One,0), f(2,"name",S,One,0), f(3,"path",S,One,OE|PTR), f(4,"port",I,One,OE|PTR)] }, // 69
    Message { name: "k8s.io.api.admissionregistration.v1beta1.TypeChecking", kind: Struct, fields: &[f(1,"expressionWarnings",M(60),Rep,OE)] }, // 70
    Message { name: "k8s.io.api.admissionregistration.v1beta1.ValidatingAdmissionPolicy", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(76),One,OE), f(3,"status",M(77),One,OE)] }, // 71
    Message { name: "k8s.io.api.admissionregistration.v1beta1.ValidatingAdmissionPolicyBinding", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(74),One,OE)] }, // 72
    Message { name: "k8s.io.api.admissionregistration.v1beta1.ValidatingAdmissionPolicyBindingList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(72),Rep,0)] }, // 73
    Message { name: "k8s.io.api.admissionregistration.v1beta1.ValidatingAdmissionPolicyBindingSpec", kind: Struct, fields: &[f(1,"policyName",S,One,OE), f(2,"paramRef",M(68),One,OE|PTR), f(3,"matchResources",M(62),One,OE|PTR), f(4,"validationActions",S,Rep,OE)] }, // 74
    Message { name: "k8s.io.api.admissionregistration.v1beta1.ValidatingAdmissionPolicyList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(71),Rep,0)] }, // 75
    Message { name: "k8s.io.api.admissionregistration.v1beta1.ValidatingAdmissionPolicySpec", kind: Struct, fields: &[f(1,"paramKind",M(67),One,OE|PTR), f(2,"matchConstraints",M(62),One,OE|PTR), f(3,"validations",M(81),Rep,OE), f(4,"failurePolicy",S,One,OE|PTR), f(5,"auditAnnotations",M(59),Rep,OE), f(6,"matchConditions",M(61),Rep,OE), f(7,"variables",M(82),Rep,OE)] }, // 76
    Message { name: "k8s.io.api.admissionregistration.v1beta1.ValidatingAdmissionPolicyStatus", kind: Struct, fields: &[f(1,"observedGeneration",L,One,OE), f(2,"typeChecking",M(70),One,OE|PTR), f(3,"conditions",M(1087),Rep,OE)] }, // 77
    Message { name: "k8s.io.api.admissionregistration.v1beta1.ValidatingWebhook", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"clientConfig",M(83),One,0), f(3,"rules",M(17),Rep,OE), f(4,"failurePolicy",S,One,OE|PTR), f(9,"matchPolicy",S,One,OE|PTR), f(5,"namespaceSelector",M(1100),One,OE|PTR), f(10,"objectSelector",M(1100),One,OE|PTR), f(6,"sideEffects",S,One,OE|PTR), f(7,"timeoutSeconds",I,One,OE|PTR), f(8,"admissionReviewVersions",S,Rep,OE), f(11,"matchConditions",M(61),Rep,OE)] }, // 78
    Message { name: "k8s.io.api.admissionregistration.v1beta1.ValidatingWebhookConfiguration", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"webhooks",M(78),Rep,OE)] }, // 79
    Message { name: "k8s.io.api.admissionregistration.v1beta1.ValidatingWebhookConfigurationList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(79),Rep,0)] }, // 80
    Message { name: "k8s.io.api.admissionregistration.v1beta1.Validation", kind: Struct, fields: &[f(1,"expression",S,One,0), f(2,"message",S,One,OE), f(3,"reason",S,One,OE|PTR), f(4,"messageExpression",S,One,OE)] }, // 81
    Message { name: "k8s.io.api.admissionregistration.v1beta1.Variable", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"expression",S,One,0)] }, // 82
    Message { name: "k8s.io.api.admissionregistration.v1beta1.WebhookClientConfig", kind: Struct, fields: &[f(3,"url",S,One,OE|PTR), f(1,"service",M(69),One,OE|PTR), f(2,"caBundle",B,One,OE)] }, // 83
    Message { name: "k8s.io.api.apidiscovery.v2.APIGroupDiscovery", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"versions",M(88),Rep,OE)] }, // 84
    Message { name: "k8s.io.api.apidiscovery.v2.APIGroupDiscoveryList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(84),Rep,0)] }, // 85
    Message { name: "k8s.io.api.apidiscovery.v2.APIResourceDiscovery", kind: Struct, fields: &[f(1,"resource",S,One,0), f(2,"responseKind",M(1098),One,OE|PTR), f(3,"scope",S,One,0), f(4,"singularResource",S,One,0), f(5,"verbs",S,Rep,0), f(6,"shortNames",S,Rep,OE), f(7,"categories",S,Rep,OE), f(8,"subresources",M(87),Rep,OE)] }, // 86
    Message { name: "k8s.io.api.apidiscovery.v2.APISubresourceDiscovery", kind: Struct, fields: &[f(1,"subresource",S,One,0), f(2,"responseKind",M(1098),One,OE|PTR), f(3,"acceptedTypes",M(1098),Rep,OE), f(4,"verbs",S,Rep,0)] }, // 87
    Message { name: "k8s.io.api.apidiscovery.v2.APIVersionDiscovery", kind: Struct, fields: &[f(1,"version",S,One,0), f(2,"resources",M(86),Rep,OE), f(3,"freshness",S,One,OE)] }, // 88
    Message { name: "k8s.io.api.apidiscovery.v2beta1.APIGroupDiscovery", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"versions",M(93),Rep,OE)] }, // 89
    Message { name: "k8s.io.api.apidiscovery.v2beta1.APIGroupDiscoveryList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(89),Rep,0)] }, // 90
    Message { name: "k8s.io.api.apidiscovery.v2beta1.APIResourceDiscovery", kind: Struct, fields: &[f(1,"resource",S,One,0), f(2,"responseKind",M(1098),One,OE|PTR), f(3,"scope",S,One,0), f(4,"singularResource",S,One,0), f(5,"verbs",S,Rep,0), f(6,"shortNames",S,Rep,OE), f(7,"categories",S,Rep,OE), f(8,"subresources",M(92),Rep,OE)] }, // 91
    Message { name: "k8s.io.api.apidiscovery.v2beta1.APISubresourceDiscovery", kind: Struct, fields: &[f(1,"subresource",S,One,0), f(2,"responseKind",M(1098),One,OE|PTR), f(3,"acceptedTypes",M(1098),Rep,OE), f(4,"verbs",S,Rep,0)] }, // 92
    Message { name: "k8s.io.api.apidiscovery.v2beta1.APIVersionDiscovery", kind: Struct, fields: &[f(1,"version",S,One,0), f(2,"resources",M(91),Rep,OE), f(3,"freshness",S,One,OE)] }, // 93
    Message { name: "k8s.io.api.apiserverinternal.v1alpha1.ServerStorageVersion", kind: Struct, fields: &[f(1,"apiServerID",S,One,OE), f(2,"encodingVersion",S,One,OE), f(3,"decodableVersions",S,Rep,OE), f(4,"servedVersions",S,Rep,OE)] }, // 94
    Message { name: "k8s.io.api.apiserverinternal.v1alpha1.StorageVersion", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(98),One,0), f(3,"status",M(99),One,0)] }, // 95
    Message { name: "k8s.io.api.apiserverinternal.v1alpha1.StorageVersionCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"observedGeneration",L,One,OE), f(4,"lastTransitionTime",M(1120),One,OE), f(5,"reason",S,One,0), f(6,"message",S,One,OE)] }, // 96
    Message { name: "k8s.io.api.apiserverinternal.v1alpha1.StorageVersionList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(95),Rep,0)] }, // 97
    Message { name: "k8s.io.api.apiserverinternal.v1alpha1.StorageVersionSpec", kind: Struct, fields: &[] }, // 98
    Message { name: "k8s.io.api.apiserverinternal.v1alpha1.StorageVersionStatus", kind: Struct, fields: &[f(1,"storageVersions",M(94),Rep,OE), f(2,"commonEncodingVersion",S,One,OE|PTR), f(3,"conditions",M(96),Rep,OE)] }, // 99
    Message { name: "k8s.io.api.apps.v1.ControllerRevision", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"data",M(1129),One,OE), f(3,"revision",L,One,0)] }, // 100
    Message { name: "k8s.io.api.apps.v1.ControllerRevisionList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(100),Rep,0)] }, // 101
    Message { name: "k8s.io.api.apps.v1.DaemonSet", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(105),One,OE), f(3,"status",M(106),One,OE)] }, // 102
    Message { name: "k8s.io.api.apps.v1.DaemonSetCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 103
    Message { name: "k8s.io.api.apps.v1.DaemonSetList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(102),Rep,0)] }, // 104
    Message { name: "k8s.io.api.apps.v1.DaemonSetSpec", kind: Struct, fields: &[f(1,"selector",M(1100),One,PTR), f(2,"template",M(531),One,0), f(3,"updateStrategy",M(107),One,OE), f(4,"minReadySeconds",I,One,OE), f(6,"revisionHistoryLimit",I,One,OE|PTR)] }, // 105
    Message { name: "k8s.io.api.apps.v1.DaemonSetStatus", kind: Struct, fields: &[f(1,"currentNumberScheduled",I,One,0), f(2,"numberMisscheduled",I,One,0), f(3,"desiredNumberScheduled",I,One,0), f(4,"numberReady",I,One,0), f(5,"observedGeneration",L,One,OE), f(6,"updatedNumberScheduled",I,One,OE), f(7,"numberAvailable",I,One,OE), f(8,"numberUnavailable",I,One,OE), f(9,"collisionCount",I,One,OE|PTR), f(10,"conditions",M(103),Rep,OE)] }, // 106
    Message { name: "k8s.io.api.apps.v1.DaemonSetUpdateStrategy", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"rollingUpdate",M(119),One,OE|PTR)] }, // 107
    Message { name: "k8s.io.api.apps.v1.Deployment", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(111),One,OE), f(3,"status",M(112),One,OE)] }, // 108
    Message { name: "k8s.io.api.apps.v1.DeploymentCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(6,"lastUpdateTime",M(1120),One,OE), f(7,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 109
    Message { name: "k8s.io.api.apps.v1.DeploymentList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(108),Rep,0)] }, // 110
    Message { name: "k8s.io.api.apps.v1.DeploymentSpec", kind: Struct, fields: &[f(1,"replicas",I,One,OE|PTR), f(2,"selector",M(1100),One,PTR), f(3,"template",M(531),One,0), f(4,"strategy",M(113),One,OE), f(5,"minReadySeconds",I,One,OE), f(6,"revisionHistoryLimit",I,One,OE|PTR), f(7,"paused",Z,One,OE), f(9,"progressDeadlineSeconds",I,One,OE|PTR)] }, // 111
    Message { name: "k8s.io.api.apps.v1.DeploymentStatus", kind: Struct, fields: &[f(1,"observedGeneration",L,One,OE), f(2,"replicas",I,One,OE), f(3,"updatedReplicas",I,One,OE), f(7,"readyReplicas",I,One,OE), f(4,"availableReplicas",I,One,OE), f(5,"unavailableReplicas",I,One,OE), f(9,"terminatingReplicas",I,One,OE|PTR), f(6,"conditions",M(109),Rep,OE), f(8,"collisionCount",I,One,OE|PTR)] }, // 112
    Message { name: "k8s.io.api.apps.v1.DeploymentStrategy", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"rollingUpdate",M(120),One,OE|PTR)] }, // 113
    Message { name: "k8s.io.api.apps.v1.ReplicaSet", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(117),One,OE), f(3,"status",M(118),One,OE)] }, // 114
    Message { name: "k8s.io.api.apps.v1.ReplicaSetCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 115
    Message { name: "k8s.io.api.apps.v1.ReplicaSetList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(114),Rep,0)] }, // 116
    Message { name: "k8s.io.api.apps.v1.ReplicaSetSpec", kind: Struct, fields: &[f(1,"replicas",I,One,OE|PTR), f(4,"minReadySeconds",I,One,OE), f(2,"selector",M(1100),One,PTR), f(3,"template",M(531),One,OE)] }, // 117
    Message { name: "k8s.io.api.apps.v1.ReplicaSetStatus", kind: Struct, fields: &[f(1,"replicas",I,One,0), f(2,"fullyLabeledReplicas",I,One,OE), f(4,"readyReplicas",I,One,OE), f(5,"availableReplicas",I,One,OE), f(7,"terminatingReplicas",I,One,OE|PTR), f(3,"observedGeneration",L,One,OE), f(6,"conditions",M(115),Rep,OE)] }, // 118
    Message { name: "k8s.io.api.apps.v1.RollingUpdateDaemonSet", kind: Struct, fields: &[f(1,"maxUnavailable",M(1128),One,OE|PTR), f(2,"maxSurge",M(1128),One,OE|PTR)] }, // 119
    Message { name: "k8s.io.api.apps.v1.RollingUpdateDeployment", kind: Struct, fields: &[f(1,"maxUnavailable",M(1128),One,OE|PTR), f(2,"maxSurge",M(1128),One,OE|PTR)] }, // 120
    Message { name: "k8s.io.api.apps.v1.RollingUpdateStatefulSetStrategy", kind: Struct, fields: &[f(1,"partition",I,One,OE|PTR), f(2,"maxUnavailable",M(1128),One,OE|PTR)] }, // 121
    Message { name: "k8s.io.api.apps.v1.StatefulSet", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(127),One,OE), f(3,"status",M(128),One,OE)] }, // 122
    Message { name: "k8s.io.api.apps.v1.StatefulSetCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 123
    Message { name: "k8s.io.api.apps.v1.StatefulSetList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(122),Rep,0)] }, // 124
    Message { name: "k8s.io.api.apps.v1.StatefulSetOrdinals", kind: Struct, fields: &[f(1,"start",I,One,0)] }, // 125
    Message { name: "k8s.io.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy", kind: Struct, fields: &[f(1,"whenDeleted",S,One,OE), f(2,"whenScaled",S,One,OE)] }, // 126
    Message { name: "k8s.io.api.apps.v1.StatefulSetSpec", kind: Struct, fields: &[f(1,"replicas",I,One,OE|PTR), f(2,"selector",M(1100),One,PTR), f(3,"template",M(531),One,0), f(4,"volumeClaimTemplates",M(493),Rep,OE), f(5,"serviceName",S,One,0), f(6,"podManagementPolicy",S,One,OE), f(7,"updateStrategy",M(129),One,OE), f(8,"revisionHistoryLimit",I,One,OE|PTR), f(9,"minReadySeconds",I,One,OE), f(10,"persistentVolumeClaimRetentionPolicy",M(126),One,OE|PTR), f(11,"ordinals",M(125),One,OE|PTR)] }, // 127
    Message { name: "k8s.io.api.apps.v1.StatefulSetStatus", kind: Struct, fields: &[f(1,"observedGeneration",L,One,OE), f(2,"replicas",I,One,0), f(3,"readyReplicas",I,One,OE), f(4,"currentReplicas",I,One,OE), f(5,"updatedReplicas",I,One,OE), f(6,"currentRevision",S,One,OE), f(7,"updateRevision",S,One,OE), f(9,"collisionCount",I,One,OE|PTR), f(10,"conditions",M(123),Rep,OE), f(11,"availableReplicas",I,One,0)] }, // 128
    Message { name: "k8s.io.api.apps.v1.StatefulSetUpdateStrategy", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"rollingUpdate",M(121),One,OE|PTR)] }, // 129
    Message { name: "k8s.io.api.apps.v1beta1.ControllerRevision", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"data",M(1129),One,OE), f(3,"revision",L,One,0)] }, // 130
    Message { name: "k8s.io.api.apps.v1beta1.ControllerRevisionList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(130),Rep,0)] }, // 131
    Message { name: "k8s.io.api.apps.v1beta1.Deployment", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(136),One,OE), f(3,"status",M(137),One,OE)] }, // 132
    Message { name: "k8s.io.api.apps.v1beta1.DeploymentCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(6,"lastUpdateTime",M(1120),One,OE), f(7,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 133
    Message { name: "k8s.io.api.apps.v1beta1.DeploymentList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(132),Rep,0)] }, // 134
    Message { name: "k8s.io.api.apps.v1beta1.DeploymentRollback", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"updatedAnnotations",S,Map(S),OE), f(3,"rollbackTo",M(139),One,0)] }, // 135
    Message { name: "k8s.io.api.apps.v1beta1.DeploymentSpec", kind: Struct, fields: &[f(1,"replicas",I,One,OE|PTR), f(2,"selector",M(1100),One,OE|PTR), f(3,"template",M(531),One,0), f(4,"strategy",M(138),One,OE), f(5,"minReadySeconds",I,One,OE), f(6,"revisionHistoryLimit",I,One,OE|PTR), f(7,"paused",Z,One,OE), f(8,"rollbackTo",M(139),One,OE|PTR), f(9,"progressDeadlineSeconds",I,One,OE|PTR)] }, // 136
    Message { name: "k8s.io.api.apps.v1beta1.DeploymentStatus", kind: Struct, fields: &[f(1,"observedGeneration",L,One,OE), f(2,"replicas",I,One,OE), f(3,"updatedReplicas",I,One,OE), f(7,"readyReplicas",I,One,OE), f(4,"availableReplicas",I,One,OE), f(5,"unavailableReplicas",I,One,OE), f(9,"terminatingReplicas",I,One,OE|PTR), f(6,"conditions",M(133),Rep,OE), f(8,"collisionCount",I,One,OE|PTR)] }, // 137
    Message { name: "k8s.io.api.apps.v1beta1.DeploymentStrategy", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"rollingUpdate",M(140),One,OE|PTR)] }, // 138
    Message { name: "k8s.io.api.apps.v1beta1.RollbackConfig", kind: Struct, fields: &[f(1,"revision",L,One,OE)] }, // 139
    Message { name: "k8s.io.api.apps.v1beta1.RollingUpdateDeployment", kind: Struct, fields: &[f(1,"maxUnavailable",M(1128),One,OE|PTR), f(2,"maxSurge",M(1128),One,OE|PTR)] }, // 140
    Message { name: "k8s.io.api.apps.v1beta1.RollingUpdateStatefulSetStrategy", kind: Struct, fields: &[f(1,"partition",I,One,OE|PTR), f(2,"maxUnavailable",M(1128),One,OE|PTR)] }, // 141
    Message { name: "k8s.io.api.apps.v1beta1.Scale", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(143),One,OE), f(3,"status",M(144),One,OE)] }, // 142
    Message { name: "k8s.io.api.apps.v1beta1.ScaleSpec", kind: Struct, fields: &[f(1,"replicas",I,One,OE)] }, // 143
    Message { name: "k8s.io.api.apps.v1beta1.ScaleStatus", kind: Struct, fields: &[f(1,"replicas",I,One,0), f(2,"selector",S,Map(S),OE), f(3,"targetSelector",S,One,OE)] }, // 144
    Message { name: "k8s.io.api.apps.v1beta1.StatefulSet", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(150),One,OE), f(3,"status",M(151),One,OE)] }, // 145
    Message { name: "k8s.io.api.apps.v1beta1.StatefulSetCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 146
    Message { name: "k8s.io.api.apps.v1beta1.StatefulSetList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(145),Rep,0)] }, // 147
    Message { name: "k8s.io.api.apps.v1beta1.StatefulSetOrdinals", kind: Struct, fields: &[f(1,"start",I,One,0)] }, // 148
    Message { name: "k8s.io.api.apps.v1beta1.StatefulSetPersistentVolumeClaimRetentionPolicy", kind: Struct, fields: &[f(1,"whenDeleted",S,One,OE), f(2,"whenScaled",S,One,OE)] }, // 149
    Message { name: "k8s.io.api.apps.v1beta1.StatefulSetSpec", kind: Struct, fields: &[f(1,"replicas",I,One,OE|PTR), f(2,"selector",M(1100),One,OE|PTR), f(3,"template",M(531),One,0), f(4,"volumeClaimTemplates",M(493),Rep,OE), f(5,"serviceName",S,One,0), f(6,"podManagementPolicy",S,One,OE), f(7,"updateStrategy",M(152),One,OE), f(8,"revisionHistoryLimit",I,One,OE|PTR), f(9,"minReadySeconds",I,One,OE), f(10,"persistentVolumeClaimRetentionPolicy",M(149),One,OE|PTR), f(11,"ordinals",M(148),One,OE|PTR)] }, // 150
    Message { name: "k8s.io.api.apps.v1beta1.StatefulSetStatus", kind: Struct, fields: &[f(1,"observedGeneration",L,One,OE|PTR), f(2,"replicas",I,One,0), f(3,"readyReplicas",I,One,OE), f(4,"currentReplicas",I,One,OE), f(5,"updatedReplicas",I,One,OE), f(6,"currentRevision",S,One,OE), f(7,"updateRevision",S,One,OE), f(9,"collisionCount",I,One,OE|PTR), f(10,"conditions",M(146),Rep,OE), f(11,"availableReplicas",I,One,0)] }, // 151
    Message { name: "k8s.io.api.apps.v1beta1.StatefulSetUpdateStrategy", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"rollingUpdate",M(141),One,OE|PTR)] }, // 152
    Message { name: "k8s.io.api.apps.v1beta2.ControllerRevision", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"data",M(1129),One,OE), f(3,"revision",L,One,0)] }, // 153
    Message { name: "k8s.io.api.apps.v1beta2.ControllerRevisionList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(153),Rep,0)] }, // 154
    Message { name: "k8s.io.api.apps.v1beta2.DaemonSet", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(158),One,OE), f(3,"status",M(159),One,OE)] }, // 155
    Message { name: "k8s.io.api.apps.v1beta2.DaemonSetCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 156
    Message { name: "k8s.io.api.apps.v1beta2.DaemonSetList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(155),Rep,0)] }, // 157
    Message { name: "k8s.io.api.apps.v1beta2.DaemonSetSpec", kind: Struct, fields: &[f(1,"selector",M(1100),One,PTR), f(2,"template",M(531),One,0), f(3,"updateStrategy",M(160),One,OE), f(4,"minReadySeconds",I,One,OE), f(6,"revisionHistoryLimit",I,One,OE|PTR)] }, // 158
    Message { name: "k8s.io.api.apps.v1beta2.DaemonSetStatus", kind: Struct, fields: &[f(1,"currentNumberScheduled",I,One,0), f(2,"numberMisscheduled",I,One,0), f(3,"desiredNumberScheduled",I,One,0), f(4,"numberReady",I,One,0), f(5,"observedGeneration",L,One,OE), f(6,"updatedNumberScheduled",I,One,OE), f(7,"numberAvailable",I,One,OE), f(8,"numberUnavailable",I,One,OE), f(9,"collisionCount",I,One,OE|PTR), f(10,"conditions",M(156),Rep,OE)] }, // 159
    Message { name: "k8s.io.api.apps.v1beta2.DaemonSetUpdateStrategy", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"rollingUpdate",M(172),One,OE|PTR)] }, // 160
    Message { name: "k8s.io.api.apps.v1beta2.Deployment", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(164),One,OE), f(3,"status",M(165),One,OE)] }, // 161
    Message { name: "k8s.io.api.apps.v1beta2.DeploymentCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(6,"lastUpdateTime",M(1120),One,OE), f(7,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 162
    Message { name: "k8s.io.api.apps.v1beta2.DeploymentList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(161),Rep,0)] }, // 163
    Message { name: "k8s.io.api.apps.v1beta2.DeploymentSpec", kind: Struct, fields: &[f(1,"replicas",I,One,OE|PTR), f(2,"selector",M(1100),One,PTR), f(3,"template",M(531),One,0), f(4,"strategy",M(166),One,OE), f(5,"minReadySeconds",I,One,OE), f(6,"revisionHistoryLimit",I,One,OE|PTR), f(7,"paused",Z,One,OE), f(9,"progressDeadlineSeconds",I,One,OE|PTR)] }, // 164
    Message { name: "k8s.io.api.apps.v1beta2.DeploymentStatus", kind: Struct, fields: &[f(1,"observedGeneration",L,One,OE), f(2,"replicas",I,One,OE), f(3,"updatedReplicas",I,One,OE), f(7,"readyReplicas",I,One,OE), f(4,"availableReplicas",I,One,OE), f(5,"unavailableReplicas",I,One,OE), f(9,"terminatingReplicas",I,One,OE|PTR), f(6,"conditions",M(162),Rep,OE), f(8,"collisionCount",I,One,OE|PTR)] }, // 165
    Message { name: "k8s.io.api.apps.v1beta2.DeploymentStrategy", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"rollingUpdate",M(173),One,OE|PTR)] }, // 166
    Message { name: "k8s.io.api.apps.v1beta2.ReplicaSet", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(170),One,OE), f(3,"status",M(171),One,OE)] }, // 167
    Message { name: "k8s.io.api.apps.v1beta2.ReplicaSetCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 168
    Message { name: "k8s.io.api.apps.v1beta2.ReplicaSetList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(167),Rep,0)] }, // 169
    Message { name: "k8s.io.api.apps.v1beta2.ReplicaSetSpec", kind: Struct, fields: &[f(1,"replicas",I,One,OE|PTR), f(4,"minReadySeconds",I,One,OE), f(2,"selector",M(1100),One,PTR), f(3,"template",M(531),One,OE)] }, // 170
    Message { name: "k8s.io.api.apps.v1beta2.ReplicaSetStatus", kind: Struct, fields: &[f(1,"replicas",I,One,0), f(2,"fullyLabeledReplicas",I,One,OE), f(4,"readyReplicas",I,One,OE), f(5,"availableReplicas",I,One,OE), f(7,"terminatingReplicas",I,One,OE|PTR), f(3,"observedGeneration",L,One,OE), f(6,"conditions",M(168),Rep,OE)] }, // 171
    Message { name: "k8s.io.api.apps.v1beta2.RollingUpdateDaemonSet", kind: Struct, fields: &[f(1,"maxUnavailable",M(1128),One,OE|PTR), f(2,"maxSurge",M(1128),One,OE|PTR)] }, // 172
    Message { name: "k8s.io.api.apps.v1beta2.RollingUpdateDeployment", kind: Struct, fields: &[f(1,"maxUnavailable",M(1128),One,OE|PTR), f(2,"maxSurge",M(1128),One,OE|PTR)] }, // 173
    Message { name: "k8s.io.api.apps.v1beta2.RollingUpdateStatefulSetStrategy", kind: Struct, fields: &[f(1,"partition",I,One,OE|PTR), f(2,"maxUnavailable",M(1128),One,OE|PTR)] }, // 174
    Message { name: "k8s.io.api.apps.v1beta2.Scale", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(176),One,OE), f(3,"status",M(177),One,OE)] }, // 175
    Message { name: "k8s.io.api.apps.v1beta2.ScaleSpec", kind: Struct, fields: &[f(1,"replicas",I,One,OE)] }, // 176
    Message { name: "k8s.io.api.apps.v1beta2.ScaleStatus", kind: Struct, fields: &[f(1,"replicas",I,One,0), f(2,"selector",S,Map(S),OE), f(3,"targetSelector",S,One,OE)] }, // 177
    Message { name: "k8s.io.api.apps.v1beta2.StatefulSet", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(183),One,OE), f(3,"status",M(184),One,OE)] }, // 178
    Message { name: "k8s.io.api.apps.v1beta2.StatefulSetCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 179
    Message { name: "k8s.io.api.apps.v1beta2.StatefulSetList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(178),Rep,0)] }, // 180
    Message { name: "k8s.io.api.apps.v1beta2.StatefulSetOrdinals", kind: Struct, fields: &[f(1,"start",I,One,0)] }, // 181
    Message { name: "k8s.io.api.apps.v1beta2.StatefulSetPersistentVolumeClaimRetentionPolicy", kind: Struct, fields: &[f(1,"whenDeleted",S,One,OE), f(2,"whenScaled",S,One,OE)] }, // 182
    Message { name: "k8s.io.api.apps.v1beta2.StatefulSetSpec", kind: Struct, fields: &[f(1,"replicas",I,One,OE|PTR), f(2,"selector",M(1100),One,PTR), f(3,"template",M(531),One,0), f(4,"volumeClaimTemplates",M(493),Rep,OE), f(5,"serviceName",S,One,0), f(6,"podManagementPolicy",S,One,OE), f(7,"updateStrategy",M(185),One,OE), f(8,"revisionHistoryLimit",I,One,OE|PTR), f(9,"minReadySeconds",I,One,OE), f(10,"persistentVolumeClaimRetentionPolicy",M(182),One,OE|PTR), f(11,"ordinals",M(181),One,OE|PTR)] }, // 183
    Message { name: "k8s.io.api.apps.v1beta2.StatefulSetStatus", kind: Struct, fields: &[f(1,"observedGeneration",L,One,OE), f(2,"replicas",I,One,0), f(3,"readyReplicas",I,One,OE), f(4,"currentReplicas",I,One,OE), f(5,"updatedReplicas",I,One,OE), f(6,"currentRevision",S,One,OE), f(7,"updateRevision",S,One,OE), f(9,"collisionCount",I,One,OE|PTR), f(10,"conditions",M(179),Rep,OE), f(11,"availableReplicas",I,One,0)] }, // 184
    Message { name: "k8s.io.api.apps.v1beta2.StatefulSetUpdateStrategy", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"rollingUpdate",M(174),One,OE|PTR)] }, // 185
    Message { name: "k8s.io.api.authentication.v1.BoundObjectReference", kind: Struct, fields: &[f(1,"kind",S,One,OE), f(2,"apiVersion",S,One,OE), f(3,"name",S,One,OE), f(4,"uid",S,One,OE)] }, // 186
    Message { name: "k8s.io.api.authentication.v1.ExtraValue", kind: Array, fields: &[f(1,"items",S,Rep,0)] }, // 187
    Message { name: "k8s.io.api.authentication.v1.SelfSubjectReview", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"status",M(189),One,OE)] }, // 188
    Message { name: "k8s.io.api.authentication.v1.SelfSubjectReviewStatus", kind: Struct, fields: &[f(1,"userInfo",M(196),One,OE)] }, // 189
    Message { name: "k8s.io.api.authentication.v1.TokenRequest", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(191),One,0), f(3,"status",M(192),One,OE)] }, // 190
    Message { name: "k8s.io.api.authentication.v1.TokenRequestSpec", kind: Struct, fields: &[f(1,"audiences",S,Rep,0), f(4,"expirationSeconds",L,One,PTR), f(3,"boundObjectRef",M(186),One,PTR)] }, // 191
    Message { name: "k8s.io.api.authentication.v1.TokenRequestStatus", kind: Struct, fields: &[f(1,"token",S,One,0), f(2,"expirationTimestamp",M(1120),One,0)] }, // 192
    Message { name: "k8s.io.api.authentication.v1.TokenReview", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(194),One,0), f(3,"status",M(195),One,OE)] }, // 193
    Message { name: "k8s.io.api.authentication.v1.TokenReviewSpec", kind: Struct, fields: &[f(1,"token",S,One,OE), f(2,"audiences",S,Rep,OE)] }, // 194
    Message { name: "k8s.io.api.authentication.v1.TokenReviewStatus", kind: Struct, fields: &[f(1,"authenticated",Z,One,OE), f(2,"user",M(196),One,OE), f(4,"audiences",S,Rep,OE), f(3,"error",S,One,OE)] }, // 195
    Message { name: "k8s.io.api.authentication.v1.UserInfo", kind: Struct, fields: &[f(1,"username",S,One,OE), f(2,"uid",S,One,OE), f(3,"groups",S,Rep,OE), f(4,"extra",M(187),Map(S),OE)] }, // 196
    Message { name: "k8s.io.api.authentication.v1alpha1.SelfSubjectReview", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"status",M(198),One,OE)] }, // 197
    Message { name: "k8s.io.api.authentication.v1alpha1.SelfSubjectReviewStatus", kind: Struct, fields: &[f(1,"userInfo",M(196),One,OE)] }, // 198
    Message { name: "k8s.io.api.authentication.v1beta1.ExtraValue", kind: Array, fields: &[f(1,"items",S,Rep,0)] }, // 199
    Message { name: "k8s.io.api.authentication.v1beta1.SelfSubjectReview", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"status",M(201),One,OE)] }, // 200
    Message { name: "k8s.io.api.authentication.v1beta1.SelfSubjectReviewStatus", kind: Struct, fields: &[f(1,"userInfo",M(196),One,OE)] }, // 201
    Message { name: "k8s.io.api.authentication.v1beta1.TokenReview", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(203),One,0), f(3,"status",M(204),One,OE)] }, // 202
    Message { name: "k8s.io.api.authentication.v1beta1.TokenReviewSpec", kind: Struct, fields: &[f(1,"token",S,One,OE), f(2,"audiences",S,Rep,OE)] }, // 203
    Message { name: "k8s.io.api.authentication.v1beta1.TokenReviewStatus", kind: Struct, fields: &[f(1,"authenticated",Z,One,OE), f(2,"user",M(205),One,OE), f(4,"audiences",S,Rep,OE), f(3,"error",S,One,OE)] }, // 204
    Message { name: "k8s.io.api.authentication.v1beta1.UserInfo", kind: Struct, fields: &[f(1,"username",S,One,OE), f(2,"uid",S,One,OE), f(3,"groups",S,Rep,OE), f(4,"extra",M(199),Map(S),OE)] }, // 205
    Message { name: "k8s.io.api.authorization.v1.ExtraValue", kind: Array, fields: &[f(1,"items",S,Rep,0)] }, // 206
    Message { name: "k8s.io.api.authorization.v1.FieldSelectorAttributes", kind: Struct, fields: &[f(1,"rawSelector",S,One,OE), f(2,"requirements",M(1091),Rep,OE)] }, // 207
    Message { name: "k8s.io.api.authorization.v1.LabelSelectorAttributes", kind: Struct, fields: &[f(1,"rawSelector",S,One,OE), f(2,"requirements",M(1101),Rep,OE)] }, // 208
    Message { name: "k8s.io.api.authorization.v1.LocalSubjectAccessReview", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(219),One,0), f(3,"status",M(220),One,OE)] }, // 209
    Message { name: "k8s.io.api.authorization.v1.NonResourceAttributes", kind: Struct, fields: &[f(1,"path",S,One,OE), f(2,"verb",S,One,OE)] }, // 210
    Message { name: "k8s.io.api.authorization.v1.NonResourceRule", kind: Struct, fields: &[f(1,"verbs",S,Rep,0), f(2,"nonResourceURLs",S,Rep,OE)] }, // 211
    Message { name: "k8s.io.api.authorization.v1.ResourceAttributes", kind: Struct, fields: &[f(1,"namespace",S,One,OE), f(2,"verb",S,One,OE), f(3,"group",S,One,OE), f(4,"version",S,One,OE), f(5,"resource",S,One,OE), f(6,"subresource",S,One,OE), f(7,"name",S,One,OE), f(8,"fieldSelector",M(207),One,OE|PTR), f(9,"labelSelector",M(208),One,OE|PTR)] }, // 212
    Message { name: "k8s.io.api.authorization.v1.ResourceRule", kind: Struct, fields: &[f(1,"verbs",S,Rep,0), f(2,"apiGroups",S,Rep,OE), f(3,"resources",S,Rep,OE), f(4,"resourceNames",S,Rep,OE)] }, // 213
    Message { name: "k8s.io.api.authorization.v1.SelfSubjectAccessReview", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(215),One,0), f(3,"status",M(220),One,OE)] }, // 214
    Message { name: "k8s.io.api.authorization.v1.SelfSubjectAccessReviewSpec", kind: Struct, fields: &[f(1,"resourceAttributes",M(212),One,OE|PTR), f(2,"nonResourceAttributes",M(210),One,OE|PTR)] }, // 215
    Message { name: "k8s.io.api.authorization.v1.SelfSubjectRulesReview", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(217),One,0), f(3,"status",M(221),One,OE)] }, // 216
    Message { name: "k8s.io.api.authorization.v1.SelfSubjectRulesReviewSpec", kind: Struct, fields: &[f(1,"namespace",S,One,OE)] }, // 217
    Message { name: "k8s.io.api.authorization.v1.SubjectAccessReview", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(219),One,0), f(3,"status",M(220),One,OE)] }, // 218
    Message { name: "k8s.io.api.authorization.v1.SubjectAccessReviewSpec", kind: Struct, fields: &[f(1,"resourceAttributes",M(212),One,OE|PTR), f(2,"nonResourceAttributes",M(210),One,OE|PTR), f(3,"user",S,One,OE), f(4,"groups",S,Rep,OE), f(5,"extra",M(206),Map(S),OE), f(6,"uid",S,One,OE)] }, // 219
    Message { name: "k8s.io.api.authorization.v1.SubjectAccessReviewStatus", kind: Struct, fields: &[f(1,"allowed",Z,One,0), f(4,"denied",Z,One,OE), f(2,"reason",S,One,OE), f(3,"evaluationError",S,One,OE)] }, // 220
    Message { name: "k8s.io.api.authorization.v1.SubjectRulesReviewStatus", kind: Struct, fields: &[f(1,"resourceRules",M(213),Rep,0), f(2,"nonResourceRules",M(211),Rep,0), f(3,"incomplete",Z,One,0), f(4,"evaluationError",S,One,OE)] }, // 221
    Message { name: "k8s.io.api.authorization.v1beta1.ExtraValue", kind: Array, fields: &[f(1,"items",S,Rep,0)] }, // 222
    Message { name: "k8s.io.api.authorization.v1beta1.LocalSubjectAccessReview", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(233),One,0), f(3,"status",M(234),One,OE)] }, // 223
    Message { name: "k8s.io.api.authorization.v1beta1.NonResourceAttributes", kind: Struct, fields: &[f(1,"path",S,One,OE), f(2,"verb",S,One,OE)] }, // 224
    Message { name: "k8s.io.api.authorization.v1beta1.NonResourceRule", kind: Struct, fields: &[f(1,"verbs",S,Rep,0), f(2,"nonResourceURLs",S,Rep,OE)] }, // 225
    Message { name: "k8s.io.api.authorization.v1beta1.ResourceAttributes", kind: Struct, fields: &[f(1,"namespace",S,One,OE), f(2,"verb",S,One,OE), f(3,"group",S,One,OE), f(4,"version",S,One,OE), f(5,"resource",S,One,OE), f(6,"subresource",S,One,OE), f(7,"name",S,One,OE), f(8,"fieldSelector",M(207),One,OE|PTR), f(9,"labelSelector",M(208),One,OE|PTR)] }, // 226
    Message { name: "k8s.io.api.authorization.v1beta1.ResourceRule", kind: Struct, fields: &[f(1,"verbs",S,Rep,0), f(2,"apiGroups",S,Rep,OE), f(3,"resources",S,Rep,OE), f(4,"resourceNames",S,Rep,OE)] }, // 227
    Message { name: "k8s.io.api.authorization.v1beta1.SelfSubjectAccessReview", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(229),One,0), f(3,"status",M(234),One,OE)] }, // 228
    Message { name: "k8s.io.api.authorization.v1beta1.SelfSubjectAccessReviewSpec", kind: Struct, fields: &[f(1,"resourceAttributes",M(226),One,OE|PTR), f(2,"nonResourceAttributes",M(224),One,OE|PTR)] }, // 229
    Message { name: "k8s.io.api.authorization.v1beta1.SelfSubjectRulesReview", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(231),One,0), f(3,"status",M(235),One,OE)] }, // 230
    Message { name: "k8s.io.api.authorization.v1beta1.SelfSubjectRulesReviewSpec", kind: Struct, fields: &[f(1,"namespace",S,One,OE)] }, // 231
    Message { name: "k8s.io.api.authorization.v1beta1.SubjectAccessReview", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(233),One,0), f(3,"status",M(234),One,OE)] }, // 232
    Message { name: "k8s.io.api.authorization.v1beta1.SubjectAccessReviewSpec", kind: Struct, fields: &[f(1,"resourceAttributes",M(226),One,OE|PTR), f(2,"nonResourceAttributes",M(224),One,OE|PTR), f(3,"user",S,One,OE), f(4,"group",S,Rep,OE), f(5,"extra",M(222),Map(S),OE), f(6,"uid",S,One,OE)] }, // 233
    Message { name: "k8s.io.api.authorization.v1beta1.SubjectAccessReviewStatus", kind: Struct, fields: &[f(1,"allowed",Z,One,0), f(4,"denied",Z,One,OE), f(2,"reason",S,One,OE), f(3,"evaluationError",S,One,OE)] }, // 234
    Message { name: "k8s.io.api.authorization.v1beta1.SubjectRulesReviewStatus", kind: Struct, fields: &[f(1,"resourceRules",M(227),Rep,0), f(2,"nonResourceRules",M(225),Rep,0), f(3,"incomplete",Z,One,0), f(4,"evaluationError",S,One,OE)] }, // 235
    Message { name: "k8s.io.api.autoscaling.v1.ContainerResourceMetricSource", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"targetAverageUtilization",I,One,OE|PTR), f(3,"targetAverageValue",M(1126),One,OE|PTR), f(5,"container",S,One,0)] }, // 236
    Message { name: "k8s.io.api.autoscaling.v1.ContainerResourceMetricStatus", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"currentAverageUtilization",I,One,OE|PTR), f(3,"currentAverageValue",M(1126),One,0), f(4,"container",S,One,0)] }, // 237
    Message { name: "k8s.io.api.autoscaling.v1.CrossVersionObjectReference", kind: Struct, fields: &[f(1,"kind",S,One,0), f(2,"name",S,One,0), f(3,"apiVersion",S,One,OE)] }, // 238
    Message { name: "k8s.io.api.autoscaling.v1.ExternalMetricSource", kind: Struct, fields: &[f(1,"metricName",S,One,0), f(2,"metricSelector",M(1100),One,OE|PTR), f(3,"targetValue",M(1126),One,OE|PTR), f(4,"targetAverageValue",M(1126),One,OE|PTR)] }, // 239
    Message { name: "k8s.io.api.autoscaling.v1.ExternalMetricStatus", kind: Struct, fields: &[f(1,"metricName",S,One,0), f(2,"metricSelector",M(1100),One,OE|PTR), f(3,"currentValue",M(1126),One,0), f(4,"currentAverageValue",M(1126),One,OE|PTR)] }, // 240
    Message { name: "k8s.io.api.autoscaling.v1.HorizontalPodAutoscaler", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(244),One,OE), f(3,"status",M(245),One,OE)] }, // 241
    Message { name: "k8s.io.api.autoscaling.v1.HorizontalPodAutoscalerCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 242
    Message { name: "k8s.io.api.autoscaling.v1.HorizontalPodAutoscalerList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(241),Rep,0)] }, // 243
    Message { name: "k8s.io.api.autoscaling.v1.HorizontalPodAutoscalerSpec", kind: Struct, fields: &[f(1,"scaleTargetRef",M(238),One,0), f(2,"minReplicas",I,One,OE|PTR), f(3,"maxReplicas",I,One,0), f(4,"targetCPUUtilizationPercentage",I,One,OE|PTR)] }, // 244
    Message { name: "k8s.io.api.autoscaling.v1.HorizontalPodAutoscalerStatus", kind: Struct, fields: &[f(1,"observedGeneration",L,One,OE|PTR), f(2,"lastScaleTime",M(1120),One,OE|PTR), f(3,"currentReplicas",I,One,0), f(4,"desiredReplicas",I,One,0), f(5,"currentCPUUtilizationPercentage",I,One,OE|PTR)] }, // 245
    Message { name: "k8s.io.api.autoscaling.v1.MetricSpec", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"object",M(248),One,OE|PTR), f(3,"pods",M(250),One,OE|PTR), f(4,"resource",M(252),One,OE|PTR), f(7,"containerResource",M(236),One,OE|PTR), f(5,"external",M(239),One,OE|PTR)] }, // 246
    Message { name: "k8s.io.api.autoscaling.v1.MetricStatus", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"object",M(249),One,OE|PTR), f(3,"pods",M(251),One,OE|PTR), f(4,"resource",M(253),One,OE|PTR), f(7,"containerResource",M(237),One,OE|PTR), f(5,"external",M(240),One,OE|PTR)] }, // 247
    Message { name: "k8s.io.api.autoscaling.v1.ObjectMetricSource", kind: Struct, fields: &[f(1,"target",M(238),One,0), f(2,"metricName",S,One,0), f(3,"targetValue",M(1126),One,0), f(4,"selector",M(1100),One,OE|PTR), f(5,"averageValue",M(1126),One,OE|PTR)] }, // 248
    Message { name: "k8s.io.api.autoscaling.v1.ObjectMetricStatus", kind: Struct, fields: &[f(1,"target",M(238),One,0), f(2,"metricName",S,One,0), f(3,"currentValue",M(1126),One,0), f(4,"selector",M(1100),One,OE|PTR), f(5,"averageValue",M(1126),One,OE|PTR)] }, // 249
    Message { name: "k8s.io.api.autoscaling.v1.PodsMetricSource", kind: Struct, fields: &[f(1,"metricName",S,One,0), f(2,"targetAverageValue",M(1126),One,0), f(3,"selector",M(1100),One,OE|PTR)] }, // 250
    Message { name: "k8s.io.api.autoscaling.v1.PodsMetricStatus", kind: Struct, fields: &[f(1,"metricName",S,One,0), f(2,"currentAverageValue",M(1126),One,0), f(3,"selector",M(1100),One,OE|PTR)] }, // 251
    Message { name: "k8s.io.api.autoscaling.v1.ResourceMetricSource", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"targetAverageUtilization",I,One,OE|PTR), f(3,"targetAverageValue",M(1126),One,OE|PTR)] }, // 252
    Message { name: "k8s.io.api.autoscaling.v1.ResourceMetricStatus", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"currentAverageUtilization",I,One,OE|PTR), f(3,"currentAverageValue",M(1126),One,0)] }, // 253
    Message { name: "k8s.io.api.autoscaling.v1.Scale", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(255),One,OE), f(3,"status",M(256),One,OE)] }, // 254
    Message { name: "k8s.io.api.autoscaling.v1.ScaleSpec", kind: Struct, fields: &[f(1,"replicas",I,One,OE)] }, // 255
    Message { name: "k8s.io.api.autoscaling.v1.ScaleStatus", kind: Struct, fields: &[f(1,"replicas",I,One,0), f(2,"selector",S,One,OE)] }, // 256
    Message { name: "k8s.io.api.autoscaling.v2.ContainerResourceMetricSource", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"target",M(273),One,0), f(3,"container",S,One,0)] }, // 257
    Message { name: "k8s.io.api.autoscaling.v2.ContainerResourceMetricStatus", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"current",M(274),One,0), f(3,"container",S,One,0)] }, // 258
    Message { name: "k8s.io.api.autoscaling.v2.CrossVersionObjectReference", kind: Struct, fields: &[f(1,"kind",S,One,0), f(2,"name",S,One,0), f(3,"apiVersion",S,One,OE)] }, // 259
    Message { name: "k8s.io.api.autoscaling.v2.ExternalMetricSource", kind: Struct, fields: &[f(1,"metric",M(270),One,0), f(2,"target",M(273),One,0)] }, // 260
    Message { name: "k8s.io.api.autoscaling.v2.ExternalMetricStatus", kind: Struct, fields: &[f(1,"metric",M(270),One,0), f(2,"current",M(274),One,0)] }, // 261
    Message { name: "k8s.io.api.autoscaling.v2.HPAScalingPolicy", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"value",I,One,0), f(3,"periodSeconds",I,One,0)] }, // 262
    Message { name: "k8s.io.api.autoscaling.v2.HPAScalingRules", kind: Struct, fields: &[f(3,"stabilizationWindowSeconds",I,One,OE|PTR), f(1,"selectPolicy",S,One,OE|PTR), f(2,"policies",M(262),Rep,OE), f(4,"tolerance",M(1126),One,OE|PTR)] }, // 263
    Message { name: "k8s.io.api.autoscaling.v2.HorizontalPodAutoscaler", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(268),One,OE), f(3,"status",M(269),One,OE)] }, // 264
    Message { name: "k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerBehavior", kind: Struct, fields: &[f(1,"scaleUp",M(263),One,OE|PTR), f(2,"scaleDown",M(263),One,OE|PTR)] }, // 265
    Message { name: "k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 266
    Message { name: "k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(264),Rep,0)] }, // 267
    Message { name: "k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerSpec", kind: Struct, fields: &[f(1,"scaleTargetRef",M(259),One,0), f(2,"minReplicas",I,One,OE|PTR), f(3,"maxReplicas",I,One,0), f(4,"metrics",M(271),Rep,OE), f(5,"behavior",M(265),One,OE|PTR)] }, // 268
    Message { name: "k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerStatus", kind: Struct, fields: &[f(1,"observedGeneration",L,One,OE|PTR), f(2,"lastScaleTime",M(1120),One,OE|PTR), f(3,"currentReplicas",I,One,OE), f(4,"desiredReplicas",I,One,0), f(5,"currentMetrics",M(272),Rep,0), f(6,"conditions",M(266),Rep,OE)] }, // 269
    Message { name: "k8s.io.api.autoscaling.v2.MetricIdentifier", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"selector",M(1100),One,OE|PTR)] }, // 270
    Message { name: "k8s.io.api.autoscaling.v2.MetricSpec", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"object",M(275),One,OE|PTR), f(3,"pods",M(277),One,OE|PTR), f(4,"resource",M(279),One,OE|PTR), f(7,"containerResource",M(257),One,OE|PTR), f(5,"external",M(260),One,OE|PTR)] }, // 271
    Message { name: "k8s.io.api.autoscaling.v2.MetricStatus", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"object",M(276),One,OE|PTR), f(3,"pods",M(278),One,OE|PTR), f(4,"resource",M(280),One,OE|PTR), f(7,"containerResource",M(258),One,OE|PTR), f(5,"external",M(261),One,OE|PTR)] }, // 272
    Message { name: "k8s.io.api.autoscaling.v2.MetricTarget", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"value",M(1126),One,OE|PTR), f(3,"averageValue",M(1126),One,OE|PTR), f(4,"averageUtilization",I,One,OE|PTR)] }, // 273
    Message { name: "k8s.io.api.autoscaling.v2.MetricValueStatus", kind: Struct, fields: &[f(1,"value",M(1126),One,OE|PTR), f(2,"averageValue",M(1126),One,OE|PTR), f(3,"averageUtilization",I,One,OE|PTR)] }, // 274
    Message { name: "k8s.io.api.autoscaling.v2.ObjectMetricSource", kind: Struct, fields: &[f(1,"describedObject",M(259),One,0), f(2,"target",M(273),One,0), f(3,"metric",M(270),One,0)] }, // 275
    Message { name: "k8s.io.api.autoscaling.v2.ObjectMetricStatus", kind: Struct, fields: &[f(1,"metric",M(270),One,0), f(2,"current",M(274),One,0), f(3,"describedObject",M(259),One,0)] }, // 276
    Message { name: "k8s.io.api.autoscaling.v2.PodsMetricSource", kind: Struct, fields: &[f(1,"metric",M(270),One,0), f(2,"target",M(273),One,0)] }, // 277
    Message { name: "k8s.io.api.autoscaling.v2.PodsMetricStatus", kind: Struct, fields: &[f(1,"metric",M(270),One,0), f(2,"current",M(274),One,0)] }, // 278
    Message { name: "k8s.io.api.autoscaling.v2.ResourceMetricSource", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"target",M(273),One,0)] }, // 279
    Message { name: "k8s.io.api.autoscaling.v2.ResourceMetricStatus", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"current",M(274),One,0)] }, // 280
    Message { name: "k8s.io.api.autoscaling.v2beta1.ContainerResourceMetricSource", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"targetAverageUtilization",I,One,OE|PTR), f(3,"targetAverageValue",M(1126),One,OE|PTR), f(4,"container",S,One,0)] }, // 281
    Message { name: "k8s.io.api.autoscaling.v2beta1.ContainerResourceMetricStatus", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"currentAverageUtilization",I,One,OE|PTR), f(3,"currentAverageValue",M(1126),One,0), f(4,"container",S,One,0)] }, // 282
    Message { name: "k8s.io.api.autoscaling.v2beta1.CrossVersionObjectReference", kind: Struct, fields: &[f(1,"kind",S,One,0), f(2,"name",S,One,0), f(3,"apiVersion",S,One,OE)] }, // 283
    Message { name: "k8s.io.api.autoscaling.v2beta1.ExternalMetricSource", kind: Struct, fields: &[f(1,"metricName",S,One,0), f(2,"metricSelector",M(1100),One,OE|PTR), f(3,"targetValue",M(1126),One,OE|PTR), f(4,"targetAverageValue",M(1126),One,OE|PTR)] }, // 284
    Message { name: "k8s.io.api.autoscaling.v2beta1.ExternalMetricStatus", kind: Struct, fields: &[f(1,"metricName",S,One,0), f(2,"metricSelector",M(1100),One,OE|PTR), f(3,"currentValue",M(1126),One,0), f(4,"currentAverageValue",M(1126),One,OE|PTR)] }, // 285
    Message { name: "k8s.io.api.autoscaling.v2beta1.HorizontalPodAutoscaler", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(289),One,OE), f(3,"status",M(290),One,OE)] }, // 286
    Message { name: "k8s.io.api.autoscaling.v2beta1.HorizontalPodAutoscalerCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 287
    Message { name: "k8s.io.api.autoscaling.v2beta1.HorizontalPodAutoscalerList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(286),Rep,0)] }, // 288
    Message { name: "k8s.io.api.autoscaling.v2beta1.HorizontalPodAutoscalerSpec", kind: Struct, fields: &[f(1,"scaleTargetRef",M(283),One,0), f(2,"minReplicas",I,One,OE|PTR), f(3,"maxReplicas",I,One,0), f(4,"metrics",M(291),Rep,OE)] }, // 289
    Message { name: "k8s.io.api.autoscaling.v2beta1.HorizontalPodAutoscalerStatus", kind: Struct, fields: &[f(1,"observedGeneration",L,One,OE|PTR), f(2,"lastScaleTime",M(1120),One,OE|PTR), f(3,"currentReplicas",I,One,0), f(4,"desiredReplicas",I,One,0), f(5,"currentMetrics",M(292),Rep,0), f(6,"conditions",M(287),Rep,0)] }, // 290
    Message { name: "k8s.io.api.autoscaling.v2beta1.MetricSpec", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"object",M(293),One,OE|PTR), f(3,"pods",M(295),One,OE|PTR), f(4,"resource",M(297),One,OE|PTR), f(7,"containerResource",M(281),One,OE|PTR), f(5,"external",M(284),One,OE|PTR)] }, // 291
    Message { name: "k8s.io.api.autoscaling.v2beta1.MetricStatus", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"object",M(294),One,OE|PTR), f(3,"pods",M(296),One,OE|PTR), f(4,"resource",M(298),One,OE|PTR), f(7,"containerResource",M(282),One,OE|PTR), f(5,"external",M(285),One,OE|PTR)] }, // 292
    Message { name: "k8s.io.api.autoscaling.v2beta1.ObjectMetricSource", kind: Struct, fields: &[f(1,"target",M(283),One,0), f(2,"metricName",S,One,0), f(3,"targetValue",M(1126),One,0), f(4,"selector",M(1100),One,OE|PTR), f(5,"averageValue",M(1126),One,OE|PTR)] }, // 293
    Message { name: "k8s.io.api.autoscaling.v2beta1.ObjectMetricStatus", kind: Struct, fields: &[f(1,"target",M(283),One,0), f(2,"metricName",S,One,0), f(3,"currentValue",M(1126),One,0), f(4,"selector",M(1100),One,OE|PTR), f(5,"averageValue",M(1126),One,OE|PTR)] }, // 294
    Message { name: "k8s.io.api.autoscaling.v2beta1.PodsMetricSource", kind: Struct, fields: &[f(1,"metricName",S,One,0), f(2,"targetAverageValue",M(1126),One,0), f(3,"selector",M(1100),One,OE|PTR)] }, // 295
    Message { name: "k8s.io.api.autoscaling.v2beta1.PodsMetricStatus", kind: Struct, fields: &[f(1,"metricName",S,One,0), f(2,"currentAverageValue",M(1126),One,0), f(3,"selector",M(1100),One,OE|PTR)] }, // 296
    Message { name: "k8s.io.api.autoscaling.v2beta1.ResourceMetricSource", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"targetAverageUtilization",I,One,OE|PTR), f(3,"targetAverageValue",M(1126),One,OE|PTR)] }, // 297
    Message { name: "k8s.io.api.autoscaling.v2beta1.ResourceMetricStatus", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"currentAverageUtilization",I,One,OE|PTR), f(3,"currentAverageValue",M(1126),One,0)] }, // 298
    Message { name: "k8s.io.api.autoscaling.v2beta2.ContainerResourceMetricSource", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"target",M(315),One,0), f(3,"container",S,One,0)] }, // 299
    Message { name: "k8s.io.api.autoscaling.v2beta2.ContainerResourceMetricStatus", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"current",M(316),One,0), f(3,"container",S,One,0)] }, // 300
    Message { name: "k8s.io.api.autoscaling.v2beta2.CrossVersionObjectReference", kind: Struct, fields: &[f(1,"kind",S,One,0), f(2,"name",S,One,0), f(3,"apiVersion",S,One,OE)] }, // 301
    Message { name: "k8s.io.api.autoscaling.v2beta2.ExternalMetricSource", kind: Struct, fields: &[f(1,"metric",M(312),One,0), f(2,"target",M(315),One,0)] }, // 302
    Message { name: "k8s.io.api.autoscaling.v2beta2.ExternalMetricStatus", kind: Struct, fields: &[f(1,"metric",M(312),One,0), f(2,"current",M(316),One,0)] }, // 303
    Message { name: "k8s.io.api.autoscaling.v2beta2.HPAScalingPolicy", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"value",I,One,0), f(3,"periodSeconds",I,One,0)] }, // 304
    Message { name: "k8s.io.api.autoscaling.v2beta2.HPAScalingRules", kind: Struct, fields: &[f(3,"stabilizationWindowSeconds",I,One,OE|PTR), f(1,"selectPolicy",S,One,OE|PTR), f(2,"policies",M(304),Rep,OE)] }, // 305
    Message { name: "k8s.io.api.autoscaling.v2beta2.HorizontalPodAutoscaler", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(310),One,OE), f(3,"status",M(311),One,OE)] }, // 306
    Message { name: "k8s.io.api.autoscaling.v2beta2.HorizontalPodAutoscalerBehavior", kind: Struct, fields: &[f(1,"scaleUp",M(305),One,OE|PTR), f(2,"scaleDown",M(305),One,OE|PTR)] }, // 307
    Message { name: "k8s.io.api.autoscaling.v2beta2.HorizontalPodAutoscalerCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 308
    Message { name: "k8s.io.api.autoscaling.v2beta2.HorizontalPodAutoscalerList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(306),Rep,0)] }, // 309
    Message { name: "k8s.io.api.autoscaling.v2beta2.HorizontalPodAutoscalerSpec", kind: Struct, fields: &[f(1,"scaleTargetRef",M(301),One,0), f(2,"minReplicas",I,One,OE|PTR), f(3,"maxReplicas",I,One,0), f(4,"metrics",M(313),Rep,OE), f(5,"behavior",M(307),One,OE|PTR)] }, // 310
    Message { name: "k8s.io.api.autoscaling.v2beta2.HorizontalPodAutoscalerStatus", kind: Struct, fields: &[f(1,"observedGeneration",L,One,OE|PTR), f(2,"lastScaleTime",M(1120),One,OE|PTR), f(3,"currentReplicas",I,One,0), f(4,"desiredReplicas",I,One,0), f(5,"currentMetrics",M(314),Rep,0), f(6,"conditions",M(308),Rep,0)] }, // 311
    Message { name: "k8s.io.api.autoscaling.v2beta2.MetricIdentifier", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"selector",M(1100),One,OE|PTR)] }, // 312
    Message { name: "k8s.io.api.autoscaling.v2beta2.MetricSpec", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"object",M(317),One,OE|PTR), f(3,"pods",M(319),One,OE|PTR), f(4,"resource",M(321),One,OE|PTR), f(7,"containerResource",M(299),One,OE|PTR), f(5,"external",M(302),One,OE|PTR)] }, // 313
    Message { name: "k8s.io.api.autoscaling.v2beta2.MetricStatus", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"object",M(318),One,OE|PTR), f(3,"pods",M(320),One,OE|PTR), f(4,"resource",M(322),One,OE|PTR), f(7,"containerResource",M(300),One,OE|PTR), f(5,"external",M(303),One,OE|PTR)] }, // 314
    Message { name: "k8s.io.api.autoscaling.v2beta2.MetricTarget", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"value",M(1126),One,OE|PTR), f(3,"averageValue",M(1126),One,OE|PTR), f(4,"averageUtilization",I,One,OE|PTR)] }, // 315
    Message { name: "k8s.io.api.autoscaling.v2beta2.MetricValueStatus", kind: Struct, fields: &[f(1,"value",M(1126),One,OE|PTR), f(2,"averageValue",M(1126),One,OE|PTR), f(3,"averageUtilization",I,One,OE|PTR)] }, // 316
    Message { name: "k8s.io.api.autoscaling.v2beta2.ObjectMetricSource", kind: Struct, fields: &[f(1,"describedObject",M(301),One,0), f(2,"target",M(315),One,0), f(3,"metric",M(312),One,0)] }, // 317
    Message { name: "k8s.io.api.autoscaling.v2beta2.ObjectMetricStatus", kind: Struct, fields: &[f(1,"metric",M(312),One,0), f(2,"current",M(316),One,0), f(3,"describedObject",M(301),One,0)] }, // 318
    Message { name: "k8s.io.api.autoscaling.v2beta2.PodsMetricSource", kind: Struct, fields: &[f(1,"metric",M(312),One,0), f(2,"target",M(315),One,0)] }, // 319
    Message { name: "k8s.io.api.autoscaling.v2beta2.PodsMetricStatus", kind: Struct, fields: &[f(1,"metric",M(312),One,0), f(2,"current",M(316),One,0)] }, // 320
    Message { name: "k8s.io.api.autoscaling.v2beta2.ResourceMetricSource", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"target",M(315),One,0)] }, // 321
    Message { name: "k8s.io.api.autoscaling.v2beta2.ResourceMetricStatus", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"current",M(316),One,0)] }, // 322
    Message { name: "k8s.io.api.batch.v1.CronJob", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(325),One,OE), f(3,"status",M(326),One,OE)] }, // 323
    Message { name: "k8s.io.api.batch.v1.CronJobList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(323),Rep,0)] }, // 324
    Message { name: "k8s.io.api.batch.v1.CronJobSpec", kind: Struct, fields: &[f(1,"schedule",S,One,0), f(8,"timeZone",S,One,OE|PTR), f(2,"startingDeadlineSeconds",L,One,OE|PTR), f(3,"concurrencyPolicy",S,One,OE), f(4,"suspend",Z,One,OE|PTR), f(5,"jobTemplate",M(332),One,0), f(6,"successfulJobsHistoryLimit",I,One,OE|PTR), f(7,"failedJobsHistoryLimit",I,One,OE|PTR)] }, // 325
    Message { name: "k8s.io.api.batch.v1.CronJobStatus", kind: Struct, fields: &[f(1,"active",M(491),Rep,OE), f(4,"lastScheduleTime",M(1120),One,OE|PTR), f(5,"lastSuccessfulTime",M(1120),One,OE|PTR)] }, // 326
    Message { name: "k8s.io.api.batch.v1.Job", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(330),One,OE), f(3,"status",M(331),One,OE)] }, // 327
    Message { name: "k8s.io.api.batch.v1.JobCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastProbeTime",M(1120),One,OE), f(4,"lastTransitionTime",M(1120),One,OE), f(5,"reason",S,One,OE), f(6,"message",S,One,OE)] }, // 328
    Message { name: "k8s.io.api.batch.v1.JobList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(327),Rep,0)] }, // 329
    Message { name: "k8s.io.api.batch.v1.JobSpec", kind: Struct, fields: &[f(1,"parallelism",I,One,OE|PTR), f(2,"completions",I,One,OE|PTR), f(3,"activeDeadlineSeconds",L,One,OE|PTR), f(11,"podFailurePolicy",M(333),One,OE|PTR), f(16,"successPolicy",M(337),One,OE|PTR), f(7,"backoffLimit",I,One,OE|PTR), f(12,"backoffLimitPerIndex",I,One,OE|PTR), f(13,"maxFailedIndexes",I,One,OE|PTR), f(4,"selector",M(1100),One,OE|PTR), f(5,"manualSelector",Z,One,OE|PTR), f(6,"template",M(531),One,0), f(8,"ttlSecondsAfterFinished",I,One,OE|PTR), f(9,"completionMode",S,One,OE|PTR), f(10,"suspend",Z,One,OE|PTR), f(14,"podReplacementPolicy",S,One,OE|PTR), f(15,"managedBy",S,One,OE|PTR)] }, // 330
    Message { name: "k8s.io.api.batch.v1.JobStatus", kind: Struct, fields: &[f(1,"conditions",M(328),Rep,OE), f(2,"startTime",M(1120),One,OE|PTR), f(3,"completionTime",M(1120),One,OE|PTR), f(4,"active",I,One,OE), f(5,"succeeded",I,One,OE), f(6,"failed",I,One,OE), f(11,"terminating",I,One,OE|PTR), f(7,"completedIndexes",S,One,OE), f(10,"failedIndexes",S,One,OE|PTR), f(8,"uncountedTerminatedPods",M(339),One,OE|PTR), f(9,"ready",I,One,OE|PTR)] }, // 331
    Message { name: "k8s.io.api.batch.v1.JobTemplateSpec", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(330),One,OE)] }, // 332
    Message { name: "k8s.io.api.batch.v1.PodFailurePolicy", kind: Struct, fields: &[f(1,"rules",M(336),Rep,0)] }, // 333
    Message { name: "k8s.io.api.batch.v1.PodFailurePolicyOnExitCodesRequirement", kind: Struct, fields: &[f(1,"containerName",S,One,OE|PTR), f(2,"operator",S,One,0), f(3,"values",I,Rep,0)] }, // 334
    Message { name: "k8s.io.api.batch.v1.PodFailurePolicyOnPodConditionsPattern", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0)] }, // 335
    Message { name: "k8s.io.api.batch.v1.PodFailurePolicyRule", kind: Struct, fields: &[f(1,"action",S,One,0), f(2,"onExitCodes",M(334),One,OE|PTR), f(3,"onPodConditions",M(335),Rep,OE)] }, // 336
    Message { name: "k8s.io.api.batch.v1.SuccessPolicy", kind: Struct, fields: &[f(1,"rules",M(338),Rep,0)] }, // 337
    Message { name: "k8s.io.api.batch.v1.SuccessPolicyRule", kind: Struct, fields: &[f(1,"succeededIndexes",S,One,OE|PTR), f(2,"succeededCount",I,One,OE|PTR)] }, // 338
    Message { name: "k8s.io.api.batch.v1.UncountedTerminatedPods", kind: Struct, fields: &[f(1,"succeeded",S,Rep,OE), f(2,"failed",S,Rep,OE)] }, // 339
    Message { name: "k8s.io.api.batch.v1beta1.CronJob", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(342),One,OE), f(3,"status",M(343),One,OE)] }, // 340
    Message { name: "k8s.io.api.batch.v1beta1.CronJobList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(340),Rep,0)] }, // 341
    Message { name: "k8s.io.api.batch.v1beta1.CronJobSpec", kind: Struct, fields: &[f(1,"schedule",S,One,0), f(8,"timeZone",S,One,OE|PTR), f(2,"startingDeadlineSeconds",L,One,OE|PTR), f(3,"concurrencyPolicy",S,One,OE), f(4,"suspend",Z,One,OE|PTR), f(5,"jobTemplate",M(344),One,0), f(6,"successfulJobsHistoryLimit",I,One,OE|PTR), f(7,"failedJobsHistoryLimit",I,One,OE|PTR)] }, // 342
    Message { name: "k8s.io.api.batch.v1beta1.CronJobStatus", kind: Struct, fields: &[f(1,"active",M(491),Rep,OE), f(4,"lastScheduleTime",M(1120),One,OE|PTR), f(5,"lastSuccessfulTime",M(1120),One,OE|PTR)] }, // 343
    Message { name: "k8s.io.api.batch.v1beta1.JobTemplateSpec", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(330),One,OE)] }, // 344
    Message { name: "k8s.io.api.certificates.v1.CertificateSigningRequest", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(348),One,0), f(3,"status",M(349),One,OE)] }, // 345
    Message { name: "k8s.io.api.certificates.v1.CertificateSigningRequestCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(6,"status",S,One,0), f(2,"reason",S,One,OE), f(3,"message",S,One,OE), f(4,"lastUpdateTime",M(1120),One,OE), f(5,"lastTransitionTime",M(1120),One,OE)] }, // 346
    Message { name: "k8s.io.api.certificates.v1.CertificateSigningRequestList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(345),Rep,0)] }, // 347
    Message { name: "k8s.io.api.certificates.v1.CertificateSigningRequestSpec", kind: Struct, fields: &[f(1,"request",B,One,0), f(7,"signerName",S,One,0), f(8,"expirationSeconds",I,One,OE|PTR), f(5,"usages",S,Rep,OE), f(2,"username",S,One,OE), f(3,"uid",S,One,OE), f(4,"groups",S,Rep,OE), f(6,"extra",M(350),Map(S),OE)] }, // 348
    Message { name: "k8s.io.api.certificates.v1.CertificateSigningRequestStatus", kind: Struct, fields: &[f(1,"conditions",M(346),Rep,OE), f(2,"certificate",B,One,OE)] }, // 349
    Message { name: "k8s.io.api.certificates.v1.ExtraValue", kind: Array, fields: &[f(1,"items",S,Rep,0)] }, // 350
    Message { name: "k8s.io.api.certificates.v1alpha1.ClusterTrustBundle", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(353),One,0)] }, // 351
    Message { name: "k8s.io.api.certificates.v1alpha1.ClusterTrustBundleList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(351),Rep,0)] }, // 352
    Message { name: "k8s.io.api.certificates.v1alpha1.ClusterTrustBundleSpec", kind: Struct, fields: &[f(1,"signerName",S,One,OE), f(2,"trustBundle",S,One,0)] }, // 353
    Message { name: "k8s.io.api.certificates.v1beta1.CertificateSigningRequest", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(357),One,0), f(3,"status",M(358),One,OE)] }, // 354
    Message { name: "k8s.io.api.certificates.v1beta1.CertificateSigningRequestCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(6,"status",S,One,0), f(2,"reason",S,One,OE), f(3,"message",S,One,OE), f(4,"lastUpdateTime",M(1120),One,OE), f(5,"lastTransitionTime",M(1120),One,OE)] }, // 355
    Message { name: "k8s.io.api.certificates.v1beta1.CertificateSigningRequestList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(354),Rep,0)] }, // 356
    Message { name: "k8s.io.api.certificates.v1beta1.CertificateSigningRequestSpec", kind: Struct, fields: &[f(1,"request",B,One,0), f(7,"signerName",S,One,OE|PTR), f(8,"expirationSeconds",I,One,OE|PTR), f(5,"usages",S,Rep,OE), f(2,"username",S,One,OE), f(3,"uid",S,One,OE), f(4,"groups",S,Rep,OE), f(6,"extra",M(362),Map(S),OE)] }, // 357
    Message { name: "k8s.io.api.certificates.v1beta1.CertificateSigningRequestStatus", kind: Struct, fields: &[f(1,"conditions",M(355),Rep,OE), f(2,"certificate",B,One,OE)] }, // 358
    Message { name: "k8s.io.api.certificates.v1beta1.ClusterTrustBundle", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(361),One,0)] }, // 359
    Message { name: "k8s.io.api.certificates.v1beta1.ClusterTrustBundleList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(359),Rep,0)] }, // 360
    Message { name: "k8s.io.api.certificates.v1beta1.ClusterTrustBundleSpec", kind: Struct, fields: &[f(1,"signerName",S,One,OE), f(2,"trustBundle",S,One,0)] }, // 361
    Message { name: "k8s.io.api.certificates.v1beta1.ExtraValue", kind: Array, fields: &[f(1,"items",S,Rep,0)] }, // 362
    Message { name: "k8s.io.api.coordination.v1.Lease", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(365),One,OE)] }, // 363
    Message { name: "k8s.io.api.coordination.v1.LeaseList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(363),Rep,0)] }, // 364
    Message { name: "k8s.io.api.coordination.v1.LeaseSpec", kind: Struct, fields: &[f(1,"holderIdentity",S,One,OE|PTR), f(2,"leaseDurationSeconds",I,One,OE|PTR), f(3,"acquireTime",M(1106),One,OE|PTR), f(4,"renewTime",M(1106),One,OE|PTR), f(5,"leaseTransitions",I,One,OE|PTR), f(6,"strategy",S,One,OE|PTR), f(7,"preferredHolder",S,One,OE|PTR)] }, // 365
    Message { name: "k8s.io.api.coordination.v1alpha2.LeaseCandidate", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(368),One,OE)] }, // 366
    Message { name: "k8s.io.api.coordination.v1alpha2.LeaseCandidateList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(366),Rep,0)] }, // 367
    Message { name: "k8s.io.api.coordination.v1alpha2.LeaseCandidateSpec", kind: Struct, fields: &[f(1,"leaseName",S,One,0), f(2,"pingTime",M(1106),One,OE|PTR), f(3,"renewTime",M(1106),One,OE|PTR), f(4,"binaryVersion",S,One,0), f(5,"emulationVersion",S,One,OE), f(6,"strategy",S,One,OE)] }, // 368
    Message { name: "k8s.io.api.coordination.v1beta1.Lease", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(374),One,OE)] }, // 369
    Message { name: "k8s.io.api.coordination.v1beta1.LeaseCandidate", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(372),One,OE)] }, // 370
    Message { name: "k8s.io.api.coordination.v1beta1.LeaseCandidateList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(370),Rep,0)] }, // 371
    Message { name: "k8s.io.api.coordination.v1beta1.LeaseCandidateSpec", kind: Struct, fields: &[f(1,"leaseName",S,One,0), f(2,"pingTime",M(1106),One,OE|PTR), f(3,"renewTime",M(1106),One,OE|PTR), f(4,"binaryVersion",S,One,0), f(5,"emulationVersion",S,One,OE), f(6,"strategy",S,One,OE)] }, // 372
    Message { name: "k8s.io.api.coordination.v1beta1.LeaseList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(369),Rep,0)] }, // 373
    Message { name: "k8s.io.api.coordination.v1beta1.LeaseSpec", kind: Struct, fields: &[f(1,"holderIdentity",S,One,OE|PTR), f(2,"leaseDurationSeconds",I,One,OE|PTR), f(3,"acquireTime",M(1106),One,OE|PTR), f(4,"renewTime",M(1106),One,OE|PTR), f(5,"leaseTransitions",I,One,OE|PTR), f(6,"strategy",S,One,OE|PTR), f(7,"preferredHolder",S,One,OE|PTR)] }, // 374
    Message { name: "k8s.io.api.core.v1.AWSElasticBlockStoreVolumeSource", kind: Struct, fields: &[f(1,"volumeID",S,One,0), f(2,"fsType",S,One,OE), f(3,"partition",I,One,OE), f(4,"readOnly",Z,One,OE)] }, // 375
    Message { name: "k8s.io.api.core.v1.Affinity", kind: Struct, fields: &[f(1,"nodeAffinity",M(473),One,OE|PTR), f(2,"podAffinity",M(506),One,OE|PTR), f(3,"podAntiAffinity",M(508),One,OE|PTR)] }, // 376
    Message { name: "k8s.io.api.core.v1.AppArmorProfile", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"localhostProfile",S,One,OE|PTR)] }, // 377
    Message { name: "k8s.io.api.core.v1.AttachedVolume", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"devicePath",S,One,0)] }, // 378
    Message { name: "k8s.io.api.core.v1.AvoidPods", kind: Struct, fields: &[f(1,"preferAvoidPods",M(535),Rep,OE)] }, // 379
    Message { name: "k8s.io.api.core.v1.AzureDiskVolumeSource", kind: Struct, fields: &[f(1,"diskName",S,One,0), f(2,"diskURI",S,One,0), f(3,"cachingMode",S,One,OE|PTR), f(4,"fsType",S,One,OE|PTR), f(5,"readOnly",Z,One,OE|PTR), f(6,"kind",S,One,OE|PTR)] }, // 380
    Message { name: "k8s.io.api.core.v1.AzureFilePersistentVolumeSource", kind: Struct, fields: &[f(1,"secretName",S,One,0), f(2,"shareName",S,One,0), f(3,"readOnly",Z,One,OE), f(4,"secretNamespace",S,One,PTR)] }, // 381
    Message { name: "k8s.io.api.core.v1.AzureFileVolumeSource", kind: Struct, fields: &[f(1,"secretName",S,One,0), f(2,"shareName",S,One,0), f(3,"readOnly",Z,One,OE)] }, // 382
    Message { name: "k8s.io.api.core.v1.Binding", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"target",M(491),One,0)] }, // 383
    Message { name: "k8s.io.api.core.v1.CSIPersistentVolumeSource", kind: Struct, fields: &[f(1,"driver",S,One,0), f(2,"volumeHandle",S,One,0), f(3,"readOnly",Z,One,OE), f(4,"fsType",S,One,OE), f(5,"volumeAttributes",S,Map(S),OE), f(6,"controllerPublishSecretRef",M(569),One,OE|PTR), f(7,"nodeStageSecretRef",M(569),One,OE|PTR), f(8,"nodePublishSecretRef",M(569),One,OE|PTR), f(9,"controllerExpandSecretRef",M(569),One,OE|PTR), f(10,"nodeExpandSecretRef",M(569),One,OE|PTR)] }, // 384
    Message { name: "k8s.io.api.core.v1.CSIVolumeSource", kind: Struct, fields: &[f(1,"driver",S,One,0), f(2,"readOnly",Z,One,OE|PTR), f(3,"fsType",S,One,OE|PTR), f(4,"volumeAttributes",S,Map(S),OE), f(5,"nodePublishSecretRef",M(462),One,OE|PTR)] }, // 385
    Message { name: "k8s.io.api.core.v1.Capabilities", kind: Struct, fields: &[f(1,"add",S,Rep,OE), f(2,"drop",S,Rep,OE)] }, // 386
    Message { name: "k8s.io.api.core.v1.CephFSPersistentVolumeSource", kind: Struct, fields: &[f(1,"monitors",S,Rep,0), f(2,"path",S,One,OE), f(3,"user",S,One,OE), f(4,"secretFile",S,One,OE), f(5,"secretRef",M(569),One,OE|PTR), f(6,"readOnly",Z,One,OE)] }, // 387
    Message { name: "k8s.io.api.core.v1.CephFSVolumeSource", kind: Struct, fields: &[f(1,"monitors",S,Rep,0), f(2,"path",S,One,OE), f(3,"user",S,One,OE), f(4,"secretFile",S,One,OE), f(5,"secretRef",M(462),One,OE|PTR), f(6,"readOnly",Z,One,OE)] }, // 388
    Message { name: "k8s.io.api.core.v1.CinderPersistentVolumeSource", kind: Struct, fields: &[f(1,"volumeID",S,One,0), f(2,"fsType",S,One,OE), f(3,"readOnly",Z,One,OE), f(4,"secretRef",M(569),One,OE|PTR)] }, // 389
    Message { name: "k8s.io.api.core.v1.CinderVolumeSource", kind: Struct, fields: &[f(1,"volumeID",S,One,0), f(2,"fsType",S,One,OE), f(3,"readOnly",Z,One,OE), f(4,"secretRef",M(462),One,OE|PTR)] }, // 390
    Message { name: "k8s.io.api.core.v1.ClientIPConfig", kind: Struct, fields: &[f(1,"timeoutSeconds",I,One,OE|PTR)] }, // 391
    Message { name: "k8s.io.api.core.v1.ClusterTrustBundleProjection", kind: Struct, fields: &[f(1,"name",S,One,OE|PTR), f(2,"signerName",S,One,OE|PTR), f(3,"labelSelector",M(1100),One,OE|PTR), f(5,"optional",Z,One,OE|PTR), f(4,"path",S,One,0)] }, // 392
    Message { name: "k8s.io.api.core.v1.ComponentCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"message",S,One,OE), f(4,"error",S,One,OE)] }, // 393
    Message { name: "k8s.io.api.core.v1.ComponentStatus", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"conditions",M(393),Rep,OE)] }, // 394
    Message { name: "k8s.io.api.core.v1.ComponentStatusList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(394),Rep,0)] }, // 395
    Message { name: "k8s.io.api.core.v1.ConfigMap", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(4,"immutable",Z,One,OE|PTR), f(2,"data",S,Map(S),OE), f(3,"binaryData",B,Map(S),OE)] }, // 396
    Message { name: "k8s.io.api.core.v1.ConfigMapEnvSource", kind: Struct, fields: &[f(1,"",M(462),One,INLINE), f(2,"optional",Z,One,OE|PTR)] }, // 397
    Message { name: "k8s.io.api.core.v1.ConfigMapKeySelector", kind: Struct, fields: &[f(1,"",M(462),One,INLINE), f(2,"key",S,One,0), f(3,"optional",Z,One,OE|PTR)] }, // 398
    Message { name: "k8s.io.api.core.v1.ConfigMapList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(396),Rep,0)] }, // 399
    Message { name: "k8s.io.api.core.v1.ConfigMapNodeConfigSource", kind: Struct, fields: &[f(1,"namespace",S,One,0), f(2,"name",S,One,0), f(3,"uid",S,One,OE), f(4,"resourceVersion",S,One,OE), f(5,"kubeletConfigKey",S,One,0)] }, // 400
    Message { name: "k8s.io.api.core.v1.ConfigMapProjection", kind: Struct, fields: &[f(1,"",M(462),One,INLINE), f(2,"items",M(451),Rep,OE), f(4,"optional",Z,One,OE|PTR)] }, // 401
    Message { name: "k8s.io.api.core.v1.ConfigMapVolumeSource", kind: Struct, fields: &[f(1,"",M(462),One,INLINE), f(2,"items",M(451),Rep,OE), f(3,"defaultMode",I,One,OE|PTR), f(4,"optional",Z,One,OE|PTR)] }, // 402
    Message { name: "k8s.io.api.core.v1.Container", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"image",S,One,OE), f(3,"command",S,Rep,OE), f(4,"args",S,Rep,OE), f(5,"workingDir",S,One,OE), f(6,"ports",M(405),Rep,OE), f(19,"envFrom",M(423),Rep,OE), f(7,"env",M(424),Rep,OE), f(8,"resources",M(556),One,OE), f(23,"resizePolicy",M(406),Rep,OE), f(24,"restartPolicy",S,One,OE|PTR), f(9,"volumeMounts",M(597),Rep,OE), f(21,"volumeDevices",M(596),Rep,OE), f(10,"livenessProbe",M(537),One,OE|PTR), f(11,"readinessProbe",M(537),One,OE|PTR), f(22,"startupProbe",M(537),One,OE|PTR), f(12,"lifecycle",M(452),One,OE|PTR), f(13,"terminationMessagePath",S,One,OE), f(20,"terminationMessagePolicy",S,One,OE), f(14,"imagePullPolicy",S,One,OE), f(15,"securityContext",M(571),One,OE|PTR), f(16,"stdin",Z,One,OE), f(17,"stdinOnce",Z,One,OE), f(18,"tty",Z,One,OE)] }, // 403
    Message { name: "k8s.io.api.core.v1.ContainerImage", kind: Struct, fields: &[f(1,"names",S,Rep,0), f(2,"sizeBytes",L,One,OE)] }, // 404
    Message { name: "k8s.io.api.core.v1.ContainerPort", kind: Struct, fields: &[f(1,"name",S,One,OE), f(2,"hostPort",I,One,OE), f(3,"containerPort",I,One,0), f(4,"protocol",S,One,OE), f(5,"hostIP",S,One,OE)] }, // 405
    Message { name: "k8s.io.api.core.v1.ContainerResizePolicy", kind: Struct, fields: &[f(1,"resourceName",S,One,0), f(2,"restartPolicy",S,One,0)] }, // 406
    Message { name: "k8s.io.api.core.v1.ContainerState", kind: Struct, fields: &[f(1,"waiting",M(410),One,OE|PTR), f(2,"running",M(408),One,OE|PTR), f(3,"terminated",M(409),One,OE|PTR)] }, // 407
    Message { name: "k8s.io.api.core.v1.ContainerStateRunning", kind: Struct, fields: &[f(1,"startedAt",M(1120),One,OE)] }, // 408
    Message { name: "k8s.io.api.core.v1.ContainerStateTerminated", kind: Struct, fields: &[f(1,"exitCode",I,One,0), f(2,"signal",I,One,OE), f(3,"reason",S,One,OE), f(4,"message",S,One,OE), f(5,"startedAt",M(1120),One,OE), f(6,"finishedAt",M(1120),One,OE), f(7,"containerID",S,One,OE)] }, // 409
    Message { name: "k8s.io.api.core.v1.ContainerStateWaiting", kind: Struct, fields: &[f(1,"reason",S,One,OE), f(2,"message",S,One,OE)] }, // 410
    Message { name: "k8s.io.api.core.v1.ContainerStatus", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"state",M(407),One,OE), f(3,"lastState",M(407),One,OE), f(4,"ready",Z,One,0), f(5,"restartCount",I,One,0), f(6,"image",S,One,0), f(7,"imageID",S,One,0), f(8,"containerID",S,One,OE), f(9,"started",Z,One,OE|PTR), f(10,"allocatedResources",M(1126),Map(S),OE), f(11,"resources",M(556),One,OE|PTR), f(12,"volumeMounts",M(598),Rep,OE), f(13,"user",M(412),One,OE|PTR), f(14,"allocatedResourcesStatus",M(557),Rep,OE), f(15,"stopSignal",S,One,OE|PTR)] }, // 411
    Message { name: "k8s.io.api.core.v1.ContainerUser", kind: Struct, fields: &[f(1,"linux",M(458),One,OE|PTR)] }, // 412
    Message { name: "k8s.io.api.core.v1.DaemonEndpoint", kind: Struct, fields: &[f(1,"Port",I,One,0)] }, // 413
    Message { name: "k8s.io.api.core.v1.DownwardAPIProjection", kind: Struct, fields: &[f(1,"items",M(415),Rep,OE)] }, // 414
    Message { name: "k8s.io.api.core.v1.DownwardAPIVolumeFile", kind: Struct, fields: &[f(1,"path",S,One,0), f(2,"fieldRef",M(490),One,OE|PTR), f(3,"resourceFieldRef",M(550),One,OE|PTR), f(4,"mode",I,One,OE|PTR)] }, // 415
    Message { name: "k8s.io.api.core.v1.DownwardAPIVolumeSource", kind: Struct, fields: &[f(1,"items",M(415),Rep,OE), f(2,"defaultMode",I,One,OE|PTR)] }, // 416
    Message { name: "k8s.io.api.core.v1.EmptyDirVolumeSource", kind: Struct, fields: &[f(1,"medium",S,One,OE), f(2,"sizeLimit",M(1126),One,OE|PTR)] }, // 417
    Message { name: "k8s.io.api.core.v1.EndpointAddress", kind: Struct, fields: &[f(1,"ip",S,One,0), f(3,"hostname",S,One,OE), f(4,"nodeName",S,One,OE|PTR), f(2,"targetRef",M(491),One,OE|PTR)] }, // 418
    Message { name: "k8s.io.api.core.v1.EndpointPort", kind: Struct, fields: &[f(1,"name",S,One,OE), f(2,"port",I,One,0), f(3,"protocol",S,One,OE), f(4,"appProtocol",S,One,OE|PTR)] }, // 419
    Message { name: "k8s.io.api.core.v1.EndpointSubset", kind: Struct, fields: &[f(1,"addresses",M(418),Rep,OE), f(2,"notReadyAddresses",M(418),Rep,OE), f(3,"ports",M(419),Rep,OE)] }, // 420
    Message { name: "k8s.io.api.core.v1.Endpoints", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"subsets",M(420),Rep,OE)] }, // 421
    Message { name: "k8s.io.api.core.v1.EndpointsList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(421),Rep,0)] }, // 422
    Message { name: "k8s.io.api.core.v1.EnvFromSource", kind: Struct, fields: &[f(1,"prefix",S,One,OE), f(2,"configMapRef",M(397),One,OE|PTR), f(3,"secretRef",M(565),One,OE|PTR)] }, // 423
    Message { name: "k8s.io.api.core.v1.EnvVar", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"value",S,One,OE), f(3,"valueFrom",M(425),One,OE|PTR)] }, // 424
    Message { name: "k8s.io.api.core.v1.EnvVarSource", kind: Struct, fields: &[f(1,"fieldRef",M(490),One,OE|PTR), f(2,"resourceFieldRef",M(550),One,OE|PTR), f(3,"configMapKeyRef",M(398),One,OE|PTR), f(4,"secretKeyRef",M(566),One,OE|PTR)] }, // 425
    Message { name: "k8s.io.api.core.v1.EphemeralContainer", kind: Struct, fields: &[f(1,"",M(427),One,INLINE), f(2,"targetContainerName",S,One,OE)] }, // 426
    Message { name: "k8s.io.api.core.v1.EphemeralContainerCommon", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"image",S,One,OE), f(3,"command",S,Rep,OE), f(4,"args",S,Rep,OE), f(5,"workingDir",S,One,OE), f(6,"ports",M(405),Rep,OE), f(19,"envFrom",M(423),Rep,OE), f(7,"env",M(424),Rep,OE), f(8,"resources",M(556),One,OE), f(23,"resizePolicy",M(406),Rep,OE), f(24,"restartPolicy",S,One,OE|PTR), f(9,"volumeMounts",M(597),Rep,OE), f(21,"volumeDevices",M(596),Rep,OE), f(10,"livenessProbe",M(537),One,OE|PTR), f(11,"readinessProbe",M(537),One,OE|PTR), f(22,"startupProbe",M(537),One,OE|PTR), f(12,"lifecycle",M(452),One,OE|PTR), f(13,"terminationMessagePath",S,One,OE), f(20,"terminationMessagePolicy",S,One,OE), f(14,"imagePullPolicy",S,One,OE), f(15,"securityContext",M(571),One,OE|PTR), f(16,"stdin",Z,One,OE), f(17,"stdinOnce",Z,One,OE), f(18,"tty",Z,One,OE)] }, // 427
    Message { name: "k8s.io.api.core.v1.EphemeralVolumeSource", kind: Struct, fields: &[f(1,"volumeClaimTemplate",M(498),One,OE|PTR)] }, // 428
    Message { name: "k8s.io.api.core.v1.Event", kind: Struct, fields: &[f(1,"metadata",M(1107),One,0), f(2,"involvedObject",M(491),One,0), f(3,"reason",S,One,OE), f(4,"message",S,One,OE), f(5,"source",M(432),One,OE), f(6,"firstTimestamp",M(1120),One,OE), f(7,"lastTimestamp",M(1120),One,OE), f(8,"count",I,One,OE), f(9,"type",S,One,OE), f(10,"eventTime",M(1106),One,OE), f(11,"series",M(431),One,OE|PTR), f(12,"action",S,One,OE), f(13,"related",M(491),One,OE|PTR), f(14,"reportingComponent",S,One,0), f(15,"reportingInstance",S,One,0)] }, // 429
    Message { name: "k8s.io.api.core.v1.EventList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(429),Rep,0)] }, // 430
    Message { name: "k8s.io.api.core.v1.EventSeries", kind: Struct, fields: &[f(1,"count",I,One,OE), f(2,"lastObservedTime",M(1106),One,OE)] }, // 431
    Message { name: "k8s.io.api.core.v1.EventSource", kind: Struct, fields: &[f(1,"component",S,One,OE), f(2,"host",S,One,OE)] }, // 432
    Message { name: "k8s.io.api.core.v1.ExecAction", kind: Struct, fields: &[f(1,"command",S,Rep,OE)] }, // 433
    Message { name: "k8s.io.api.core.v1.FCVolumeSource", kind: Struct, fields: &[f(1,"targetWWNs",S,Rep,OE), f(2,"lun",I,One,OE|PTR), f(3,"fsType",S,One,OE), f(4,"readOnly",Z,One,OE), f(5,"wwids",S,Rep,OE)] }, // 434
    Message { name: "k8s.io.api.core.v1.FlexPersistentVolumeSource", kind: Struct, fields: &[f(1,"driver",S,One,0), f(2,"fsType",S,One,OE), f(3,"secretRef",M(569),One,OE|PTR), f(4,"readOnly",Z,One,OE), f(5,"options",S,Map(S),OE)] }, // 435
    Message { name: "k8s.io.api.core.v1.FlexVolumeSource", kind: Struct, fields: &[f(1,"driver",S,One,0), f(2,"fsType",S,One,OE), f(3,"secretRef",M(462),One,OE|PTR), f(4,"readOnly",Z,One,OE), f(5,"options",S,Map(S),OE)] }, // 436
    Message { name: "k8s.io.api.core.v1.FlockerVolumeSource", kind: Struct, fields: &[f(1,"datasetName",S,One,OE), f(2,"datasetUUID",S,One,OE)] }, // 437
    Message { name: "k8s.io.api.core.v1.GCEPersistentDiskVolumeSource", kind: Struct, fields: &[f(1,"pdName",S,One,0), f(2,"fsType",S,One,OE), f(3,"partition",I,One,OE), f(4,"readOnly",Z,One,OE)] }, // 438
    Message { name: "k8s.io.api.core.v1.GRPCAction", kind: Struct, fields: &[f(1,"port",I,One,0), f(2,"service",S,One,PTR)] }, // 439
    Message { name: "k8s.io.api.core.v1.GitRepoVolumeSource", kind: Struct, fields: &[f(1,"repository",S,One,0), f(2,"revision",S,One,OE), f(3,"directory",S,One,OE)] }, // 440
    Message { name: "k8s.io.api.core.v1.GlusterfsPersistentVolumeSource", kind: Struct, fields: &[f(1,"endpoints",S,One,0), f(2,"path",S,One,0), f(3,"readOnly",Z,One,OE), f(4,"endpointsNamespace",S,One,OE|PTR)] }, // 441
    Message { name: "k8s.io.api.core.v1.GlusterfsVolumeSource", kind: Struct, fields: &[f(1,"endpoints",S,One,0), f(2,"path",S,One,0), f(3,"readOnly",Z,One,OE)] }, // 442
    Message { name: "k8s.io.api.core.v1.HTTPGetAction", kind: Struct, fields: &[f(1,"path",S,One,OE), f(2,"port",M(1128),One,0), f(3,"host",S,One,OE), f(4,"scheme",S,One,OE), f(5,"httpHeaders",M(444),Rep,OE)] }, // 443
    Message { name: "k8s.io.api.core.v1.HTTPHeader", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"value",S,One,0)] }, // 444
    Message { name: "k8s.io.api.core.v1.HostAlias", kind: Struct, fields: &[f(1,"ip",S,One,0), f(2,"hostnames",S,Rep,OE)] }, // 445
    Message { name: "k8s.io.api.core.v1.HostIP", kind: Struct, fields: &[f(1,"ip",S,One,0)] }, // 446
    Message { name: "k8s.io.api.core.v1.HostPathVolumeSource", kind: Struct, fields: &[f(1,"path",S,One,0), f(2,"type",S,One,OE|PTR)] }, // 447
    Message { name: "k8s.io.api.core.v1.ISCSIPersistentVolumeSource", kind: Struct, fields: &[f(1,"targetPortal",S,One,0), f(2,"iqn",S,One,0), f(3,"lun",I,One,0), f(4,"iscsiInterface",S,One,OE), f(5,"fsType",S,One,OE), f(6,"readOnly",Z,One,OE), f(7,"portals",S,Rep,OE), f(8,"chapAuthDiscovery",Z,One,OE), f(11,"chapAuthSession",Z,One,OE), f(10,"secretRef",M(569),One,OE|PTR), f(12,"initiatorName",S,One,OE|PTR)] }, // 448
    Message { name: "k8s.io.api.core.v1.ISCSIVolumeSource", kind: Struct, fields: &[f(1,"targetPortal",S,One,0), f(2,"iqn",S,One,0), f(3,"lun",I,One,0), f(4,"iscsiInterface",S,One,OE), f(5,"fsType",S,One,OE), f(6,"readOnly",Z,One,OE), f(7,"portals",S,Rep,OE), f(8,"chapAuthDiscovery",Z,One,OE), f(11,"chapAuthSession",Z,One,OE), f(10,"secretRef",M(462),One,OE|PTR), f(12,"initiatorName",S,One,OE|PTR)] }, // 449
    Message { name: "k8s.io.api.core.v1.ImageVolumeSource", kind: Struct, fields: &[f(1,"reference",S,One,OE), f(2,"pullPolicy",S,One,OE)] }, // 450
    Message { name: "k8s.io.api.core.v1.KeyToPath", kind: Struct, fields: &[f(1,"key",S,One,0), f(2,"path",S,One,0), f(3,"mode",I,One,OE|PTR)] }, // 451
    Message { name: "k8s.io.api.core.v1.Lifecycle", kind: Struct, fields: &[f(1,"postStart",M(453),One,OE|PTR), f(2,"preStop",M(453),One,OE|PTR), f(3,"stopSignal",S,One,OE|PTR)] }, // 452
    Message { name: "k8s.io.api.core.v1.LifecycleHandler", kind: Struct, fields: &[f(1,"exec",M(433),One,OE|PTR), f(2,"httpGet",M(443),One,OE|PTR), f(3,"tcpSocket",M(587),One,OE|PTR), f(4,"sleep",M(583),One,OE|PTR)] }, // 453
    Message { name: "k8s.io.api.core.v1.LimitRange", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(457),One,OE)] }, // 454
    Message { name: "k8s.io.api.core.v1.LimitRangeItem", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"max",M(1126),Map(S),OE), f(3,"min",M(1126),Map(S),OE), f(4,"default",M(1126),Map(S),OE), f(5,"defaultRequest",M(1126),Map(S),OE), f(6,"maxLimitRequestRatio",M(1126),Map(S),OE)] }, // 455
    Message { name: "k8s.io.api.core.v1.LimitRangeList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(454),Rep,0)] }, // 456
    Message { name: "k8s.io.api.core.v1.LimitRangeSpec", kind: Struct, fields: &[f(1,"limits",M(455),Rep,0)] }, // 457
    Message { name: "k8s.io.api.core.v1.LinuxContainerUser", kind: Struct, fields: &[f(1,"uid",L,One,0), f(2,"gid",L,One,0), f(3,"supplementalGroups",L,Rep,OE)] }, // 458
    Message { name: "k8s.io.api.core.v1.List", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1129),Rep,0)] }, // 459
    Message { name: "k8s.io.api.core.v1.LoadBalancerIngress", kind: Struct, fields: &[f(1,"ip",S,One,OE), f(2,"hostname",S,One,OE), f(3,"ipMode",S,One,OE|PTR), f(4,"ports",M(532),Rep,OE)] }, // 460
    Message { name: "k8s.io.api.core.v1.LoadBalancerStatus", kind: Struct, fields: &[f(1,"ingress",M(460),Rep,OE)] }, // 461
    Message { name: "k8s.io.api.core.v1.LocalObjectReference", kind: Struct, fields: &[f(1,"name",S,One,OE)] }, // 462
    Message { name: "k8s.io.api.core.v1.LocalVolumeSource", kind: Struct, fields: &[f(1,"path",S,One,0), f(2,"fsType",S,One,OE|PTR)] }, // 463
    Message { name: "k8s.io.api.core.v1.ModifyVolumeStatus", kind: Struct, fields: &[f(1,"targetVolumeAttributesClassName",S,One,OE), f(2,"status",S,One,0)] }, // 464
    Message { name: "k8s.io.api.core.v1.NFSVolumeSource", kind: Struct, fields: &[f(1,"server",S,One,0), f(2,"path",S,One,0), f(3,"readOnly",Z,One,OE)] }, // 465
    Message { name: "k8s.io.api.core.v1.Namespace", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(469),One,OE), f(3,"status",M(470),One,OE)] }, // 466
    Message { name: "k8s.io.api.core.v1.NamespaceCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(4,"lastTransitionTime",M(1120),One,OE), f(5,"reason",S,One,OE), f(6,"message",S,One,OE)] }, // 467
    Message { name: "k8s.io.api.core.v1.NamespaceList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(466),Rep,0)] }, // 468
    Message { name: "k8s.io.api.core.v1.NamespaceSpec", kind: Struct, fields: &[f(1,"finalizers",S,Rep,OE)] }, // 469
    Message { name: "k8s.io.api.core.v1.NamespaceStatus", kind: Struct, fields: &[f(1,"phase",S,One,OE), f(2,"conditions",M(467),Rep,OE)] }, // 470
    Message { name: "k8s.io.api.core.v1.Node", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(486),One,OE), f(3,"status",M(487),One,OE)] }, // 471
    Message { name: "k8s.io.api.core.v1.NodeAddress", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"address",S,One,0)] }, // 472
    Message { name: "k8s.io.api.core.v1.NodeAffinity", kind: Struct, fields: &[f(1,"requiredDuringSchedulingIgnoredDuringExecution",M(483),One,OE|PTR), f(2,"preferredDuringSchedulingIgnoredDuringExecution",M(536),Rep,OE)] }, // 473
    Message { name: "k8s.io.api.core.v1.NodeCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastHeartbeatTime",M(1120),One,OE), f(4,"lastTransitionTime",M(1120),One,OE), f(5,"reason",S,One,OE), f(6,"message",S,One,OE)] }, // 474
    Message { name: "k8s.io.api.core.v1.NodeConfigSource", kind: Struct, fields: &[f(2,"configMap",M(400),One,OE|PTR)] }, // 475
    Message { name: "k8s.io.api.core.v1.NodeConfigStatus", kind: Struct, fields: &[f(1,"assigned",M(475),One,OE|PTR), f(2,"active",M(475),One,OE|PTR), f(3,"lastKnownGood",M(475),One,OE|PTR), f(4,"error",S,One,OE)] }, // 476
    Message { name: "k8s.io.api.core.v1.NodeDaemonEndpoints", kind: Struct, fields: &[f(1,"kubeletEndpoint",M(413),One,OE)] }, // 477
    Message { name: "k8s.io.api.core.v1.NodeFeatures", kind: Struct, fields: &[f(1,"supplementalGroupsPolicy",Z,One,OE|PTR)] }, // 478
    Message { name: "k8s.io.api.core.v1.NodeList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(471),Rep,0)] }, // 479
    Message { name: "k8s.io.api.core.v1.NodeProxyOptions", kind: Struct, fields: &[f(1,"path",S,One,OE)] }, // 480
    Message { name: "k8s.io.api.core.v1.NodeRuntimeHandler", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"features",M(482),One,OE|PTR)] }, // 481
    Message { name: "k8s.io.api.core.v1.NodeRuntimeHandlerFeatures", kind: Struct, fields: &[f(1,"recursiveReadOnlyMounts",Z,One,OE|PTR), f(2,"userNamespaces",Z,One,OE|PTR)] }, // 482
    Message { name: "k8s.io.api.core.v1.NodeSelector", kind: Struct, fields: &[f(1,"nodeSelectorTerms",M(485),Rep,0)] }, // 483
    Message { name: "k8s.io.api.core.v1.NodeSelectorRequirement", kind: Struct, fields: &[f(1,"key",S,One,0), f(2,"operator",S,One,0), f(3,"values",S,Rep,OE)] }, // 484
    Message { name: "k8s.io.api.core.v1.NodeSelectorTerm", kind: Struct, fields: &[f(1,"matchExpressions",M(484),Rep,OE), f(2,"matchFields",M(484),Rep,OE)] }, // 485
    Message { name: "k8s.io.api.core.v1.NodeSpec", kind: Struct, fields: &[f(1,"podCIDR",S,One,OE), f(7,"podCIDRs",S,Rep,OE), f(3,"providerID",S,One,OE), f(4,"unschedulable",Z,One,OE), f(5,"taints",M(588),Rep,OE), f(6,"configSource",M(475),One,OE|PTR), f(2,"externalID",S,One,OE)] }, // 486
    Message { name: "k8s.io.api.core.v1.NodeStatus", kind: Struct, fields: &[f(1,"capacity",M(1126),Map(S),OE), f(2,"allocatable",M(1126),Map(S),OE), f(3,"phase",S,One,OE), f(4,"conditions",M(474),Rep,OE), f(5,"addresses",M(472),Rep,OE), f(6,"daemonEndpoints",M(477),One,OE), f(7,"nodeInfo",M(489),One,OE), f(8,"images",M(404),Rep,OE), f(9,"volumesInUse",S,Rep,OE), f(10,"volumesAttached",M(378),Rep,OE), f(11,"config",M(476),One,OE|PTR), f(12,"runtimeHandlers",M(481),Rep,OE), f(13,"features",M(478),One,OE|PTR)] }, // 487
    Message { name: "k8s.io.api.core.v1.NodeSwapStatus", kind: Struct, fields: &[f(1,"capacity",L,One,OE|PTR)] }, // 488
    Message { name: "k8s.io.api.core.v1.NodeSystemInfo", kind: Struct, fields: &[f(1,"machineID",S,One,0), f(2,"systemUUID",S,One,0), f(3,"bootID",S,One,0), f(4,"kernelVersion",S,One,0), f(5,"osImage",S,One,0), f(6,"containerRuntimeVersion",S,One,0), f(7,"kubeletVersion",S,One,0), f(8,"kubeProxyVersion",S,One,0), f(9,"operatingSystem",S,One,0), f(10,"architecture",S,One,0), f(11,"swap",M(488),One,OE|PTR)] }, // 489
    Message { name: "k8s.io.api.core.v1.ObjectFieldSelector", kind: Struct, fields: &[f(1,"apiVersion",S,One,OE), f(2,"fieldPath",S,One,0)] }, // 490
    Message { name: "k8s.io.api.core.v1.ObjectReference", kind: Struct, fields: &[f(1,"kind",S,One,OE), f(2,"namespace",S,One,OE), f(3,"name",S,One,OE), f(4,"uid",S,One,OE), f(5,"apiVersion",S,One,OE), f(6,"resourceVersion",S,One,OE), f(7,"fieldPath",S,One,OE)] }, // 491
    Message { name: "k8s.io.api.core.v1.PersistentVolume", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(502),One,OE), f(3,"status",M(503),One,OE)] }, // 492
    Message { name: "k8s.io.api.core.v1.PersistentVolumeClaim", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(496),One,OE), f(3,"status",M(497),One,OE)] }, // 493
    Message { name: "k8s.io.api.core.v1.PersistentVolumeClaimCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastProbeTime",M(1120),One,OE), f(4,"lastTransitionTime",M(1120),One,OE), f(5,"reason",S,One,OE), f(6,"message",S,One,OE)] }, // 494
    Message { name: "k8s.io.api.core.v1.PersistentVolumeClaimList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(493),Rep,0)] }, // 495
    Message { name: "k8s.io.api.core.v1.PersistentVolumeClaimSpec", kind: Struct, fields: &[f(1,"accessModes",S,Rep,OE), f(4,"selector",M(1100),One,OE|PTR), f(2,"resources",M(601),One,OE), f(3,"volumeName",S,One,OE), f(5,"storageClassName",S,One,OE|PTR), f(6,"volumeMode",S,One,OE|PTR), f(7,"dataSource",M(593),One,OE|PTR), f(8,"dataSourceRef",M(594),One,OE|PTR), f(9,"volumeAttributesClassName",S,One,OE|PTR)] }, // 496
    Message { name: "k8s.io.api.core.v1.PersistentVolumeClaimStatus", kind: Struct, fields: &[f(1,"phase",S,One,OE), f(2,"accessModes",S,Rep,OE), f(3,"capacity",M(1126),Map(S),OE), f(4,"conditions",M(494),Rep,OE), f(5,"allocatedResources",M(1126),Map(S),OE), f(7,"allocatedResourceStatuses",S,Map(S),OE), f(8,"currentVolumeAttributesClassName",S,One,OE|PTR), f(9,"modifyVolumeStatus",M(464),One,OE|PTR)] }, // 497
    Message { name: "k8s.io.api.core.v1.PersistentVolumeClaimTemplate", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(496),One,0)] }, // 498
    Message { name: "k8s.io.api.core.v1.PersistentVolumeClaimVolumeSource", kind: Struct, fields: &[f(1,"claimName",S,One,0), f(2,"readOnly",Z,One,OE)] }, // 499
    Message { name: "k8s.io.api.core.v1.PersistentVolumeList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(492),Rep,0)] }, // 500
    Message { name: "k8s.io.api.core.v1.PersistentVolumeSource", kind: Struct, fields: &[f(1,"gcePersistentDisk",M(438),One,OE|PTR), f(2,"awsElasticBlockStore",M(375),One,OE|PTR), f(3,"hostPath",M(447),One,OE|PTR), f(4,"glusterfs",M(441),One,OE|PTR), f(5,"nfs",M(465),One,OE|PTR), f(6,"rbd",M(541),One,OE|PTR), f(7,"iscsi",M(448),One,OE|PTR), f(8,"cinder",M(389),One,OE|PTR), f(9,"cephfs",M(387),One,OE|PTR), f(10,"fc",M(434),One,OE|PTR), f(11,"flocker",M(437),One,OE|PTR), f(12,"flexVolume",M(435),One,OE|PTR), f(13,"azureFile",M(381),One,OE|PTR), f(14,"vsphereVolume",M(603),One,OE|PTR), f(15,"quobyte",M(540),One,OE|PTR), f(16,"azureDisk",M(380),One,OE|PTR), f(17,"photonPersistentDisk",M(504),One,OE|PTR), f(18,"portworxVolume",M(533),One,OE|PTR), f(19,"scaleIO",M(559),One,OE|PTR), f(20,"local",M(463),One,OE|PTR), f(21,"storageos",M(584),One,OE|PTR), f(22,"csi",M(384),One,OE|PTR)] }, // 501
    Message { name: "k8s.io.api.core.v1.PersistentVolumeSpec", kind: Struct, fields: &[f(1,"capacity",M(1126),Map(S),OE), f(2,"",M(501),One,INLINE), f(3,"accessModes",S,Rep,OE), f(4,"claimRef",M(491),One,OE|PTR), f(5,"persistentVolumeReclaimPolicy",S,One,OE), f(6,"storageClassName",S,One,OE), f(7,"mountOptions",S,Rep,OE), f(8,"volumeMode",S,One,OE|PTR), f(9,"nodeAffinity",M(599),One,OE|PTR), f(10,"volumeAttributesClassName",S,One,OE|PTR)] }, // 502
    Message { name: "k8s.io.api.core.v1.PersistentVolumeStatus", kind: Struct, fields: &[f(1,"phase",S,One,OE), f(2,"message",S,One,OE), f(3,"reason",S,One,OE), f(4,"lastPhaseTransitionTime",M(1120),One,OE|PTR)] }, // 503
    Message { name: "k8s.io.api.core.v1.PhotonPersistentDiskVolumeSource", kind: Struct, fields: &[f(1,"pdID",S,One,0), f(2,"fsType",S,One,OE)] }, // 504
    Message { name: "k8s.io.api.core.v1.Pod", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(526),One,OE), f(3,"status",M(527),One,OE)] }, // 505
    Message { name: "k8s.io.api.core.v1.PodAffinity", kind: Struct, fields: &[f(1,"requiredDuringSchedulingIgnoredDuringExecution",M(507),Rep,OE), f(2,"preferredDuringSchedulingIgnoredDuringExecution",M(604),Rep,OE)] }, // 506
    Message { name: "k8s.io.api.core.v1.PodAffinityTerm", kind: Struct, fields: &[f(1,"labelSelector",M(1100),One,OE|PTR), f(2,"namespaces",S,Rep,OE), f(3,"topologyKey",S,One,0), f(4,"namespaceSelector",M(1100),One,OE|PTR), f(5,"matchLabelKeys",S,Rep,OE), f(6,"mismatchLabelKeys",S,Rep,OE)] }, // 507
    Message { name: "k8s.io.api.core.v1.PodAntiAffinity", kind: Struct, fields: &[f(1,"requiredDuringSchedulingIgnoredDuringExecution",M(507),Rep,OE), f(2,"preferredDuringSchedulingIgnoredDuringExecution",M(604),Rep,OE)] }, // 508
    Message { name: "k8s.io.api.core.v1.PodAttachOptions", kind: Struct, fields: &[f(1,"stdin",Z,One,OE), f(2,"stdout",Z,One,OE), f(3,"stderr",Z,One,OE), f(4,"tty",Z,One,OE), f(5,"container",S,One,OE)] }, // 509
    Message { name: "k8s.io.api.core.v1.PodCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(7,"observedGeneration",L,One,OE), f(2,"status",S,One,0), f(3,"lastProbeTime",M(1120),One,OE), f(4,"lastTransitionTime",M(1120),One,OE), f(5,"reason",S,One,OE), f(6,"message",S,One,OE)] }, // 510
    Message { name: "k8s.io.api.core.v1.PodDNSConfig", kind: Struct, fields: &[f(1,"nameservers",S,Rep,OE), f(2,"searches",S,Rep,OE), f(3,"options",M(512),Rep,OE)] }, // 511
    Message { name: "k8s.io.api.core.v1.PodDNSConfigOption", kind: Struct, fields: &[f(1,"name",S,One,OE), f(2,"value",S,One,OE|PTR)] }, // 512
    Message { name: "k8s.io.api.core.v1.PodExecOptions", kind: Struct, fields: &[f(1,"stdin",Z,One,OE), f(2,"stdout",Z,One,OE), f(3,"stderr",Z,One,OE), f(4,"tty",Z,One,OE), f(5,"container",S,One,OE), f(6,"command",S,Rep,0)] }, // 513
    Message { name: "k8s.io.api.core.v1.PodIP", kind: Struct, fields: &[f(1,"ip",S,One,0)] }, // 514
    Message { name: "k8s.io.api.core.v1.PodList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(505),Rep,0)] }, // 515
    Message { name: "k8s.io.api.core.v1.PodLogOptions", kind: Struct, fields: &[f(1,"container",S,One,OE), f(2,"follow",Z,One,OE), f(3,"previous",Z,One,OE), f(4,"sinceSeconds",L,One,OE|PTR), f(5,"sinceTime",M(1120),One,OE|PTR), f(6,"timestamps",Z,One,OE), f(7,"tailLines",L,One,OE|PTR), f(8,"limitBytes",L,One,OE|PTR), f(9,"insecureSkipTLSVerifyBackend",Z,One,OE), f(10,"stream",S,One,OE|PTR)] }, // 516
    Message { name: "k8s.io.api.core.v1.PodOS", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 517
    Message { name: "k8s.io.api.core.v1.PodPortForwardOptions", kind: Struct, fields: &[f(1,"ports",I,Rep,OE)] }, // 518
    Message { name: "k8s.io.api.core.v1.PodProxyOptions", kind: Struct, fields: &[f(1,"path",S,One,OE)] }, // 519
    Message { name: "k8s.io.api.core.v1.PodReadinessGate", kind: Struct, fields: &[f(1,"conditionType",S,One,0)] }, // 520
    Message { name: "k8s.io.api.core.v1.PodResourceClaim", kind: Struct, fields: &[f(1,"name",S,One,0), f(3,"resourceClaimName",S,One,OE|PTR), f(4,"resourceClaimTemplateName",S,One,OE|PTR)] }, // 521
    Message { name: "k8s.io.api.core.v1.PodResourceClaimStatus", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"resourceClaimName",S,One,OE|PTR)] }, // 522
    Message { name: "k8s.io.api.core.v1.PodSchedulingGate", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 523
    Message { name: "k8s.io.api.core.v1.PodSecurityContext", kind: Struct, fields: &[f(1,"seLinuxOptions",M(558),One,OE|PTR), f(8,"windowsOptions",M(605),One,OE|PTR), f(2,"runAsUser",L,One,OE|PTR), f(6,"runAsGroup",L,One,OE|PTR), f(3,"runAsNonRoot",Z,One,OE|PTR), f(4,"supplementalGroups",L,Rep,OE), f(12,"supplementalGroupsPolicy",S,One,OE|PTR), f(5,"fsGroup",L,One,OE|PTR), f(7,"sysctls",M(586),Rep,OE), f(9,"fsGroupChangePolicy",S,One,OE|PTR), f(10,"seccompProfile",M(563),One,OE|PTR), f(11,"appArmorProfile",M(377),One,OE|PTR), f(13,"seLinuxChangePolicy",S,One,OE|PTR)] }, // 524
    Message { name: "k8s.io.api.core.v1.PodSignature", kind: Struct, fields: &[f(1,"podController",M(1108),One,OE|PTR)] }, // 525
    Message { name: "k8s.io.api.core.v1.PodSpec", kind: Struct, fields: &[f(1,"volumes",M(595),Rep,OE), f(20,"initContainers",M(403),Rep,OE), f(2,"containers",M(403),Rep,0), f(34,"ephemeralContainers",M(426),Rep,OE), f(3,"restartPolicy",S,One,OE), f(4,"terminationGracePeriodSeconds",L,One,OE|PTR), f(5,"activeDeadlineSeconds",L,One,OE|PTR), f(6,"dnsPolicy",S,One,OE), f(7,"nodeSelector",S,Map(S),OE), f(8,"serviceAccountName",S,One,OE), f(9,"serviceAccount",S,One,OE), f(21,"automountServiceAccountToken",Z,One,OE|PTR), f(10,"nodeName",S,One,OE), f(11,"hostNetwork",Z,One,OE), f(12,"hostPID",Z,One,OE), f(13,"hostIPC",Z,One,OE), f(27,"shareProcessNamespace",Z,One,OE|PTR), f(14,"securityContext",M(524),One,OE|PTR), f(15,"imagePullSecrets",M(462),Rep,OE), f(16,"hostname",S,One,OE), f(17,"subdomain",S,One,OE), f(18,"affinity",M(376),One,OE|PTR), f(19,"schedulerName",S,One,OE), f(22,"tolerations",M(589),Rep,OE), f(23,"hostAliases",M(445),Rep,OE), f(24,"priorityClassName",S,One,OE), f(25,"priority",I,One,OE|PTR), f(26,"dnsConfig",M(511),One,OE|PTR), f(28,"readinessGates",M(520),Rep,OE), f(29,"runtimeClassName",S,One,OE|PTR), f(30,"enableServiceLinks",Z,One,OE|PTR), f(31,"preemptionPolicy",S,One,OE|PTR), f(32,"overhead",M(1126),Map(S),OE), f(33,"topologySpreadConstraints",M(592),Rep,OE), f(35,"setHostnameAsFQDN",Z,One,OE|PTR), f(36,"os",M(517),One,OE|PTR), f(37,"hostUsers",Z,One,OE|PTR), f(38,"schedulingGates",M(523),Rep,OE), f(39,"resourceClaims",M(521),Rep,OE), f(40,"resources",M(556),One,OE|PTR)] }, // 526
    Message { name: "k8s.io.api.core.v1.PodStatus", kind: Struct, fields: &[f(17,"observedGeneration",L,One,OE), f(1,"phase",S,One,OE), f(2,"conditions",M(510),Rep,OE), f(3,"message",S,One,OE), f(4,"reason",S,One,OE), f(11,"nominatedNodeName",S,One,OE), f(5,"hostIP",S,One,OE), f(16,"hostIPs",M(446),Rep,OE), f(6,"podIP",S,One,OE), f(12,"podIPs",M(514),Rep,OE), f(7,"startTime",M(1120),One,OE|PTR), f(10,"initContainerStatuses",M(411),Rep,OE), f(8,"containerStatuses",M(411),Rep,OE), f(9,"qosClass",S,One,OE), f(13,"ephemeralContainerStatuses",M(411),Rep,OE), f(14,"resize",S,One,OE), f(15,"resourceClaimStatuses",M(522),Rep,OE)] }, // 527
    Message { name: "k8s.io.api.core.v1.PodStatusResult", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"status",M(527),One,OE)] }, // 528
    Message { name: "k8s.io.api.core.v1.PodTemplate", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"template",M(531),One,OE)] }, // 529
    Message { name: "k8s.io.api.core.v1.PodTemplateList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(529),Rep,0)] }, // 530
    Message { name: "k8s.io.api.core.v1.PodTemplateSpec", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(526),One,OE)] }, // 531
    Message { name: "k8s.io.api.core.v1.PortStatus", kind: Struct, fields: &[f(1,"port",I,One,0), f(2,"protocol",S,One,0), f(3,"error",S,One,OE|PTR)] }, // 532
    Message { name: "k8s.io.api.core.v1.PortworxVolumeSource", kind: Struct, fields: &[f(1,"volumeID",S,One,0), f(2,"fsType",S,One,OE), f(3,"readOnly",Z,One,OE)] }, // 533
    Message { name: "k8s.io.api.core.v1.Preconditions", kind: Struct, fields: &[f(1,"uid",S,One,OE|PTR)] }, // 534
    Message { name: "k8s.io.api.core.v1.PreferAvoidPodsEntry", kind: Struct, fields: &[f(1,"podSignature",M(525),One,0), f(2,"evictionTime",M(1120),One,OE), f(3,"reason",S,One,OE), f(4,"message",S,One,OE)] }, // 535
    Message { name: "k8s.io.api.core.v1.PreferredSchedulingTerm", kind: Struct, fields: &[f(1,"weight",I,One,0), f(2,"preference",M(485),One,0)] }, // 536
    Message { name: "k8s.io.api.core.v1.Probe", kind: Struct, fields: &[f(1,"",M(538),One,INLINE), f(2,"initialDelaySeconds",I,One,OE), f(3,"timeoutSeconds",I,One,OE), f(4,"periodSeconds",I,One,OE), f(5,"successThreshold",I,One,OE), f(6,"failureThreshold",I,One,OE), f(7,"terminationGracePeriodSeconds",L,One,OE|PTR)] }, // 537
    Message { name: "k8s.io.api.core.v1.ProbeHandler", kind: Struct, fields: &[f(1,"exec",M(433),One,OE|PTR), f(2,"httpGet",M(443),One,OE|PTR), f(3,"tcpSocket",M(587),One,OE|PTR), f(4,"grpc",M(439),One,OE|PTR)] }, // 538
    Message { name: "k8s.io.api.core.v1.ProjectedVolumeSource", kind: Struct, fields: &[f(1,"sources",M(600),Rep,0), f(2,"defaultMode",I,One,OE|PTR)] }, // 539
    Message { name: "k8s.io.api.core.v1.QuobyteVolumeSource", kind: Struct, fields: &[f(1,"registry",S,One,0), f(2,"volume",S,One,0), f(3,"readOnly",Z,One,OE), f(4,"user",S,One,OE), f(5,"group",S,One,OE), f(6,"tenant",S,One,OE)] }, // 540
    Message { name: "k8s.io.api.core.v1.RBDPersistentVolumeSource", kind: Struct, fields: &[f(1,"monitors",S,Rep,0), f(2,"image",S,One,0), f(3,"fsType",S,One,OE), f(4,"pool",S,One,OE), f(5,"user",S,One,OE), f(6,"keyring",S,One,OE), f(7,"secretRef",M(569),One,OE|PTR), f(8,"readOnly",Z,One,OE)] }, // 541
    Message { name: "k8s.io.api.core.v1.RBDVolumeSource", kind: Struct, fields: &[f(1,"monitors",S,Rep,0), f(2,"image",S,One,0), f(3,"fsType",S,One,OE), f(4,"pool",S,One,OE), f(5,"user",S,One,OE), f(6,"keyring",S,One,OE), f(7,"secretRef",M(462),One,OE|PTR), f(8,"readOnly",Z,One,OE)] }, // 542
    Message { name: "k8s.io.api.core.v1.RangeAllocation", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"range",S,One,0), f(3,"data",B,One,0)] }, // 543
    Message { name: "k8s.io.api.core.v1.ReplicationController", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(547),One,OE), f(3,"status",M(548),One,OE)] }, // 544
    Message { name: "k8s.io.api.core.v1.ReplicationControllerCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 545
    Message { name: "k8s.io.api.core.v1.ReplicationControllerList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(544),Rep,0)] }, // 546
    Message { name: "k8s.io.api.core.v1.ReplicationControllerSpec", kind: Struct, fields: &[f(1,"replicas",I,One,OE|PTR), f(4,"minReadySeconds",I,One,OE), f(2,"selector",S,Map(S),OE), f(3,"template",M(531),One,OE|PTR)] }, // 547
    Message { name: "k8s.io.api.core.v1.ReplicationControllerStatus", kind: Struct, fields: &[f(1,"replicas",I,One,0), f(2,"fullyLabeledReplicas",I,One,OE), f(4,"readyReplicas",I,One,OE), f(5,"availableReplicas",I,One,OE), f(3,"observedGeneration",L,One,OE), f(6,"conditions",M(545),Rep,OE)] }, // 548
    Message { name: "k8s.io.api.core.v1.ResourceClaim", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"request",S,One,OE)] }, // 549
    Message { name: "k8s.io.api.core.v1.ResourceFieldSelector", kind: Struct, fields: &[f(1,"containerName",S,One,OE), f(2,"resource",S,One,0), f(3,"divisor",M(1126),One,OE)] }, // 550
    Message { name: "k8s.io.api.core.v1.ResourceHealth", kind: Struct, fields: &[f(1,"resourceID",S,One,0), f(2,"health",S,One,OE)] }, // 551
    Message { name: "k8s.io.api.core.v1.ResourceQuota", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(554),One,OE), f(3,"status",M(555),One,OE)] }, // 552
    Message { name: "k8s.io.api.core.v1.ResourceQuotaList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(552),Rep,0)] }, // 553
    Message { name: "k8s.io.api.core.v1.ResourceQuotaSpec", kind: Struct, fields: &[f(1,"hard",M(1126),Map(S),OE), f(2,"scopes",S,Rep,OE), f(3,"scopeSelector",M(561),One,OE|PTR)] }, // 554
    Message { name: "k8s.io.api.core.v1.ResourceQuotaStatus", kind: Struct, fields: &[f(1,"hard",M(1126),Map(S),OE), f(2,"used",M(1126),Map(S),OE)] }, // 555
    Message { name: "k8s.io.api.core.v1.ResourceRequirements", kind: Struct, fields: &[f(1,"limits",M(1126),Map(S),OE), f(2,"requests",M(1126),Map(S),OE), f(3,"claims",M(549),Rep,OE)] }, // 556
    Message { name: "k8s.io.api.core.v1.ResourceStatus", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"resources",M(551),Rep,OE)] }, // 557
    Message { name: "k8s.io.api.core.v1.SELinuxOptions", kind: Struct, fields: &[f(1,"user",S,One,OE), f(2,"role",S,One,OE), f(3,"type",S,One,OE), f(4,"level",S,One,OE)] }, // 558
    Message { name: "k8s.io.api.core.v1.ScaleIOPersistentVolumeSource", kind: Struct, fields: &[f(1,"gateway",S,One,0), f(2,"system",S,One,0), f(3,"secretRef",M(569),One,PTR), f(4,"sslEnabled",Z,One,OE), f(5,"protectionDomain",S,One,OE), f(6,"storagePool",S,One,OE), f(7,"storageMode",S,One,OE), f(8,"volumeName",S,One,OE), f(9,"fsType",S,One,OE), f(10,"readOnly",Z,One,OE)] }, // 559
    Message { name: "k8s.io.api.core.v1.ScaleIOVolumeSource", kind: Struct, fields: &[f(1,"gateway",S,One,0), f(2,"system",S,One,0), f(3,"secretRef",M(462),One,PTR), f(4,"sslEnabled",Z,One,OE), f(5,"protectionDomain",S,One,OE), f(6,"storagePool",S,One,OE), f(7,"storageMode",S,One,OE), f(8,"volumeName",S,One,OE), f(9,"fsType",S,One,OE), f(10,"readOnly",Z,One,OE)] }, // 560
    Message { name: "k8s.io.api.core.v1.ScopeSelector", kind: Struct, fields: &[f(1,"matchExpressions",M(562),Rep,OE)] }, // 561
    Message { name: "k8s.io.api.core.v1.ScopedResourceSelectorRequirement", kind: Struct, fields: &[f(1,"scopeName",S,One,0), f(2,"operator",S,One,0), f(3,"values",S,Rep,OE)] }, // 562
    Message { name: "k8s.io.api.core.v1.SeccompProfile", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"localhostProfile",S,One,OE|PTR)] }, // 563
    Message { name: "k8s.io.api.core.v1.Secret", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(5,"immutable",Z,One,OE|PTR), f(2,"data",B,Map(S),OE), f(4,"stringData",S,Map(S),OE), f(3,"type",S,One,OE)] }, // 564
    Message { name: "k8s.io.api.core.v1.SecretEnvSource", kind: Struct, fields: &[f(1,"",M(462),One,INLINE), f(2,"optional",Z,One,OE|PTR)] }, // 565
    Message { name: "k8s.io.api.core.v1.SecretKeySelector", kind: Struct, fields: &[f(1,"",M(462),One,INLINE), f(2,"key",S,One,0), f(3,"optional",Z,One,OE|PTR)] }, // 566
    Message { name: "k8s.io.api.core.v1.SecretList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(564),Rep,0)] }, // 567
    Message { name: "k8s.io.api.core.v1.SecretProjection", kind: Struct, fields: &[f(1,"",M(462),One,INLINE), f(2,"items",M(451),Rep,OE), f(4,"optional",Z,One,OE|PTR)] }, // 568
    Message { name: "k8s.io.api.core.v1.SecretReference", kind: Struct, fields: &[f(1,"name",S,One,OE), f(2,"namespace",S,One,OE)] }, // 569
    Message { name: "k8s.io.api.core.v1.SecretVolumeSource", kind: Struct, fields: &[f(1,"secretName",S,One,OE), f(2,"items",M(451),Rep,OE), f(3,"defaultMode",I,One,OE|PTR), f(4,"optional",Z,One,OE|PTR)] }, // 570
    Message { name: "k8s.io.api.core.v1.SecurityContext", kind: Struct, fields: &[f(1,"capabilities",M(386),One,OE|PTR), f(2,"privileged",Z,One,OE|PTR), f(3,"seLinuxOptions",M(558),One,OE|PTR), f(10,"windowsOptions",M(605),One,OE|PTR), f(4,"runAsUser",L,One,OE|PTR), f(8,"runAsGroup",L,One,OE|PTR), f(5,"runAsNonRoot",Z,One,OE|PTR), f(6,"readOnlyRootFilesystem",Z,One,OE|PTR), f(7,"allowPrivilegeEscalation",Z,One,OE|PTR), f(9,"procMount",S,One,OE|PTR), f(11,"seccompProfile",M(563),One,OE|PTR), f(12,"appArmorProfile",M(377),One,OE|PTR)] }, // 571
    Message { name: "k8s.io.api.core.v1.SerializedReference", kind: Struct, fields: &[f(1,"reference",M(491),One,OE)] }, // 572
    Message { name: "k8s.io.api.core.v1.Service", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(580),One,OE), f(3,"status",M(581),One,OE)] }, // 573
    Message { name: "k8s.io.api.core.v1.ServiceAccount", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"secrets",M(491),Rep,OE), f(3,"imagePullSecrets",M(462),Rep,OE), f(4,"automountServiceAccountToken",Z,One,OE|PTR)] }, // 574
    Message { name: "k8s.io.api.core.v1.ServiceAccountList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(574),Rep,0)] }, // 575
    Message { name: "k8s.io.api.core.v1.ServiceAccountTokenProjection", kind: Struct, fields: &[f(1,"audience",S,One,OE), f(2,"expirationSeconds",L,One,OE|PTR), f(3,"path",S,One,0)] }, // 576
    Message { name: "k8s.io.api.core.v1.ServiceList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(573),Rep,0)] }, // 577
    Message { name: "k8s.io.api.core.v1.ServicePort", kind: Struct, fields: &[f(1,"name",S,One,OE), f(2,"protocol",S,One,OE), f(6,"appProtocol",S,One,OE|PTR), f(3,"port",I,One,0), f(4,"targetPort",M(1128),One,OE), f(5,"nodePort",I,One,OE)] }, // 578
    Message { name: "k8s.io.api.core.v1.ServiceProxyOptions", kind: Struct, fields: &[f(1,"path",S,One,OE)] }, // 579
    Message { name: "k8s.io.api.core.v1.ServiceSpec", kind: Struct, fields: &[f(1,"ports",M(578),Rep,OE), f(2,"selector",S,Map(S),OE), f(3,"clusterIP",S,One,OE), f(18,"clusterIPs",S,Rep,OE), f(4,"type",S,One,OE), f(5,"externalIPs",S,Rep,OE), f(7,"sessionAffinity",S,One,OE), f(8,"loadBalancerIP",S,One,OE), f(9,"loadBalancerSourceRanges",S,Rep,OE), f(10,"externalName",S,One,OE), f(11,"externalTrafficPolicy",S,One,OE), f(12,"healthCheckNodePort",I,One,OE), f(13,"publishNotReadyAddresses",Z,One,OE), f(14,"sessionAffinityConfig",M(582),One,OE|PTR), f(19,"ipFamilies",S,Rep,OE), f(17,"ipFamilyPolicy",S,One,OE|PTR), f(20,"allocateLoadBalancerNodePorts",Z,One,OE|PTR), f(21,"loadBalancerClass",S,One,OE|PTR), f(22,"internalTrafficPolicy",S,One,OE|PTR), f(23,"trafficDistribution",S,One,OE|PTR)] }, // 580
    Message { name: "k8s.io.api.core.v1.ServiceStatus", kind: Struct, fields: &[f(1,"loadBalancer",M(461),One,OE), f(2,"conditions",M(1087),Rep,OE)] }, // 581
    Message { name: "k8s.io.api.core.v1.SessionAffinityConfig", kind: Struct, fields: &[f(1,"clientIP",M(391),One,OE|PTR)] }, // 582
    Message { name: "k8s.io.api.core.v1.SleepAction", kind: Struct, fields: &[f(1,"seconds",L,One,0)] }, // 583
    Message { name: "k8s.io.api.core.v1.StorageOSPersistentVolumeSource", kind: Struct, fields: &[f(1,"volumeName",S,One,OE), f(2,"volumeNamespace",S,One,OE), f(3,"fsType",S,One,OE), f(4,"readOnly",Z,One,OE), f(5,"secretRef",M(491),One,OE|PTR)] }, // 584
    Message { name: "k8s.io.api.core.v1.StorageOSVolumeSource", kind: Struct, fields: &[f(1,"volumeName",S,One,OE), f(2,"volumeNamespace",S,One,OE), f(3,"fsType",S,One,OE), f(4,"readOnly",Z,One,OE), f(5,"secretRef",M(462),One,OE|PTR)] }, // 585
    Message { name: "k8s.io.api.core.v1.Sysctl", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"value",S,One,0)] }, // 586
    Message { name: "k8s.io.api.core.v1.TCPSocketAction", kind: Struct, fields: &[f(1,"port",M(1128),One,0), f(2,"host",S,One,OE)] }, // 587
    Message { name: "k8s.io.api.core.v1.Taint", kind: Struct, fields: &[f(1,"key",S,One,0), f(2,"value",S,One,OE), f(3,"effect",S,One,0), f(4,"timeAdded",M(1120),One,OE|PTR)] }, // 588
    Message { name: "k8s.io.api.core.v1.Toleration", kind: Struct, fields: &[f(1,"key",S,One,OE), f(2,"operator",S,One,OE), f(3,"value",S,One,OE), f(4,"effect",S,One,OE), f(5,"tolerationSeconds",L,One,OE|PTR)] }, // 589
    Message { name: "k8s.io.api.core.v1.TopologySelectorLabelRequirement", kind: Struct, fields: &[f(1,"key",S,One,0), f(2,"values",S,Rep,0)] }, // 590
    Message { name: "k8s.io.api.core.v1.TopologySelectorTerm", kind: Struct, fields: &[f(1,"matchLabelExpressions",M(590),Rep,OE)] }, // 591
    Message { name: "k8s.io.api.core.v1.TopologySpreadConstraint", kind: Struct, fields: &[f(1,"maxSkew",I,One,0), f(2,"topologyKey",S,One,0), f(3,"whenUnsatisfiable",S,One,0), f(4,"labelSelector",M(1100),One,OE|PTR), f(5,"minDomains",I,One,OE|PTR), f(6,"nodeAffinityPolicy",S,One,OE|PTR), f(7,"nodeTaintsPolicy",S,One,OE|PTR), f(8,"matchLabelKeys",S,Rep,OE)] }, // 592
    Message { name: "k8s.io.api.core.v1.TypedLocalObjectReference", kind: Struct, fields: &[f(1,"apiGroup",S,One,PTR), f(2,"kind",S,One,0), f(3,"name",S,One,0)] }, // 593
    Message { name: "k8s.io.api.core.v1.TypedObjectReference", kind: Struct, fields: &[f(1,"apiGroup",S,One,PTR), f(2,"kind",S,One,0), f(3,"name",S,One,0), f(4,"namespace",S,One,OE|PTR)] }, // 594
    Message { name: "k8s.io.api.core.v1.Volume", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"",M(602),One,INLINE)] }, // 595
    Message { name: "k8s.io.api.core.v1.VolumeDevice", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"devicePath",S,One,0)] }, // 596
    Message { name: "k8s.io.api.core.v1.VolumeMount", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"readOnly",Z,One,OE), f(7,"recursiveReadOnly",S,One,OE|PTR), f(3,"mountPath",S,One,0), f(4,"subPath",S,One,OE), f(5,"mountPropagation",S,One,OE|PTR), f(6,"subPathExpr",S,One,OE)] }, // 597
    Message { name: "k8s.io.api.core.v1.VolumeMountStatus", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"mountPath",S,One,0), f(3,"readOnly",Z,One,OE), f(4,"recursiveReadOnly",S,One,OE|PTR)] }, // 598
    Message { name: "k8s.io.api.core.v1.VolumeNodeAffinity", kind: Struct, fields: &[f(1,"required",M(483),One,OE|PTR)] }, // 599
    Message { name: "k8s.io.api.core.v1.VolumeProjection", kind: Struct, fields: &[f(1,"secret",M(568),One,OE|PTR), f(2,"downwardAPI",M(414),One,OE|PTR), f(3,"configMap",M(401),One,OE|PTR), f(4,"serviceAccountToken",M(576),One,OE|PTR), f(5,"clusterTrustBundle",M(392),One,OE|PTR)] }, // 600
    Message { name: "k8s.io.api.core.v1.VolumeResourceRequirements", kind: Struct, fields: &[f(1,"limits",M(1126),Map(S),OE), f(2,"requests",M(1126),Map(S),OE)] }, // 601
    Message { name: "k8s.io.api.core.v1.VolumeSource", kind: Struct, fields: &[f(1,"hostPath",M(447),One,OE|PTR), f(2,"emptyDir",M(417),One,OE|PTR), f(3,"gcePersistentDisk",M(438),One,OE|PTR), f(4,"awsElasticBlockStore",M(375),One,OE|PTR), f(5,"gitRepo",M(440),One,OE|PTR), f(6,"secret",M(570),One,OE|PTR), f(7,"nfs",M(465),One,OE|PTR), f(8,"iscsi",M(449),One,OE|PTR), f(9,"glusterfs",M(442),One,OE|PTR), f(10,"persistentVolumeClaim",M(499),One,OE|PTR), f(11,"rbd",M(542),One,OE|PTR), f(12,"flexVolume",M(436),One,OE|PTR), f(13,"cinder",M(390),One,OE|PTR), f(14,"cephfs",M(388),One,OE|PTR), f(15,"flocker",M(437),One,OE|PTR), f(16,"downwardAPI",M(416),One,OE|PTR), f(17,"fc",M(434),One,OE|PTR), f(18,"azureFile",M(382),One,OE|PTR), f(19,"configMap",M(402),One,OE|PTR), f(20,"vsphereVolume",M(603),One,OE|PTR), f(21,"quobyte",M(540),One,OE|PTR), f(22,"azureDisk",M(380),One,OE|PTR), f(23,"photonPersistentDisk",M(504),One,OE|PTR), f(26,"projected",M(539),One,OE|PTR), f(24,"portworxVolume",M(533),One,OE|PTR), f(25,"scaleIO",M(560),One,OE|PTR), f(27,"storageos",M(585),One,OE|PTR), f(28,"csi",M(385),One,OE|PTR), f(29,"ephemeral",M(428),One,OE|PTR), f(30,"image",M(450),One,OE|PTR)] }, // 602
    Message { name: "k8s.io.api.core.v1.VsphereVirtualDiskVolumeSource", kind: Struct, fields: &[f(1,"volumePath",S,One,0), f(2,"fsType",S,One,OE), f(3,"storagePolicyName",S,One,OE), f(4,"storagePolicyID",S,One,OE)] }, // 603
    Message { name: "k8s.io.api.core.v1.WeightedPodAffinityTerm", kind: Struct, fields: &[f(1,"weight",I,One,0), f(2,"podAffinityTerm",M(507),One,0)] }, // 604
    Message { name: "k8s.io.api.core.v1.WindowsSecurityContextOptions", kind: Struct, fields: &[f(1,"gmsaCredentialSpecName",S,One,OE|PTR), f(2,"gmsaCredentialSpec",S,One,OE|PTR), f(3,"runAsUserName",S,One,OE|PTR), f(4,"hostProcess",Z,One,OE|PTR)] }, // 605
    Message { name: "k8s.io.api.discovery.v1.Endpoint", kind: Struct, fields: &[f(1,"addresses",S,Rep,0), f(2,"conditions",M(607),One,OE), f(3,"hostname",S,One,OE|PTR), f(4,"targetRef",M(491),One,OE|PTR), f(5,"deprecatedTopology",S,Map(S),OE), f(6,"nodeName",S,One,OE|PTR), f(7,"zone",S,One,OE|PTR), f(8,"hints",M(608),One,OE|PTR)] }, // 606
    Message { name: "k8s.io.api.discovery.v1.EndpointConditions", kind: Struct, fields: &[f(1,"ready",Z,One,OE|PTR), f(2,"serving",Z,One,OE|PTR), f(3,"terminating",Z,One,OE|PTR)] }, // 607
    Message { name: "k8s.io.api.discovery.v1.EndpointHints", kind: Struct, fields: &[f(1,"forZones",M(613),Rep,OE), f(2,"forNodes",M(612),Rep,OE)] }, // 608
    Message { name: "k8s.io.api.discovery.v1.EndpointPort", kind: Struct, fields: &[f(1,"name",S,One,OE|PTR), f(2,"protocol",S,One,OE|PTR), f(3,"port",I,One,OE|PTR), f(4,"appProtocol",S,One,OE|PTR)] }, // 609
    Message { name: "k8s.io.api.discovery.v1.EndpointSlice", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(4,"addressType",S,One,0), f(2,"endpoints",M(606),Rep,0), f(3,"ports",M(609),Rep,0)] }, // 610
    Message { name: "k8s.io.api.discovery.v1.EndpointSliceList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(610),Rep,0)] }, // 611
    Message { name: "k8s.io.api.discovery.v1.ForNode", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 612
    Message { name: "k8s.io.api.discovery.v1.ForZone", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 613
    Message { name: "k8s.io.api.discovery.v1beta1.Endpoint", kind: Struct, fields: &[f(1,"addresses",S,Rep,0), f(2,"conditions",M(615),One,OE), f(3,"hostname",S,One,OE|PTR), f(4,"targetRef",M(491),One,OE|PTR), f(5,"topology",S,Map(S),OE), f(6,"nodeName",S,One,OE|PTR), f(7,"hints",M(616),One,OE|PTR)] }, // 614
    Message { name: "k8s.io.api.discovery.v1beta1.EndpointConditions", kind: Struct, fields: &[f(1,"ready",Z,One,OE|PTR), f(2,"serving",Z,One,OE|PTR), f(3,"terminating",Z,One,OE|PTR)] }, // 615
    Message { name: "k8s.io.api.discovery.v1beta1.EndpointHints", kind: Struct, fields: &[f(1,"forZones",M(621),Rep,OE), f(2,"forNodes",M(620),Rep,OE)] }, // 616
    Message { name: "k8s.io.api.discovery.v1beta1.EndpointPort", kind: Struct, fields: &[f(1,"name",S,One,OE|PTR), f(2,"protocol",S,One,OE|PTR), f(3,"port",I,One,OE|PTR), f(4,"appProtocol",S,One,OE|PTR)] }, // 617
    Message { name: "k8s.io.api.discovery.v1beta1.EndpointSlice", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(4,"addressType",S,One,0), f(2,"endpoints",M(614),Rep,0), f(3,"ports",M(617),Rep,0)] }, // 618
    Message { name: "k8s.io.api.discovery.v1beta1.EndpointSliceList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(618),Rep,0)] }, // 619
    Message { name: "k8s.io.api.discovery.v1beta1.ForNode", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 620
    Message { name: "k8s.io.api.discovery.v1beta1.ForZone", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 621
    Message { name: "k8s.io.api.events.v1.Event", kind: Struct, fields: &[f(1,"metadata",M(1107),One,0), f(2,"eventTime",M(1106),One,0), f(3,"series",M(624),One,OE|PTR), f(4,"reportingController",S,One,OE), f(5,"reportingInstance",S,One,OE), f(6,"action",S,One,OE), f(7,"reason",S,One,OE), f(8,"regarding",M(491),One,OE), f(9,"related",M(491),One,OE|PTR), f(10,"note",S,One,OE), f(11,"type",S,One,OE), f(12,"deprecatedSource",M(432),One,OE), f(13,"deprecatedFirstTimestamp",M(1120),One,OE), f(14,"deprecatedLastTimestamp",M(1120),One,OE), f(15,"deprecatedCount",I,One,OE)] }, // 622
    Message { name: "k8s.io.api.events.v1.EventList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(622),Rep,0)] }, // 623
    Message { name: "k8s.io.api.events.v1.EventSeries", kind: Struct, fields: &[f(1,"count",I,One,0), f(2,"lastObservedTime",M(1106),One,0)] }, // 624
    Message { name: "k8s.io.api.events.v1beta1.Event", kind: Struct, fields: &[f(1,"metadata",M(1107),One,0), f(2,"eventTime",M(1106),One,0), f(3,"series",M(627),One,OE|PTR), f(4,"reportingController",S,One,OE), f(5,"reportingInstance",S,One,OE), f(6,"action",S,One,OE), f(7,"reason",S,One,OE), f(8,"regarding",M(491),One,OE), f(9,"related",M(491),One,OE|PTR), f(10,"note",S,One,OE), f(11,"type",S,One,OE), f(12,"deprecatedSource",M(432),One,OE), f(13,"deprecatedFirstTimestamp",M(1120),One,OE), f(14,"deprecatedLastTimestamp",M(1120),One,OE), f(15,"deprecatedCount",I,One,OE)] }, // 625
    Message { name: "k8s.io.api.events.v1beta1.EventList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(625),Rep,0)] }, // 626
    Message { name: "k8s.io.api.events.v1beta1.EventSeries", kind: Struct, fields: &[f(1,"count",I,One,0), f(2,"lastObservedTime",M(1106),One,0)] }, // 627
    Message { name: "k8s.io.api.extensions.v1beta1.DaemonSet", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(631),One,OE), f(3,"status",M(632),One,OE)] }, // 628
    Message { name: "k8s.io.api.extensions.v1beta1.DaemonSetCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 629
    Message { name: "k8s.io.api.extensions.v1beta1.DaemonSetList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(628),Rep,0)] }, // 630
    Message { name: "k8s.io.api.extensions.v1beta1.DaemonSetSpec", kind: Struct, fields: &[f(1,"selector",M(1100),One,OE|PTR), f(2,"template",M(531),One,0), f(3,"updateStrategy",M(633),One,OE), f(4,"minReadySeconds",I,One,OE), f(5,"templateGeneration",L,One,OE), f(6,"revisionHistoryLimit",I,One,OE|PTR)] }, // 631
    Message { name: "k8s.io.api.extensions.v1beta1.DaemonSetStatus", kind: Struct, fields: &[f(1,"currentNumberScheduled",I,One,0), f(2,"numberMisscheduled",I,One,0), f(3,"desiredNumberScheduled",I,One,0), f(4,"numberReady",I,One,0), f(5,"observedGeneration",L,One,OE), f(6,"updatedNumberScheduled",I,One,OE), f(7,"numberAvailable",I,One,OE), f(8,"numberUnavailable",I,One,OE), f(9,"collisionCount",I,One,OE|PTR), f(10,"conditions",M(629),Rep,OE)] }, // 632
    Message { name: "k8s.io.api.extensions.v1beta1.DaemonSetUpdateStrategy", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"rollingUpdate",M(668),One,OE|PTR)] }, // 633
    Message { name: "k8s.io.api.extensions.v1beta1.Deployment", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(638),One,OE), f(3,"status",M(639),One,OE)] }, // 634
    Message { name: "k8s.io.api.extensions.v1beta1.DeploymentCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(6,"lastUpdateTime",M(1120),One,OE), f(7,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 635
    Message { name: "k8s.io.api.extensions.v1beta1.DeploymentList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(634),Rep,0)] }, // 636
    Message { name: "k8s.io.api.extensions.v1beta1.DeploymentRollback", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"updatedAnnotations",S,Map(S),OE), f(3,"rollbackTo",M(667),One,0)] }, // 637
    Message { name: "k8s.io.api.extensions.v1beta1.DeploymentSpec", kind: Struct, fields: &[f(1,"replicas",I,One,OE|PTR), f(2,"selector",M(1100),One,OE|PTR), f(3,"template",M(531),One,0), f(4,"strategy",M(640),One,OE), f(5,"minReadySeconds",I,One,OE), f(6,"revisionHistoryLimit",I,One,OE|PTR), f(7,"paused",Z,One,OE), f(8,"rollbackTo",M(667),One,OE|PTR), f(9,"progressDeadlineSeconds",I,One,OE|PTR)] }, // 638
    Message { name: "k8s.io.api.extensions.v1beta1.DeploymentStatus", kind: Struct, fields: &[f(1,"observedGeneration",L,One,OE), f(2,"replicas",I,One,OE), f(3,"updatedReplicas",I,One,OE), f(7,"readyReplicas",I,One,OE), f(4,"availableReplicas",I,One,OE), f(5,"unavailableReplicas",I,One,OE), f(9,"terminatingReplicas",I,One,OE|PTR), f(6,"conditions",M(635),Rep,OE), f(8,"collisionCount",I,One,OE|PTR)] }, // 639
    Message { name: "k8s.io.api.extensions.v1beta1.DeploymentStrategy", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"rollingUpdate",M(669),One,OE|PTR)] }, // 640
    Message { name: "k8s.io.api.extensions.v1beta1.HTTPIngressPath", kind: Struct, fields: &[f(1,"path",S,One,OE), f(3,"pathType",S,One,OE|PTR), f(2,"backend",M(645),One,0)] }, // 641
    Message { name: "k8s.io.api.extensions.v1beta1.HTTPIngressRuleValue", kind: Struct, fields: &[f(1,"paths",M(641),Rep,0)] }, // 642
    Message { name: "k8s.io.api.extensions.v1beta1.IPBlock", kind: Struct, fields: &[f(1,"cidr",S,One,0), f(2,"except",S,Rep,OE)] }, // 643
    Message { name: "k8s.io.api.extensions.v1beta1.Ingress", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(652),One,OE), f(3,"status",M(653),One,OE)] }, // 644
    Message { name: "k8s.io.api.extensions.v1beta1.IngressBackend", kind: Struct, fields: &[f(1,"serviceName",S,One,OE), f(2,"servicePort",M(1128),One,OE), f(3,"resource",M(593),One,OE|PTR)] }, // 645
    Message { name: "k8s.io.api.extensions.v1beta1.IngressList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(644),Rep,0)] }, // 646
    Message { name: "k8s.io.api.extensions.v1beta1.IngressLoadBalancerIngress", kind: Struct, fields: &[f(1,"ip",S,One,OE), f(2,"hostname",S,One,OE), f(4,"ports",M(649),Rep,OE)] }, // 647
    Message { name: "k8s.io.api.extensions.v1beta1.IngressLoadBalancerStatus", kind: Struct, fields: &[f(1,"ingress",M(647),Rep,OE)] }, // 648
    Message { name: "k8s.io.api.extensions.v1beta1.IngressPortStatus", kind: Struct, fields: &[f(1,"port",I,One,0), f(2,"protocol",S,One,0), f(3,"error",S,One,OE|PTR)] }, // 649
    Message { name: "k8s.io.api.extensions.v1beta1.IngressRule", kind: Struct, fields: &[f(1,"host",S,One,OE), f(2,"",M(651),One,INLINE)] }, // 650
    Message { name: "k8s.io.api.extensions.v1beta1.IngressRuleValue", kind: Struct, fields: &[f(1,"http",M(642),One,OE|PTR)] }, // 651
    Message { name: "k8s.io.api.extensions.v1beta1.IngressSpec", kind: Struct, fields: &[f(4,"ingressClassName",S,One,OE|PTR), f(1,"backend",M(645),One,OE|PTR), f(2,"tls",M(654),Rep,OE), f(3,"rules",M(650),Rep,OE)] }, // 652
    Message { name: "k8s.io.api.extensions.v1beta1.IngressStatus", kind: Struct, fields: &[f(1,"loadBalancer",M(648),One,OE)] }, // 653
    Message { name: "k8s.io.api.extensions.v1beta1.IngressTLS", kind: Struct, fields: &[f(1,"hosts",S,Rep,OE), f(2,"secretName",S,One,OE)] }, // 654
    Message { name: "k8s.io.api.extensions.v1beta1.NetworkPolicy", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(661),One,OE)] }, // 655
    Message { name: "k8s.io.api.extensions.v1beta1.NetworkPolicyEgressRule", kind: Struct, fields: &[f(1,"ports",M(660),Rep,OE), f(2,"to",M(659),Rep,OE)] }, // 656
    Message { name: "k8s.io.api.extensions.v1beta1.NetworkPolicyIngressRule", kind: Struct, fields: &[f(1,"ports",M(660),Rep,OE), f(2,"from",M(659),Rep,OE)] }, // 657
    Message { name: "k8s.io.api.extensions.v1beta1.NetworkPolicyList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(655),Rep,0)] }, // 658
    Message { name: "k8s.io.api.extensions.v1beta1.NetworkPolicyPeer", kind: Struct, fields: &[f(1,"podSelector",M(1100),One,OE|PTR), f(2,"namespaceSelector",M(1100),One,OE|PTR), f(3,"ipBlock",M(643),One,OE|PTR)] }, // 659
    Message { name: "k8s.io.api.extensions.v1beta1.NetworkPolicyPort", kind: Struct, fields: &[f(1,"protocol",S,One,OE|PTR), f(2,"port",M(1128),One,OE|PTR), f(3,"endPort",I,One,OE|PTR)] }, // 660
    Message { name: "k8s.io.api.extensions.v1beta1.NetworkPolicySpec", kind: Struct, fields: &[f(1,"podSelector",M(1100),One,0), f(2,"ingress",M(657),Rep,OE), f(3,"egress",M(656),Rep,OE), f(4,"policyTypes",S,Rep,OE)] }, // 661
    Message { name: "k8s.io.api.extensions.v1beta1.ReplicaSet", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(665),One,OE), f(3,"status",M(666),One,OE)] }, // 662
    Message { name: "k8s.io.api.extensions.v1beta1.ReplicaSetCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 663
    Message { name: "k8s.io.api.extensions.v1beta1.ReplicaSetList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(662),Rep,0)] }, // 664
    Message { name: "k8s.io.api.extensions.v1beta1.ReplicaSetSpec", kind: Struct, fields: &[f(1,"replicas",I,One,OE|PTR), f(4,"minReadySeconds",I,One,OE), f(2,"selector",M(1100),One,OE|PTR), f(3,"template",M(531),One,OE)] }, // 665
    Message { name: "k8s.io.api.extensions.v1beta1.ReplicaSetStatus", kind: Struct, fields: &[f(1,"replicas",I,One,0), f(2,"fullyLabeledReplicas",I,One,OE), f(4,"readyReplicas",I,One,OE), f(5,"availableReplicas",I,One,OE), f(7,"terminatingReplicas",I,One,OE|PTR), f(3,"observedGeneration",L,One,OE), f(6,"conditions",M(663),Rep,OE)] }, // 666
    Message { name: "k8s.io.api.extensions.v1beta1.RollbackConfig", kind: Struct, fields: &[f(1,"revision",L,One,OE)] }, // 667
    Message { name: "k8s.io.api.extensions.v1beta1.RollingUpdateDaemonSet", kind: Struct, fields: &[f(1,"maxUnavailable",M(1128),One,OE|PTR), f(2,"maxSurge",M(1128),One,OE|PTR)] }, // 668
    Message { name: "k8s.io.api.extensions.v1beta1.RollingUpdateDeployment", kind: Struct, fields: &[f(1,"maxUnavailable",M(1128),One,OE|PTR), f(2,"maxSurge",M(1128),One,OE|PTR)] }, // 669
    Message { name: "k8s.io.api.extensions.v1beta1.Scale", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(671),One,OE), f(3,"status",M(672),One,OE)] }, // 670
    Message { name: "k8s.io.api.extensions.v1beta1.ScaleSpec", kind: Struct, fields: &[f(1,"replicas",I,One,OE)] }, // 671
    Message { name: "k8s.io.api.extensions.v1beta1.ScaleStatus", kind: Struct, fields: &[f(1,"replicas",I,One,0), f(2,"selector",S,Map(S),OE), f(3,"targetSelector",S,One,OE)] }, // 672
    Message { name: "k8s.io.api.flowcontrol.v1.ExemptPriorityLevelConfiguration", kind: Struct, fields: &[f(1,"nominalConcurrencyShares",I,One,OE|PTR), f(2,"lendablePercent",I,One,OE|PTR)] }, // 673
    Message { name: "k8s.io.api.flowcontrol.v1.FlowDistinguisherMethod", kind: Struct, fields: &[f(1,"type",S,One,0)] }, // 674
    Message { name: "k8s.io.api.flowcontrol.v1.FlowSchema", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(678),One,OE), f(3,"status",M(679),One,OE)] }, // 675
    Message { name: "k8s.io.api.flowcontrol.v1.FlowSchemaCondition", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"status",S,One,OE), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 676
    Message { name: "k8s.io.api.flowcontrol.v1.FlowSchemaList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(675),Rep,0)] }, // 677
    Message { name: "k8s.io.api.flowcontrol.v1.FlowSchemaSpec", kind: Struct, fields: &[f(1,"priorityLevelConfiguration",M(688),One,0), f(2,"matchingPrecedence",I,One,0), f(3,"distinguisherMethod",M(674),One,OE|PTR), f(4,"rules",M(684),Rep,OE)] }, // 678
    Message { name: "k8s.io.api.flowcontrol.v1.FlowSchemaStatus", kind: Struct, fields: &[f(1,"conditions",M(676),Rep,OE)] }, // 679
    Message { name: "k8s.io.api.flowcontrol.v1.GroupSubject", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 680
    Message { name: "k8s.io.api.flowcontrol.v1.LimitResponse", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"queuing",M(691),One,OE|PTR)] }, // 681
    Message { name: "k8s.io.api.flowcontrol.v1.LimitedPriorityLevelConfiguration", kind: Struct, fields: &[f(1,"nominalConcurrencyShares",I,One,PTR), f(2,"limitResponse",M(681),One,OE), f(3,"lendablePercent",I,One,OE|PTR), f(4,"borrowingLimitPercent",I,One,OE|PTR)] }, // 682
    Message { name: "k8s.io.api.flowcontrol.v1.NonResourcePolicyRule", kind: Struct, fields: &[f(1,"verbs",S,Rep,0), f(6,"nonResourceURLs",S,Rep,0)] }, // 683
    Message { name: "k8s.io.api.flowcontrol.v1.PolicyRulesWithSubjects", kind: Struct, fields: &[f(1,"subjects",M(694),Rep,0), f(2,"resourceRules",M(692),Rep,OE), f(3,"nonResourceRules",M(683),Rep,OE)] }, // 684
    Message { name: "k8s.io.api.flowcontrol.v1.PriorityLevelConfiguration", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(689),One,OE), f(3,"status",M(690),One,OE)] }, // 685
    Message { name: "k8s.io.api.flowcontrol.v1.PriorityLevelConfigurationCondition", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"status",S,One,OE), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 686
    Message { name: "k8s.io.api.flowcontrol.v1.PriorityLevelConfigurationList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(685),Rep,0)] }, // 687
    Message { name: "k8s.io.api.flowcontrol.v1.PriorityLevelConfigurationReference", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 688
    Message { name: "k8s.io.api.flowcontrol.v1.PriorityLevelConfigurationSpec", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"limited",M(682),One,OE|PTR), f(3,"exempt",M(673),One,OE|PTR)] }, // 689
    Message { name: "k8s.io.api.flowcontrol.v1.PriorityLevelConfigurationStatus", kind: Struct, fields: &[f(1,"conditions",M(686),Rep,OE)] }, // 690
    Message { name: "k8s.io.api.flowcontrol.v1.QueuingConfiguration", kind: Struct, fields: &[f(1,"queues",I,One,0), f(2,"handSize",I,One,0), f(3,"queueLengthLimit",I,One,0)] }, // 691
    Message { name: "k8s.io.api.flowcontrol.v1.ResourcePolicyRule", kind: Struct, fields: &[f(1,"verbs",S,Rep,0), f(2,"apiGroups",S,Rep,0), f(3,"resources",S,Rep,0), f(4,"clusterScope",Z,One,OE), f(5,"namespaces",S,Rep,0)] }, // 692
    Message { name: "k8s.io.api.flowcontrol.v1.ServiceAccountSubject", kind: Struct, fields: &[f(1,"namespace",S,One,0), f(2,"name",S,One,0)] }, // 693
    Message { name: "k8s.io.api.flowcontrol.v1.Subject", kind: Struct, fields: &[f(1,"kind",S,One,0), f(2,"user",M(695),One,OE|PTR), f(3,"group",M(680),One,OE|PTR), f(4,"serviceAccount",M(693),One,OE|PTR)] }, // 694
    Message { name: "k8s.io.api.flowcontrol.v1.UserSubject", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 695
    Message { name: "k8s.io.api.flowcontrol.v1beta1.ExemptPriorityLevelConfiguration", kind: Struct, fields: &[f(1,"nominalConcurrencyShares",I,One,OE|PTR), f(2,"lendablePercent",I,One,OE|PTR)] }, // 696
    Message { name: "k8s.io.api.flowcontrol.v1beta1.FlowDistinguisherMethod", kind: Struct, fields: &[f(1,"type",S,One,0)] }, // 697
    Message { name: "k8s.io.api.flowcontrol.v1beta1.FlowSchema", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(701),One,OE), f(3,"status",M(702),One,OE)] }, // 698
    Message { name: "k8s.io.api.flowcontrol.v1beta1.FlowSchemaCondition", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"status",S,One,OE), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 699
    Message { name: "k8s.io.api.flowcontrol.v1beta1.FlowSchemaList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(698),Rep,0)] }, // 700
    Message { name: "k8s.io.api.flowcontrol.v1beta1.FlowSchemaSpec", kind: Struct, fields: &[f(1,"priorityLevelConfiguration",M(711),One,0), f(2,"matchingPrecedence",I,One,0), f(3,"distinguisherMethod",M(697),One,OE|PTR), f(4,"rules",M(707),Rep,OE)] }, // 701
    Message { name: "k8s.io.api.flowcontrol.v1beta1.FlowSchemaStatus", kind: Struct, fields: &[f(1,"conditions",M(699),Rep,OE)] }, // 702
    Message { name: "k8s.io.api.flowcontrol.v1beta1.GroupSubject", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 703
    Message { name: "k8s.io.api.flowcontrol.v1beta1.LimitResponse", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"queuing",M(714),One,OE|PTR)] }, // 704
    Message { name: "k8s.io.api.flowcontrol.v1beta1.LimitedPriorityLevelConfiguration", kind: Struct, fields: &[f(1,"assuredConcurrencyShares",I,One,0), f(2,"limitResponse",M(704),One,OE), f(3,"lendablePercent",I,One,OE|PTR), f(4,"borrowingLimitPercent",I,One,OE|PTR)] }, // 705
    Message { name: "k8s.io.api.flowcontrol.v1beta1.NonResourcePolicyRule", kind: Struct, fields: &[f(1,"verbs",S,Rep,0), f(6,"nonResourceURLs",S,Rep,0)] }, // 706
    Message { name: "k8s.io.api.flowcontrol.v1beta1.PolicyRulesWithSubjects", kind: Struct, fields: &[f(1,"subjects",M(717),Rep,0), f(2,"resourceRules",M(715),Rep,OE), f(3,"nonResourceRules",M(706),Rep,OE)] }, // 707
    Message { name: "k8s.io.api.flowcontrol.v1beta1.PriorityLevelConfiguration", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(712),One,OE), f(3,"status",M(713),One,OE)] }, // 708
    Message { name: "k8s.io.api.flowcontrol.v1beta1.PriorityLevelConfigurationCondition", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"status",S,One,OE), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 709
    Message { name: "k8s.io.api.flowcontrol.v1beta1.PriorityLevelConfigurationList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(708),Rep,0)] }, // 710
    Message { name: "k8s.io.api.flowcontrol.v1beta1.PriorityLevelConfigurationReference", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 711
    Message { name: "k8s.io.api.flowcontrol.v1beta1.PriorityLevelConfigurationSpec", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"limited",M(705),One,OE|PTR), f(3,"exempt",M(696),One,OE|PTR)] }, // 712
    Message { name: "k8s.io.api.flowcontrol.v1beta1.PriorityLevelConfigurationStatus", kind: Struct, fields: &[f(1,"conditions",M(709),Rep,OE)] }, // 713
    Message { name: "k8s.io.api.flowcontrol.v1beta1.QueuingConfiguration", kind: Struct, fields: &[f(1,"queues",I,One,0), f(2,"handSize",I,One,0), f(3,"queueLengthLimit",I,One,0)] }, // 714
    Message { name: "k8s.io.api.flowcontrol.v1beta1.ResourcePolicyRule", kind: Struct, fields: &[f(1,"verbs",S,Rep,0), f(2,"apiGroups",S,Rep,0), f(3,"resources",S,Rep,0), f(4,"clusterScope",Z,One,OE), f(5,"namespaces",S,Rep,0)] }, // 715
    Message { name: "k8s.io.api.flowcontrol.v1beta1.ServiceAccountSubject", kind: Struct, fields: &[f(1,"namespace",S,One,0), f(2,"name",S,One,0)] }, // 716
    Message { name: "k8s.io.api.flowcontrol.v1beta1.Subject", kind: Struct, fields: &[f(1,"kind",S,One,0), f(2,"user",M(718),One,OE|PTR), f(3,"group",M(703),One,OE|PTR), f(4,"serviceAccount",M(716),One,OE|PTR)] }, // 717
    Message { name: "k8s.io.api.flowcontrol.v1beta1.UserSubject", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 718
    Message { name: "k8s.io.api.flowcontrol.v1beta2.ExemptPriorityLevelConfiguration", kind: Struct, fields: &[f(1,"nominalConcurrencyShares",I,One,OE|PTR), f(2,"lendablePercent",I,One,OE|PTR)] }, // 719
    Message { name: "k8s.io.api.flowcontrol.v1beta2.FlowDistinguisherMethod", kind: Struct, fields: &[f(1,"type",S,One,0)] }, // 720
    Message { name: "k8s.io.api.flowcontrol.v1beta2.FlowSchema", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(724),One,OE), f(3,"status",M(725),One,OE)] }, // 721
    Message { name: "k8s.io.api.flowcontrol.v1beta2.FlowSchemaCondition", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"status",S,One,OE), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 722
    Message { name: "k8s.io.api.flowcontrol.v1beta2.FlowSchemaList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(721),Rep,0)] }, // 723
    Message { name: "k8s.io.api.flowcontrol.v1beta2.FlowSchemaSpec", kind: Struct, fields: &[f(1,"priorityLevelConfiguration",M(734),One,0), f(2,"matchingPrecedence",I,One,0), f(3,"distinguisherMethod",M(720),One,OE|PTR), f(4,"rules",M(730),Rep,OE)] }, // 724
    Message { name: "k8s.io.api.flowcontrol.v1beta2.FlowSchemaStatus", kind: Struct, fields: &[f(1,"conditions",M(722),Rep,OE)] }, // 725
    Message { name: "k8s.io.api.flowcontrol.v1beta2.GroupSubject", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 726
    Message { name: "k8s.io.api.flowcontrol.v1beta2.LimitResponse", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"queuing",M(737),One,OE|PTR)] }, // 727
    Message { name: "k8s.io.api.flowcontrol.v1beta2.LimitedPriorityLevelConfiguration", kind: Struct, fields: &[f(1,"assuredConcurrencyShares",I,One,0), f(2,"limitResponse",M(727),One,OE), f(3,"lendablePercent",I,One,OE|PTR), f(4,"borrowingLimitPercent",I,One,OE|PTR)] }, // 728
    Message { name: "k8s.io.api.flowcontrol.v1beta2.NonResourcePolicyRule", kind: Struct, fields: &[f(1,"verbs",S,Rep,0), f(6,"nonResourceURLs",S,Rep,0)] }, // 729
    Message { name: "k8s.io.api.flowcontrol.v1beta2.PolicyRulesWithSubjects", kind: Struct, fields: &[f(1,"subjects",M(740),Rep,0), f(2,"resourceRules",M(738),Rep,OE), f(3,"nonResourceRules",M(729),Rep,OE)] }, // 730
    Message { name: "k8s.io.api.flowcontrol.v1beta2.PriorityLevelConfiguration", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(735),One,OE), f(3,"status",M(736),One,OE)] }, // 731
    Message { name: "k8s.io.api.flowcontrol.v1beta2.PriorityLevelConfigurationCondition", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"status",S,One,OE), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 732
    Message { name: "k8s.io.api.flowcontrol.v1beta2.PriorityLevelConfigurationList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(731),Rep,0)] }, // 733
    Message { name: "k8s.io.api.flowcontrol.v1beta2.PriorityLevelConfigurationReference", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 734
    Message { name: "k8s.io.api.flowcontrol.v1beta2.PriorityLevelConfigurationSpec", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"limited",M(728),One,OE|PTR), f(3,"exempt",M(719),One,OE|PTR)] }, // 735
    Message { name: "k8s.io.api.flowcontrol.v1beta2.PriorityLevelConfigurationStatus", kind: Struct, fields: &[f(1,"conditions",M(732),Rep,OE)] }, // 736
    Message { name: "k8s.io.api.flowcontrol.v1beta2.QueuingConfiguration", kind: Struct, fields: &[f(1,"queues",I,One,0), f(2,"handSize",I,One,0), f(3,"queueLengthLimit",I,One,0)] }, // 737
    Message { name: "k8s.io.api.flowcontrol.v1beta2.ResourcePolicyRule", kind: Struct, fields: &[f(1,"verbs",S,Rep,0), f(2,"apiGroups",S,Rep,0), f(3,"resources",S,Rep,0), f(4,"clusterScope",Z,One,OE), f(5,"namespaces",S,Rep,0)] }, // 738
    Message { name: "k8s.io.api.flowcontrol.v1beta2.ServiceAccountSubject", kind: Struct, fields: &[f(1,"namespace",S,One,0), f(2,"name",S,One,0)] }, // 739
    Message { name: "k8s.io.api.flowcontrol.v1beta2.Subject", kind: Struct, fields: &[f(1,"kind",S,One,0), f(2,"user",M(741),One,OE|PTR), f(3,"group",M(726),One,OE|PTR), f(4,"serviceAccount",M(739),One,OE|PTR)] }, // 740
    Message { name: "k8s.io.api.flowcontrol.v1beta2.UserSubject", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 741
    Message { name: "k8s.io.api.flowcontrol.v1beta3.ExemptPriorityLevelConfiguration", kind: Struct, fields: &[f(1,"nominalConcurrencyShares",I,One,OE|PTR), f(2,"lendablePercent",I,One,OE|PTR)] }, // 742
    Message { name: "k8s.io.api.flowcontrol.v1beta3.FlowDistinguisherMethod", kind: Struct, fields: &[f(1,"type",S,One,0)] }, // 743
    Message { name: "k8s.io.api.flowcontrol.v1beta3.FlowSchema", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(747),One,OE), f(3,"status",M(748),One,OE)] }, // 744
    Message { name: "k8s.io.api.flowcontrol.v1beta3.FlowSchemaCondition", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"status",S,One,OE), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 745
    Message { name: "k8s.io.api.flowcontrol.v1beta3.FlowSchemaList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(744),Rep,0)] }, // 746
    Message { name: "k8s.io.api.flowcontrol.v1beta3.FlowSchemaSpec", kind: Struct, fields: &[f(1,"priorityLevelConfiguration",M(757),One,0), f(2,"matchingPrecedence",I,One,0), f(3,"distinguisherMethod",M(743),One,OE|PTR), f(4,"rules",M(753),Rep,OE)] }, // 747
    Message { name: "k8s.io.api.flowcontrol.v1beta3.FlowSchemaStatus", kind: Struct, fields: &[f(1,"conditions",M(745),Rep,OE)] }, // 748
    Message { name: "k8s.io.api.flowcontrol.v1beta3.GroupSubject", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 749
    Message { name: "k8s.io.api.flowcontrol.v1beta3.LimitResponse", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"queuing",M(760),One,OE|PTR)] }, // 750
    Message { name: "k8s.io.api.flowcontrol.v1beta3.LimitedPriorityLevelConfiguration", kind: Struct, fields: &[f(1,"nominalConcurrencyShares",I,One,0), f(2,"limitResponse",M(750),One,OE), f(3,"lendablePercent",I,One,OE|PTR), f(4,"borrowingLimitPercent",I,One,OE|PTR)] }, // 751
    Message { name: "k8s.io.api.flowcontrol.v1beta3.NonResourcePolicyRule", kind: Struct, fields: &[f(1,"verbs",S,Rep,0), f(6,"nonResourceURLs",S,Rep,0)] }, // 752
    Message { name: "k8s.io.api.flowcontrol.v1beta3.PolicyRulesWithSubjects", kind: Struct, fields: &[f(1,"subjects",M(763),Rep,0), f(2,"resourceRules",M(761),Rep,OE), f(3,"nonResourceRules",M(752),Rep,OE)] }, // 753
    Message { name: "k8s.io.api.flowcontrol.v1beta3.PriorityLevelConfiguration", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(758),One,OE), f(3,"status",M(759),One,OE)] }, // 754
    Message { name: "k8s.io.api.flowcontrol.v1beta3.PriorityLevelConfigurationCondition", kind: Struct, fields: &[f(1,"type",S,One,OE), f(2,"status",S,One,OE), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 755
    Message { name: "k8s.io.api.flowcontrol.v1beta3.PriorityLevelConfigurationList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(754),Rep,0)] }, // 756
    Message { name: "k8s.io.api.flowcontrol.v1beta3.PriorityLevelConfigurationReference", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 757
    Message { name: "k8s.io.api.flowcontrol.v1beta3.PriorityLevelConfigurationSpec", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"limited",M(751),One,OE|PTR), f(3,"exempt",M(742),One,OE|PTR)] }, // 758
    Message { name: "k8s.io.api.flowcontrol.v1beta3.PriorityLevelConfigurationStatus", kind: Struct, fields: &[f(1,"conditions",M(755),Rep,OE)] }, // 759
    Message { name: "k8s.io.api.flowcontrol.v1beta3.QueuingConfiguration", kind: Struct, fields: &[f(1,"queues",I,One,0), f(2,"handSize",I,One,0), f(3,"queueLengthLimit",I,One,0)] }, // 760
    Message { name: "k8s.io.api.flowcontrol.v1beta3.ResourcePolicyRule", kind: Struct, fields: &[f(1,"verbs",S,Rep,0), f(2,"apiGroups",S,Rep,0), f(3,"resources",S,Rep,0), f(4,"clusterScope",Z,One,OE), f(5,"namespaces",S,Rep,0)] }, // 761
    Message { name: "k8s.io.api.flowcontrol.v1beta3.ServiceAccountSubject", kind: Struct, fields: &[f(1,"namespace",S,One,0), f(2,"name",S,One,0)] }, // 762
    Message { name: "k8s.io.api.flowcontrol.v1beta3.Subject", kind: Struct, fields: &[f(1,"kind",S,One,0), f(2,"user",M(764),One,OE|PTR), f(3,"group",M(749),One,OE|PTR), f(4,"serviceAccount",M(762),One,OE|PTR)] }, // 763
    Message { name: "k8s.io.api.flowcontrol.v1beta3.UserSubject", kind: Struct, fields: &[f(1,"name",S,One,0)] }, // 764
    Message { name: "k8s.io.api.imagepolicy.v1alpha1.ImageReview", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(767),One,0), f(3,"status",M(768),One,OE)] }, // 765
    Message { name: "k8s.io.api.imagepolicy.v1alpha1.ImageReviewContainerSpec", kind: Struct, fields: &[f(1,"image",S,One,OE)] }, // 766
    Message { name: "k8s.io.api.imagepolicy.v1alpha1.ImageReviewSpec", kind: Struct, fields: &[f(1,"containers",M(766),Rep,OE), f(2,"annotations",S,Map(S),OE), f(3,"namespace",S,One,OE)] }, // 767
    Message { name: "k8s.io.api.imagepolicy.v1alpha1.ImageReviewStatus", kind: Struct, fields: &[f(1,"allowed",Z,One,0), f(2,"reason",S,One,OE), f(3,"auditAnnotations",S,Map(S),OE)] }, // 768
    Message { name: "k8s.io.api.networking.v1.HTTPIngressPath", kind: Struct, fields: &[f(1,"path",S,One,OE), f(3,"pathType",S,One,PTR), f(2,"backend",M(776),One,0)] }, // 769
    Message { name: "k8s.io.api.networking.v1.HTTPIngressRuleValue", kind: Struct, fields: &[f(1,"paths",M(769),Rep,0)] }, // 770
    Message { name: "k8s.io.api.networking.v1.IPAddress", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(773),One,OE)] }, // 771
    Message { name: "k8s.io.api.networking.v1.IPAddressList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(771),Rep,0)] }, // 772
    Message { name: "k8s.io.api.networking.v1.IPAddressSpec", kind: Struct, fields: &[f(1,"parentRef",M(798),One,OE|PTR)] }, // 773
    Message { name: "k8s.io.api.networking.v1.IPBlock", kind: Struct, fields: &[f(1,"cidr",S,One,0), f(2,"except",S,Rep,OE)] }, // 774
    Message { name: "k8s.io.api.networking.v1.Ingress", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(788),One,OE), f(3,"status",M(789),One,OE)] }, // 775
    Message { name: "k8s.io.api.networking.v1.IngressBackend", kind: Struct, fields: &[f(4,"service",M(787),One,OE|PTR), f(3,"resource",M(593),One,OE|PTR)] }, // 776
    Message { name: "k8s.io.api.networking.v1.IngressClass", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(780),One,OE)] }, // 777
    Message { name: "k8s.io.api.networking.v1.IngressClassList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(777),Rep,0)] }, // 778
    Message { name: "k8s.io.api.networking.v1.IngressClassParametersReference", kind: Struct, fields: &[f(1,"apiGroup",S,One,OE|PTR), f(2,"kind",S,One,0), f(3,"name",S,One,0), f(4,"scope",S,One,PTR), f(5,"namespace",S,One,OE|PTR)] }, // 779
    Message { name: "k8s.io.api.networking.v1.IngressClassSpec", kind: Struct, fields: &[f(1,"controller",S,One,OE), f(2,"parameters",M(779),One,OE|PTR)] }, // 780
    Message { name: "k8s.io.api.networking.v1.IngressList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(775),Rep,0)] }, // 781
    Message { name: "k8s.io.api.networking.v1.IngressLoadBalancerIngress", kind: Struct, fields: &[f(1,"ip",S,One,OE), f(2,"hostname",S,One,OE), f(4,"ports",M(784),Rep,OE)] }, // 782
    Message { name: "k8s.io.api.networking.v1.IngressLoadBalancerStatus", kind: Struct, fields: &[f(1,"ingress",M(782),Rep,OE)] }, // 783
    Message { name: "k8s.io.api.networking.v1.IngressPortStatus", kind: Struct, fields: &[f(1,"port",I,One,0), f(2,"protocol",S,One,0), f(3,"error",S,One,OE|PTR)] }, // 784
    Message { name: "k8s.io.api.networking.v1.IngressRule", kind: Struct, fields: &[f(1,"host",S,One,OE), f(2,"",M(786),One,INLINE)] }, // 785
    Message { name: "k8s.io.api.networking.v1.IngressRuleValue", kind: Struct, fields: &[f(1,"http",M(770),One,OE|PTR)] }, // 786
    Message { name: "k8s.io.api.networking.v1.IngressServiceBackend", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"port",M(799),One,OE)] }, // 787
    Message { name: "k8s.io.api.networking.v1.IngressSpec", kind: Struct, fields: &[f(4,"ingressClassName",S,One,OE|PTR), f(1,"defaultBackend",M(776),One,OE|PTR), f(2,"tls",M(790),Rep,OE), f(3,"rules",M(785),Rep,OE)] }, // 788
    Message { name: "k8s.io.api.networking.v1.IngressStatus", kind: Struct, fields: &[f(1,"loadBalancer",M(783),One,OE)] }, // 789
    Message { name: "k8s.io.api.networking.v1.IngressTLS", kind: Struct, fields: &[f(1,"hosts",S,Rep,OE), f(2,"secretName",S,One,OE)] }, // 790
    Message { name: "k8s.io.api.networking.v1.NetworkPolicy", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(797),One,OE)] }, // 791
    Message { name: "k8s.io.api.networking.v1.NetworkPolicyEgressRule", kind: Struct, fields: &[f(1,"ports",M(796),Rep,OE), f(2,"to",M(795),Rep,OE)] }, // 792
    Message { name: "k8s.io.api.networking.v1.NetworkPolicyIngressRule", kind: Struct, fields: &[f(1,"ports",M(796),Rep,OE), f(2,"from",M(795),Rep,OE)] }, // 793
    Message { name: "k8s.io.api.networking.v1.NetworkPolicyList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(791),Rep,0)] }, // 794
    Message { name: "k8s.io.api.networking.v1.NetworkPolicyPeer", kind: Struct, fields: &[f(1,"podSelector",M(1100),One,OE|PTR), f(2,"namespaceSelector",M(1100),One,OE|PTR), f(3,"ipBlock",M(774),One,OE|PTR)] }, // 795
    Message { name: "k8s.io.api.networking.v1.NetworkPolicyPort", kind: Struct, fields: &[f(1,"protocol",S,One,OE|PTR), f(2,"port",M(1128),One,OE|PTR), f(3,"endPort",I,One,OE|PTR)] }, // 796
    Message { name: "k8s.io.api.networking.v1.NetworkPolicySpec", kind: Struct, fields: &[f(1,"podSelector",M(1100),One,0), f(2,"ingress",M(793),Rep,OE), f(3,"egress",M(792),Rep,OE), f(4,"policyTypes",S,Rep,OE)] }, // 797
    Message { name: "k8s.io.api.networking.v1.ParentReference", kind: Struct, fields: &[f(1,"group",S,One,OE), f(2,"resource",S,One,OE), f(3,"namespace",S,One,OE), f(4,"name",S,One,OE)] }, // 798
    Message { name: "k8s.io.api.networking.v1.ServiceBackendPort", kind: Struct, fields: &[f(1,"name",S,One,OE), f(2,"number",I,One,OE)] }, // 799
    Message { name: "k8s.io.api.networking.v1.ServiceCIDR", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(802),One,OE), f(3,"status",M(803),One,OE)] }, // 800
    Message { name: "k8s.io.api.networking.v1.ServiceCIDRList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(800),Rep,0)] }, // 801
    Message { name: "k8s.io.api.networking.v1.ServiceCIDRSpec", kind: Struct, fields: &[f(1,"cidrs",S,Rep,OE)] }, // 802
    Message { name: "k8s.io.api.networking.v1.ServiceCIDRStatus", kind: Struct, fields: &[f(1,"conditions",M(1087),Rep,OE)] }, // 803
    Message { name: "k8s.io.api.networking.v1alpha1.IPAddress", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(806),One,OE)] }, // 804
    Message { name: "k8s.io.api.networking.v1alpha1.IPAddressList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(804),Rep,0)] }, // 805
    Message { name: "k8s.io.api.networking.v1alpha1.IPAddressSpec", kind: Struct, fields: &[f(1,"parentRef",M(807),One,OE|PTR)] }, // 806
    Message { name: "k8s.io.api.networking.v1alpha1.ParentReference", kind: Struct, fields: &[f(1,"group",S,One,OE), f(2,"resource",S,One,OE), f(3,"namespace",S,One,OE), f(4,"name",S,One,OE)] }, // 807
    Message { name: "k8s.io.api.networking.v1alpha1.ServiceCIDR", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(810),One,OE), f(3,"status",M(811),One,OE)] }, // 808
    Message { name: "k8s.io.api.networking.v1alpha1.ServiceCIDRList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(808),Rep,0)] }, // 809
    Message { name: "k8s.io.api.networking.v1alpha1.ServiceCIDRSpec", kind: Struct, fields: &[f(1,"cidrs",S,Rep,OE)] }, // 810
    Message { name: "k8s.io.api.networking.v1alpha1.ServiceCIDRStatus", kind: Struct, fields: &[f(1,"conditions",M(1087),Rep,OE)] }, // 811
    Message { name: "k8s.io.api.networking.v1beta1.HTTPIngressPath", kind: Struct, fields: &[f(1,"path",S,One,OE), f(3,"pathType",S,One,OE|PTR), f(2,"backend",M(818),One,0)] }, // 812
    Message { name: "k8s.io.api.networking.v1beta1.HTTPIngressRuleValue", kind: Struct, fields: &[f(1,"paths",M(812),Rep,0)] }, // 813
    Message { name: "k8s.io.api.networking.v1beta1.IPAddress", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(816),One,OE)] }, // 814
    Message { name: "k8s.io.api.networking.v1beta1.IPAddressList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(814),Rep,0)] }, // 815
    Message { name: "k8s.io.api.networking.v1beta1.IPAddressSpec", kind: Struct, fields: &[f(1,"parentRef",M(832),One,OE|PTR)] }, // 816
    Message { name: "k8s.io.api.networking.v1beta1.Ingress", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(829),One,OE), f(3,"status",M(830),One,OE)] }, // 817
    Message { name: "k8s.io.api.networking.v1beta1.IngressBackend", kind: Struct, fields: &[f(1,"serviceName",S,One,OE), f(2,"servicePort",M(1128),One,OE), f(3,"resource",M(593),One,OE|PTR)] }, // 818
    Message { name: "k8s.io.api.networking.v1beta1.IngressClass", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(822),One,OE)] }, // 819
    Message { name: "k8s.io.api.networking.v1beta1.IngressClassList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(819),Rep,0)] }, // 820
    Message { name: "k8s.io.api.networking.v1beta1.IngressClassParametersReference", kind: Struct, fields: &[f(1,"apiGroup",S,One,OE|PTR), f(2,"kind",S,One,0), f(3,"name",S,One,0), f(4,"scope",S,One,PTR), f(5,"namespace",S,One,OE|PTR)] }, // 821
    Message { name: "k8s.io.api.networking.v1beta1.IngressClassSpec", kind: Struct, fields: &[f(1,"controller",S,One,OE), f(2,"parameters",M(821),One,OE|PTR)] }, // 822
    Message { name: "k8s.io.api.networking.v1beta1.IngressList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(817),Rep,0)] }, // 823
    Message { name: "k8s.io.api.networking.v1beta1.IngressLoadBalancerIngress", kind: Struct, fields: &[f(1,"ip",S,One,OE), f(2,"hostname",S,One,OE), f(4,"ports",M(826),Rep,OE)] }, // 824
    Message { name: "k8s.io.api.networking.v1beta1.IngressLoadBalancerStatus", kind: Struct, fields: &[f(1,"ingress",M(824),Rep,OE)] }, // 825
    Message { name: "k8s.io.api.networking.v1beta1.IngressPortStatus", kind: Struct, fields: &[f(1,"port",I,One,0), f(2,"protocol",S,One,0), f(3,"error",S,One,OE|PTR)] }, // 826
    Message { name: "k8s.io.api.networking.v1beta1.IngressRule", kind: Struct, fields: &[f(1,"host",S,One,OE), f(2,"",M(828),One,INLINE)] }, // 827
    Message { name: "k8s.io.api.networking.v1beta1.IngressRuleValue", kind: Struct, fields: &[f(1,"http",M(813),One,OE|PTR)] }, // 828
    Message { name: "k8s.io.api.networking.v1beta1.IngressSpec", kind: Struct, fields: &[f(4,"ingressClassName",S,One,OE|PTR), f(1,"backend",M(818),One,OE|PTR), f(2,"tls",M(831),Rep,OE), f(3,"rules",M(827),Rep,OE)] }, // 829
    Message { name: "k8s.io.api.networking.v1beta1.IngressStatus", kind: Struct, fields: &[f(1,"loadBalancer",M(825),One,OE)] }, // 830
    Message { name: "k8s.io.api.networking.v1beta1.IngressTLS", kind: Struct, fields: &[f(1,"hosts",S,Rep,OE), f(2,"secretName",S,One,OE)] }, // 831
    Message { name: "k8s.io.api.networking.v1beta1.ParentReference", kind: Struct, fields: &[f(1,"group",S,One,OE), f(2,"resource",S,One,OE), f(3,"namespace",S,One,OE), f(4,"name",S,One,OE)] }, // 832
    Message { name: "k8s.io.api.networking.v1beta1.ServiceCIDR", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(835),One,OE), f(3,"status",M(836),One,OE)] }, // 833
    Message { name: "k8s.io.api.networking.v1beta1.ServiceCIDRList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(833),Rep,0)] }, // 834
    Message { name: "k8s.io.api.networking.v1beta1.ServiceCIDRSpec", kind: Struct, fields: &[f(1,"cidrs",S,Rep,OE)] }, // 835
    Message { name: "k8s.io.api.networking.v1beta1.ServiceCIDRStatus", kind: Struct, fields: &[f(1,"conditions",M(1087),Rep,OE)] }, // 836
    Message { name: "k8s.io.api.node.v1.Overhead", kind: Struct, fields: &[f(1,"podFixed",M(1126),Map(S),OE)] }, // 837
    Message { name: "k8s.io.api.node.v1.RuntimeClass", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"handler",S,One,0), f(3,"overhead",M(837),One,OE|PTR), f(4,"scheduling",M(840),One,OE|PTR)] }, // 838
    Message { name: "k8s.io.api.node.v1.RuntimeClassList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(838),Rep,0)] }, // 839
    Message { name: "k8s.io.api.node.v1.Scheduling", kind: Struct, fields: &[f(1,"nodeSelector",S,Map(S),OE), f(2,"tolerations",M(589),Rep,OE)] }, // 840
    Message { name: "k8s.io.api.node.v1alpha1.Overhead", kind: Struct, fields: &[f(1,"podFixed",M(1126),Map(S),OE)] }, // 841
    Message { name: "k8s.io.api.node.v1alpha1.RuntimeClass", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(844),One,0)] }, // 842
    Message { name: "k8s.io.api.node.v1alpha1.RuntimeClassList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(842),Rep,0)] }, // 843
    Message { name: "k8s.io.api.node.v1alpha1.RuntimeClassSpec", kind: Struct, fields: &[f(1,"runtimeHandler",S,One,0), f(2,"overhead",M(841),One,OE|PTR), f(3,"scheduling",M(845),One,OE|PTR)] }, // 844
    Message { name: "k8s.io.api.node.v1alpha1.Scheduling", kind: Struct, fields: &[f(1,"nodeSelector",S,Map(S),OE), f(2,"tolerations",M(589),Rep,OE)] }, // 845
    Message { name: "k8s.io.api.node.v1beta1.Overhead", kind: Struct, fields: &[f(1,"podFixed",M(1126),Map(S),OE)] }, // 846
    Message { name: "k8s.io.api.node.v1beta1.RuntimeClass", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"handler",S,One,0), f(3,"overhead",M(846),One,OE|PTR), f(4,"scheduling",M(849),One,OE|PTR)] }, // 847
    Message { name: "k8s.io.api.node.v1beta1.RuntimeClassList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(847),Rep,0)] }, // 848
    Message { name: "k8s.io.api.node.v1beta1.Scheduling", kind: Struct, fields: &[f(1,"nodeSelector",S,Map(S),OE), f(2,"tolerations",M(589),Rep,OE)] }, // 849
    Message { name: "k8s.io.api.policy.v1.Eviction", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"deleteOptions",M(1089),One,OE|PTR)] }, // 850
    Message { name: "k8s.io.api.policy.v1.PodDisruptionBudget", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(853),One,OE), f(3,"status",M(854),One,OE)] }, // 851
    Message { name: "k8s.io.api.policy.v1.PodDisruptionBudgetList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(851),Rep,0)] }, // 852
    Message { name: "k8s.io.api.policy.v1.PodDisruptionBudgetSpec", kind: Struct, fields: &[f(1,"minAvailable",M(1128),One,OE|PTR), f(2,"selector",M(1100),One,OE|PTR), f(3,"maxUnavailable",M(1128),One,OE|PTR), f(4,"unhealthyPodEvictionPolicy",S,One,OE|PTR)] }, // 853
    Message { name: "k8s.io.api.policy.v1.PodDisruptionBudgetStatus", kind: Struct, fields: &[f(1,"observedGeneration",L,One,OE), f(2,"disruptedPods",M(1120),Map(S),OE), f(3,"disruptionsAllowed",I,One,0), f(4,"currentHealthy",I,One,0), f(5,"desiredHealthy",I,One,0), f(6,"expectedPods",I,One,0), f(7,"conditions",M(1087),Rep,OE)] }, // 854
    Message { name: "k8s.io.api.policy.v1beta1.Eviction", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"deleteOptions",M(1089),One,OE|PTR)] }, // 855
    Message { name: "k8s.io.api.policy.v1beta1.PodDisruptionBudget", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(858),One,OE), f(3,"status",M(859),One,OE)] }, // 856
    Message { name: "k8s.io.api.policy.v1beta1.PodDisruptionBudgetList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(856),Rep,0)] }, // 857
    Message { name: "k8s.io.api.policy.v1beta1.PodDisruptionBudgetSpec", kind: Struct, fields: &[f(1,"minAvailable",M(1128),One,OE|PTR), f(2,"selector",M(1100),One,OE|PTR), f(3,"maxUnavailable",M(1128),One,OE|PTR), f(4,"unhealthyPodEvictionPolicy",S,One,OE|PTR)] }, // 858
    Message { name: "k8s.io.api.policy.v1beta1.PodDisruptionBudgetStatus", kind: Struct, fields: &[f(1,"observedGeneration",L,One,OE), f(2,"disruptedPods",M(1120),Map(S),OE), f(3,"disruptionsAllowed",I,One,0), f(4,"currentHealthy",I,One,0), f(5,"desiredHealthy",I,One,0), f(6,"expectedPods",I,One,0), f(7,"conditions",M(1087),Rep,OE)] }, // 859
    Message { name: "k8s.io.api.rbac.v1.AggregationRule", kind: Struct, fields: &[f(1,"clusterRoleSelectors",M(1100),Rep,OE)] }, // 860
    Message { name: "k8s.io.api.rbac.v1.ClusterRole", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"rules",M(865),Rep,0), f(3,"aggregationRule",M(860),One,OE|PTR)] }, // 861
    Message { name: "k8s.io.api.rbac.v1.ClusterRoleBinding", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"subjects",M(871),Rep,OE), f(3,"roleRef",M(870),One,0)] }, // 862
    Message { name: "k8s.io.api.rbac.v1.ClusterRoleBindingList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(862),Rep,0)] }, // 863
    Message { name: "k8s.io.api.rbac.v1.ClusterRoleList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(861),Rep,0)] }, // 864
    Message { name: "k8s.io.api.rbac.v1.PolicyRule", kind: Struct, fields: &[f(1,"verbs",S,Rep,0), f(2,"apiGroups",S,Rep,OE), f(3,"resources",S,Rep,OE), f(4,"resourceNames",S,Rep,OE), f(5,"nonResourceURLs",S,Rep,OE)] }, // 865
    Message { name: "k8s.io.api.rbac.v1.Role", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"rules",M(865),Rep,0)] }, // 866
    Message { name: "k8s.io.api.rbac.v1.RoleBinding", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"subjects",M(871),Rep,OE), f(3,"roleRef",M(870),One,0)] }, // 867
    Message { name: "k8s.io.api.rbac.v1.RoleBindingList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(867),Rep,0)] }, // 868
    Message { name: "k8s.io.api.rbac.v1.RoleList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(866),Rep,0)] }, // 869
    Message { name: "k8s.io.api.rbac.v1.RoleRef", kind: Struct, fields: &[f(1,"apiGroup",S,One,0), f(2,"kind",S,One,0), f(3,"name",S,One,0)] }, // 870
    Message { name: "k8s.io.api.rbac.v1.Subject", kind: Struct, fields: &[f(1,"kind",S,One,0), f(2,"apiGroup",S,One,OE), f(3,"name",S,One,0), f(4,"namespace",S,One,OE)] }, // 871
    Message { name: "k8s.io.api.rbac.v1alpha1.AggregationRule", kind: Struct, fields: &[f(1,"clusterRoleSelectors",M(1100),Rep,OE)] }, // 872
    Message { name: "k8s.io.api.rbac.v1alpha1.ClusterRole", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"rules",M(877),Rep,0), f(3,"aggregationRule",M(872),One,OE|PTR)] }, // 873
    Message { name: "k8s.io.api.rbac.v1alpha1.ClusterRoleBinding", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"subjects",M(883),Rep,OE), f(3,"roleRef",M(882),One,0)] }, // 874
    Message { name: "k8s.io.api.rbac.v1alpha1.ClusterRoleBindingList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(874),Rep,0)] }, // 875
    Message { name: "k8s.io.api.rbac.v1alpha1.ClusterRoleList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(873),Rep,0)] }, // 876
    Message { name: "k8s.io.api.rbac.v1alpha1.PolicyRule", kind: Struct, fields: &[f(1,"verbs",S,Rep,0), f(3,"apiGroups",S,Rep,OE), f(4,"resources",S,Rep,OE), f(5,"resourceNames",S,Rep,OE), f(6,"nonResourceURLs",S,Rep,OE)] }, // 877
    Message { name: "k8s.io.api.rbac.v1alpha1.Role", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"rules",M(877),Rep,0)] }, // 878
    Message { name: "k8s.io.api.rbac.v1alpha1.RoleBinding", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"subjects",M(883),Rep,OE), f(3,"roleRef",M(882),One,0)] }, // 879
    Message { name: "k8s.io.api.rbac.v1alpha1.RoleBindingList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(879),Rep,0)] }, // 880
    Message { name: "k8s.io.api.rbac.v1alpha1.RoleList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(878),Rep,0)] }, // 881
    Message { name: "k8s.io.api.rbac.v1alpha1.RoleRef", kind: Struct, fields: &[f(1,"apiGroup",S,One,0), f(2,"kind",S,One,0), f(3,"name",S,One,0)] }, // 882
    Message { name: "k8s.io.api.rbac.v1alpha1.Subject", kind: Struct, fields: &[f(1,"kind",S,One,0), f(2,"apiVersion",S,One,OE), f(3,"name",S,One,0), f(4,"namespace",S,One,OE)] }, // 883
    Message { name: "k8s.io.api.rbac.v1beta1.AggregationRule", kind: Struct, fields: &[f(1,"clusterRoleSelectors",M(1100),Rep,OE)] }, // 884
    Message { name: "k8s.io.api.rbac.v1beta1.ClusterRole", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"rules",M(889),Rep,0), f(3,"aggregationRule",M(884),One,OE|PTR)] }, // 885
    Message { name: "k8s.io.api.rbac.v1beta1.ClusterRoleBinding", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"subjects",M(895),Rep,OE), f(3,"roleRef",M(894),One,0)] }, // 886
    Message { name: "k8s.io.api.rbac.v1beta1.ClusterRoleBindingList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(886),Rep,0)] }, // 887
    Message { name: "k8s.io.api.rbac.v1beta1.ClusterRoleList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(885),Rep,0)] }, // 888
    Message { name: "k8s.io.api.rbac.v1beta1.PolicyRule", kind: Struct, fields: &[f(1,"verbs",S,Rep,0), f(2,"apiGroups",S,Rep,OE), f(3,"resources",S,Rep,OE), f(4,"resourceNames",S,Rep,OE), f(5,"nonResourceURLs",S,Rep,OE)] }, // 889
    Message { name: "k8s.io.api.rbac.v1beta1.Role", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"rules",M(889),Rep,0)] }, // 890
    Message { name: "k8s.io.api.rbac.v1beta1.RoleBinding", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"subjects",M(895),Rep,OE), f(3,"roleRef",M(894),One,0)] }, // 891
    Message { name: "k8s.io.api.rbac.v1beta1.RoleBindingList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(891),Rep,0)] }, // 892
    Message { name: "k8s.io.api.rbac.v1beta1.RoleList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(890),Rep,0)] }, // 893
    Message { name: "k8s.io.api.rbac.v1beta1.RoleRef", kind: Struct, fields: &[f(1,"apiGroup",S,One,0), f(2,"kind",S,One,0), f(3,"name",S,One,0)] }, // 894
    Message { name: "k8s.io.api.rbac.v1beta1.Subject", kind: Struct, fields: &[f(1,"kind",S,One,0), f(2,"apiGroup",S,One,OE), f(3,"name",S,One,0), f(4,"namespace",S,One,OE)] }, // 895
    Message { name: "k8s.io.api.resource.v1alpha3.AllocatedDeviceStatus", kind: Struct, fields: &[f(1,"driver",S,One,0), f(2,"pool",S,One,0), f(3,"device",S,One,0), f(4,"conditions",M(1087),Rep,0), f(5,"data",M(1129),One,OE|PTR), f(6,"networkData",M(925),One,OE|PTR)] }, // 896
    Message { name: "k8s.io.api.resource.v1alpha3.AllocationResult", kind: Struct, fields: &[f(1,"devices",M(904),One,OE), f(3,"nodeSelector",M(483),One,OE|PTR)] }, // 897
    Message { name: "k8s.io.api.resource.v1alpha3.BasicDevice", kind: Struct, fields: &[f(1,"attributes",M(905),Map(S),OE), f(2,"capacity",M(1126),Map(S),OE), f(3,"consumesCounters",M(914),Rep,OE), f(4,"nodeName",S,One,OE|PTR), f(5,"nodeSelector",M(483),One,OE|PTR), f(6,"allNodes",Z,One,OE|PTR), f(7,"taints",M(919),Rep,OE)] }, // 898
    Message { name: "k8s.io.api.resource.v1alpha3.CELDeviceSelector", kind: Struct, fields: &[f(1,"expression",S,One,0)] }, // 899
    Message { name: "k8s.io.api.resource.v1alpha3.Counter", kind: Struct, fields: &[f(1,"value",M(1126),One,0)] }, // 900
    Message { name: "k8s.io.api.resource.v1alpha3.CounterSet", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"counters",M(900),Map(S),OE)] }, // 901
    Message { name: "k8s.io.api.resource.v1alpha3.Device", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"basic",M(898),One,OE|PTR)] }, // 902
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceAllocationConfiguration", kind: Struct, fields: &[f(1,"source",S,One,0), f(2,"requests",S,Rep,OE), f(3,"",M(912),One,INLINE)] }, // 903
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceAllocationResult", kind: Struct, fields: &[f(1,"results",M(916),Rep,OE), f(2,"config",M(903),Rep,OE)] }, // 904
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceAttribute", kind: Struct, fields: &[f(2,"int",L,One,OE|PTR), f(3,"bool",Z,One,OE|PTR), f(4,"string",S,One,OE|PTR), f(5,"version",S,One,OE|PTR)] }, // 905
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceClaim", kind: Struct, fields: &[f(1,"requests",M(915),Rep,0), f(2,"constraints",M(913),Rep,OE), f(3,"config",M(907),Rep,OE)] }, // 906
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceClaimConfiguration", kind: Struct, fields: &[f(1,"requests",S,Rep,OE), f(2,"",M(912),One,INLINE)] }, // 907
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceClass", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(911),One,0)] }, // 908
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceClassConfiguration", kind: Struct, fields: &[f(1,"",M(912),One,INLINE)] }, // 909
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceClassList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(908),Rep,0)] }, // 910
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceClassSpec", kind: Struct, fields: &[f(1,"selectors",M(917),Rep,OE), f(2,"config",M(909),Rep,OE)] }, // 911
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceConfiguration", kind: Struct, fields: &[f(1,"opaque",M(926),One,OE|PTR)] }, // 912
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceConstraint", kind: Struct, fields: &[f(1,"requests",S,Rep,OE), f(2,"matchAttribute",S,One,OE|PTR)] }, // 913
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceCounterConsumption", kind: Struct, fields: &[f(1,"counterSet",S,One,0), f(2,"counters",M(900),Map(S),OE)] }, // 914
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceRequest", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"deviceClassName",S,One,0), f(3,"selectors",M(917),Rep,OE), f(4,"allocationMode",S,One,OE), f(5,"count",L,One,OE), f(6,"adminAccess",Z,One,OE|PTR), f(7,"firstAvailable",M(918),Rep,OE), f(8,"tolerations",M(924),Rep,OE)] }, // 915
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceRequestAllocationResult", kind: Struct, fields: &[f(1,"request",S,One,0), f(2,"driver",S,One,0), f(3,"pool",S,One,0), f(4,"device",S,One,0), f(5,"adminAccess",Z,One,PTR), f(6,"tolerations",M(924),Rep,OE)] }, // 916
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceSelector", kind: Struct, fields: &[f(1,"cel",M(899),One,OE|PTR)] }, // 917
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceSubRequest", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"deviceClassName",S,One,0), f(3,"selectors",M(917),Rep,OE), f(4,"allocationMode",S,One,OE), f(5,"count",L,One,OE), f(7,"tolerations",M(924),Rep,OE)] }, // 918
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceTaint", kind: Struct, fields: &[f(1,"key",S,One,0), f(2,"value",S,One,OE), f(3,"effect",S,One,0), f(4,"timeAdded",M(1120),One,OE|PTR)] }, // 919
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceTaintRule", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(922),One,0)] }, // 920
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceTaintRuleList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(920),Rep,0)] }, // 921
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceTaintRuleSpec", kind: Struct, fields: &[f(1,"deviceSelector",M(923),One,OE|PTR), f(2,"taint",M(919),One,OE)] }, // 922
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceTaintSelector", kind: Struct, fields: &[f(1,"deviceClassName",S,One,OE|PTR), f(2,"driver",S,One,OE|PTR), f(3,"pool",S,One,OE|PTR), f(4,"device",S,One,OE|PTR), f(5,"selectors",M(917),Rep,OE)] }, // 923
    Message { name: "k8s.io.api.resource.v1alpha3.DeviceToleration", kind: Struct, fields: &[f(1,"key",S,One,OE), f(2,"operator",S,One,OE), f(3,"value",S,One,OE), f(4,"effect",S,One,OE), f(5,"tolerationSeconds",L,One,OE|PTR)] }, // 924
    Message { name: "k8s.io.api.resource.v1alpha3.NetworkDeviceData", kind: Struct, fields: &[f(1,"interfaceName",S,One,OE), f(2,"ips",S,Rep,OE), f(3,"hardwareAddress",S,One,OE)] }, // 925
    Message { name: "k8s.io.api.resource.v1alpha3.OpaqueDeviceConfiguration", kind: Struct, fields: &[f(1,"driver",S,One,0), f(2,"parameters",M(1129),One,0)] }, // 926
    Message { name: "k8s.io.api.resource.v1alpha3.ResourceClaim", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(930),One,0), f(3,"status",M(931),One,OE)] }, // 927
    Message { name: "k8s.io.api.resource.v1alpha3.ResourceClaimConsumerReference", kind: Struct, fields: &[f(1,"apiGroup",S,One,OE), f(3,"resource",S,One,0), f(4,"name",S,One,0), f(5,"uid",S,One,0)] }, // 928
    Message { name: "k8s.io.api.resource.v1alpha3.ResourceClaimList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(927),Rep,0)] }, // 929
    Message { name: "k8s.io.api.resource.v1alpha3.ResourceClaimSpec", kind: Struct, fields: &[f(1,"devices",M(906),One,0)] }, // 930
    Message { name: "k8s.io.api.resource.v1alpha3.ResourceClaimStatus", kind: Struct, fields: &[f(1,"allocation",M(897),One,OE|PTR), f(2,"reservedFor",M(928),Rep,OE), f(4,"devices",M(896),Rep,OE)] }, // 931
    Message { name: "k8s.io.api.resource.v1alpha3.ResourceClaimTemplate", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(934),One,0)] }, // 932
    Message { name: "k8s.io.api.resource.v1alpha3.ResourceClaimTemplateList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(932),Rep,0)] }, // 933
    Message { name: "k8s.io.api.resource.v1alpha3.ResourceClaimTemplateSpec", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(930),One,0)] }, // 934
    Message { name: "k8s.io.api.resource.v1alpha3.ResourcePool", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"generation",L,One,0), f(3,"resourceSliceCount",L,One,0)] }, // 935
    Message { name: "k8s.io.api.resource.v1alpha3.ResourceSlice", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(938),One,0)] }, // 936
    Message { name: "k8s.io.api.resource.v1alpha3.ResourceSliceList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(936),Rep,0)] }, // 937
    Message { name: "k8s.io.api.resource.v1alpha3.ResourceSliceSpec", kind: Struct, fields: &[f(1,"driver",S,One,0), f(2,"pool",M(935),One,0), f(3,"nodeName",S,One,OE), f(4,"nodeSelector",M(483),One,OE|PTR), f(5,"allNodes",Z,One,OE), f(6,"devices",M(902),Rep,0), f(7,"perDeviceNodeSelection",Z,One,OE|PTR), f(8,"sharedCounters",M(901),Rep,OE)] }, // 938
    Message { name: "k8s.io.api.resource.v1beta1.AllocatedDeviceStatus", kind: Struct, fields: &[f(1,"driver",S,One,0), f(2,"pool",S,One,0), f(3,"device",S,One,0), f(4,"conditions",M(1087),Rep,0), f(5,"data",M(1129),One,OE|PTR), f(6,"networkData",M(965),One,OE|PTR)] }, // 939
    Message { name: "k8s.io.api.resource.v1beta1.AllocationResult", kind: Struct, fields: &[f(1,"devices",M(947),One,OE), f(3,"nodeSelector",M(483),One,OE|PTR)] }, // 940
    Message { name: "k8s.io.api.resource.v1beta1.BasicDevice", kind: Struct, fields: &[f(1,"attributes",M(948),Map(S),OE), f(2,"capacity",M(949),Map(S),OE), f(3,"consumesCounters",M(958),Rep,OE), f(4,"nodeName",S,One,OE|PTR), f(5,"nodeSelector",M(483),One,OE|PTR), f(6,"allNodes",Z,One,OE|PTR), f(7,"taints",M(963),Rep,OE)] }, // 941
    Message { name: "k8s.io.api.resource.v1beta1.CELDeviceSelector", kind: Struct, fields: &[f(1,"expression",S,One,0)] }, // 942
    Message { name: "k8s.io.api.resource.v1beta1.Counter", kind: Struct, fields: &[f(1,"value",M(1126),One,0)] }, // 943
    Message { name: "k8s.io.api.resource.v1beta1.CounterSet", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"counters",M(943),Map(S),OE)] }, // 944
    Message { name: "k8s.io.api.resource.v1beta1.Device", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"basic",M(941),One,OE|PTR)] }, // 945
    Message { name: "k8s.io.api.resource.v1beta1.DeviceAllocationConfiguration", kind: Struct, fields: &[f(1,"source",S,One,0), f(2,"requests",S,Rep,OE), f(3,"",M(956),One,INLINE)] }, // 946
    Message { name: "k8s.io.api.resource.v1beta1.DeviceAllocationResult", kind: Struct, fields: &[f(1,"results",M(960),Rep,OE), f(2,"config",M(946),Rep,OE)] }, // 947
    Message { name: "k8s.io.api.resource.v1beta1.DeviceAttribute", kind: Struct, fields: &[f(2,"int",L,One,OE|PTR), f(3,"bool",Z,One,OE|PTR), f(4,"string",S,One,OE|PTR), f(5,"version",S,One,OE|PTR)] }, // 948
    Message { name: "k8s.io.api.resource.v1beta1.DeviceCapacity", kind: Struct, fields: &[f(1,"value",M(1126),One,0)] }, // 949
    Message { name: "k8s.io.api.resource.v1beta1.DeviceClaim", kind: Struct, fields: &[f(1,"requests",M(959),Rep,0), f(2,"constraints",M(957),Rep,OE), f(3,"config",M(951),Rep,OE)] }, // 950
    Message { name: "k8s.io.api.resource.v1beta1.DeviceClaimConfiguration", kind: Struct, fields: &[f(1,"requests",S,Rep,OE), f(2,"",M(956),One,INLINE)] }, // 951
    Message { name: "k8s.io.api.resource.v1beta1.DeviceClass", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(955),One,0)] }, // 952
    Message { name: "k8s.io.api.resource.v1beta1.DeviceClassConfiguration", kind: Struct, fields: &[f(1,"",M(956),One,INLINE)] }, // 953
    Message { name: "k8s.io.api.resource.v1beta1.DeviceClassList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(952),Rep,0)] }, // 954
    Message { name: "k8s.io.api.resource.v1beta1.DeviceClassSpec", kind: Struct, fields: &[f(1,"selectors",M(961),Rep,OE), f(2,"config",M(953),Rep,OE)] }, // 955
    Message { name: "k8s.io.api.resource.v1beta1.DeviceConfiguration", kind: Struct, fields: &[f(1,"opaque",M(966),One,OE|PTR)] }, // 956
    Message { name: "k8s.io.api.resource.v1beta1.DeviceConstraint", kind: Struct, fields: &[f(1,"requests",S,Rep,OE), f(2,"matchAttribute",S,One,OE|PTR)] }, // 957
    Message { name: "k8s.io.api.resource.v1beta1.DeviceCounterConsumption", kind: Struct, fields: &[f(1,"counterSet",S,One,0), f(2,"counters",M(943),Map(S),OE)] }, // 958
    Message { name: "k8s.io.api.resource.v1beta1.DeviceRequest", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"deviceClassName",S,One,0), f(3,"selectors",M(961),Rep,OE), f(4,"allocationMode",S,One,OE), f(5,"count",L,One,OE), f(6,"adminAccess",Z,One,OE|PTR), f(7,"firstAvailable",M(962),Rep,OE), f(8,"tolerations",M(964),Rep,OE)] }, // 959
    Message { name: "k8s.io.api.resource.v1beta1.DeviceRequestAllocationResult", kind: Struct, fields: &[f(1,"request",S,One,0), f(2,"driver",S,One,0), f(3,"pool",S,One,0), f(4,"device",S,One,0), f(5,"adminAccess",Z,One,PTR), f(6,"tolerations",M(964),Rep,OE)] }, // 960
    Message { name: "k8s.io.api.resource.v1beta1.DeviceSelector", kind: Struct, fields: &[f(1,"cel",M(942),One,OE|PTR)] }, // 961
    Message { name: "k8s.io.api.resource.v1beta1.DeviceSubRequest", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"deviceClassName",S,One,0), f(3,"selectors",M(961),Rep,OE), f(4,"allocationMode",S,One,OE), f(5,"count",L,One,OE), f(7,"tolerations",M(964),Rep,OE)] }, // 962
    Message { name: "k8s.io.api.resource.v1beta1.DeviceTaint", kind: Struct, fields: &[f(1,"key",S,One,0), f(2,"value",S,One,OE), f(3,"effect",S,One,0), f(4,"timeAdded",M(1120),One,OE|PTR)] }, // 963
    Message { name: "k8s.io.api.resource.v1beta1.DeviceToleration", kind: Struct, fields: &[f(1,"key",S,One,OE), f(2,"operator",S,One,OE), f(3,"value",S,One,OE), f(4,"effect",S,One,OE), f(5,"tolerationSeconds",L,One,OE|PTR)] }, // 964
    Message { name: "k8s.io.api.resource.v1beta1.NetworkDeviceData", kind: Struct, fields: &[f(1,"interfaceName",S,One,OE), f(2,"ips",S,Rep,OE), f(3,"hardwareAddress",S,One,OE)] }, // 965
    Message { name: "k8s.io.api.resource.v1beta1.OpaqueDeviceConfiguration", kind: Struct, fields: &[f(1,"driver",S,One,0), f(2,"parameters",M(1129),One,0)] }, // 966
    Message { name: "k8s.io.api.resource.v1beta1.ResourceClaim", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(970),One,0), f(3,"status",M(971),One,OE)] }, // 967
    Message { name: "k8s.io.api.resource.v1beta1.ResourceClaimConsumerReference", kind: Struct, fields: &[f(1,"apiGroup",S,One,OE), f(3,"resource",S,One,0), f(4,"name",S,One,0), f(5,"uid",S,One,0)] }, // 968
    Message { name: "k8s.io.api.resource.v1beta1.ResourceClaimList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(967),Rep,0)] }, // 969
    Message { name: "k8s.io.api.resource.v1beta1.ResourceClaimSpec", kind: Struct, fields: &[f(1,"devices",M(950),One,0)] }, // 970
    Message { name: "k8s.io.api.resource.v1beta1.ResourceClaimStatus", kind: Struct, fields: &[f(1,"allocation",M(940),One,OE|PTR), f(2,"reservedFor",M(968),Rep,OE), f(4,"devices",M(939),Rep,OE)] }, // 971
    Message { name: "k8s.io.api.resource.v1beta1.ResourceClaimTemplate", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(974),One,0)] }, // 972
    Message { name: "k8s.io.api.resource.v1beta1.ResourceClaimTemplateList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(972),Rep,0)] }, // 973
    Message { name: "k8s.io.api.resource.v1beta1.ResourceClaimTemplateSpec", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(970),One,0)] }, // 974
    Message { name: "k8s.io.api.resource.v1beta1.ResourcePool", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"generation",L,One,0), f(3,"resourceSliceCount",L,One,0)] }, // 975
    Message { name: "k8s.io.api.resource.v1beta1.ResourceSlice", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(978),One,0)] }, // 976
    Message { name: "k8s.io.api.resource.v1beta1.ResourceSliceList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(976),Rep,0)] }, // 977
    Message { name: "k8s.io.api.resource.v1beta1.ResourceSliceSpec", kind: Struct, fields: &[f(1,"driver",S,One,0), f(2,"pool",M(975),One,0), f(3,"nodeName",S,One,OE), f(4,"nodeSelector",M(483),One,OE|PTR), f(5,"allNodes",Z,One,OE), f(6,"devices",M(945),Rep,0), f(7,"perDeviceNodeSelection",Z,One,OE|PTR), f(8,"sharedCounters",M(944),Rep,OE)] }, // 978
    Message { name: "k8s.io.api.resource.v1beta2.AllocatedDeviceStatus", kind: Struct, fields: &[f(1,"driver",S,One,0), f(2,"pool",S,One,0), f(3,"device",S,One,0), f(4,"conditions",M(1087),Rep,0), f(5,"data",M(1129),One,OE|PTR), f(6,"networkData",M(1005),One,OE|PTR)] }, // 979
    Message { name: "k8s.io.api.resource.v1beta2.AllocationResult", kind: Struct, fields: &[f(1,"devices",M(986),One,OE), f(3,"nodeSelector",M(483),One,OE|PTR)] }, // 980
    Message { name: "k8s.io.api.resource.v1beta2.CELDeviceSelector", kind: Struct, fields: &[f(1,"expression",S,One,0)] }, // 981
    Message { name: "k8s.io.api.resource.v1beta2.Counter", kind: Struct, fields: &[f(1,"value",M(1126),One,0)] }, // 982
    Message { name: "k8s.io.api.resource.v1beta2.CounterSet", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"counters",M(982),Map(S),OE)] }, // 983
    Message { name: "k8s.io.api.resource.v1beta2.Device", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"attributes",M(987),Map(S),OE), f(3,"capacity",M(988),Map(S),OE), f(4,"consumesCounters",M(997),Rep,OE), f(5,"nodeName",S,One,OE|PTR), f(6,"nodeSelector",M(483),One,OE|PTR), f(7,"allNodes",Z,One,OE|PTR), f(8,"taints",M(1002),Rep,OE)] }, // 984
    Message { name: "k8s.io.api.resource.v1beta2.DeviceAllocationConfiguration", kind: Struct, fields: &[f(1,"source",S,One,0), f(2,"requests",S,Rep,OE), f(3,"",M(995),One,INLINE)] }, // 985
    Message { name: "k8s.io.api.resource.v1beta2.DeviceAllocationResult", kind: Struct, fields: &[f(1,"results",M(999),Rep,OE), f(2,"config",M(985),Rep,OE)] }, // 986
    Message { name: "k8s.io.api.resource.v1beta2.DeviceAttribute", kind: Struct, fields: &[f(2,"int",L,One,OE|PTR), f(3,"bool",Z,One,OE|PTR), f(4,"string",S,One,OE|PTR), f(5,"version",S,One,OE|PTR)] }, // 987
    Message { name: "k8s.io.api.resource.v1beta2.DeviceCapacity", kind: Struct, fields: &[f(1,"value",M(1126),One,0)] }, // 988
    Message { name: "k8s.io.api.resource.v1beta2.DeviceClaim", kind: Struct, fields: &[f(1,"requests",M(998),Rep,0), f(2,"constraints",M(996),Rep,OE), f(3,"config",M(990),Rep,OE)] }, // 989
    Message { name: "k8s.io.api.resource.v1beta2.DeviceClaimConfiguration", kind: Struct, fields: &[f(1,"requests",S,Rep,OE), f(2,"",M(995),One,INLINE)] }, // 990
    Message { name: "k8s.io.api.resource.v1beta2.DeviceClass", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(994),One,0)] }, // 991
    Message { name: "k8s.io.api.resource.v1beta2.DeviceClassConfiguration", kind: Struct, fields: &[f(1,"",M(995),One,INLINE)] }, // 992
    Message { name: "k8s.io.api.resource.v1beta2.DeviceClassList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(991),Rep,0)] }, // 993
    Message { name: "k8s.io.api.resource.v1beta2.DeviceClassSpec", kind: Struct, fields: &[f(1,"selectors",M(1000),Rep,OE), f(2,"config",M(992),Rep,OE)] }, // 994
    Message { name: "k8s.io.api.resource.v1beta2.DeviceConfiguration", kind: Struct, fields: &[f(1,"opaque",M(1006),One,OE|PTR)] }, // 995
    Message { name: "k8s.io.api.resource.v1beta2.DeviceConstraint", kind: Struct, fields: &[f(1,"requests",S,Rep,OE), f(2,"matchAttribute",S,One,OE|PTR)] }, // 996
    Message { name: "k8s.io.api.resource.v1beta2.DeviceCounterConsumption", kind: Struct, fields: &[f(1,"counterSet",S,One,0), f(2,"counters",M(982),Map(S),OE)] }, // 997
    Message { name: "k8s.io.api.resource.v1beta2.DeviceRequest", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"exactly",M(1004),One,OE|PTR), f(3,"firstAvailable",M(1001),Rep,OE)] }, // 998
    Message { name: "k8s.io.api.resource.v1beta2.DeviceRequestAllocationResult", kind: Struct, fields: &[f(1,"request",S,One,0), f(2,"driver",S,One,0), f(3,"pool",S,One,0), f(4,"device",S,One,0), f(5,"adminAccess",Z,One,PTR), f(6,"tolerations",M(1003),Rep,OE)] }, // 999
    Message { name: "k8s.io.api.resource.v1beta2.DeviceSelector", kind: Struct, fields: &[f(1,"cel",M(981),One,OE|PTR)] }, // 1000
    Message { name: "k8s.io.api.resource.v1beta2.DeviceSubRequest", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"deviceClassName",S,One,0), f(3,"selectors",M(1000),Rep,OE), f(4,"allocationMode",S,One,OE), f(5,"count",L,One,OE), f(6,"tolerations",M(1003),Rep,OE)] }, // 1001
    Message { name: "k8s.io.api.resource.v1beta2.DeviceTaint", kind: Struct, fields: &[f(1,"key",S,One,0), f(2,"value",S,One,OE), f(3,"effect",S,One,0), f(4,"timeAdded",M(1120),One,OE|PTR)] }, // 1002
    Message { name: "k8s.io.api.resource.v1beta2.DeviceToleration", kind: Struct, fields: &[f(1,"key",S,One,OE), f(2,"operator",S,One,OE), f(3,"value",S,One,OE), f(4,"effect",S,One,OE), f(5,"tolerationSeconds",L,One,OE|PTR)] }, // 1003
    Message { name: "k8s.io.api.resource.v1beta2.ExactDeviceRequest", kind: Struct, fields: &[f(1,"deviceClassName",S,One,0), f(2,"selectors",M(1000),Rep,OE), f(3,"allocationMode",S,One,OE), f(4,"count",L,One,OE), f(5,"adminAccess",Z,One,OE|PTR), f(6,"tolerations",M(1003),Rep,OE)] }, // 1004
    Message { name: "k8s.io.api.resource.v1beta2.NetworkDeviceData", kind: Struct, fields: &[f(1,"interfaceName",S,One,OE), f(2,"ips",S,Rep,OE), f(3,"hardwareAddress",S,One,OE)] }, // 1005
    Message { name: "k8s.io.api.resource.v1beta2.OpaqueDeviceConfiguration", kind: Struct, fields: &[f(1,"driver",S,One,0), f(2,"parameters",M(1129),One,0)] }, // 1006
    Message { name: "k8s.io.api.resource.v1beta2.ResourceClaim", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(1010),One,0), f(3,"status",M(1011),One,OE)] }, // 1007
    Message { name: "k8s.io.api.resource.v1beta2.ResourceClaimConsumerReference", kind: Struct, fields: &[f(1,"apiGroup",S,One,OE), f(3,"resource",S,One,0), f(4,"name",S,One,0), f(5,"uid",S,One,0)] }, // 1008
    Message { name: "k8s.io.api.resource.v1beta2.ResourceClaimList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1007),Rep,0)] }, // 1009
    Message { name: "k8s.io.api.resource.v1beta2.ResourceClaimSpec", kind: Struct, fields: &[f(1,"devices",M(989),One,0)] }, // 1010
    Message { name: "k8s.io.api.resource.v1beta2.ResourceClaimStatus", kind: Struct, fields: &[f(1,"allocation",M(980),One,OE|PTR), f(2,"reservedFor",M(1008),Rep,OE), f(4,"devices",M(979),Rep,OE)] }, // 1011
    Message { name: "k8s.io.api.resource.v1beta2.ResourceClaimTemplate", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(1014),One,0)] }, // 1012
    Message { name: "k8s.io.api.resource.v1beta2.ResourceClaimTemplateList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1012),Rep,0)] }, // 1013
    Message { name: "k8s.io.api.resource.v1beta2.ResourceClaimTemplateSpec", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(1010),One,0)] }, // 1014
    Message { name: "k8s.io.api.resource.v1beta2.ResourcePool", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"generation",L,One,0), f(3,"resourceSliceCount",L,One,0)] }, // 1015
    Message { name: "k8s.io.api.resource.v1beta2.ResourceSlice", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(1018),One,0)] }, // 1016
    Message { name: "k8s.io.api.resource.v1beta2.ResourceSliceList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1016),Rep,0)] }, // 1017
    Message { name: "k8s.io.api.resource.v1beta2.ResourceSliceSpec", kind: Struct, fields: &[f(1,"driver",S,One,0), f(2,"pool",M(1015),One,0), f(3,"nodeName",S,One,OE|PTR), f(4,"nodeSelector",M(483),One,OE|PTR), f(5,"allNodes",Z,One,OE|PTR), f(6,"devices",M(984),Rep,0), f(7,"perDeviceNodeSelection",Z,One,OE|PTR), f(8,"sharedCounters",M(983),Rep,OE)] }, // 1018
    Message { name: "k8s.io.api.scheduling.v1.PriorityClass", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"value",I,One,0), f(3,"globalDefault",Z,One,OE), f(4,"description",S,One,OE), f(5,"preemptionPolicy",S,One,OE|PTR)] }, // 1019
    Message { name: "k8s.io.api.scheduling.v1.PriorityClassList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1019),Rep,0)] }, // 1020
    Message { name: "k8s.io.api.scheduling.v1alpha1.PriorityClass", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"value",I,One,0), f(3,"globalDefault",Z,One,OE), f(4,"description",S,One,OE), f(5,"preemptionPolicy",S,One,OE|PTR)] }, // 1021
    Message { name: "k8s.io.api.scheduling.v1alpha1.PriorityClassList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1021),Rep,0)] }, // 1022
    Message { name: "k8s.io.api.scheduling.v1beta1.PriorityClass", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"value",I,One,0), f(3,"globalDefault",Z,One,OE), f(4,"description",S,One,OE), f(5,"preemptionPolicy",S,One,OE|PTR)] }, // 1023
    Message { name: "k8s.io.api.scheduling.v1beta1.PriorityClassList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1023),Rep,0)] }, // 1024
    Message { name: "k8s.io.api.storage.v1.CSIDriver", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(1027),One,0)] }, // 1025
    Message { name: "k8s.io.api.storage.v1.CSIDriverList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1025),Rep,0)] }, // 1026
    Message { name: "k8s.io.api.storage.v1.CSIDriverSpec", kind: Struct, fields: &[f(1,"attachRequired",Z,One,OE|PTR), f(2,"podInfoOnMount",Z,One,OE|PTR), f(3,"volumeLifecycleModes",S,Rep,OE), f(4,"storageCapacity",Z,One,OE|PTR), f(5,"fsGroupPolicy",S,One,OE|PTR), f(6,"tokenRequests",M(1036),Rep,OE), f(7,"requiresRepublish",Z,One,OE|PTR), f(8,"seLinuxMount",Z,One,OE|PTR), f(9,"nodeAllocatableUpdatePeriodSeconds",L,One,OE|PTR)] }, // 1027
    Message { name: "k8s.io.api.storage.v1.CSINode", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(1031),One,0)] }, // 1028
    Message { name: "k8s.io.api.storage.v1.CSINodeDriver", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"nodeID",S,One,0), f(3,"topologyKeys",S,Rep,0), f(4,"allocatable",M(1043),One,OE|PTR)] }, // 1029
    Message { name: "k8s.io.api.storage.v1.CSINodeList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1028),Rep,0)] }, // 1030
    Message { name: "k8s.io.api.storage.v1.CSINodeSpec", kind: Struct, fields: &[f(1,"drivers",M(1029),Rep,0)] }, // 1031
    Message { name: "k8s.io.api.storage.v1.CSIStorageCapacity", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"nodeTopology",M(1100),One,OE|PTR), f(3,"storageClassName",S,One,0), f(4,"capacity",M(1126),One,OE|PTR), f(5,"maximumVolumeSize",M(1126),One,OE|PTR)] }, // 1032
    Message { name: "k8s.io.api.storage.v1.CSIStorageCapacityList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1032),Rep,0)] }, // 1033
    Message { name: "k8s.io.api.storage.v1.StorageClass", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"provisioner",S,One,0), f(3,"parameters",S,Map(S),OE), f(4,"reclaimPolicy",S,One,OE|PTR), f(5,"mountOptions",S,Rep,OE), f(6,"allowVolumeExpansion",Z,One,OE|PTR), f(7,"volumeBindingMode",S,One,OE|PTR), f(8,"allowedTopologies",M(591),Rep,OE)] }, // 1034
    Message { name: "k8s.io.api.storage.v1.StorageClassList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1034),Rep,0)] }, // 1035
    Message { name: "k8s.io.api.storage.v1.TokenRequest", kind: Struct, fields: &[f(1,"audience",S,One,0), f(2,"expirationSeconds",L,One,OE|PTR)] }, // 1036
    Message { name: "k8s.io.api.storage.v1.VolumeAttachment", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(1040),One,0), f(3,"status",M(1041),One,OE)] }, // 1037
    Message { name: "k8s.io.api.storage.v1.VolumeAttachmentList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1037),Rep,0)] }, // 1038
    Message { name: "k8s.io.api.storage.v1.VolumeAttachmentSource", kind: Struct, fields: &[f(1,"persistentVolumeName",S,One,OE|PTR), f(2,"inlineVolumeSpec",M(502),One,OE|PTR)] }, // 1039
    Message { name: "k8s.io.api.storage.v1.VolumeAttachmentSpec", kind: Struct, fields: &[f(1,"attacher",S,One,0), f(2,"source",M(1039),One,0), f(3,"nodeName",S,One,0)] }, // 1040
    Message { name: "k8s.io.api.storage.v1.VolumeAttachmentStatus", kind: Struct, fields: &[f(1,"attached",Z,One,0), f(2,"attachmentMetadata",S,Map(S),OE), f(3,"attachError",M(1042),One,OE|PTR), f(4,"detachError",M(1042),One,OE|PTR)] }, // 1041
    Message { name: "k8s.io.api.storage.v1.VolumeError", kind: Struct, fields: &[f(1,"time",M(1120),One,OE), f(2,"message",S,One,OE), f(3,"errorCode",I,One,OE|PTR)] }, // 1042
    Message { name: "k8s.io.api.storage.v1.VolumeNodeResources", kind: Struct, fields: &[f(1,"count",I,One,OE|PTR)] }, // 1043
    Message { name: "k8s.io.api.storage.v1alpha1.CSIStorageCapacity", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"nodeTopology",M(1100),One,OE|PTR), f(3,"storageClassName",S,One,0), f(4,"capacity",M(1126),One,OE|PTR), f(5,"maximumVolumeSize",M(1126),One,OE|PTR)] }, // 1044
    Message { name: "k8s.io.api.storage.v1alpha1.CSIStorageCapacityList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1044),Rep,0)] }, // 1045
    Message { name: "k8s.io.api.storage.v1alpha1.VolumeAttachment", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(1049),One,0), f(3,"status",M(1050),One,OE)] }, // 1046
    Message { name: "k8s.io.api.storage.v1alpha1.VolumeAttachmentList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1046),Rep,0)] }, // 1047
    Message { name: "k8s.io.api.storage.v1alpha1.VolumeAttachmentSource", kind: Struct, fields: &[f(1,"persistentVolumeName",S,One,OE|PTR), f(2,"inlineVolumeSpec",M(502),One,OE|PTR)] }, // 1048
    Message { name: "k8s.io.api.storage.v1alpha1.VolumeAttachmentSpec", kind: Struct, fields: &[f(1,"attacher",S,One,0), f(2,"source",M(1048),One,0), f(3,"nodeName",S,One,0)] }, // 1049
    Message { name: "k8s.io.api.storage.v1alpha1.VolumeAttachmentStatus", kind: Struct, fields: &[f(1,"attached",Z,One,0), f(2,"attachmentMetadata",S,Map(S),OE), f(3,"attachError",M(1053),One,OE|PTR), f(4,"detachError",M(1053),One,OE|PTR)] }, // 1050
    Message { name: "k8s.io.api.storage.v1alpha1.VolumeAttributesClass", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"driverName",S,One,0), f(3,"parameters",S,Map(S),OE)] }, // 1051
    Message { name: "k8s.io.api.storage.v1alpha1.VolumeAttributesClassList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1051),Rep,0)] }, // 1052
    Message { name: "k8s.io.api.storage.v1alpha1.VolumeError", kind: Struct, fields: &[f(1,"time",M(1120),One,OE), f(2,"message",S,One,OE), f(3,"errorCode",I,One,OE|PTR)] }, // 1053
    Message { name: "k8s.io.api.storage.v1beta1.CSIDriver", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(1056),One,0)] }, // 1054
    Message { name: "k8s.io.api.storage.v1beta1.CSIDriverList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1054),Rep,0)] }, // 1055
    Message { name: "k8s.io.api.storage.v1beta1.CSIDriverSpec", kind: Struct, fields: &[f(1,"attachRequired",Z,One,OE|PTR), f(2,"podInfoOnMount",Z,One,OE|PTR), f(3,"volumeLifecycleModes",S,Rep,OE), f(4,"storageCapacity",Z,One,OE|PTR), f(5,"fsGroupPolicy",S,One,OE|PTR), f(6,"tokenRequests",M(1065),Rep,OE), f(7,"requiresRepublish",Z,One,OE|PTR), f(8,"seLinuxMount",Z,One,OE|PTR), f(9,"nodeAllocatableUpdatePeriodSeconds",L,One,OE|PTR)] }, // 1056
    Message { name: "k8s.io.api.storage.v1beta1.CSINode", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(1060),One,0)] }, // 1057
    Message { name: "k8s.io.api.storage.v1beta1.CSINodeDriver", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"nodeID",S,One,0), f(3,"topologyKeys",S,Rep,0), f(4,"allocatable",M(1074),One,OE|PTR)] }, // 1058
    Message { name: "k8s.io.api.storage.v1beta1.CSINodeList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1057),Rep,0)] }, // 1059
    Message { name: "k8s.io.api.storage.v1beta1.CSINodeSpec", kind: Struct, fields: &[f(1,"drivers",M(1058),Rep,0)] }, // 1060
    Message { name: "k8s.io.api.storage.v1beta1.CSIStorageCapacity", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"nodeTopology",M(1100),One,OE|PTR), f(3,"storageClassName",S,One,0), f(4,"capacity",M(1126),One,OE|PTR), f(5,"maximumVolumeSize",M(1126),One,OE|PTR)] }, // 1061
    Message { name: "k8s.io.api.storage.v1beta1.CSIStorageCapacityList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1061),Rep,0)] }, // 1062
    Message { name: "k8s.io.api.storage.v1beta1.StorageClass", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"provisioner",S,One,0), f(3,"parameters",S,Map(S),OE), f(4,"reclaimPolicy",S,One,OE|PTR), f(5,"mountOptions",S,Rep,OE), f(6,"allowVolumeExpansion",Z,One,OE|PTR), f(7,"volumeBindingMode",S,One,OE|PTR), f(8,"allowedTopologies",M(591),Rep,OE)] }, // 1063
    Message { name: "k8s.io.api.storage.v1beta1.StorageClassList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1063),Rep,0)] }, // 1064
    Message { name: "k8s.io.api.storage.v1beta1.TokenRequest", kind: Struct, fields: &[f(1,"audience",S,One,0), f(2,"expirationSeconds",L,One,OE|PTR)] }, // 1065
    Message { name: "k8s.io.api.storage.v1beta1.VolumeAttachment", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(1069),One,0), f(3,"status",M(1070),One,OE)] }, // 1066
    Message { name: "k8s.io.api.storage.v1beta1.VolumeAttachmentList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1066),Rep,0)] }, // 1067
    Message { name: "k8s.io.api.storage.v1beta1.VolumeAttachmentSource", kind: Struct, fields: &[f(1,"persistentVolumeName",S,One,OE|PTR), f(2,"inlineVolumeSpec",M(502),One,OE|PTR)] }, // 1068
    Message { name: "k8s.io.api.storage.v1beta1.VolumeAttachmentSpec", kind: Struct, fields: &[f(1,"attacher",S,One,0), f(2,"source",M(1068),One,0), f(3,"nodeName",S,One,0)] }, // 1069
    Message { name: "k8s.io.api.storage.v1beta1.VolumeAttachmentStatus", kind: Struct, fields: &[f(1,"attached",Z,One,0), f(2,"attachmentMetadata",S,Map(S),OE), f(3,"attachError",M(1073),One,OE|PTR), f(4,"detachError",M(1073),One,OE|PTR)] }, // 1070
    Message { name: "k8s.io.api.storage.v1beta1.VolumeAttributesClass", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"driverName",S,One,0), f(3,"parameters",S,Map(S),OE)] }, // 1071
    Message { name: "k8s.io.api.storage.v1beta1.VolumeAttributesClassList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1071),Rep,0)] }, // 1072
    Message { name: "k8s.io.api.storage.v1beta1.VolumeError", kind: Struct, fields: &[f(1,"time",M(1120),One,OE), f(2,"message",S,One,OE), f(3,"errorCode",I,One,OE|PTR)] }, // 1073
    Message { name: "k8s.io.api.storage.v1beta1.VolumeNodeResources", kind: Struct, fields: &[f(1,"count",I,One,OE|PTR)] }, // 1074
    Message { name: "k8s.io.api.storagemigration.v1alpha1.GroupVersionResource", kind: Struct, fields: &[f(1,"group",S,One,OE), f(2,"version",S,One,OE), f(3,"resource",S,One,OE)] }, // 1075
    Message { name: "k8s.io.api.storagemigration.v1alpha1.MigrationCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastUpdateTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 1076
    Message { name: "k8s.io.api.storagemigration.v1alpha1.StorageVersionMigration", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(1079),One,OE), f(3,"status",M(1080),One,OE)] }, // 1077
    Message { name: "k8s.io.api.storagemigration.v1alpha1.StorageVersionMigrationList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1077),Rep,0)] }, // 1078
    Message { name: "k8s.io.api.storagemigration.v1alpha1.StorageVersionMigrationSpec", kind: Struct, fields: &[f(1,"resource",M(1075),One,0), f(2,"continueToken",S,One,OE)] }, // 1079
    Message { name: "k8s.io.api.storagemigration.v1alpha1.StorageVersionMigrationStatus", kind: Struct, fields: &[f(1,"conditions",M(1076),Rep,OE), f(2,"resourceVersion",S,One,OE)] }, // 1080
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.APIGroup", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"versions",M(1097),Rep,0), f(3,"preferredVersion",M(1097),One,OE), f(4,"serverAddressByClientCIDRs",M(1115),Rep,OE)] }, // 1081
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.APIGroupList", kind: Struct, fields: &[f(1,"groups",M(1081),Rep,0)] }, // 1082
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.APIResource", kind: Struct, fields: &[f(1,"name",S,One,0), f(6,"singularName",S,One,0), f(2,"namespaced",Z,One,0), f(8,"group",S,One,OE), f(9,"version",S,One,OE), f(3,"kind",S,One,0), f(4,"verbs",M(1124),One,0), f(5,"shortNames",S,Rep,OE), f(7,"categories",S,Rep,OE), f(10,"storageVersionHash",S,One,OE)] }, // 1083
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.APIResourceList", kind: Struct, fields: &[f(1,"groupVersion",S,One,0), f(2,"resources",M(1083),Rep,0)] }, // 1084
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.APIVersions", kind: Struct, fields: &[f(1,"versions",S,Rep,0), f(2,"serverAddressByClientCIDRs",M(1115),Rep,0)] }, // 1085
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.ApplyOptions", kind: Struct, fields: &[f(1,"dryRun",S,Rep,OE), f(2,"force",Z,One,0), f(3,"fieldManager",S,One,0)] }, // 1086
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.Condition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"observedGeneration",L,One,OE), f(4,"lastTransitionTime",M(1120),One,0), f(5,"reason",S,One,0), f(6,"message",S,One,0)] }, // 1087
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.CreateOptions", kind: Struct, fields: &[f(1,"dryRun",S,Rep,OE), f(3,"fieldManager",S,One,OE), f(4,"fieldValidation",S,One,OE)] }, // 1088
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions", kind: Struct, fields: &[f(1,"gracePeriodSeconds",L,One,OE|PTR), f(2,"preconditions",M(1113),One,OE|PTR), f(3,"orphanDependents",Z,One,OE|PTR), f(4,"propagationPolicy",S,One,OE|PTR), f(5,"dryRun",S,Rep,OE), f(6,"ignoreStoreReadErrorWithClusterBreakingPotential",Z,One,OE|PTR)] }, // 1089
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.Duration", kind: Duration, fields: &[f(1,"duration",L,One,0)] }, // 1090
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement", kind: Struct, fields: &[f(1,"key",S,One,0), f(2,"operator",S,One,0), f(3,"values",S,Rep,OE)] }, // 1091
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1", kind: FieldsV1, fields: &[f(1,"Raw",B,One,0)] }, // 1092
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.GetOptions", kind: Struct, fields: &[f(1,"resourceVersion",S,One,OE)] }, // 1093
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.GroupKind", kind: Struct, fields: &[f(1,"group",S,One,0), f(2,"kind",S,One,0)] }, // 1094
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.GroupResource", kind: Struct, fields: &[f(1,"group",S,One,0), f(2,"resource",S,One,0)] }, // 1095
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.GroupVersion", kind: GroupVersion, fields: &[f(1,"group",S,One,0), f(2,"version",S,One,0)] }, // 1096
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.GroupVersionForDiscovery", kind: Struct, fields: &[f(1,"groupVersion",S,One,0), f(2,"version",S,One,0)] }, // 1097
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.GroupVersionKind", kind: Struct, fields: &[f(1,"group",S,One,0), f(2,"version",S,One,0), f(3,"kind",S,One,0)] }, // 1098
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.GroupVersionResource", kind: Struct, fields: &[f(1,"group",S,One,0), f(2,"version",S,One,0), f(3,"resource",S,One,0)] }, // 1099
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector", kind: Struct, fields: &[f(1,"matchLabels",S,Map(S),OE), f(2,"matchExpressions",M(1101),Rep,OE)] }, // 1100
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement", kind: Struct, fields: &[f(1,"key",S,One,0), f(2,"operator",S,One,0), f(3,"values",S,Rep,OE)] }, // 1101
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.List", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1129),Rep,0)] }, // 1102
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta", kind: Struct, fields: &[f(1,"selfLink",S,One,OE), f(2,"resourceVersion",S,One,OE), f(3,"continue",S,One,OE), f(4,"remainingItemCount",L,One,OE|PTR)] }, // 1103
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.ListOptions", kind: Struct, fields: &[f(1,"labelSelector",S,One,OE), f(2,"fieldSelector",S,One,OE), f(3,"watch",Z,One,OE), f(9,"allowWatchBookmarks",Z,One,OE), f(4,"resourceVersion",S,One,OE), f(10,"resourceVersionMatch",S,One,OE), f(5,"timeoutSeconds",L,One,OE|PTR), f(7,"limit",L,One,OE), f(8,"continue",S,One,OE), f(11,"sendInitialEvents",Z,One,OE|PTR)] }, // 1104
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry", kind: Struct, fields: &[f(1,"manager",S,One,OE), f(2,"operation",S,One,OE), f(3,"apiVersion",S,One,OE), f(4,"time",M(1120),One,OE|PTR), f(6,"fieldsType",S,One,OE), f(7,"fieldsV1",M(1092),One,OE|PTR), f(8,"subresource",S,One,OE)] }, // 1105
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime", kind: MicroTime, fields: &[f(1,"seconds",L,One,0), f(2,"nanos",I,One,0)] }, // 1106
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta", kind: Struct, fields: &[f(1,"name",S,One,OE), f(2,"generateName",S,One,OE), f(3,"namespace",S,One,OE), f(4,"selfLink",S,One,OE), f(5,"uid",S,One,OE), f(6,"resourceVersion",S,One,OE), f(7,"generation",L,One,OE), f(8,"creationTimestamp",M(1120),One,OE), f(9,"deletionTimestamp",M(1120),One,OE|PTR), f(10,"deletionGracePeriodSeconds",L,One,OE|PTR), f(11,"labels",S,Map(S),OE), f(12,"annotations",S,Map(S),OE), f(13,"ownerReferences",M(1108),Rep,OE), f(14,"finalizers",S,Rep,OE), f(17,"managedFields",M(1105),Rep,OE)] }, // 1107
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.OwnerReference", kind: Struct, fields: &[f(5,"apiVersion",S,One,0), f(1,"kind",S,One,0), f(3,"name",S,One,0), f(4,"uid",S,One,0), f(6,"controller",Z,One,OE|PTR), f(7,"blockOwnerDeletion",Z,One,OE|PTR)] }, // 1108
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.PartialObjectMetadata", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE)] }, // 1109
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.PartialObjectMetadataList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1109),Rep,0)] }, // 1110
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.Patch", kind: Struct, fields: &[] }, // 1111
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.PatchOptions", kind: Struct, fields: &[f(1,"dryRun",S,Rep,OE), f(2,"force",Z,One,OE|PTR), f(3,"fieldManager",S,One,OE), f(4,"fieldValidation",S,One,OE)] }, // 1112
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.Preconditions", kind: Struct, fields: &[f(1,"uid",S,One,OE|PTR), f(2,"resourceVersion",S,One,OE|PTR)] }, // 1113
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.RootPaths", kind: Struct, fields: &[f(1,"paths",S,Rep,0)] }, // 1114
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.ServerAddressByClientCIDR", kind: Struct, fields: &[f(1,"clientCIDR",S,One,0), f(2,"serverAddress",S,One,0)] }, // 1115
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.Status", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"status",S,One,OE), f(3,"message",S,One,OE), f(4,"reason",S,One,OE), f(5,"details",M(1118),One,OE|PTR), f(6,"code",I,One,OE)] }, // 1116
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.StatusCause", kind: Struct, fields: &[f(1,"reason",S,One,OE), f(2,"message",S,One,OE), f(3,"field",S,One,OE)] }, // 1117
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.StatusDetails", kind: Struct, fields: &[f(1,"name",S,One,OE), f(2,"group",S,One,OE), f(3,"kind",S,One,OE), f(6,"uid",S,One,OE), f(4,"causes",M(1117),Rep,OE), f(5,"retryAfterSeconds",I,One,OE)] }, // 1118
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.TableOptions", kind: Struct, fields: &[f(1,"includeObject",S,One,OE)] }, // 1119
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.Time", kind: Time, fields: &[f(1,"seconds",L,One,0), f(2,"nanos",I,One,0)] }, // 1120
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.Timestamp", kind: Struct, fields: &[f(1,"seconds",L,One,0), f(2,"nanos",I,One,0)] }, // 1121
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.TypeMeta", kind: Struct, fields: &[f(1,"kind",S,One,OE), f(2,"apiVersion",S,One,OE)] }, // 1122
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.UpdateOptions", kind: Struct, fields: &[f(1,"dryRun",S,Rep,OE), f(2,"fieldManager",S,One,OE), f(3,"fieldValidation",S,One,OE)] }, // 1123
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.Verbs", kind: Array, fields: &[f(1,"items",S,Rep,0)] }, // 1124
    Message { name: "k8s.io.apimachinery.pkg.apis.meta.v1.WatchEvent", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"object",M(1129),One,0)] }, // 1125
    Message { name: "k8s.io.apimachinery.pkg.api.resource.Quantity", kind: Quantity, fields: &[f(1,"string",S,One,0)] }, // 1126
    Message { name: "k8s.io.apimachinery.pkg.api.resource.QuantityValue", kind: Quantity, fields: &[f(1,"string",S,One,0)] }, // 1127
    Message { name: "k8s.io.apimachinery.pkg.util.intstr.IntOrString", kind: IntOrString, fields: &[f(1,"type",L,One,0), f(2,"intVal",I,One,0), f(3,"strVal",S,One,0)] }, // 1128
    Message { name: "k8s.io.apimachinery.pkg.runtime.RawExtension", kind: RawExtension, fields: &[f(1,"raw",B,One,0)] }, // 1129
    Message { name: "k8s.io.apimachinery.pkg.runtime.TypeMeta", kind: Struct, fields: &[f(1,"apiVersion",S,One,OE), f(2,"kind",S,One,OE)] }, // 1130
    Message { name: "k8s.io.apimachinery.pkg.runtime.Unknown", kind: Struct, fields: &[f(1,"",M(1130),One,INLINE), f(2,"",B,One,SKIP), f(3,"ContentEncoding",S,One,0), f(4,"ContentType",S,One,0)] }, // 1131
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.ConversionRequest", kind: Struct, fields: &[f(1,"uid",S,One,0), f(2,"desiredAPIVersion",S,One,0), f(3,"objects",M(1129),Rep,0)] }, // 1132
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.ConversionResponse", kind: Struct, fields: &[f(1,"uid",S,One,0), f(2,"convertedObjects",M(1129),Rep,0), f(3,"result",M(1116),One,0)] }, // 1133
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.ConversionReview", kind: Struct, fields: &[f(1,"request",M(1132),One,OE|PTR), f(2,"response",M(1133),One,OE|PTR)] }, // 1134
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceColumnDefinition", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"type",S,One,0), f(3,"format",S,One,OE), f(4,"description",S,One,OE), f(5,"priority",I,One,OE), f(6,"jsonPath",S,One,0)] }, // 1135
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceConversion", kind: Struct, fields: &[f(1,"strategy",S,One,0), f(2,"webhook",M(1158),One,OE|PTR)] }, // 1136
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(1141),One,0), f(3,"status",M(1142),One,OE)] }, // 1137
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 1138
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1137),Rep,0)] }, // 1139
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionNames", kind: Struct, fields: &[f(1,"plural",S,One,0), f(2,"singular",S,One,OE), f(3,"shortNames",S,Rep,OE), f(4,"kind",S,One,0), f(5,"listKind",S,One,OE), f(6,"categories",S,Rep,OE)] }, // 1140
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpec", kind: Struct, fields: &[f(1,"group",S,One,0), f(3,"names",M(1140),One,0), f(4,"scope",S,One,0), f(7,"versions",M(1143),Rep,0), f(9,"conversion",M(1136),One,OE|PTR), f(10,"preserveUnknownFields",Z,One,OE)] }, // 1141
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionStatus", kind: Struct, fields: &[f(1,"conditions",M(1138),Rep,0), f(2,"acceptedNames",M(1140),One,0), f(3,"storedVersions",S,Rep,0)] }, // 1142
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionVersion", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"served",Z,One,0), f(3,"storage",Z,One,0), f(7,"deprecated",Z,One,OE), f(8,"deprecationWarning",S,One,OE|PTR), f(4,"schema",M(1147),One,OE|PTR), f(5,"subresources",M(1146),One,OE|PTR), f(6,"additionalPrinterColumns",M(1135),Rep,OE), f(9,"selectableFields",M(1154),Rep,OE)] }, // 1143
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresourceScale", kind: Struct, fields: &[f(1,"specReplicasPath",S,One,0), f(2,"statusReplicasPath",S,One,0), f(3,"labelSelectorPath",S,One,OE|PTR)] }, // 1144
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresourceStatus", kind: Struct, fields: &[] }, // 1145
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresources", kind: Struct, fields: &[f(1,"status",M(1145),One,OE|PTR), f(2,"scale",M(1144),One,OE|PTR)] }, // 1146
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceValidation", kind: Struct, fields: &[f(1,"openAPIV3Schema",M(1150),One,OE|PTR)] }, // 1147
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.ExternalDocumentation", kind: Struct, fields: &[f(1,"description",S,One,OE), f(2,"url",S,One,OE)] }, // 1148
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSON", kind: Json, fields: &[f(1,"raw",B,One,0)] }, // 1149
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps", kind: Struct, fields: &[f(1,"id",S,One,OE), f(2,"$schema",S,One,OE), f(3,"$ref",S,One,OE|PTR), f(4,"description",S,One,OE), f(5,"type",S,One,OE), f(6,"format",S,One,OE), f(7,"title",S,One,OE), f(8,"default",M(1149),One,OE|PTR), f(9,"maximum",D,One,OE|PTR), f(10,"exclusiveMaximum",Z,One,OE), f(11,"minimum",D,One,OE|PTR), f(12,"exclusiveMinimum",Z,One,OE), f(13,"maxLength",L,One,OE|PTR), f(14,"minLength",L,One,OE|PTR), f(15,"pattern",S,One,OE), f(16,"maxItems",L,One,OE|PTR), f(17,"minItems",L,One,OE|PTR), f(18,"uniqueItems",Z,One,OE), f(19,"multipleOf",D,One,OE|PTR), f(20,"enum",M(1149),Rep,OE), f(21,"maxProperties",L,One,OE|PTR), f(22,"minProperties",L,One,OE|PTR), f(23,"required",S,Rep,OE), f(24,"items",M(1151),One,OE|PTR), f(25,"allOf",M(1150),Rep,OE), f(26,"oneOf",M(1150),Rep,OE), f(27,"anyOf",M(1150),Rep,OE), f(28,"not",M(1150),One,OE|PTR), f(29,"properties",M(1150),Map(S),OE), f(30,"additionalProperties",M(1152),One,OE|PTR), f(31,"patternProperties",M(1150),Map(S),OE), f(32,"dependencies",M(1153),Map(S),OE), f(33,"additionalItems",M(1152),One,OE|PTR), f(34,"definitions",M(1150),Map(S),OE), f(35,"externalDocs",M(1148),One,OE|PTR), f(36,"example",M(1149),One,OE|PTR), f(37,"nullable",Z,One,OE), f(38,"x-kubernetes-preserve-unknown-fields",Z,One,OE|PTR), f(39,"x-kubernetes-embedded-resource",Z,One,OE), f(40,"x-kubernetes-int-or-string",Z,One,OE), f(41,"x-kubernetes-list-map-keys",S,Rep,OE), f(42,"x-kubernetes-list-type",S,One,OE|PTR), f(43,"x-kubernetes-map-type",S,One,OE|PTR), f(44,"x-kubernetes-validations",M(1156),Rep,OE)] }, // 1150
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray", kind: PropsOrArray, fields: &[f(1,"schema",M(1150),One,0), f(2,"jSONSchemas",M(1150),Rep,0)] }, // 1151
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool", kind: PropsOrBool, fields: &[f(1,"allows",Z,One,0), f(2,"schema",M(1150),One,0)] }, // 1152
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray", kind: PropsOrStringArray, fields: &[f(1,"schema",M(1150),One,0), f(2,"property",S,Rep,0)] }, // 1153
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.SelectableField", kind: Struct, fields: &[f(1,"jsonPath",S,One,0)] }, // 1154
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.ServiceReference", kind: Struct, fields: &[f(1,"namespace",S,One,0), f(2,"name",S,One,0), f(3,"path",S,One,OE|PTR), f(4,"port",I,One,OE|PTR)] }, // 1155
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.ValidationRule", kind: Struct, fields: &[f(1,"rule",S,One,0), f(2,"message",S,One,OE), f(3,"messageExpression",S,One,OE), f(4,"reason",S,One,OE|PTR), f(5,"fieldPath",S,One,OE), f(6,"optionalOldSelf",Z,One,OE|PTR)] }, // 1156
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.WebhookClientConfig", kind: Struct, fields: &[f(3,"url",S,One,OE|PTR), f(1,"service",M(1155),One,OE|PTR), f(2,"caBundle",B,One,OE)] }, // 1157
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.WebhookConversion", kind: Struct, fields: &[f(2,"clientConfig",M(1157),One,OE|PTR), f(3,"conversionReviewVersions",S,Rep,0)] }, // 1158
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.ConversionRequest", kind: Struct, fields: &[f(1,"uid",S,One,0), f(2,"desiredAPIVersion",S,One,0), f(3,"objects",M(1129),Rep,0)] }, // 1159
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.ConversionResponse", kind: Struct, fields: &[f(1,"uid",S,One,0), f(2,"convertedObjects",M(1129),Rep,0), f(3,"result",M(1116),One,0)] }, // 1160
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.ConversionReview", kind: Struct, fields: &[f(1,"request",M(1159),One,OE|PTR), f(2,"response",M(1160),One,OE|PTR)] }, // 1161
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceColumnDefinition", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"type",S,One,0), f(3,"format",S,One,OE), f(4,"description",S,One,OE), f(5,"priority",I,One,OE), f(6,"JSONPath",S,One,0)] }, // 1162
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceConversion", kind: Struct, fields: &[f(1,"strategy",S,One,0), f(2,"webhookClientConfig",M(1184),One,OE|PTR), f(3,"conversionReviewVersions",S,Rep,OE)] }, // 1163
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceDefinition", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(1168),One,0), f(3,"status",M(1169),One,OE)] }, // 1164
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceDefinitionCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 1165
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceDefinitionList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1164),Rep,0)] }, // 1166
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceDefinitionNames", kind: Struct, fields: &[f(1,"plural",S,One,0), f(2,"singular",S,One,OE), f(3,"shortNames",S,Rep,OE), f(4,"kind",S,One,0), f(5,"listKind",S,One,OE), f(6,"categories",S,Rep,OE)] }, // 1167
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceDefinitionSpec", kind: Struct, fields: &[f(1,"group",S,One,0), f(2,"version",S,One,OE), f(3,"names",M(1167),One,0), f(4,"scope",S,One,0), f(5,"validation",M(1174),One,OE|PTR), f(6,"subresources",M(1173),One,OE|PTR), f(7,"versions",M(1170),Rep,OE), f(8,"additionalPrinterColumns",M(1162),Rep,OE), f(11,"selectableFields",M(1181),Rep,OE), f(9,"conversion",M(1163),One,OE|PTR), f(10,"preserveUnknownFields",Z,One,OE|PTR)] }, // 1168
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceDefinitionStatus", kind: Struct, fields: &[f(1,"conditions",M(1165),Rep,0), f(2,"acceptedNames",M(1167),One,0), f(3,"storedVersions",S,Rep,0)] }, // 1169
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceDefinitionVersion", kind: Struct, fields: &[f(1,"name",S,One,0), f(2,"served",Z,One,0), f(3,"storage",Z,One,0), f(7,"deprecated",Z,One,OE), f(8,"deprecationWarning",S,One,OE|PTR), f(4,"schema",M(1174),One,OE|PTR), f(5,"subresources",M(1173),One,OE|PTR), f(6,"additionalPrinterColumns",M(1162),Rep,OE), f(9,"selectableFields",M(1181),Rep,OE)] }, // 1170
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceSubresourceScale", kind: Struct, fields: &[f(1,"specReplicasPath",S,One,0), f(2,"statusReplicasPath",S,One,0), f(3,"labelSelectorPath",S,One,OE|PTR)] }, // 1171
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceSubresourceStatus", kind: Struct, fields: &[] }, // 1172
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceSubresources", kind: Struct, fields: &[f(1,"status",M(1172),One,OE|PTR), f(2,"scale",M(1171),One,OE|PTR)] }, // 1173
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceValidation", kind: Struct, fields: &[f(1,"openAPIV3Schema",M(1177),One,OE|PTR)] }, // 1174
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.ExternalDocumentation", kind: Struct, fields: &[f(1,"description",S,One,OE), f(2,"url",S,One,OE)] }, // 1175
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSON", kind: Json, fields: &[f(1,"raw",B,One,0)] }, // 1176
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps", kind: Struct, fields: &[f(1,"id",S,One,OE), f(2,"$schema",S,One,OE), f(3,"$ref",S,One,OE|PTR), f(4,"description",S,One,OE), f(5,"type",S,One,OE), f(6,"format",S,One,OE), f(7,"title",S,One,OE), f(8,"default",M(1176),One,OE|PTR), f(9,"maximum",D,One,OE|PTR), f(10,"exclusiveMaximum",Z,One,OE), f(11,"minimum",D,One,OE|PTR), f(12,"exclusiveMinimum",Z,One,OE), f(13,"maxLength",L,One,OE|PTR), f(14,"minLength",L,One,OE|PTR), f(15,"pattern",S,One,OE), f(16,"maxItems",L,One,OE|PTR), f(17,"minItems",L,One,OE|PTR), f(18,"uniqueItems",Z,One,OE), f(19,"multipleOf",D,One,OE|PTR), f(20,"enum",M(1176),Rep,OE), f(21,"maxProperties",L,One,OE|PTR), f(22,"minProperties",L,One,OE|PTR), f(23,"required",S,Rep,OE), f(24,"items",M(1178),One,OE|PTR), f(25,"allOf",M(1177),Rep,OE), f(26,"oneOf",M(1177),Rep,OE), f(27,"anyOf",M(1177),Rep,OE), f(28,"not",M(1177),One,OE|PTR), f(29,"properties",M(1177),Map(S),OE), f(30,"additionalProperties",M(1179),One,OE|PTR), f(31,"patternProperties",M(1177),Map(S),OE), f(32,"dependencies",M(1180),Map(S),OE), f(33,"additionalItems",M(1179),One,OE|PTR), f(34,"definitions",M(1177),Map(S),OE), f(35,"externalDocs",M(1175),One,OE|PTR), f(36,"example",M(1176),One,OE|PTR), f(37,"nullable",Z,One,OE), f(38,"x-kubernetes-preserve-unknown-fields",Z,One,OE|PTR), f(39,"x-kubernetes-embedded-resource",Z,One,OE), f(40,"x-kubernetes-int-or-string",Z,One,OE), f(41,"x-kubernetes-list-map-keys",S,Rep,OE), f(42,"x-kubernetes-list-type",S,One,OE|PTR), f(43,"x-kubernetes-map-type",S,One,OE|PTR), f(44,"x-kubernetes-validations",M(1183),Rep,OE)] }, // 1177
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaPropsOrArray", kind: PropsOrArray, fields: &[f(1,"schema",M(1177),One,0), f(2,"jSONSchemas",M(1177),Rep,0)] }, // 1178
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaPropsOrBool", kind: PropsOrBool, fields: &[f(1,"allows",Z,One,0), f(2,"schema",M(1177),One,0)] }, // 1179
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaPropsOrStringArray", kind: PropsOrStringArray, fields: &[f(1,"schema",M(1177),One,0), f(2,"property",S,Rep,0)] }, // 1180
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.SelectableField", kind: Struct, fields: &[f(1,"jsonPath",S,One,0)] }, // 1181
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.ServiceReference", kind: Struct, fields: &[f(1,"namespace",S,One,0), f(2,"name",S,One,0), f(3,"path",S,One,OE|PTR), f(4,"port",I,One,OE|PTR)] }, // 1182
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.ValidationRule", kind: Struct, fields: &[f(1,"rule",S,One,0), f(2,"message",S,One,OE), f(3,"messageExpression",S,One,OE), f(4,"reason",S,One,OE|PTR), f(5,"fieldPath",S,One,OE), f(6,"optionalOldSelf",Z,One,OE|PTR)] }, // 1183
    Message { name: "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.WebhookClientConfig", kind: Struct, fields: &[f(3,"url",S,One,OE|PTR), f(1,"service",M(1182),One,OE|PTR), f(2,"caBundle",B,One,OE)] }, // 1184
    Message { name: "k8s.io.kube_aggregator.pkg.apis.apiregistration.v1.APIService", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(1188),One,OE), f(3,"status",M(1189),One,OE)] }, // 1185
    Message { name: "k8s.io.kube_aggregator.pkg.apis.apiregistration.v1.APIServiceCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 1186
    Message { name: "k8s.io.kube_aggregator.pkg.apis.apiregistration.v1.APIServiceList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1185),Rep,0)] }, // 1187
    Message { name: "k8s.io.kube_aggregator.pkg.apis.apiregistration.v1.APIServiceSpec", kind: Struct, fields: &[f(1,"service",M(1190),One,OE|PTR), f(2,"group",S,One,OE), f(3,"version",S,One,OE), f(4,"insecureSkipTLSVerify",Z,One,OE), f(5,"caBundle",B,One,OE), f(7,"groupPriorityMinimum",I,One,0), f(8,"versionPriority",I,One,0)] }, // 1188
    Message { name: "k8s.io.kube_aggregator.pkg.apis.apiregistration.v1.APIServiceStatus", kind: Struct, fields: &[f(1,"conditions",M(1186),Rep,OE)] }, // 1189
    Message { name: "k8s.io.kube_aggregator.pkg.apis.apiregistration.v1.ServiceReference", kind: Struct, fields: &[f(1,"namespace",S,One,OE), f(2,"name",S,One,OE), f(3,"port",I,One,OE|PTR)] }, // 1190
    Message { name: "k8s.io.kube_aggregator.pkg.apis.apiregistration.v1beta1.APIService", kind: Struct, fields: &[f(1,"metadata",M(1107),One,OE), f(2,"spec",M(1194),One,OE), f(3,"status",M(1195),One,OE)] }, // 1191
    Message { name: "k8s.io.kube_aggregator.pkg.apis.apiregistration.v1beta1.APIServiceCondition", kind: Struct, fields: &[f(1,"type",S,One,0), f(2,"status",S,One,0), f(3,"lastTransitionTime",M(1120),One,OE), f(4,"reason",S,One,OE), f(5,"message",S,One,OE)] }, // 1192
    Message { name: "k8s.io.kube_aggregator.pkg.apis.apiregistration.v1beta1.APIServiceList", kind: Struct, fields: &[f(1,"metadata",M(1103),One,OE), f(2,"items",M(1191),Rep,0)] }, // 1193
    Message { name: "k8s.io.kube_aggregator.pkg.apis.apiregistration.v1beta1.APIServiceSpec", kind: Struct, fields: &[f(1,"service",M(1196),One,OE|PTR), f(2,"group",S,One,OE), f(3,"version",S,One,OE), f(4,"insecureSkipTLSVerify",Z,One,OE), f(5,"caBundle",B,One,OE), f(7,"groupPriorityMinimum",I,One,0), f(8,"versionPriority",I,One,0)] }, // 1194
    Message { name: "k8s.io.kube_aggregator.pkg.apis.apiregistration.v1beta1.APIServiceStatus", kind: Struct, fields: &[f(1,"conditions",M(1192),Rep,OE)] }, // 1195
    Message { name: "k8s.io.kube_aggregator.pkg.apis.apiregistration.v1beta1.ServiceReference", kind: Struct, fields: &[f(1,"namespace",S,One,OE), f(2,"name",S,One,OE), f(3,"port",I,One,OE|PTR)] }, // 1196
];

/// Registered (apiVersion, kind) pairs, sorted, with their message index.
pub(crate) static KINDS: &[(&str, &str, u16)] = &[
    ("admission.k8s.io/v1", "AdmissionReview", 2),
    ("admission.k8s.io/v1", "CreateOptions", 1088),
    ("admission.k8s.io/v1", "DeleteOptions", 1089),
    ("admission.k8s.io/v1", "GetOptions", 1093),
    ("admission.k8s.io/v1", "ListOptions", 1104),
    ("admission.k8s.io/v1", "PatchOptions", 1112),
    ("admission.k8s.io/v1", "UpdateOptions", 1123),
    ("admission.k8s.io/v1", "WatchEvent", 1125),
    ("admission.k8s.io/v1beta1", "AdmissionReview", 5),
    ("admission.k8s.io/v1beta1", "CreateOptions", 1088),
    ("admission.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("admission.k8s.io/v1beta1", "GetOptions", 1093),
    ("admission.k8s.io/v1beta1", "ListOptions", 1104),
    ("admission.k8s.io/v1beta1", "PatchOptions", 1112),
    ("admission.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("admission.k8s.io/v1beta1", "WatchEvent", 1125),
    ("admissionregistration.k8s.io/v1", "CreateOptions", 1088),
    ("admissionregistration.k8s.io/v1", "DeleteOptions", 1089),
    ("admissionregistration.k8s.io/v1", "GetOptions", 1093),
    ("admissionregistration.k8s.io/v1", "ListOptions", 1104),
    ("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", 11),
    ("admissionregistration.k8s.io/v1", "MutatingWebhookConfigurationList", 12),
    ("admissionregistration.k8s.io/v1", "PatchOptions", 1112),
    ("admissionregistration.k8s.io/v1", "UpdateOptions", 1123),
    ("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", 20),
    ("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding", 21),
    ("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBindingList", 22),
    ("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyList", 24),
    ("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", 28),
    ("admissionregistration.k8s.io/v1", "ValidatingWebhookConfigurationList", 29),
    ("admissionregistration.k8s.io/v1", "WatchEvent", 1125),
    ("admissionregistration.k8s.io/v1alpha1", "CreateOptions", 1088),
    ("admissionregistration.k8s.io/v1alpha1", "DeleteOptions", 1089),
    ("admissionregistration.k8s.io/v1alpha1", "GetOptions", 1093),
    ("admissionregistration.k8s.io/v1alpha1", "ListOptions", 1104),
    ("admissionregistration.k8s.io/v1alpha1", "MutatingAdmissionPolicy", 39),
    ("admissionregistration.k8s.io/v1alpha1", "MutatingAdmissionPolicyBinding", 40),
    ("admissionregistration.k8s.io/v1alpha1", "MutatingAdmissionPolicyBindingList", 41),
    ("admissionregistration.k8s.io/v1alpha1", "MutatingAdmissionPolicyList", 43),
    ("admissionregistration.k8s.io/v1alpha1", "PatchOptions", 1112),
    ("admissionregistration.k8s.io/v1alpha1", "UpdateOptions", 1123),
    ("admissionregistration.k8s.io/v1alpha1", "ValidatingAdmissionPolicy", 50),
    ("admissionregistration.k8s.io/v1alpha1", "ValidatingAdmissionPolicyBinding", 51),
    ("admissionregistration.k8s.io/v1alpha1", "ValidatingAdmissionPolicyBindingList", 52),
    ("admissionregistration.k8s.io/v1alpha1", "ValidatingAdmissionPolicyList", 54),
    ("admissionregistration.k8s.io/v1alpha1", "WatchEvent", 1125),
    ("admissionregistration.k8s.io/v1beta1", "CreateOptions", 1088),
    ("admissionregistration.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("admissionregistration.k8s.io/v1beta1", "GetOptions", 1093),
    ("admissionregistration.k8s.io/v1beta1", "ListOptions", 1104),
    ("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", 64),
    ("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfigurationList", 65),
    ("admissionregistration.k8s.io/v1beta1", "PatchOptions", 1112),
    ("admissionregistration.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicy", 71),
    ("admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicyBinding", 72),
    ("admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicyBindingList", 73),
    ("admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicyList", 75),
    ("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", 79),
    ("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfigurationList", 80),
    ("admissionregistration.k8s.io/v1beta1", "WatchEvent", 1125),
    ("apidiscovery.k8s.io/v2", "APIGroupDiscovery", 84),
    ("apidiscovery.k8s.io/v2", "APIGroupDiscoveryList", 85),
    ("apidiscovery.k8s.io/v2", "CreateOptions", 1088),
    ("apidiscovery.k8s.io/v2", "DeleteOptions", 1089),
    ("apidiscovery.k8s.io/v2", "GetOptions", 1093),
    ("apidiscovery.k8s.io/v2", "ListOptions", 1104),
    ("apidiscovery.k8s.io/v2", "PatchOptions", 1112),
    ("apidiscovery.k8s.io/v2", "UpdateOptions", 1123),
    ("apidiscovery.k8s.io/v2", "WatchEvent", 1125),
    ("apidiscovery.k8s.io/v2beta1", "APIGroupDiscovery", 89),
    ("apidiscovery.k8s.io/v2beta1", "APIGroupDiscoveryList", 90),
    ("apidiscovery.k8s.io/v2beta1", "CreateOptions", 1088),
    ("apidiscovery.k8s.io/v2beta1", "DeleteOptions", 1089),
    ("apidiscovery.k8s.io/v2beta1", "GetOptions", 1093),
    ("apidiscovery.k8s.io/v2beta1", "ListOptions", 1104),
    ("apidiscovery.k8s.io/v2beta1", "PatchOptions", 1112),
    ("apidiscovery.k8s.io/v2beta1", "UpdateOptions", 1123),
    ("apidiscovery.k8s.io/v2beta1", "WatchEvent", 1125),
    ("apiextensions.k8s.io/v1", "ConversionReview", 1134),
    ("apiextensions.k8s.io/v1", "CreateOptions", 1088),
    ("apiextensions.k8s.io/v1", "CustomResourceDefinition", 1137),
    ("apiextensions.k8s.io/v1", "CustomResourceDefinitionList", 1139),
    ("apiextensions.k8s.io/v1", "DeleteOptions", 1089),
    ("apiextensions.k8s.io/v1", "GetOptions", 1093),
    ("apiextensions.k8s.io/v1", "ListOptions", 1104),
    ("apiextensions.k8s.io/v1", "PatchOptions", 1112),
    ("apiextensions.k8s.io/v1", "UpdateOptions", 1123),
    ("apiextensions.k8s.io/v1", "WatchEvent", 1125),
    ("apiextensions.k8s.io/v1beta1", "ConversionReview", 1161),
    ("apiextensions.k8s.io/v1beta1", "CreateOptions", 1088),
    ("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", 1164),
    ("apiextensions.k8s.io/v1beta1", "CustomResourceDefinitionList", 1166),
    ("apiextensions.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("apiextensions.k8s.io/v1beta1", "GetOptions", 1093),
    ("apiextensions.k8s.io/v1beta1", "ListOptions", 1104),
    ("apiextensions.k8s.io/v1beta1", "PatchOptions", 1112),
    ("apiextensions.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("apiextensions.k8s.io/v1beta1", "WatchEvent", 1125),
    ("apiregistration.k8s.io/v1", "APIService", 1185),
    ("apiregistration.k8s.io/v1", "APIServiceList", 1187),
    ("apiregistration.k8s.io/v1", "CreateOptions", 1088),
    ("apiregistration.k8s.io/v1", "DeleteOptions", 1089),
    ("apiregistration.k8s.io/v1", "GetOptions", 1093),
    ("apiregistration.k8s.io/v1", "ListOptions", 1104),
    ("apiregistration.k8s.io/v1", "PatchOptions", 1112),
    ("apiregistration.k8s.io/v1", "UpdateOptions", 1123),
    ("apiregistration.k8s.io/v1", "WatchEvent", 1125),
    ("apiregistration.k8s.io/v1beta1", "APIService", 1191),
    ("apiregistration.k8s.io/v1beta1", "APIServiceList", 1193),
    ("apiregistration.k8s.io/v1beta1", "CreateOptions", 1088),
    ("apiregistration.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("apiregistration.k8s.io/v1beta1", "GetOptions", 1093),
    ("apiregistration.k8s.io/v1beta1", "ListOptions", 1104),
    ("apiregistration.k8s.io/v1beta1", "PatchOptions", 1112),
    ("apiregistration.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("apiregistration.k8s.io/v1beta1", "WatchEvent", 1125),
    ("apps/v1", "ControllerRevision", 100),
    ("apps/v1", "ControllerRevisionList", 101),
    ("apps/v1", "CreateOptions", 1088),
    ("apps/v1", "DaemonSet", 102),
    ("apps/v1", "DaemonSetList", 104),
    ("apps/v1", "DeleteOptions", 1089),
    ("apps/v1", "Deployment", 108),
    ("apps/v1", "DeploymentList", 110),
    ("apps/v1", "GetOptions", 1093),
    ("apps/v1", "ListOptions", 1104),
    ("apps/v1", "PatchOptions", 1112),
    ("apps/v1", "ReplicaSet", 114),
    ("apps/v1", "ReplicaSetList", 116),
    ("apps/v1", "StatefulSet", 122),
    ("apps/v1", "StatefulSetList", 124),
    ("apps/v1", "UpdateOptions", 1123),
    ("apps/v1", "WatchEvent", 1125),
    ("apps/v1beta1", "ControllerRevision", 130),
    ("apps/v1beta1", "ControllerRevisionList", 131),
    ("apps/v1beta1", "CreateOptions", 1088),
    ("apps/v1beta1", "DeleteOptions", 1089),
    ("apps/v1beta1", "Deployment", 132),
    ("apps/v1beta1", "DeploymentList", 134),
    ("apps/v1beta1", "DeploymentRollback", 135),
    ("apps/v1beta1", "GetOptions", 1093),
    ("apps/v1beta1", "ListOptions", 1104),
    ("apps/v1beta1", "PatchOptions", 1112),
    ("apps/v1beta1", "Scale", 142),
    ("apps/v1beta1", "StatefulSet", 145),
    ("apps/v1beta1", "StatefulSetList", 147),
    ("apps/v1beta1", "UpdateOptions", 1123),
    ("apps/v1beta1", "WatchEvent", 1125),
    ("apps/v1beta2", "ControllerRevision", 153),
    ("apps/v1beta2", "ControllerRevisionList", 154),
    ("apps/v1beta2", "CreateOptions", 1088),
    ("apps/v1beta2", "DaemonSet", 155),
    ("apps/v1beta2", "DaemonSetList", 157),
    ("apps/v1beta2", "DeleteOptions", 1089),
    ("apps/v1beta2", "Deployment", 161),
    ("apps/v1beta2", "DeploymentList", 163),
    ("apps/v1beta2", "GetOptions", 1093),
    ("apps/v1beta2", "ListOptions", 1104),
    ("apps/v1beta2", "PatchOptions", 1112),
    ("apps/v1beta2", "ReplicaSet", 167),
    ("apps/v1beta2", "ReplicaSetList", 169),
    ("apps/v1beta2", "Scale", 175),
    ("apps/v1beta2", "StatefulSet", 178),
    ("apps/v1beta2", "StatefulSetList", 180),
    ("apps/v1beta2", "UpdateOptions", 1123),
    ("apps/v1beta2", "WatchEvent", 1125),
    ("authentication.k8s.io/v1", "CreateOptions", 1088),
    ("authentication.k8s.io/v1", "DeleteOptions", 1089),
    ("authentication.k8s.io/v1", "GetOptions", 1093),
    ("authentication.k8s.io/v1", "ListOptions", 1104),
    ("authentication.k8s.io/v1", "PatchOptions", 1112),
    ("authentication.k8s.io/v1", "SelfSubjectReview", 188),
    ("authentication.k8s.io/v1", "TokenRequest", 190),
    ("authentication.k8s.io/v1", "TokenReview", 193),
    ("authentication.k8s.io/v1", "UpdateOptions", 1123),
    ("authentication.k8s.io/v1", "WatchEvent", 1125),
    ("authentication.k8s.io/v1alpha1", "CreateOptions", 1088),
    ("authentication.k8s.io/v1alpha1", "DeleteOptions", 1089),
    ("authentication.k8s.io/v1alpha1", "GetOptions", 1093),
    ("authentication.k8s.io/v1alpha1", "ListOptions", 1104),
    ("authentication.k8s.io/v1alpha1", "PatchOptions", 1112),
    ("authentication.k8s.io/v1alpha1", "SelfSubjectReview", 197),
    ("authentication.k8s.io/v1alpha1", "UpdateOptions", 1123),
    ("authentication.k8s.io/v1alpha1", "WatchEvent", 1125),
    ("authentication.k8s.io/v1beta1", "CreateOptions", 1088),
    ("authentication.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("authentication.k8s.io/v1beta1", "GetOptions", 1093),
    ("authentication.k8s.io/v1beta1", "ListOptions", 1104),
    ("authentication.k8s.io/v1beta1", "PatchOptions", 1112),
    ("authentication.k8s.io/v1beta1", "SelfSubjectReview", 200),
    ("authentication.k8s.io/v1beta1", "TokenReview", 202),
    ("authentication.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("authentication.k8s.io/v1beta1", "WatchEvent", 1125),
    ("authorization.k8s.io/v1", "CreateOptions", 1088),
    ("authorization.k8s.io/v1", "DeleteOptions", 1089),
    ("authorization.k8s.io/v1", "GetOptions", 1093),
    ("authorization.k8s.io/v1", "ListOptions", 1104),
    ("authorization.k8s.io/v1", "LocalSubjectAccessReview", 209),
    ("authorization.k8s.io/v1", "PatchOptions", 1112),
    ("authorization.k8s.io/v1", "SelfSubjectAccessReview", 214),
    ("authorization.k8s.io/v1", "SelfSubjectRulesReview", 216),
    ("authorization.k8s.io/v1", "SubjectAccessReview", 218),
    ("authorization.k8s.io/v1", "UpdateOptions", 1123),
    ("authorization.k8s.io/v1", "WatchEvent", 1125),
    ("authorization.k8s.io/v1beta1", "CreateOptions", 1088),
    ("authorization.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("authorization.k8s.io/v1beta1", "GetOptions", 1093),
    ("authorization.k8s.io/v1beta1", "ListOptions", 1104),
    ("authorization.k8s.io/v1beta1", "LocalSubjectAccessReview", 223),
    ("authorization.k8s.io/v1beta1", "PatchOptions", 1112),
    ("authorization.k8s.io/v1beta1", "SelfSubjectAccessReview", 228),
    ("authorization.k8s.io/v1beta1", "SelfSubjectRulesReview", 230),
    ("authorization.k8s.io/v1beta1", "SubjectAccessReview", 232),
    ("authorization.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("authorization.k8s.io/v1beta1", "WatchEvent", 1125),
    ("autoscaling/v1", "CreateOptions", 1088),
    ("autoscaling/v1", "DeleteOptions", 1089),
    ("autoscaling/v1", "GetOptions", 1093),
    ("autoscaling/v1", "HorizontalPodAutoscaler", 241),
    ("autoscaling/v1", "HorizontalPodAutoscalerList", 243),
    ("autoscaling/v1", "ListOptions", 1104),
    ("autoscaling/v1", "PatchOptions", 1112),
    ("autoscaling/v1", "Scale", 254),
    ("autoscaling/v1", "UpdateOptions", 1123),
    ("autoscaling/v1", "WatchEvent", 1125),
    ("autoscaling/v2", "CreateOptions", 1088),
    ("autoscaling/v2", "DeleteOptions", 1089),
    ("autoscaling/v2", "GetOptions", 1093),
    ("autoscaling/v2", "HorizontalPodAutoscaler", 264),
    ("autoscaling/v2", "HorizontalPodAutoscalerList", 267),
    ("autoscaling/v2", "ListOptions", 1104),
    ("autoscaling/v2", "PatchOptions", 1112),
    ("autoscaling/v2", "UpdateOptions", 1123),
    ("autoscaling/v2", "WatchEvent", 1125),
    ("autoscaling/v2beta1", "CreateOptions", 1088),
    ("autoscaling/v2beta1", "DeleteOptions", 1089),
    ("autoscaling/v2beta1", "GetOptions", 1093),
    ("autoscaling/v2beta1", "HorizontalPodAutoscaler", 286),
    ("autoscaling/v2beta1", "HorizontalPodAutoscalerList", 288),
    ("autoscaling/v2beta1", "ListOptions", 1104),
    ("autoscaling/v2beta1", "PatchOptions", 1112),
    ("autoscaling/v2beta1", "UpdateOptions", 1123),
    ("autoscaling/v2beta1", "WatchEvent", 1125),
    ("autoscaling/v2beta2", "CreateOptions", 1088),
    ("autoscaling/v2beta2", "DeleteOptions", 1089),
    ("autoscaling/v2beta2", "GetOptions", 1093),
    ("autoscaling/v2beta2", "HorizontalPodAutoscaler", 306),
    ("autoscaling/v2beta2", "HorizontalPodAutoscalerList", 309),
    ("autoscaling/v2beta2", "ListOptions", 1104),
    ("autoscaling/v2beta2", "PatchOptions", 1112),
    ("autoscaling/v2beta2", "UpdateOptions", 1123),
    ("autoscaling/v2beta2", "WatchEvent", 1125),
    ("batch/v1", "CreateOptions", 1088),
    ("batch/v1", "CronJob", 323),
    ("batch/v1", "CronJobList", 324),
    ("batch/v1", "DeleteOptions", 1089),
    ("batch/v1", "GetOptions", 1093),
    ("batch/v1", "Job", 327),
    ("batch/v1", "JobList", 329),
    ("batch/v1", "ListOptions", 1104),
    ("batch/v1", "PatchOptions", 1112),
    ("batch/v1", "UpdateOptions", 1123),
    ("batch/v1", "WatchEvent", 1125),
    ("batch/v1beta1", "CreateOptions", 1088),
    ("batch/v1beta1", "CronJob", 340),
    ("batch/v1beta1", "CronJobList", 341),
    ("batch/v1beta1", "DeleteOptions", 1089),
    ("batch/v1beta1", "GetOptions", 1093),
    ("batch/v1beta1", "ListOptions", 1104),
    ("batch/v1beta1", "PatchOptions", 1112),
    ("batch/v1beta1", "UpdateOptions", 1123),
    ("batch/v1beta1", "WatchEvent", 1125),
    ("certificates.k8s.io/v1", "CertificateSigningRequest", 345),
    ("certificates.k8s.io/v1", "CertificateSigningRequestList", 347),
    ("certificates.k8s.io/v1", "CreateOptions", 1088),
    ("certificates.k8s.io/v1", "DeleteOptions", 1089),
    ("certificates.k8s.io/v1", "GetOptions", 1093),
    ("certificates.k8s.io/v1", "ListOptions", 1104),
    ("certificates.k8s.io/v1", "PatchOptions", 1112),
    ("certificates.k8s.io/v1", "UpdateOptions", 1123),
    ("certificates.k8s.io/v1", "WatchEvent", 1125),
    ("certificates.k8s.io/v1alpha1", "ClusterTrustBundle", 351),
    ("certificates.k8s.io/v1alpha1", "ClusterTrustBundleList", 352),
    ("certificates.k8s.io/v1alpha1", "CreateOptions", 1088),
    ("certificates.k8s.io/v1alpha1", "DeleteOptions", 1089),
    ("certificates.k8s.io/v1alpha1", "GetOptions", 1093),
    ("certificates.k8s.io/v1alpha1", "ListOptions", 1104),
    ("certificates.k8s.io/v1alpha1", "PatchOptions", 1112),
    ("certificates.k8s.io/v1alpha1", "UpdateOptions", 1123),
    ("certificates.k8s.io/v1alpha1", "WatchEvent", 1125),
    ("certificates.k8s.io/v1beta1", "CertificateSigningRequest", 354),
    ("certificates.k8s.io/v1beta1", "CertificateSigningRequestList", 356),
    ("certificates.k8s.io/v1beta1", "ClusterTrustBundle", 359),
    ("certificates.k8s.io/v1beta1", "ClusterTrustBundleList", 360),
    ("certificates.k8s.io/v1beta1", "CreateOptions", 1088),
    ("certificates.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("certificates.k8s.io/v1beta1", "GetOptions", 1093),
    ("certificates.k8s.io/v1beta1", "ListOptions", 1104),
    ("certificates.k8s.io/v1beta1", "PatchOptions", 1112),
    ("certificates.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("certificates.k8s.io/v1beta1", "WatchEvent", 1125),
    ("coordination.k8s.io/v1", "CreateOptions", 1088),
    ("coordination.k8s.io/v1", "DeleteOptions", 1089),
    ("coordination.k8s.io/v1", "GetOptions", 1093),
    ("coordination.k8s.io/v1", "Lease", 363),
    ("coordination.k8s.io/v1", "LeaseList", 364),
    ("coordination.k8s.io/v1", "ListOptions", 1104),
    ("coordination.k8s.io/v1", "PatchOptions", 1112),
    ("coordination.k8s.io/v1", "UpdateOptions", 1123),
    ("coordination.k8s.io/v1", "WatchEvent", 1125),
    ("coordination.k8s.io/v1alpha2", "CreateOptions", 1088),
    ("coordination.k8s.io/v1alpha2", "DeleteOptions", 1089),
    ("coordination.k8s.io/v1alpha2", "GetOptions", 1093),
    ("coordination.k8s.io/v1alpha2", "LeaseCandidate", 366),
    ("coordination.k8s.io/v1alpha2", "LeaseCandidateList", 367),
    ("coordination.k8s.io/v1alpha2", "ListOptions", 1104),
    ("coordination.k8s.io/v1alpha2", "PatchOptions", 1112),
    ("coordination.k8s.io/v1alpha2", "UpdateOptions", 1123),
    ("coordination.k8s.io/v1alpha2", "WatchEvent", 1125),
    ("coordination.k8s.io/v1beta1", "CreateOptions", 1088),
    ("coordination.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("coordination.k8s.io/v1beta1", "GetOptions", 1093),
    ("coordination.k8s.io/v1beta1", "Lease", 369),
    ("coordination.k8s.io/v1beta1", "LeaseCandidate", 370),
    ("coordination.k8s.io/v1beta1", "LeaseCandidateList", 371),
    ("coordination.k8s.io/v1beta1", "LeaseList", 373),
    ("coordination.k8s.io/v1beta1", "ListOptions", 1104),
    ("coordination.k8s.io/v1beta1", "PatchOptions", 1112),
    ("coordination.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("coordination.k8s.io/v1beta1", "WatchEvent", 1125),
    ("discovery.k8s.io/v1", "CreateOptions", 1088),
    ("discovery.k8s.io/v1", "DeleteOptions", 1089),
    ("discovery.k8s.io/v1", "EndpointSlice", 610),
    ("discovery.k8s.io/v1", "EndpointSliceList", 611),
    ("discovery.k8s.io/v1", "GetOptions", 1093),
    ("discovery.k8s.io/v1", "ListOptions", 1104),
    ("discovery.k8s.io/v1", "PatchOptions", 1112),
    ("discovery.k8s.io/v1", "UpdateOptions", 1123),
    ("discovery.k8s.io/v1", "WatchEvent", 1125),
    ("discovery.k8s.io/v1beta1", "CreateOptions", 1088),
    ("discovery.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("discovery.k8s.io/v1beta1", "EndpointSlice", 618),
    ("discovery.k8s.io/v1beta1", "EndpointSliceList", 619),
    ("discovery.k8s.io/v1beta1", "GetOptions", 1093),
    ("discovery.k8s.io/v1beta1", "ListOptions", 1104),
    ("discovery.k8s.io/v1beta1", "PatchOptions", 1112),
    ("discovery.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("discovery.k8s.io/v1beta1", "WatchEvent", 1125),
    ("events.k8s.io/v1", "CreateOptions", 1088),
    ("events.k8s.io/v1", "DeleteOptions", 1089),
    ("events.k8s.io/v1", "Event", 622),
    ("events.k8s.io/v1", "EventList", 623),
    ("events.k8s.io/v1", "GetOptions", 1093),
    ("events.k8s.io/v1", "ListOptions", 1104),
    ("events.k8s.io/v1", "PatchOptions", 1112),
    ("events.k8s.io/v1", "UpdateOptions", 1123),
    ("events.k8s.io/v1", "WatchEvent", 1125),
    ("events.k8s.io/v1beta1", "CreateOptions", 1088),
    ("events.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("events.k8s.io/v1beta1", "Event", 625),
    ("events.k8s.io/v1beta1", "EventList", 626),
    ("events.k8s.io/v1beta1", "GetOptions", 1093),
    ("events.k8s.io/v1beta1", "ListOptions", 1104),
    ("events.k8s.io/v1beta1", "PatchOptions", 1112),
    ("events.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("events.k8s.io/v1beta1", "WatchEvent", 1125),
    ("extensions/v1beta1", "CreateOptions", 1088),
    ("extensions/v1beta1", "DaemonSet", 628),
    ("extensions/v1beta1", "DaemonSetList", 630),
    ("extensions/v1beta1", "DeleteOptions", 1089),
    ("extensions/v1beta1", "Deployment", 634),
    ("extensions/v1beta1", "DeploymentList", 636),
    ("extensions/v1beta1", "DeploymentRollback", 637),
    ("extensions/v1beta1", "GetOptions", 1093),
    ("extensions/v1beta1", "Ingress", 644),
    ("extensions/v1beta1", "IngressList", 646),
    ("extensions/v1beta1", "ListOptions", 1104),
    ("extensions/v1beta1", "NetworkPolicy", 655),
    ("extensions/v1beta1", "NetworkPolicyList", 658),
    ("extensions/v1beta1", "PatchOptions", 1112),
    ("extensions/v1beta1", "ReplicaSet", 662),
    ("extensions/v1beta1", "ReplicaSetList", 664),
    ("extensions/v1beta1", "Scale", 670),
    ("extensions/v1beta1", "UpdateOptions", 1123),
    ("extensions/v1beta1", "WatchEvent", 1125),
    ("flowcontrol.apiserver.k8s.io/v1", "CreateOptions", 1088),
    ("flowcontrol.apiserver.k8s.io/v1", "DeleteOptions", 1089),
    ("flowcontrol.apiserver.k8s.io/v1", "FlowSchema", 675),
    ("flowcontrol.apiserver.k8s.io/v1", "FlowSchemaList", 677),
    ("flowcontrol.apiserver.k8s.io/v1", "GetOptions", 1093),
    ("flowcontrol.apiserver.k8s.io/v1", "ListOptions", 1104),
    ("flowcontrol.apiserver.k8s.io/v1", "PatchOptions", 1112),
    ("flowcontrol.apiserver.k8s.io/v1", "PriorityLevelConfiguration", 685),
    ("flowcontrol.apiserver.k8s.io/v1", "PriorityLevelConfigurationList", 687),
    ("flowcontrol.apiserver.k8s.io/v1", "UpdateOptions", 1123),
    ("flowcontrol.apiserver.k8s.io/v1", "WatchEvent", 1125),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "CreateOptions", 1088),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", 698),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchemaList", 700),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "GetOptions", 1093),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "ListOptions", 1104),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "PatchOptions", 1112),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration", 708),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfigurationList", 710),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("flowcontrol.apiserver.k8s.io/v1beta1", "WatchEvent", 1125),
    ("flowcontrol.apiserver.k8s.io/v1beta2", "CreateOptions", 1088),
    ("flowcontrol.apiserver.k8s.io/v1beta2", "DeleteOptions", 1089),
    ("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", 721),
    ("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchemaList", 723),
    ("flowcontrol.apiserver.k8s.io/v1beta2", "GetOptions", 1093),
    ("flowcontrol.apiserver.k8s.io/v1beta2", "ListOptions", 1104),
    ("flowcontrol.apiserver.k8s.io/v1beta2", "PatchOptions", 1112),
    ("flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration", 731),
    ("flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfigurationList", 733),
    ("flowcontrol.apiserver.k8s.io/v1beta2", "UpdateOptions", 1123),
    ("flowcontrol.apiserver.k8s.io/v1beta2", "WatchEvent", 1125),
    ("flowcontrol.apiserver.k8s.io/v1beta3", "CreateOptions", 1088),
    ("flowcontrol.apiserver.k8s.io/v1beta3", "DeleteOptions", 1089),
    ("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", 744),
    ("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchemaList", 746),
    ("flowcontrol.apiserver.k8s.io/v1beta3", "GetOptions", 1093),
    ("flowcontrol.apiserver.k8s.io/v1beta3", "ListOptions", 1104),
    ("flowcontrol.apiserver.k8s.io/v1beta3", "PatchOptions", 1112),
    ("flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", 754),
    ("flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfigurationList", 756),
    ("flowcontrol.apiserver.k8s.io/v1beta3", "UpdateOptions", 1123),
    ("flowcontrol.apiserver.k8s.io/v1beta3", "WatchEvent", 1125),
    ("imagepolicy.k8s.io/v1alpha1", "CreateOptions", 1088),
    ("imagepolicy.k8s.io/v1alpha1", "DeleteOptions", 1089),
    ("imagepolicy.k8s.io/v1alpha1", "GetOptions", 1093),
    ("imagepolicy.k8s.io/v1alpha1", "ImageReview", 765),
    ("imagepolicy.k8s.io/v1alpha1", "ListOptions", 1104),
    ("imagepolicy.k8s.io/v1alpha1", "PatchOptions", 1112),
    ("imagepolicy.k8s.io/v1alpha1", "UpdateOptions", 1123),
    ("imagepolicy.k8s.io/v1alpha1", "WatchEvent", 1125),
    ("internal.apiserver.k8s.io/v1alpha1", "CreateOptions", 1088),
    ("internal.apiserver.k8s.io/v1alpha1", "DeleteOptions", 1089),
    ("internal.apiserver.k8s.io/v1alpha1", "GetOptions", 1093),
    ("internal.apiserver.k8s.io/v1alpha1", "ListOptions", 1104),
    ("internal.apiserver.k8s.io/v1alpha1", "PatchOptions", 1112),
    ("internal.apiserver.k8s.io/v1alpha1", "StorageVersion", 95),
    ("internal.apiserver.k8s.io/v1alpha1", "StorageVersionList", 97),
    ("internal.apiserver.k8s.io/v1alpha1", "UpdateOptions", 1123),
    ("internal.apiserver.k8s.io/v1alpha1", "WatchEvent", 1125),
    ("meta.k8s.io/v1", "CreateOptions", 1088),
    ("meta.k8s.io/v1", "DeleteOptions", 1089),
    ("meta.k8s.io/v1", "GetOptions", 1093),
    ("meta.k8s.io/v1", "ListOptions", 1104),
    ("meta.k8s.io/v1", "PartialObjectMetadata", 1109),
    ("meta.k8s.io/v1", "PartialObjectMetadataList", 1110),
    ("meta.k8s.io/v1", "PatchOptions", 1112),
    ("meta.k8s.io/v1", "TableOptions", 1119),
    ("meta.k8s.io/v1", "UpdateOptions", 1123),
    ("meta.k8s.io/v1", "WatchEvent", 1125),
    ("networking.k8s.io/v1", "CreateOptions", 1088),
    ("networking.k8s.io/v1", "DeleteOptions", 1089),
    ("networking.k8s.io/v1", "GetOptions", 1093),
    ("networking.k8s.io/v1", "IPAddress", 771),
    ("networking.k8s.io/v1", "IPAddressList", 772),
    ("networking.k8s.io/v1", "Ingress", 775),
    ("networking.k8s.io/v1", "IngressClass", 777),
    ("networking.k8s.io/v1", "IngressClassList", 778),
    ("networking.k8s.io/v1", "IngressList", 781),
    ("networking.k8s.io/v1", "ListOptions", 1104),
    ("networking.k8s.io/v1", "NetworkPolicy", 791),
    ("networking.k8s.io/v1", "NetworkPolicyList", 794),
    ("networking.k8s.io/v1", "PatchOptions", 1112),
    ("networking.k8s.io/v1", "ServiceCIDR", 800),
    ("networking.k8s.io/v1", "ServiceCIDRList", 801),
    ("networking.k8s.io/v1", "UpdateOptions", 1123),
    ("networking.k8s.io/v1", "WatchEvent", 1125),
    ("networking.k8s.io/v1alpha1", "CreateOptions", 1088),
    ("networking.k8s.io/v1alpha1", "DeleteOptions", 1089),
    ("networking.k8s.io/v1alpha1", "GetOptions", 1093),
    ("networking.k8s.io/v1alpha1", "IPAddress", 804),
    ("networking.k8s.io/v1alpha1", "IPAddressList", 805),
    ("networking.k8s.io/v1alpha1", "ListOptions", 1104),
    ("networking.k8s.io/v1alpha1", "PatchOptions", 1112),
    ("networking.k8s.io/v1alpha1", "ServiceCIDR", 808),
    ("networking.k8s.io/v1alpha1", "ServiceCIDRList", 809),
    ("networking.k8s.io/v1alpha1", "UpdateOptions", 1123),
    ("networking.k8s.io/v1alpha1", "WatchEvent", 1125),
    ("networking.k8s.io/v1beta1", "CreateOptions", 1088),
    ("networking.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("networking.k8s.io/v1beta1", "GetOptions", 1093),
    ("networking.k8s.io/v1beta1", "IPAddress", 814),
    ("networking.k8s.io/v1beta1", "IPAddressList", 815),
    ("networking.k8s.io/v1beta1", "Ingress", 817),
    ("networking.k8s.io/v1beta1", "IngressClass", 819),
    ("networking.k8s.io/v1beta1", "IngressClassList", 820),
    ("networking.k8s.io/v1beta1", "IngressList", 823),
    ("networking.k8s.io/v1beta1", "ListOptions", 1104),
    ("networking.k8s.io/v1beta1", "PatchOptions", 1112),
    ("networking.k8s.io/v1beta1", "ServiceCIDR", 833),
    ("networking.k8s.io/v1beta1", "ServiceCIDRList", 834),
    ("networking.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("networking.k8s.io/v1beta1", "WatchEvent", 1125),
    ("node.k8s.io/v1", "CreateOptions", 1088),
    ("node.k8s.io/v1", "DeleteOptions", 1089),
    ("node.k8s.io/v1", "GetOptions", 1093),
    ("node.k8s.io/v1", "ListOptions", 1104),
    ("node.k8s.io/v1", "PatchOptions", 1112),
    ("node.k8s.io/v1", "RuntimeClass", 838),
    ("node.k8s.io/v1", "RuntimeClassList", 839),
    ("node.k8s.io/v1", "UpdateOptions", 1123),
    ("node.k8s.io/v1", "WatchEvent", 1125),
    ("node.k8s.io/v1alpha1", "CreateOptions", 1088),
    ("node.k8s.io/v1alpha1", "DeleteOptions", 1089),
    ("node.k8s.io/v1alpha1", "GetOptions", 1093),
    ("node.k8s.io/v1alpha1", "ListOptions", 1104),
    ("node.k8s.io/v1alpha1", "PatchOptions", 1112),
    ("node.k8s.io/v1alpha1", "RuntimeClass", 842),
    ("node.k8s.io/v1alpha1", "RuntimeClassList", 843),
    ("node.k8s.io/v1alpha1", "UpdateOptions", 1123),
    ("node.k8s.io/v1alpha1", "WatchEvent", 1125),
    ("node.k8s.io/v1beta1", "CreateOptions", 1088),
    ("node.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("node.k8s.io/v1beta1", "GetOptions", 1093),
    ("node.k8s.io/v1beta1", "ListOptions", 1104),
    ("node.k8s.io/v1beta1", "PatchOptions", 1112),
    ("node.k8s.io/v1beta1", "RuntimeClass", 847),
    ("node.k8s.io/v1beta1", "RuntimeClassList", 848),
    ("node.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("node.k8s.io/v1beta1", "WatchEvent", 1125),
    ("policy/v1", "CreateOptions", 1088),
    ("policy/v1", "DeleteOptions", 1089),
    ("policy/v1", "Eviction", 850),
    ("policy/v1", "GetOptions", 1093),
    ("policy/v1", "ListOptions", 1104),
    ("policy/v1", "PatchOptions", 1112),
    ("policy/v1", "PodDisruptionBudget", 851),
    ("policy/v1", "PodDisruptionBudgetList", 852),
    ("policy/v1", "UpdateOptions", 1123),
    ("policy/v1", "WatchEvent", 1125),
    ("policy/v1beta1", "CreateOptions", 1088),
    ("policy/v1beta1", "DeleteOptions", 1089),
    ("policy/v1beta1", "Eviction", 855),
    ("policy/v1beta1", "GetOptions", 1093),
    ("policy/v1beta1", "ListOptions", 1104),
    ("policy/v1beta1", "PatchOptions", 1112),
    ("policy/v1beta1", "PodDisruptionBudget", 856),
    ("policy/v1beta1", "PodDisruptionBudgetList", 857),
    ("policy/v1beta1", "UpdateOptions", 1123),
    ("policy/v1beta1", "WatchEvent", 1125),
    ("rbac.authorization.k8s.io/v1", "ClusterRole", 861),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", 862),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBindingList", 863),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleList", 864),
    ("rbac.authorization.k8s.io/v1", "CreateOptions", 1088),
    ("rbac.authorization.k8s.io/v1", "DeleteOptions", 1089),
    ("rbac.authorization.k8s.io/v1", "GetOptions", 1093),
    ("rbac.authorization.k8s.io/v1", "ListOptions", 1104),
    ("rbac.authorization.k8s.io/v1", "PatchOptions", 1112),
    ("rbac.authorization.k8s.io/v1", "Role", 866),
    ("rbac.authorization.k8s.io/v1", "RoleBinding", 867),
    ("rbac.authorization.k8s.io/v1", "RoleBindingList", 868),
    ("rbac.authorization.k8s.io/v1", "RoleList", 869),
    ("rbac.authorization.k8s.io/v1", "UpdateOptions", 1123),
    ("rbac.authorization.k8s.io/v1", "WatchEvent", 1125),
    ("rbac.authorization.k8s.io/v1alpha1", "ClusterRole", 873),
    ("rbac.authorization.k8s.io/v1alpha1", "ClusterRoleBinding", 874),
    ("rbac.authorization.k8s.io/v1alpha1", "ClusterRoleBindingList", 875),
    ("rbac.authorization.k8s.io/v1alpha1", "ClusterRoleList", 876),
    ("rbac.authorization.k8s.io/v1alpha1", "CreateOptions", 1088),
    ("rbac.authorization.k8s.io/v1alpha1", "DeleteOptions", 1089),
    ("rbac.authorization.k8s.io/v1alpha1", "GetOptions", 1093),
    ("rbac.authorization.k8s.io/v1alpha1", "ListOptions", 1104),
    ("rbac.authorization.k8s.io/v1alpha1", "PatchOptions", 1112),
    ("rbac.authorization.k8s.io/v1alpha1", "Role", 878),
    ("rbac.authorization.k8s.io/v1alpha1", "RoleBinding", 879),
    ("rbac.authorization.k8s.io/v1alpha1", "RoleBindingList", 880),
    ("rbac.authorization.k8s.io/v1alpha1", "RoleList", 881),
    ("rbac.authorization.k8s.io/v1alpha1", "UpdateOptions", 1123),
    ("rbac.authorization.k8s.io/v1alpha1", "WatchEvent", 1125),
    ("rbac.authorization.k8s.io/v1beta1", "ClusterRole", 885),
    ("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", 886),
    ("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBindingList", 887),
    ("rbac.authorization.k8s.io/v1beta1", "ClusterRoleList", 888),
    ("rbac.authorization.k8s.io/v1beta1", "CreateOptions", 1088),
    ("rbac.authorization.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("rbac.authorization.k8s.io/v1beta1", "GetOptions", 1093),
    ("rbac.authorization.k8s.io/v1beta1", "ListOptions", 1104),
    ("rbac.authorization.k8s.io/v1beta1", "PatchOptions", 1112),
    ("rbac.authorization.k8s.io/v1beta1", "Role", 890),
    ("rbac.authorization.k8s.io/v1beta1", "RoleBinding", 891),
    ("rbac.authorization.k8s.io/v1beta1", "RoleBindingList", 892),
    ("rbac.authorization.k8s.io/v1beta1", "RoleList", 893),
    ("rbac.authorization.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("rbac.authorization.k8s.io/v1beta1", "WatchEvent", 1125),
    ("resource.k8s.io/v1alpha3", "CreateOptions", 1088),
    ("resource.k8s.io/v1alpha3", "DeleteOptions", 1089),
    ("resource.k8s.io/v1alpha3", "DeviceClass", 908),
    ("resource.k8s.io/v1alpha3", "DeviceClassList", 910),
    ("resource.k8s.io/v1alpha3", "DeviceTaintRule", 920),
    ("resource.k8s.io/v1alpha3", "DeviceTaintRuleList", 921),
    ("resource.k8s.io/v1alpha3", "GetOptions", 1093),
    ("resource.k8s.io/v1alpha3", "ListOptions", 1104),
    ("resource.k8s.io/v1alpha3", "PatchOptions", 1112),
    ("resource.k8s.io/v1alpha3", "ResourceClaim", 927),
    ("resource.k8s.io/v1alpha3", "ResourceClaimList", 929),
    ("resource.k8s.io/v1alpha3", "ResourceClaimTemplate", 932),
    ("resource.k8s.io/v1alpha3", "ResourceClaimTemplateList", 933),
    ("resource.k8s.io/v1alpha3", "ResourceSlice", 936),
    ("resource.k8s.io/v1alpha3", "ResourceSliceList", 937),
    ("resource.k8s.io/v1alpha3", "UpdateOptions", 1123),
    ("resource.k8s.io/v1alpha3", "WatchEvent", 1125),
    ("resource.k8s.io/v1beta1", "CreateOptions", 1088),
    ("resource.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("resource.k8s.io/v1beta1", "DeviceClass", 952),
    ("resource.k8s.io/v1beta1", "DeviceClassList", 954),
    ("resource.k8s.io/v1beta1", "GetOptions", 1093),
    ("resource.k8s.io/v1beta1", "ListOptions", 1104),
    ("resource.k8s.io/v1beta1", "PatchOptions", 1112),
    ("resource.k8s.io/v1beta1", "ResourceClaim", 967),
    ("resource.k8s.io/v1beta1", "ResourceClaimList", 969),
    ("resource.k8s.io/v1beta1", "ResourceClaimTemplate", 972),
    ("resource.k8s.io/v1beta1", "ResourceClaimTemplateList", 973),
    ("resource.k8s.io/v1beta1", "ResourceSlice", 976),
    ("resource.k8s.io/v1beta1", "ResourceSliceList", 977),
    ("resource.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("resource.k8s.io/v1beta1", "WatchEvent", 1125),
    ("resource.k8s.io/v1beta2", "CreateOptions", 1088),
    ("resource.k8s.io/v1beta2", "DeleteOptions", 1089),
    ("resource.k8s.io/v1beta2", "DeviceClass", 991),
    ("resource.k8s.io/v1beta2", "DeviceClassList", 993),
    ("resource.k8s.io/v1beta2", "GetOptions", 1093),
    ("resource.k8s.io/v1beta2", "ListOptions", 1104),
    ("resource.k8s.io/v1beta2", "PatchOptions", 1112),
    ("resource.k8s.io/v1beta2", "ResourceClaim", 1007),
    ("resource.k8s.io/v1beta2", "ResourceClaimList", 1009),
    ("resource.k8s.io/v1beta2", "ResourceClaimTemplate", 1012),
    ("resource.k8s.io/v1beta2", "ResourceClaimTemplateList", 1013),
    ("resource.k8s.io/v1beta2", "ResourceSlice", 1016),
    ("resource.k8s.io/v1beta2", "ResourceSliceList", 1017),
    ("resource.k8s.io/v1beta2", "UpdateOptions", 1123),
    ("resource.k8s.io/v1beta2", "WatchEvent", 1125),
    ("scheduling.k8s.io/v1", "CreateOptions", 1088),
    ("scheduling.k8s.io/v1", "DeleteOptions", 1089),
    ("scheduling.k8s.io/v1", "GetOptions", 1093),
    ("scheduling.k8s.io/v1", "ListOptions", 1104),
    ("scheduling.k8s.io/v1", "PatchOptions", 1112),
    ("scheduling.k8s.io/v1", "PriorityClass", 1019),
    ("scheduling.k8s.io/v1", "PriorityClassList", 1020),
    ("scheduling.k8s.io/v1", "UpdateOptions", 1123),
    ("scheduling.k8s.io/v1", "WatchEvent", 1125),
    ("scheduling.k8s.io/v1alpha1", "CreateOptions", 1088),
    ("scheduling.k8s.io/v1alpha1", "DeleteOptions", 1089),
    ("scheduling.k8s.io/v1alpha1", "GetOptions", 1093),
    ("scheduling.k8s.io/v1alpha1", "ListOptions", 1104),
    ("scheduling.k8s.io/v1alpha1", "PatchOptions", 1112),
    ("scheduling.k8s.io/v1alpha1", "PriorityClass", 1021),
    ("scheduling.k8s.io/v1alpha1", "PriorityClassList", 1022),
    ("scheduling.k8s.io/v1alpha1", "UpdateOptions", 1123),
    ("scheduling.k8s.io/v1alpha1", "WatchEvent", 1125),
    ("scheduling.k8s.io/v1beta1", "CreateOptions", 1088),
    ("scheduling.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("scheduling.k8s.io/v1beta1", "GetOptions", 1093),
    ("scheduling.k8s.io/v1beta1", "ListOptions", 1104),
    ("scheduling.k8s.io/v1beta1", "PatchOptions", 1112),
    ("scheduling.k8s.io/v1beta1", "PriorityClass", 1023),
    ("scheduling.k8s.io/v1beta1", "PriorityClassList", 1024),
    ("scheduling.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("scheduling.k8s.io/v1beta1", "WatchEvent", 1125),
    ("storage.k8s.io/v1", "CSIDriver", 1025),
    ("storage.k8s.io/v1", "CSIDriverList", 1026),
    ("storage.k8s.io/v1", "CSINode", 1028),
    ("storage.k8s.io/v1", "CSINodeList", 1030),
    ("storage.k8s.io/v1", "CSIStorageCapacity", 1032),
    ("storage.k8s.io/v1", "CSIStorageCapacityList", 1033),
    ("storage.k8s.io/v1", "CreateOptions", 1088),
    ("storage.k8s.io/v1", "DeleteOptions", 1089),
    ("storage.k8s.io/v1", "GetOptions", 1093),
    ("storage.k8s.io/v1", "ListOptions", 1104),
    ("storage.k8s.io/v1", "PatchOptions", 1112),
    ("storage.k8s.io/v1", "StorageClass", 1034),
    ("storage.k8s.io/v1", "StorageClassList", 1035),
    ("storage.k8s.io/v1", "UpdateOptions", 1123),
    ("storage.k8s.io/v1", "VolumeAttachment", 1037),
    ("storage.k8s.io/v1", "VolumeAttachmentList", 1038),
    ("storage.k8s.io/v1", "WatchEvent", 1125),
    ("storage.k8s.io/v1alpha1", "CSIStorageCapacity", 1044),
    ("storage.k8s.io/v1alpha1", "CSIStorageCapacityList", 1045),
    ("storage.k8s.io/v1alpha1", "CreateOptions", 1088),
    ("storage.k8s.io/v1alpha1", "DeleteOptions", 1089),
    ("storage.k8s.io/v1alpha1", "GetOptions", 1093),
    ("storage.k8s.io/v1alpha1", "ListOptions", 1104),
    ("storage.k8s.io/v1alpha1", "PatchOptions", 1112),
    ("storage.k8s.io/v1alpha1", "UpdateOptions", 1123),
    ("storage.k8s.io/v1alpha1", "VolumeAttachment", 1046),
    ("storage.k8s.io/v1alpha1", "VolumeAttachmentList", 1047),
    ("storage.k8s.io/v1alpha1", "VolumeAttributesClass", 1051),
    ("storage.k8s.io/v1alpha1", "VolumeAttributesClassList", 1052),
    ("storage.k8s.io/v1alpha1", "WatchEvent", 1125),
    ("storage.k8s.io/v1beta1", "CSIDriver", 1054),
    ("storage.k8s.io/v1beta1", "CSIDriverList", 1055),
    ("storage.k8s.io/v1beta1", "CSINode", 1057),
    ("storage.k8s.io/v1beta1", "CSINodeList", 1059),
    ("storage.k8s.io/v1beta1", "CSIStorageCapacity", 1061),
    ("storage.k8s.io/v1beta1", "CSIStorageCapacityList", 1062),
    ("storage.k8s.io/v1beta1", "CreateOptions", 1088),
    ("storage.k8s.io/v1beta1", "DeleteOptions", 1089),
    ("storage.k8s.io/v1beta1", "GetOptions", 1093),
    ("storage.k8s.io/v1beta1", "ListOptions", 1104),
    ("storage.k8s.io/v1beta1", "PatchOptions", 1112),
    ("storage.k8s.io/v1beta1", "StorageClass", 1063),
    ("storage.k8s.io/v1beta1", "StorageClassList", 1064),
    ("storage.k8s.io/v1beta1", "UpdateOptions", 1123),
    ("storage.k8s.io/v1beta1", "VolumeAttachment", 1066),
    ("storage.k8s.io/v1beta1", "VolumeAttachmentList", 1067),
    ("storage.k8s.io/v1beta1", "VolumeAttributesClass", 1071),
    ("storage.k8s.io/v1beta1", "VolumeAttributesClassList", 1072),
    ("storage.k8s.io/v1beta1", "WatchEvent", 1125),
    ("storagemigration.k8s.io/v1alpha1", "CreateOptions", 1088),
    ("storagemigration.k8s.io/v1alpha1", "DeleteOptions", 1089),
    ("storagemigration.k8s.io/v1alpha1", "GetOptions", 1093),
    ("storagemigration.k8s.io/v1alpha1", "ListOptions", 1104),
    ("storagemigration.k8s.io/v1alpha1", "PatchOptions", 1112),
    ("storagemigration.k8s.io/v1alpha1", "StorageVersionMigration", 1077),
    ("storagemigration.k8s.io/v1alpha1", "StorageVersionMigrationList", 1078),
    ("storagemigration.k8s.io/v1alpha1", "UpdateOptions", 1123),
    ("storagemigration.k8s.io/v1alpha1", "WatchEvent", 1125),
    ("v1", "APIGroup", 1081),
    ("v1", "APIGroupList", 1082),
    ("v1", "APIResourceList", 1084),
    ("v1", "APIVersions", 1085),
    ("v1", "Binding", 383),
    ("v1", "ComponentStatus", 394),
    ("v1", "ComponentStatusList", 395),
    ("v1", "ConfigMap", 396),
    ("v1", "ConfigMapList", 399),
    ("v1", "CreateOptions", 1088),
    ("v1", "DeleteOptions", 1089),
    ("v1", "Endpoints", 421),
    ("v1", "EndpointsList", 422),
    ("v1", "Event", 429),
    ("v1", "EventList", 430),
    ("v1", "GetOptions", 1093),
    ("v1", "LimitRange", 454),
    ("v1", "LimitRangeList", 456),
    ("v1", "List", 459),
    ("v1", "ListOptions", 1104),
    ("v1", "Namespace", 466),
    ("v1", "NamespaceList", 468),
    ("v1", "Node", 471),
    ("v1", "NodeList", 479),
    ("v1", "NodeProxyOptions", 480),
    ("v1", "PatchOptions", 1112),
    ("v1", "PersistentVolume", 492),
    ("v1", "PersistentVolumeClaim", 493),
    ("v1", "PersistentVolumeClaimList", 495),
    ("v1", "PersistentVolumeList", 500),
    ("v1", "Pod", 505),
    ("v1", "PodAttachOptions", 509),
    ("v1", "PodExecOptions", 513),
    ("v1", "PodList", 515),
    ("v1", "PodLogOptions", 516),
    ("v1", "PodPortForwardOptions", 518),
    ("v1", "PodProxyOptions", 519),
    ("v1", "PodStatusResult", 528),
    ("v1", "PodTemplate", 529),
    ("v1", "PodTemplateList", 530),
    ("v1", "RangeAllocation", 543),
    ("v1", "ReplicationController", 544),
    ("v1", "ReplicationControllerList", 546),
    ("v1", "ResourceQuota", 552),
    ("v1", "ResourceQuotaList", 553),
    ("v1", "Secret", 564),
    ("v1", "SecretList", 567),
    ("v1", "SerializedReference", 572),
    ("v1", "Service", 573),
    ("v1", "ServiceAccount", 574),
    ("v1", "ServiceAccountList", 575),
    ("v1", "ServiceList", 577),
    ("v1", "ServiceProxyOptions", 579),
    ("v1", "Status", 1116),
    ("v1", "UpdateOptions", 1123),
    ("v1", "WatchEvent", 1125),
];

/// Kinds the scheme accepts under any apiVersion (meta/v1 unversioned types).
pub(crate) static UNVERSIONED: &[(&str, u16)] = &[
    ("APIGroup", 1081),
    ("APIGroupList", 1082),
    ("APIResourceList", 1084),
    ("APIVersions", 1085),
    ("Status", 1116),
];
