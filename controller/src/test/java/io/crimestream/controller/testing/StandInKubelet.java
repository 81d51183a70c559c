package io.crimestream.controller.testing;

import io.crimestream.controller.api.CrimeStream;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.strimzi.api.kafka.model.common.ConditionBuilder;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small stand-in for what a cluster runs besides the controller, in one namespace of the mock
 * API server: Strimzi's topic operator (creates the topic, marks the KafkaTopic Ready), the Job
 * controller (a pod per attempt, up to the backoff limit; Complete or Failed), a kubelet (runs
 * each pod's container through a {@link ContainerRunner}, writes the pod's status back, kills
 * the container when the pod is deleted, standing in for the image's init {@code tini} as well;
 * volumes: emptyDir, hostPath, claims, ConfigMaps and Secrets) and the garbage collector (deletes objects whose owners are gone). It polls, like the
 * real ones resync, and stops with {@link #close()}.
 */
public final class StandInKubelet implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StandInKubelet.class);
  private static final Pattern VAR = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
  /** The image's entry point, when a container sets only args (the producer image's layout). */
  private static final Map<String, List<String>> ENTRY_POINTS = new ConcurrentHashMap<>();

  private final KubernetesClient client;
  private final String namespace;
  private final ContainerRunner runner;
  private final Consumer<String> topicCreator;
  private final String apiServerUrl;
  private final Path root;
  private final Map<String, ContainerRunner.Running> running = new ConcurrentHashMap<>();
  private final Map<String, Integer> podsCreatedPerJob = new ConcurrentHashMap<>();
  private final AtomicInteger passes = new AtomicInteger();
  private final Thread loop;
  private volatile boolean stopped;

  /**
   * @param topicCreator creates a topic in the broker; {@code null} for no topic operator (a
   *                     KafkaTopic then never becomes Ready)
   */
  public StandInKubelet(KubernetesClient client, String namespace, ContainerRunner runner,
                        Consumer<String> topicCreator, String apiServerUrl, Path root) {
    this.client = client;
    this.namespace = namespace;
    this.runner = runner;
    this.topicCreator = topicCreator;
    this.apiServerUrl = apiServerUrl;
    this.root = root;
    this.loop = new Thread(this::run, "stand-in-kubelet");
    loop.setDaemon(true);
    loop.start();
  }

  /** Declares the entry point of an image, for containers that set only args. */
  public static void entryPoint(String image, List<String> command) {
    ENTRY_POINTS.put(image, command);
  }

  /** Passes of the loop so far: a test can wait for one more pass after a change. */
  public int passes() {
    return passes.get();
  }

  private void run() {
    while (!stopped) {
      try {
        topicOperator();
        jobController();
        kubelet();
        garbageCollector();
      } catch (KubernetesClientException e) {
        // a conflict with a concurrent writer: the next pass sees the new version
        LOG.debug("stand-in pass: {}", e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("stand-in pass failed", e);
      }
      passes.incrementAndGet();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void topicOperator() {
    if (topicCreator == null) {
      return;
    }
    for (KafkaTopic topic : client.resources(KafkaTopic.class).inNamespace(namespace).list()
        .getItems()) {
      boolean ready = topic.getStatus() != null && topic.getStatus().getConditions() != null
          && topic.getStatus().getConditions().stream()
          .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
      if (ready) {
        continue;
      }
      String name = topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName()
          : topic.getMetadata().getName();
      topicCreator.accept(name);
      client.resources(KafkaTopic.class).inNamespace(namespace)
          .withName(topic.getMetadata().getName()).editStatus(t -> {
            var status = new io.strimzi.api.kafka.model.topic.KafkaTopicStatus();
            status.setTopicName(name);
            status.setObservedGeneration(t.getMetadata().getGeneration());
            status.setConditions(List.of(new ConditionBuilder().withType("Ready")
                .withStatus("True").withLastTransitionTime(Instant.now().toString()).build()));
            t.setStatus(status);
            return t;
          });
    }
  }

  private void jobController() {
    List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
    for (Job job : client.batch().v1().jobs().inNamespace(namespace).list().getItems()) {
      if (job.getStatus() != null && job.getStatus().getConditions() != null
          && job.getStatus().getConditions().stream().anyMatch(c -> "True".equals(c.getStatus())
          && ("Complete".equals(c.getType()) || "Failed".equals(c.getType())))) {
        continue;
      }
      String uid = job.getMetadata().getUid();
      List<Pod> own = pods.stream().filter(p -> ownedBy(p, uid)).toList();
      long succeeded = own.stream().filter(p -> "Succeeded".equals(phase(p))).count();
      long failed = own.stream().filter(p -> "Failed".equals(phase(p))).count();
      long active = own.size() - succeeded - failed;
      int backoffLimit = Objects.requireNonNullElse(job.getSpec().getBackoffLimit(), 6);
      String now = Instant.now().toString();
      if (succeeded > 0) {
        editJobStatus(job, (int) succeeded, (int) failed, 0, new JobConditionBuilder()
            .withType("Complete").withStatus("True").withLastTransitionTime(now).build());
      } else if (failed > backoffLimit) {
        editJobStatus(job, 0, (int) failed, 0, new JobConditionBuilder()
            .withType("Failed").withStatus("True").withReason("BackoffLimitExceeded")
            .withMessage("Job has reached the specified backoff limit")
            .withLastTransitionTime(now).build());
      } else if (active == 0) {
        int n = podsCreatedPerJob.merge(uid, 1, Integer::sum);
        Pod pod = new PodBuilder()
            .withNewMetadata()
            .withName(job.getMetadata().getName() + "-" + n)
            .withNamespace(namespace)
            .withLabels(new LinkedHashMap<>(job.getSpec().getTemplate().getMetadata().getLabels()))
            .addToLabels("job-name", job.getMetadata().getName())
            .withOwnerReferences(owner(job))
            .endMetadata()
            .withSpec(job.getSpec().getTemplate().getSpec())
            .build();
        client.pods().inNamespace(namespace).resource(pod).create();
        editJobStatus(job, 0, (int) failed, 1, null);
      }
    }
  }

  private void editJobStatus(Job job, int succeeded, int failed, int active,
                             io.fabric8.kubernetes.api.model.batch.v1.JobCondition condition) {
    client.batch().v1().jobs().inNamespace(namespace).withName(job.getMetadata().getName())
        .editStatus(j -> {
          var status = j.getStatus() != null ? j.getStatus()
              : new io.fabric8.kubernetes.api.model.batch.v1.JobStatus();
          status.setSucceeded(succeeded == 0 ? null : succeeded);
          status.setFailed(failed == 0 ? null : failed);
          status.setActive(active == 0 ? null : active);
          if (condition != null) {
            List<io.fabric8.kubernetes.api.model.batch.v1.JobCondition> conditions =
                new ArrayList<>(status.getConditions());
            conditions.add(condition);
            status.setConditions(conditions);
          }
          j.setStatus(status);
          return j;
        });
  }

  private void kubelet() {
    List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
    Set<String> present = new HashSet<>();
    for (Pod pod : pods) {
      String uid = pod.getMetadata().getUid();
      present.add(uid);
      String phase = phase(pod);
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
    // a deleted pod's container is stopped, as a kubelet does after the grace period
    for (var entry : List.copyOf(running.entrySet())) {
      if (!present.contains(entry.getKey())) {
        entry.getValue().kill();
        running.remove(entry.getKey());
      }
    }
  }

  private void start(Pod pod) {
    Container container = pod.getSpec().getContainers().get(0);
    ContainerLaunch launch;
    try {
      launch = launch(pod, container);
      running.put(pod.getMetadata().getUid(), runner.start(launch));
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot start pod {}", pod.getMetadata().getName(), e);
      finish(pod, 128, "stand-in kubelet cannot start the container: " + e.getMessage());
      return;
    }
    String now = Instant.now().toString();
    client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).editStatus(p -> {
      p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
          .withPhase("Running").withPodIP("127.0.0.1").withStartTime(now)
          .withContainerStatuses(new ContainerStatusBuilder().withName(container.getName())
              .withImage(container.getImage()).withReady(true).withStarted(true)
              .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(now)
                  .endRunning().build()).build())
          .build());
      return p;
    });
  }

  private void finish(Pod pod, int exitCode, String message) {
    String now = Instant.now().toString();
    Container container = pod.getSpec().getContainers().get(0);
    client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).editStatus(p -> {
      p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
          .withPhase(exitCode == 0 ? "Succeeded" : "Failed").withPodIP("127.0.0.1")
          .withContainerStatuses(new ContainerStatusBuilder().withName(container.getName())
              .withImage(container.getImage()).withReady(false)
              .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(exitCode)
                  .withReason(exitCode == 0 ? "Completed" : "Error").withMessage(message)
                  .withFinishedAt(now).endTerminated().build()).build())
          .build());
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
      mounts.put(mount.getMountPath(), hostDir(pod, podDir, volume));
    }
    String terminationPath = Objects.requireNonNullElse(container.getTerminationMessagePath(),
        "/dev/termination-log");
    Path terminationLog = podDir.resolve("termination-log");
    Files.writeString(terminationLog, "");
    mounts.put(terminationPath, terminationLog);

    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container.getEnv()) {
      String value = var.getValue();
      if (var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null) {
        value = switch (var.getValueFrom().getFieldRef().getFieldPath()) {
          case "metadata.name" -> pod.getMetadata().getName();
          case "metadata.namespace" -> pod.getMetadata().getNamespace();
          case "metadata.uid" -> pod.getMetadata().getUid();
          case "status.podIP" -> "127.0.0.1";
          default -> throw new IllegalArgumentException("fieldRef "
              + var.getValueFrom().getFieldRef().getFieldPath() + " is not supported here");
        };
      } else if (var.getValueFrom() != null) {
        throw new IllegalArgumentException("env " + var.getName() + ": only fieldRef is supported");
      }
      env.put(var.getName(), map(expand(Objects.requireNonNullElse(value, ""), env), mounts));
    }
    // what a kubelet provides besides the spec: the way to the API server (here the mock's)
    env.put("KUBERNETES_MASTER", apiServerUrl);
    env.put("KUBERNETES_NAMESPACE", pod.getMetadata().getNamespace());
    env.put("KUBERNETES_TRUST_CERTIFICATES", "true");
    env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    env.put("KUBERNETES_HTTP2_DISABLE", "true");

    List<String> command = new ArrayList<>();
    if (container.getCommand().isEmpty()) {
      List<String> entryPoint = ENTRY_POINTS.get(container.getImage());
      if (entryPoint == null) {
        throw new IllegalArgumentException("image " + container.getImage()
            + " has no declared entry point and the container sets no command");
      }
      command.addAll(entryPoint);
    } else {
      container.getCommand().forEach(c -> command.add(map(expand(c, env), mounts)));
    }
    container.getArgs().forEach(a -> command.add(map(expand(a, env), mounts)));
    Path workDir = Files.createDirectories(podDir.resolve("work"));
    return new ContainerLaunch(pod, container, withoutInit(command), Map.copyOf(env), workDir,
        terminationLog, podDir.resolve("container.log"));
  }

  /**
   * The command an init process ({@code tini [options] --}) starts: what runs here, where the
   * runner is the init (it forwards the kill and waits for the process it started).
   */
  static List<String> withoutInit(List<String> command) {
    if (command.isEmpty() || !Path.of(command.get(0)).getFileName().toString().equals("tini")) {
      return List.copyOf(command);
    }
    int end = command.indexOf("--");
    if (end < 0) {
      throw new IllegalArgumentException("tini without -- before the command: " + command);
    }
    return List.copyOf(command.subList(end + 1, command.size()));
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
      var cm = client.configMaps().inNamespace(pod.getMetadata().getNamespace())
          .withName(volume.getConfigMap().getName()).get();
      if (cm == null) {
        throw new IllegalArgumentException("ConfigMap " + volume.getConfigMap().getName()
            + " does not exist");
      }
      for (var e : cm.getData().entrySet()) {
        Files.writeString(dir.resolve(e.getKey()), e.getValue());
      }
    } else if (volume.getSecret() != null) {
      writeSecret(pod, volume.getSecret(), dir);
    } else if (volume.getEmptyDir() == null) {
      throw new IllegalArgumentException("volume " + volume.getName() + " is of a kind the"
          + " stand-in does not provide");
    }
    return dir;
  }

  /** A Secret volume as the kubelet writes it: the items asked for (else every key), decoded. */
  private void writeSecret(Pod pod, io.fabric8.kubernetes.api.model.SecretVolumeSource source,
                           Path dir) throws IOException {
    var secret = client.secrets().inNamespace(pod.getMetadata().getNamespace())
        .withName(source.getSecretName()).get();
    if (secret == null) {
      // a real kubelet keeps the pod in ContainerCreating; here the start fails, visibly
      throw new IllegalArgumentException("Secret " + source.getSecretName() + " does not exist");
    }
    Map<String, byte[]> data = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, java.util.Base64.getDecoder().decode(v)));
    }
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(
          java.nio.charset.StandardCharsets.UTF_8)));
    }
    if (source.getItems() == null || source.getItems().isEmpty()) {
      for (var e : data.entrySet()) {
        Files.write(dir.resolve(e.getKey()), e.getValue());
      }
      return;
    }
    for (var item : source.getItems()) {
      byte[] value = data.get(item.getKey());
      if (value == null) {
        throw new IllegalArgumentException("Secret " + source.getSecretName() + " has no key "
            + item.getKey());
      }
      Files.write(dir.resolve(item.getPath()), value);
    }
  }

  static String expand(String s, Map<String, String> env) {
    Matcher m = VAR.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = env.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Replaces a leading mount path (also after {@code key=}) with its folder here. */
  static String map(String s, Map<String, Path> mounts) {
    int eq = s.indexOf('=');
    if (eq > 0 && !s.startsWith("/")) {
      return s.substring(0, eq + 1) + map(s.substring(eq + 1), mounts);
    }
    return mounts.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<String, Path> e) -> e.getKey().length())
            .reversed())
        .filter(e -> s.equals(e.getKey()) || s.startsWith(e.getKey() + "/"))
        .findFirst()
        .map(e -> e.getValue() + s.substring(e.getKey().length()))
        .orElse(s);
  }

  private void garbageCollector() {
    Set<String> owners = new HashSet<>();
    client.resources(CrimeStream.class).inNamespace(namespace).list().getItems()
        .forEach(o -> owners.add(o.getMetadata().getUid()));
    List<HasMetadata> all = new ArrayList<>();
    all.addAll(client.batch().v1().jobs().inNamespace(namespace).list().getItems());
    all.addAll(client.pods().inNamespace(namespace).list().getItems());
    all.forEach(o -> owners.add(o.getMetadata().getUid()));
    Stream.of(client.services(), client.serviceAccounts(), client.configMaps(),
            client.persistentVolumeClaims(), client.rbac().roles(), client.rbac().roleBindings())
        .forEach(op -> all.addAll(op.inNamespace(namespace).list().getItems()));
    if (topicCreator != null) {
      all.addAll(client.resources(KafkaTopic.class).inNamespace(namespace).list().getItems());
    }
    for (HasMetadata o : all) {
      List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
      if (!refs.isEmpty() && refs.stream().noneMatch(r -> owners.contains(r.getUid()))) {
        client.resource(o).delete();
      }
    }
  }

  private static OwnerReference owner(HasMetadata o) {
    return new OwnerReferenceBuilder().withApiVersion(o.getApiVersion()).withKind(o.getKind())
        .withName(o.getMetadata().getName()).withUid(o.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build();
  }

  private static boolean ownedBy(HasMetadata o, String uid) {
    return o.getMetadata().getOwnerReferences().stream().anyMatch(r -> uid.equals(r.getUid()));
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

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
}
