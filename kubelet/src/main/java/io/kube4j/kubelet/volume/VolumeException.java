package io.kube4j.kubelet.volume;

/** A volume that cannot be prepared; the message names the volume and what is missing. */
public final class VolumeException extends Exception {

    public VolumeException(String message) {
        super(message);
    }
}
