package io.crimestream.controller.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A container as the stand-in kubelet starts it: command and arguments with {@code $(VAR)}
 * expanded and the volumes' mount paths mapped to folders on this machine, the environment the
 * pod spec gives plus what a kubelet adds (the API server's address).
 *
 * @param pod             the pod, as the API server holds it
 * @param container       its (only) container's spec
 * @param command         the image's entry point when the spec sets no command, then the args
 * @param env             the container's environment
 * @param workDir         a folder of its own to run in
 * @param terminationLog  where {@code terminationMessagePath} is on this machine
 * @param log             the container's stdout and stderr
 */
public record ContainerLaunch(Pod pod, Container container, List<String> command,
                              Map<String, String> env, Path workDir, Path terminationLog,
                              Path log) {

  public String image() {
    return container.getImage();
  }

  /** The value following {@code option} in the command line, if any. */
  public String option(String option) {
    int i = command.indexOf(option);
    return i >= 0 && i + 1 < command.size() ? command.get(i + 1) : null;
  }
}
