package io.kube4j.scheduler.framework;

import java.util.List;

/**
 * The result of running a plugin: a code that tells the caller what happens next, the reasons
 * behind it (short, countable phrases such as {@code Insufficient cpu}), and the plugin that
 * produced it.
 *
 * @param plugin the plugin that produced the status, "" when not yet attributed
 */
public record Status(Code code, List<String> reasons, String plugin) {

    /** What a status makes the caller do. */
    public enum Code {
        /** Go on: the node passes, or the pod is bound. */
        SUCCESS,
        /** The node cannot run the pod now; other pods leaving could change that. */
        UNSCHEDULABLE,
        /** The node cannot run the pod until the node or the pod itself changes. */
        UNSCHEDULABLE_AND_UNRESOLVABLE,
        /** Something went wrong (not the pod's fault): retry the pod after a backoff. */
        ERROR
    }

    public static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), "");

    public Status {
        reasons = List.copyOf(reasons);
    }

    public static Status unschedulable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE, List.of(reasons), "");
    }

    public static Status unresolvable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, List.of(reasons), "");
    }

    public static Status error(String reason) {
        return new Status(Code.ERROR, List.of(reason), "");
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }

    /** The same status attributed to {@code pluginName}. */
    public Status withPlugin(String pluginName) {
        return isSuccess() ? this : new Status(code, reasons, pluginName);
    }

    /** The reasons joined with ", ". */
    public String message() {
        return String.join(", ", reasons);
    }
}
