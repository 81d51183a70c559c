package io.crimestream.controller.dependent;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.options.JobOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The driver container's command: {@code spark-submit} in client mode, so that the driver runs in
 * the pod the controller created, and asks Kubernetes for its executors itself.
 *
 * <p>Assumes the image layout agreed with the packaging: the official {@code apache/spark}
 * image ({@code /opt/spark}, user 185) with the job's jars in {@value #JARS_DIR}.
 */
public final class SparkSubmitCommand {

  public static final String SPARK_SUBMIT = "/opt/spark/bin/spark-submit";
  /**
   * The image's init, as the image's own entry point runs every command: tini is PID 1, forwards
   * SIGTERM to spark-submit's JVM (so that the driver stops its query on a pod deletion) and
   * reaps the children it leaves; {@code -s} keeps it reaping if it is ever not PID 1.
   */
  public static final List<String> INIT = List.of("/usr/bin/tini", "-s", "--");
  public static final String JARS_DIR = "/opt/crimestream/jars";
  public static final String APPLICATION_JAR = "local://" + JARS_DIR + "/streaming-job.jar";
  public static final String MAIN_CLASS = "io.crimestream.job.StreamingJobMain";
  /**
   * The API server as every pod reaches it: its Service's DNS name, on the port the kubelet gives
   * every container in KUBERNETES_SERVICE_PORT ({@code $(VAR)} is expanded by the kubelet), so
   * that a cluster whose API server Service is not on 443 is reached too.
   */
  public static final String MASTER = "k8s://https://kubernetes.default.svc:$(KUBERNETES_SERVICE_PORT)";

  /** The driver's RPC port, which executors connect to. */
  public static final int DRIVER_PORT = 7078;
  /** The block manager port of the driver and of every executor. */
  public static final int BLOCK_MANAGER_PORT = 7079;
  /**
   * Where the driver serves {@code /metrics} and the dashboard: the job's {@code --http-port}
   * default, which the driver's command line leaves as it is (on every interface, as a pod needs).
   */
  public static final int METRICS_PORT = JobOptions.HTTP_PORT.defaultValue();

  public static final String CHECKPOINT_DIR = "/var/lib/crimestream/checkpoint";
  /** An emptyDir: Spark's scratch space and the JVM's temporary files. */
  public static final String TMP_DIR = "/tmp";
  public static final String LOCAL_DIR = TMP_DIR + "/spark-local";
  /** The official image's working directory; an emptyDir so the root file system stays read-only. */
  public static final String WORK_DIR = "/opt/spark/work-dir";
  public static final String EXECUTOR_TEMPLATE_DIR = "/etc/crimestream/spark";
  public static final String EXECUTOR_TEMPLATE_FILE = "executor-pod-template.yaml";

  /** Set through the Downward API on the driver container. */
  public static final String ENV_DRIVER_POD_NAME = "SPARK_DRIVER_POD_NAME";
  public static final String ENV_POD_IP = "POD_IP";
  public static final String ENV_POD_NAMESPACE = "POD_NAMESPACE";

  /** Settings the controller derives from the spec; spec.spark.conf may not override them. */
  public static final Set<String> CONTROLLER_OWNED_CONF = Set.of(
      "spark.master", "spark.submit.deployMode", "spark.app.name",
      "spark.driver.host", "spark.driver.bindAddress", "spark.driver.port",
      "spark.driver.blockManager.port", "spark.blockManager.port", "spark.kubernetes.namespace",
      "spark.kubernetes.driver.pod.name", "spark.kubernetes.container.image",
      "spark.kubernetes.container.image.pullPolicy", "spark.executor.instances",
      "spark.kubernetes.authenticate.driver.serviceAccountName",
      "spark.kubernetes.executor.podNamePrefix", "spark.kubernetes.executor.podTemplateFile",
      "spark.kubernetes.executor.podTemplateContainerName",
      "spark.kubernetes.executor.disableConfigMap", "spark.kubernetes.driver.ownPersistentVolumeClaim",
      "spark.kubernetes.driver.reusePersistentVolumeClaim",
      "spark.driver.extraClassPath", "spark.executor.extraClassPath", "spark.driver.memory",
      "spark.driver.cores", "spark.executor.memory", "spark.executor.cores", "spark.local.dir");

  private SparkSubmitCommand() {}

  /** spark-submit under the image's init. */
  public static List<String> command() {
    List<String> command = new ArrayList<>(INIT);
    command.add(SPARK_SUBMIT);
    return List.copyOf(command);
  }

  /** spark-submit's arguments; {@code $(VAR)} references are expanded by the kubelet. */
  public static List<String> args(CrimeStream cs, PipelineSettings s) {
    List<String> args = new ArrayList<>(List.of(
        "--master", MASTER,
        "--deploy-mode", "client",
        "--name", cs.getMetadata().getName(),
        "--class", MAIN_CLASS));
    conf(cs, s).forEach((k, v) -> {
      args.add("--conf");
      args.add(k + "=" + v);
    });
    args.add(APPLICATION_JAR);
    args.addAll(jobArgs(cs, s));
    return args;
  }

  static Map<String, String> conf(CrimeStream cs, PipelineSettings s) {
    String namespace = cs.getMetadata().getNamespace();
    Map<String, String> conf = new LinkedHashMap<>();
    // the user's settings first, so that every controller-owned one below is what counts
    conf.putAll(new java.util.TreeMap<>(s.extraSparkConf()));
    conf.put("spark.kubernetes.namespace", namespace);
    // the driver is this pod: Spark makes it the owner of the executors, which Kubernetes then
    // deletes with it
    conf.put("spark.kubernetes.driver.pod.name", "$(" + ENV_DRIVER_POD_NAME + ")");
    conf.put("spark.kubernetes.authenticate.driver.serviceAccountName",
        ResourceNames.sparkServiceAccount(cs));
    conf.put("spark.kubernetes.container.image", s.sparkImage());
    conf.put("spark.kubernetes.container.image.pullPolicy", s.imagePullPolicy());
    conf.put("spark.executor.instances", Integer.toString(s.executors()));
    conf.put("spark.executor.memory", s.executorMemory());
    conf.put("spark.executor.cores", Integer.toString(s.executorCores()));
    conf.put("spark.driver.memory", s.driverMemory());
    conf.put("spark.driver.cores", Integer.toString(s.driverCores()));
    // executors connect back through the headless Service; the driver binds its pod IP so that
    // it does not wait for the Service's DNS record
    conf.put("spark.driver.host", ResourceNames.driverService(cs) + "." + namespace + ".svc");
    conf.put("spark.driver.bindAddress", "$(" + ENV_POD_IP + ")");
    conf.put("spark.driver.port", Integer.toString(DRIVER_PORT));
    conf.put("spark.driver.blockManager.port", Integer.toString(BLOCK_MANAGER_PORT));
    // the executors' block managers too (shuffle blocks are fetched from them), on a known port
    // rather than a random one, so that a NetworkPolicy can name it
    conf.put("spark.blockManager.port", Integer.toString(BLOCK_MANAGER_PORT));
    conf.put("spark.driver.extraClassPath", JARS_DIR + "/*");
    conf.put("spark.executor.extraClassPath", JARS_DIR + "/*");
    conf.put("spark.kubernetes.executor.podNamePrefix", ResourceNames.executorPodNamePrefix(cs));
    conf.put("spark.kubernetes.executor.podTemplateFile",
        EXECUTOR_TEMPLATE_DIR + "/" + EXECUTOR_TEMPLATE_FILE);
    conf.put("spark.kubernetes.executor.podTemplateContainerName",
        ExecutorPodTemplateDependent.CONTAINER);
    // keep the driver's Role to pods: no per-application ConfigMap, no executor claims
    conf.put("spark.kubernetes.executor.disableConfigMap", "true");
    conf.put("spark.kubernetes.driver.ownPersistentVolumeClaim", "false");
    conf.put("spark.kubernetes.driver.reusePersistentVolumeClaim", "false");
    conf.put("spark.local.dir", LOCAL_DIR);
    return conf;
  }

  /** The streaming job's own options (its command line as in a local run). */
  static List<String> jobArgs(CrimeStream cs, PipelineSettings s) {
    List<String> args = new ArrayList<>(List.of(
        "--topic", s.topic(),
        "--months", String.join(",", s.months()),
        "--checkpoint-dir", CHECKPOINT_DIR,
        "--metrics-configmap", s.metricsConfigMap(),
        "--namespace", cs.getMetadata().getNamespace(),
        "--trigger-interval", s.triggerInterval()));
    if (s.models() != null) {
      args.addAll(List.of("--models", String.join(",", s.models())));
    }
    if (s.features() != null) {
      args.addAll(List.of("--features", s.features()));
    }
    if (s.trainingWindow() != null) {
      args.addAll(List.of("--training-window", s.trainingWindow()));
    }
    if (s.deadLetterTopic() == null) {
      args.add("--no-dead-letter");
    } else {
      args.addAll(List.of("--dead-letter-topic", s.deadLetterTopic()));
    }
    if (s.maxRowsPerBatch() != null) {
      args.addAll(List.of("--max-rows-per-batch", Long.toString(s.maxRowsPerBatch())));
    }
    return args;
  }
}
