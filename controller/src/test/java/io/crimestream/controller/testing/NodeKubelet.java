package io.crimestream.controller.testing;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HostIPBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet of one stand-in node on the {@link LocalControlPlane}, for one namespace: it binds
 * every pod to the node (there is no scheduler), runs its container through a
 * {@link ContainerRunner} with the environment a kubelet gives (the pod's own, the API server's
 * {@code KUBERNETES_SERVICE_*}), materialises its volumes (emptyDir, hostPath, claims as folders,
 * ConfigMaps, Secrets and the projected ServiceAccount token, which it requests from the
 * TokenRequest API bound to the pod, as a kubelet does), writes the pod's status, and stops the
 * container of a pod being deleted before it confirms the deletion. Everything else is the real
 * control plane's: the Job controller creates the Jobs' pods, the garbage collector deletes what
 * lost its owner.
 *
 * <p>The node's DNS is a hosts file ({@link #hostsFile()}, for {@code -Djdk.net.hosts.file}):
 * every Service of the namespace and the API server's in-cluster names resolve to loopback,
 * where every pod of this node listens.
 */
public final class NodeKubelet implements AutoCloseable {

  public static final String NODE = "stand-in-node";
  /** Where a container's ServiceAccount token is mounted (the ServiceAccount admission plugin's). */
  public static final String SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
  private static final String POD_IP = "127.0.0.1";
  private static final Logger LOG = LoggerFactory.getLogger(NodeKubelet.class);

  private final LocalControlPlane cluster;
  private final KubernetesClient client;
  private final String namespace;
  private final ContainerRunner runner;
  private final Path root;
  private final Predicate<Pod> schedulable;
  private final Map<String, ContainerRunner.Running> running = new ConcurrentHashMap<>();
  private final Map<String, String> startedAt = new ConcurrentHashMap<>();
  private final Thread loop;
  private volatile boolean stopped;
  private String lastHosts;

  public NodeKubelet(LocalControlPlane cluster, String namespace, ContainerRunner runner,
                     Path root) throws IOException {
    this(cluster, namespace, runner, root, pod -> true);
  }

  /**
   * @param schedulable the pods this node takes; the others stay Pending, unscheduled, as on a
   *                    cluster without room for them
   */
  public NodeKubelet(LocalControlPlane cluster, String namespace, ContainerRunner runner,
                     Path root, Predicate<Pod> schedulable) throws IOException {
    this.cluster = cluster;
    this.schedulable = schedulable;
    this.client = cluster.admin();
    this.namespace = namespace;
    this.runner = runner;
    this.root = Files.createDirectories(root);
    writeHosts(List.of());
    this.loop = new Thread(this::run, "node-kubelet-" + namespace);
    loop.setDaemon(true);
    loop.start();
  }

  /** The node's name resolution, for the JVMs of its containers. */
  public Path hostsFile() {
    return root.resolve("hosts");
  }

  private void run() {
    while (!stopped) {
      try {
        writeHosts(client.services().inNamespace(namespace).list().getItems());
        sync();
      } catch (KubernetesClientException e) {
        // a conflict with a concurrent writer: the next pass sees the new version
        LOG.debug("kubelet pass: {}", e.getMessage());
      } catch (IOException | RuntimeException e) {
        LOG.warn("kubelet pass failed", e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sync() {
    List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
    Set<String> present = new HashSet<>();
    for (Pod pod : pods) {
      String uid = pod.getMetadata().getUid();
      present.add(uid);
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        terminate(pod);
        continue;
      }
      if (pod.getSpec().getNodeName() == null) {
        if (schedulable.test(pod)) {
          bind(pod);
        }
        continue;
      }
      if (!NODE.equals(pod.getSpec().getNodeName())) {
        continue;
      }
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
        continue;
      }
      ContainerRunner.Running container = running.get(uid);
      if (container == null) {
        start(pod);
        continue;
      }
      OptionalInt exit = container.exitCode();
      if (exit.isPresent()) {
        finish(pod, exit.getAsInt(), container.terminationMessage());
        running.remove(uid);
      }
    }
    for (var entry : List.copyOf(running.entrySet())) {
      if (!present.contains(entry.getKey())) {
        entry.getValue().kill();
        running.remove(entry.getKey());
      }
    }
  }

  /** What the scheduler would do: the pod goes to this node. */
  private void bind(Pod pod) {
    client.resource(new BindingBuilder()
        .withNewMetadata().withName(pod.getMetadata().getName()).withNamespace(namespace)
        .withUid(pod.getMetadata().getUid()).endMetadata()
        .withNewTarget().withApiVersion("v1").withKind("Node").withName(NODE).endTarget()
        .build()).create();
  }

  /** A pod being deleted: its container is stopped, then the kubelet confirms the deletion. */
  private void terminate(Pod pod) {
    ContainerRunner.Running container = running.remove(pod.getMetadata().getUid());
    if (container != null) {
      container.kill();
    }
    client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
        .withGracePeriod(0).delete();
  }

  private void start(Pod pod) {
    Container container = pod.getSpec().getContainers().get(0);
    ContainerLaunch launch;
    try {
      launch = launch(pod, container);
    } catch (NotYetAvailable e) {
      // a real kubelet keeps the pod in ContainerCreating until the volume can be mounted
      LOG.debug("pod {} waits: {}", pod.getMetadata().getName(), e.getMessage());
      return;
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot start pod {}", pod.getMetadata().getName(), e);
      finish(pod, 128, "stand-in kubelet cannot start the container: " + e.getMessage());
      return;
    }
    try {
      running.put(pod.getMetadata().getUid(), runner.start(launch));
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot run pod {}", pod.getMetadata().getName(), e);
      finish(pod, 128, "stand-in kubelet cannot run the container: " + e.getMessage());
      return;
    }
    String now = Instant.now().toString();
    startedAt.put(pod.getMetadata().getUid(), now);
    writeStatus(pod, "Running", true, new ContainerStatusBuilder()
        .withName(container.getName()).withImage(container.getImage())
        .withImageID("stand-in://" + container.getImage())
        .withContainerID("stand-in://" + pod.getMetadata().getUid())
        .withReady(true).withStarted(true).withRestartCount(0)
        .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(now)
            .endRunning().build()).build());
  }

  private void finish(Pod pod, int exitCode, String message) {
    Container container = pod.getSpec().getContainers().get(0);
    String now = Instant.now().toString();
    writeStatus(pod, exitCode == 0 ? "Succeeded" : "Failed", false, new ContainerStatusBuilder()
        .withName(container.getName()).withImage(container.getImage())
        .withImageID("stand-in://" + container.getImage())
        .withContainerID("stand-in://" + pod.getMetadata().getUid())
        .withReady(false).withStarted(false).withRestartCount(0)
        .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(exitCode)
            .withReason(exitCode == 0 ? "Completed" : "Error").withMessage(message)
            .withStartedAt(startedAt.getOrDefault(pod.getMetadata().getUid(), now))
            .withFinishedAt(now).endTerminated().build()).build());
  }

  /** The pod's status as a kubelet reports it; what the API server set (qosClass) stays. */
  private void writeStatus(Pod pod, String phase, boolean ready, ContainerStatus container) {
    String now = Instant.now().toString();
    client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).editStatus(p -> {
      PodStatus status = p.getStatus() != null ? p.getStatus() : new PodStatus();
      status.setPhase(phase);
      status.setHostIP(POD_IP);
      status.setHostIPs(List.of(new HostIPBuilder().withIp(POD_IP).build()));
      status.setPodIP(POD_IP);
      status.setPodIPs(List.of(new PodIPBuilder().withIp(POD_IP).build()));
      if (status.getStartTime() == null) {
        status.setStartTime(now);
      }
      List<PodCondition> conditions = new ArrayList<>();
      for (String type : List.of("PodScheduled", "Initialized", "ContainersReady", "Ready")) {
        boolean isTrue = ready || type.equals("PodScheduled") || type.equals("Initialized");
        conditions.add(new PodConditionBuilder().withType(type)
            .withStatus(isTrue ? "True" : "False").withLastTransitionTime(now).build());
      }
      status.setConditions(conditions);
      status.setContainerStatuses(List.of(container));
      p.setStatus(status);
      return p;
    });
  }

  /** What a kubelet makes of the pod spec on this machine. */
  private ContainerLaunch launch(Pod pod, Container container) throws IOException {
    Path podDir = Files.createDirectories(root.resolve("pods").resolve(pod.getMetadata().getName()
        + "-" + pod.getMetadata().getUid()));
    Map<String, Path> mounts = new LinkedHashMap<>();
    for (VolumeMount mount : container.getVolumeMounts()) {
      Volume volume = pod.getSpec().getVolumes().stream()
          .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow(
              () -> new IllegalArgumentException("no volume " + mount.getName()));
      Path dir = hostDir(pod, podDir, volume);
      mounts.put(mount.getMountPath(), mount.getSubPath() == null ? dir
          : dir.resolve(mount.getSubPath()));
    }
    String terminationPath = Objects.requireNonNullElse(container.getTerminationMessagePath(),
        "/dev/termination-log");
    Path terminationLog = podDir.resolve("termination-log");
    Files.writeString(terminationLog, "");
    mounts.put(terminationPath, terminationLog);

    // what a kubelet gives every container: the API server's Service (here its loopback port)
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KUBERNETES_SERVICE_HOST", POD_IP);
    env.put("KUBERNETES_SERVICE_PORT", Integer.toString(cluster.port()));
    env.put("KUBERNETES_SERVICE_PORT_HTTPS", Integer.toString(cluster.port()));
    env.put("KUBERNETES_PORT", "tcp://" + POD_IP + ":" + cluster.port());
    env.put("HOSTNAME", pod.getMetadata().getName());
    for (EnvVar var : container.getEnv()) {
      String value = var.getValue();
      if (var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null) {
        value = switch (var.getValueFrom().getFieldRef().getFieldPath()) {
          case "metadata.name" -> pod.getMetadata().getName();
          case "metadata.namespace" -> pod.getMetadata().getNamespace();
          case "metadata.uid" -> pod.getMetadata().getUid();
          case "spec.nodeName" -> NODE;
          case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
          case "status.podIP", "status.hostIP" -> POD_IP;
          default -> throw new IllegalArgumentException("fieldRef "
              + var.getValueFrom().getFieldRef().getFieldPath() + " is not supported here");
        };
      } else if (var.getValueFrom() != null) {
        throw new IllegalArgumentException("env " + var.getName() + ": only fieldRef is supported");
      }
      env.put(var.getName(), StandInKubelet.map(StandInKubelet.expand(
          Objects.requireNonNullElse(value, ""), env), mounts));
    }
    Path serviceAccount = mounts.get(SERVICE_ACCOUNT_DIR);
    if (serviceAccount != null) {
      // Kubernetes clients read the token and CA from fixed paths; these variables point
      // Fabric8's (the driver's, the metrics sink's) at where this node put them
      env.put("KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN", serviceAccount.resolve("token").toString());
      env.put("KUBERNETES_CERTS_CA_FILE", serviceAccount.resolve("ca.crt").toString());
    }
    // a container image has no kubeconfig: Fabric8 must not find this machine's
    env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");

    List<String> command = new ArrayList<>();
    container.getCommand().forEach(c -> command.add(StandInKubelet.map(
        StandInKubelet.expand(c, env), mounts)));
    container.getArgs().forEach(a -> command.add(StandInKubelet.map(
        StandInKubelet.expand(a, env), mounts)));
    Path workDir = Files.createDirectories(podDir.resolve("work"));
    // the local process runner plays the image's init (tini): it forwards the kill and reaps
    return new ContainerLaunch(pod, container, StandInKubelet.withoutInit(command), Map.copyOf(env),
        workDir, terminationLog, podDir.resolve("container.log"));
  }

  private Path hostDir(Pod pod, Path podDir, Volume volume) throws IOException {
    if (volume.getHostPath() != null) {
      return Path.of(volume.getHostPath().getPath());
    }
    if (volume.getPersistentVolumeClaim() != null) {
      // a claim outlives its pods: the checkpoint survives a driver's replacement
      return Files.createDirectories(root.resolve("claims")
          .resolve(volume.getPersistentVolumeClaim().getClaimName()));
    }
    Path dir = Files.createDirectories(podDir.resolve("volumes").resolve(volume.getName()));
    if (volume.getConfigMap() != null) {
      writeConfigMap(volume.getConfigMap().getName(), volume.getConfigMap().getItems(), dir);
    } else if (volume.getSecret() != null) {
      writeSecret(volume.getSecret().getSecretName(), volume.getSecret().getItems(), dir);
    } else if (volume.getProjected() != null) {
      for (VolumeProjection source : volume.getProjected().getSources()) {
        project(pod, source, dir);
      }
    } else if (volume.getEmptyDir() == null) {
      throw new IllegalArgumentException("volume " + volume.getName() + " is of a kind the"
          + " stand-in kubelet does not provide");
    }
    return dir;
  }

  /** A projected volume's source: a ServiceAccount token, a ConfigMap or the pod's namespace. */
  private void project(Pod pod, VolumeProjection source, Path dir) throws IOException {
    if (source.getServiceAccountToken() != null) {
      var projection = source.getServiceAccountToken();
      String token = client.serviceAccounts().inNamespace(namespace)
          .withName(pod.getSpec().getServiceAccountName())
          .tokenRequest(new TokenRequestBuilder().withNewSpec()
              .withAudiences(projection.getAudience() == null ? List.of()
                  : List.of(projection.getAudience()))
              .withExpirationSeconds(projection.getExpirationSeconds())
              .withNewBoundObjectRef().withApiVersion("v1").withKind("Pod")
              .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid())
              .endBoundObjectRef().endSpec().build())
          .getStatus().getToken();
      write(dir.resolve(projection.getPath()), token.getBytes(StandardCharsets.UTF_8));
    } else if (source.getConfigMap() != null) {
      writeConfigMap(source.getConfigMap().getName(), source.getConfigMap().getItems(), dir);
    } else if (source.getDownwardAPI() != null) {
      for (var item : source.getDownwardAPI().getItems()) {
        String path = item.getFieldRef() == null ? null : item.getFieldRef().getFieldPath();
        if (!"metadata.namespace".equals(path)) {
          throw new IllegalArgumentException("downwardAPI " + path + " is not supported here");
        }
        write(dir.resolve(item.getPath()), namespace.getBytes(StandardCharsets.UTF_8));
      }
    } else if (source.getSecret() != null) {
      writeSecret(source.getSecret().getName(), source.getSecret().getItems(), dir);
    } else {
      throw new IllegalArgumentException("projected source " + source
          + " is not supported here");
    }
  }

  private void writeConfigMap(String name, List<io.fabric8.kubernetes.api.model.KeyToPath> items,
                              Path dir) throws IOException {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
    if (cm == null) {
      throw new NotYetAvailable("ConfigMap " + name + " does not exist yet");
    }
    Map<String, byte[]> data = new LinkedHashMap<>();
    Objects.requireNonNullElse(cm.getData(), Map.<String, String>of())
        .forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
    writeItems("ConfigMap " + name, data, items, dir);
  }

  private void writeSecret(String name, List<io.fabric8.kubernetes.api.model.KeyToPath> items,
                           Path dir) throws IOException {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      throw new NotYetAvailable("Secret " + name + " does not exist yet");
    }
    Map<String, byte[]> data = new LinkedHashMap<>();
    Objects.requireNonNullElse(secret.getData(), Map.<String, String>of())
        .forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    writeItems("Secret " + name, data, items, dir);
  }

  private static void writeItems(String what, Map<String, byte[]> data,
                                 List<io.fabric8.kubernetes.api.model.KeyToPath> items, Path dir)
      throws IOException {
    if (items == null || items.isEmpty()) {
      for (var e : data.entrySet()) {
        write(dir.resolve(e.getKey()), e.getValue());
      }
      return;
    }
    for (var item : items) {
      byte[] value = data.get(item.getKey());
      if (value == null) {
        throw new IllegalArgumentException(what + " has no key " + item.getKey());
      }
      write(dir.resolve(item.getPath()), value);
    }
  }

  private static void write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  /**
   * The node's DNS: Services of the namespace and the API server's names, all on loopback, and
   * this machine's own name (which a JVM looks up for its local address).
   */
  private void writeHosts(List<Service> services) throws IOException {
    Set<String> names = new TreeSet<>(List.of("localhost", "kubernetes", "kubernetes.default",
        "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"));
    names.add(InetAddress.getLocalHost().getHostName());
    for (Service s : services) {
      String name = s.getMetadata().getName() + "." + namespace;
      names.addAll(List.of(name, name + ".svc", name + ".svc.cluster.local"));
    }
    StringBuilder hosts = new StringBuilder("# the stand-in node's DNS: everything runs on loopback\n");
    names.forEach(n -> hosts.append(POD_IP).append(' ').append(n).append('\n'));
    if (hosts.toString().equals(lastHosts)) {
      return;
    }
    lastHosts = hosts.toString();
    Path partial = root.resolve("hosts.partial");
    Files.writeString(partial, hosts);
    Files.move(partial, hostsFile(), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** Stops the containers still running; the pods stay as the API server has them. */
  @Override
  public void close() {
    stopped = true;
    loop.interrupt();
    try {
      loop.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running.values().forEach(ContainerRunner.Running::kill);
    running.clear();
  }

  /** A volume's source that does not exist yet: the pod waits, as in ContainerCreating. */
  private static final class NotYetAvailable extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NotYetAvailable(String message) {
      super(message);
    }
  }
}
