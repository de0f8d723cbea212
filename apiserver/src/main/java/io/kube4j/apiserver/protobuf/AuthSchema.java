package io.kube4j.apiserver.protobuf;

import static io.kube4j.apiserver.protobuf.MetaSchema.OBJECT_META;

/**
 * k8s.io/api authorization/v1 (access reviews, {@code kubectl auth can-i}), authentication/v1
 * (token requests and reviews, {@code kubectl create token}, {@code kubectl auth whoami}) and
 * certificates/v1 ({@code kubectl certificate approve|deny}).
 */
final class AuthSchema {

    private static final String AUTHORIZATION = "authorization.k8s.io/v1";
    private static final String AUTHENTICATION = "authentication.k8s.io/v1";
    private static final String CERTIFICATES = "certificates.k8s.io/v1";

    private AuthSchema() {
    }

    static void register(Schema.Builder schema) {
        authorization(schema);
        authentication(schema);
        certificates(schema);
    }

    private static void authorization(Schema.Builder schema) {
        schema.message("authz.SelfSubjectAccessReview")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "authz.SelfSubjectAccessReviewSpec")
                .object(3, "status", "authz.SubjectAccessReviewStatus");
        schema.message("authz.SelfSubjectAccessReviewSpec")
                .object(1, "resourceAttributes", "authz.ResourceAttributes")
                .object(2, "nonResourceAttributes", "authz.NonResourceAttributes");
        // SubjectAccessReview and LocalSubjectAccessReview have the same fields.
        schema.message("authz.SubjectAccessReview")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "authz.SubjectAccessReviewSpec")
                .object(3, "status", "authz.SubjectAccessReviewStatus");
        schema.message("authz.SubjectAccessReviewSpec")
                .object(1, "resourceAttributes", "authz.ResourceAttributes")
                .object(2, "nonResourceAttributes", "authz.NonResourceAttributes")
                .string(3, "user")
                .strings(4, "groups")
                .stringListMap(5, "extra")
                .string(6, "uid");
        schema.message("authz.ResourceAttributes")
                .string(1, "namespace")
                .string(2, "verb")
                .string(3, "group")
                .string(4, "version")
                .string(5, "resource")
                .string(6, "subresource")
                .string(7, "name");
        schema.message("authz.NonResourceAttributes")
                .string(1, "path")
                .string(2, "verb");
        schema.message("authz.SubjectAccessReviewStatus")
                .optBool(1, "allowed")
                .string(2, "reason")
                .string(3, "evaluationError")
                .bool(4, "denied");
        schema.message("authz.SelfSubjectRulesReview")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "authz.SelfSubjectRulesReviewSpec")
                .object(3, "status", "authz.SubjectRulesReviewStatus");
        schema.message("authz.SelfSubjectRulesReviewSpec")
                .string(1, "namespace");
        schema.message("authz.SubjectRulesReviewStatus")
                .objects(1, "resourceRules", "authz.ResourceRule")
                .objects(2, "nonResourceRules", "authz.NonResourceRule")
                .bool(3, "incomplete")
                .string(4, "evaluationError");
        schema.message("authz.ResourceRule")
                .strings(1, "verbs")
                .strings(2, "apiGroups")
                .strings(3, "resources")
                .strings(4, "resourceNames");
        schema.message("authz.NonResourceRule")
                .strings(1, "verbs")
                .strings(2, "nonResourceURLs");

        schema.kind(AUTHORIZATION, "SelfSubjectAccessReview", "authz.SelfSubjectAccessReview")
                .kind(AUTHORIZATION, "SubjectAccessReview", "authz.SubjectAccessReview")
                .kind(AUTHORIZATION, "LocalSubjectAccessReview", "authz.SubjectAccessReview")
                .kind(AUTHORIZATION, "SelfSubjectRulesReview", "authz.SelfSubjectRulesReview");
    }

    private static void authentication(Schema.Builder schema) {
        schema.message("authn.TokenRequest")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "authn.TokenRequestSpec")
                .object(3, "status", "authn.TokenRequestStatus");
        schema.message("authn.TokenRequestSpec")
                .strings(1, "audiences")
                .object(3, "boundObjectRef", "authn.BoundObjectReference")
                .optInt64(4, "expirationSeconds");
        schema.message("authn.BoundObjectReference")
                .string(1, "kind")
                .string(2, "apiVersion")
                .string(3, "name")
                .string(4, "uid");
        schema.message("authn.TokenRequestStatus")
                .string(1, "token")
                .time(2, "expirationTimestamp");
        schema.message("authn.TokenReview")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "authn.TokenReviewSpec")
                .object(3, "status", "authn.TokenReviewStatus");
        schema.message("authn.TokenReviewSpec")
                .string(1, "token")
                .strings(2, "audiences");
        schema.message("authn.TokenReviewStatus")
                .bool(1, "authenticated")
                .object(2, "user", "authn.UserInfo")
                .string(3, "error")
                .strings(4, "audiences");
        schema.message("authn.UserInfo")
                .string(1, "username")
                .string(2, "uid")
                .strings(3, "groups")
                .stringListMap(4, "extra");
        schema.message("authn.SelfSubjectReview")
                .object(1, "metadata", OBJECT_META)
                .object(2, "status", "authn.SelfSubjectReviewStatus");
        schema.message("authn.SelfSubjectReviewStatus")
                .object(1, "userInfo", "authn.UserInfo");

        schema.kind(AUTHENTICATION, "TokenRequest", "authn.TokenRequest")
                .kind(AUTHENTICATION, "TokenReview", "authn.TokenReview")
                .kind(AUTHENTICATION, "SelfSubjectReview", "authn.SelfSubjectReview")
                .kind("authentication.k8s.io/v1beta1", "SelfSubjectReview", "authn.SelfSubjectReview");
    }

    private static void certificates(Schema.Builder schema) {
        schema.message("certificates.CertificateSigningRequest")
                .object(1, "metadata", OBJECT_META)
                .object(2, "spec", "certificates.CertificateSigningRequestSpec")
                .object(3, "status", "certificates.CertificateSigningRequestStatus");
        schema.message("certificates.CertificateSigningRequestSpec")
                .bytes(1, "request")
                .string(2, "username")
                .string(3, "uid")
                .strings(4, "groups")
                .strings(5, "usages")
                .stringListMap(6, "extra")
                .string(7, "signerName")
                .optInt32(8, "expirationSeconds");
        schema.message("certificates.CertificateSigningRequestStatus")
                .objects(1, "conditions", "certificates.CertificateSigningRequestCondition")
                .bytes(2, "certificate");
        schema.message("certificates.CertificateSigningRequestCondition")
                .string(1, "type")
                .string(2, "reason")
                .string(3, "message")
                .time(4, "lastUpdateTime")
                .time(5, "lastTransitionTime")
                .string(6, "status");

        schema.kind(CERTIFICATES, "CertificateSigningRequest", "certificates.CertificateSigningRequest");
    }
}
