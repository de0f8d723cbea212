package io.kube4j.apiserver.auth;

/**
 * Mode {@code RBAC}: allows what some (Cluster)RoleBinding of the user grants, and otherwise has
 * no opinion, so that a later mode may still allow; RBAC itself never denies.
 */
final class RbacAuthorizer implements Authorizer {

    private final RbacRuleResolver rules;

    RbacAuthorizer(RbacRuleResolver rules) {
        this.rules = rules;
    }

    @Override
    public Decision authorize(RequestAttributes attributes) {
        return rules.grant(attributes).map(Decision::allow).orElse(Decision.NO_OPINION);
    }
}
