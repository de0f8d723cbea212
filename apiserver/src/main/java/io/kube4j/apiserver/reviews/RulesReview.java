package io.kube4j.apiserver.reviews;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.auth.RbacRule;
import io.kube4j.apiserver.auth.RbacRuleResolver;
import io.kube4j.apiserver.auth.UserInfo;
import io.kube4j.apiserver.rest.ResourceEndpoint;
import io.kube4j.common.api.Json;
import io.kube4j.common.api.meta.StatusException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SelfSubjectRulesReview} ({@code kubectl auth can-i --list}): the rules the requester holds
 * in {@code spec.namespace}. RBAC's rules are listed; {@code incomplete} says that another mode may
 * allow more than the list shows (ABAC; Node, for kubelets), as in Kubernetes.
 */
final class RulesReview implements ResourceEndpoint.Computed {

    private final RbacRuleResolver rbac;
    private final List<String> modes;

    RulesReview(RbacRuleResolver rbac, List<String> modes) {
        this.rbac = rbac;
        this.modes = List.copyOf(modes);
    }

    @Override
    public ObjectNode create(ObjectNode body, UserInfo requester) {
        String namespace = body.path("spec").path("namespace").asText("");
        if (namespace.isEmpty()) {
            throw StatusException.badRequest("no namespace on request");
        }
        List<RbacRule> rules = new ArrayList<>();
        boolean incomplete = false;
        String error = "";
        for (String mode : modes) {
            switch (mode.trim()) {
                case "RBAC" -> rules.addAll(rbac.rulesFor(requester, namespace));
                case "AlwaysAllow" -> {
                    rules.add(RbacRule.verbs("*").groups("*").resources("*"));
                    rules.add(RbacRule.verbs("*").urls("*"));
                }
                case "ABAC" -> incomplete = true;
                case "Node" -> {
                    if (requester.groups().contains("system:nodes") && requester.name().startsWith("system:node:")) {
                        incomplete = true;
                        error = "node authorizer does not support user rule resolution";
                    }
                }
                default -> {
                }
            }
        }
        ObjectNode review = Reviews.answer(body, "authorization.k8s.io/v1", "SelfSubjectRulesReview");
        ObjectNode status = review.putObject("status");
        ArrayNode resourceRules = status.putArray("resourceRules");
        ArrayNode nonResourceRules = status.putArray("nonResourceRules");
        for (RbacRule rule : rules) {
            if (!rule.resources().isEmpty()) {
                ObjectNode json = resourceRules.addObject();
                json.set("verbs", Json.MAPPER.valueToTree(rule.verbs()));
                json.set("apiGroups", Json.MAPPER.valueToTree(rule.apiGroups()));
                json.set("resources", Json.MAPPER.valueToTree(rule.resources()));
                if (!rule.resourceNames().isEmpty()) {
                    json.set("resourceNames", Json.MAPPER.valueToTree(rule.resourceNames()));
                }
            }
            if (!rule.nonResourceURLs().isEmpty()) {
                ObjectNode json = nonResourceRules.addObject();
                json.set("verbs", Json.MAPPER.valueToTree(rule.verbs()));
                json.set("nonResourceURLs", Json.MAPPER.valueToTree(rule.nonResourceURLs()));
            }
        }
        status.put("incomplete", incomplete);
        if (!error.isEmpty()) {
            status.put("evaluationError", error);
        }
        return review;
    }
}
