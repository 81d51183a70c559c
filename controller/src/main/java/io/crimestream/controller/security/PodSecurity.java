package io.crimestream.controller.security;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * The restricted Pod Security Standard for every pod the controller writes: a numeric non-root
 * user (so that the kubelet can check it whatever the image's USER says), no privilege
 * escalation, no capabilities, the runtime's seccomp profile and a read-only root file system
 * (writable places are emptyDir volumes).
 */
public final class PodSecurity {

  /** The producer image's user; its files must be readable by it. */
  public static final long PRODUCER_UID = 10001;
  /** The official apache/spark image's {@code spark} user and group. */
  public static final long SPARK_UID = 185;

  private PodSecurity() {}

  public static PodSecurityContext pod(long uid) {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(uid)
        .withRunAsGroup(uid)
        // volumes (the checkpoint claim) become writable by the group
        .withFsGroup(uid)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  public static SecurityContext container() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .build();
  }
}
