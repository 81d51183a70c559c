package io.crimestream.controller.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.InitialModels;
import io.crimestream.controller.api.SparkSpec;
import io.crimestream.controller.command.SparkSubmitCommand;
import io.crimestream.controller.settings.PipelineSettings;
import io.crimestream.controller.settings.SparkSettings;
import io.crimestream.controller.testing.CrimeStreams;
import io.crimestream.controller.testing.MockCluster;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriverPodDependentTest {

  private final CrimeStream cs = CrimeStreams.replay("study", "/data/crimes.csv", "2016-04",
      "2016-05");

  @Test
  void runsSparkSubmitInClientModeAskingForTwoExecutorsOwnedByThePod() throws Exception {
    Pod pod = DriverPodDependent.pod(cs, CrimeStreams.settings(cs));
    Container c = pod.getSpec().getContainers().get(0);

    assertThat(pod.getMetadata().getName()).isEqualTo("study-driver");
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("study-spark");
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(c.getImage()).isEqualTo("crimestream/streaming-job:test");
    // under the Spark image's init, as its entry point runs commands: signals reach the JVM
    assertThat(c.getCommand()).containsExactly("/usr/bin/tini", "-s", "--",
        "/opt/spark/bin/spark-submit");
    List<String> args = c.getArgs();
    assertThat(args).containsSubsequence("--master", "k8s://https://kubernetes.default.svc:$(KUBERNETES_SERVICE_PORT)",
        "--deploy-mode", "client", "--class", "io.crimestream.job.StreamingJobMain");
    Map<String, String> conf = SparkSubmitCommand.conf(cs, CrimeStreams.settings(cs));
    assertThat(conf).containsEntry("spark.executor.instances", "2")
        .containsEntry("spark.kubernetes.driver.pod.name", "$(SPARK_DRIVER_POD_NAME)")
        .containsEntry("spark.driver.host", "study-driver.crimes.svc")
        .containsEntry("spark.driver.port", "7078")
        .containsEntry("spark.driver.blockManager.port", "7079")
        .containsEntry("spark.kubernetes.namespace", "crimes")
        .containsEntry("spark.kubernetes.container.image", "crimestream/streaming-job:test")
        .containsEntry("spark.kubernetes.authenticate.driver.serviceAccountName", "study-spark")
        .containsEntry("spark.driver.extraClassPath", "/opt/crimestream/jars/*")
        .containsEntry("spark.executor.extraClassPath", "/opt/crimestream/jars/*")
        // Spark appends -exec-<id>: the executors are study-exec-1 and study-exec-2
        .containsEntry("spark.kubernetes.executor.podNamePrefix", "study");
    conf.forEach((k, v) -> assertThat(args).containsSubsequence("--conf", k + "=" + v));
    // the pod name reaches Spark through the Downward API, expanded by the kubelet
    assertThat(c.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("SPARK_DRIVER_POD_NAME");
      assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    });
    assertThat(args.subList(args.indexOf(SparkSubmitCommand.APPLICATION_JAR) + 1, args.size()))
        .containsExactly("--topic", "crimenes", "--months", "2016-04,2016-05",
            "--checkpoint-dir", "/var/lib/crimestream/checkpoint",
            "--metrics-configmap", "study-metrics", "--namespace", "crimes",
            "--trigger-interval", "1s", "--dead-letter-topic", "crimenes-dlq",
            "--http-address", "0.0.0.0", "--http-port", "9464");
    // the job's /metrics, by the name the chart's PodMonitor and NetworkPolicy use
    assertThat(c.getPorts()).anySatisfy(port -> {
      assertThat(port.getName()).isEqualTo("metrics");
      assertThat(port.getContainerPort()).isEqualTo(9464);
    });
    // the checkpoint on its claim, Spark's scratch space on an emptyDir
    assertThat(pod.getSpec().getVolumes()).anySatisfy(v ->
        assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("study-checkpoint"));
    assertThat(conf.get("spark.local.dir")).startsWith("/tmp/");
    ProducerJobsDependentTest.assertRestricted(pod.getSpec(), c);
    assertThat(pod.getSpec().getSecurityContext().getFsGroup()).isEqualTo(185L);
  }

  @Test
  void aSavedRegistryIsMountedReadOnlyWhereTheJobIsToldItIs() throws Exception {
    InitialModels initial = new InitialModels();
    initial.setClaimName("last-year");
    initial.setPath("study/models");
    cs.getSpec().setInitialModels(initial);
    Pod pod = DriverPodDependent.pod(cs, CrimeStreams.settings(cs));
    Container c = pod.getSpec().getContainers().get(0);
    assertThat(c.getArgs()).containsSubsequence("--initial-models",
        SparkSubmitCommand.INITIAL_MODELS_DIR + "/study/models");
    String volume = c.getVolumeMounts().stream()
        .filter(m -> m.getMountPath().equals(SparkSubmitCommand.INITIAL_MODELS_DIR))
        .peek(m -> assertThat(m.getReadOnly()).isTrue())
        .map(m -> m.getName()).findFirst().orElseThrow();
    assertThat(pod.getSpec().getVolumes()).anySatisfy(v -> {
      assertThat(v.getName()).isEqualTo(volume);
      assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("last-year");
      assertThat(v.getPersistentVolumeClaim().getReadOnly()).isTrue();
    });
  }

  @Test
  void everyPodTheControllerWritesPullsWithTheConfiguredSecrets() throws Exception {
    PipelineSettings s = PipelineSettings.of(cs, MockCluster.controllerConfig(Set.of(),
        List.of("registry-credentials", "mirror")));

    List<PodSpec> pods = List.of(DriverPodDependent.pod(cs, s).getSpec(),
        ExecutorPodTemplateDependent.template(cs, s).getSpec(),
        ProducerJobsDependent.job(cs, s, YearMonth.of(2016, 4)).getSpec().getTemplate().getSpec());
    assertThat(pods).allSatisfy(pod -> assertThat(pod.getImagePullSecrets())
        .extracting(LocalObjectReference::getName)
        .containsExactly("registry-credentials", "mirror"));
    // none configured: none written
    assertThat(DriverPodDependent.pod(cs, CrimeStreams.settings(cs)).getSpec()
        .getImagePullSecrets()).isEmpty();
  }

  @Test
  void theExecutorsBlockManagersListenOnTheDriversKnownPort() throws Exception {
    // executors fetch shuffle blocks from each other: a fixed port a NetworkPolicy can name
    assertThat(SparkSubmitCommand.conf(cs, CrimeStreams.settings(cs)))
        .containsEntry("spark.blockManager.port", "7079");
    assertThat(SparkSettings.CONTROLLER_OWNED_CONF).contains("spark.blockManager.port");
  }

  @Test
  void userSparkSettingsPassButCannotOverrideTheControllers() throws Exception {
    SparkSpec spark = new SparkSpec();
    spark.setConf(Map.of("spark.sql.shuffle.partitions", "8"));
    spark.setExecutors(3);
    cs.getSpec().setSpark(spark);

    Map<String, String> conf = SparkSubmitCommand.conf(cs, CrimeStreams.settings(cs));

    assertThat(conf).containsEntry("spark.sql.shuffle.partitions", "8")
        .containsEntry("spark.executor.instances", "3");
  }

  @Test
  void kubernetesGivesTheDriverTheTimeToStopTheSpecAllows() throws Exception {
    assertThat(DriverPodDependent.pod(cs, CrimeStreams.settings(cs)).getSpec()
        .getTerminationGracePeriodSeconds()).isEqualTo(30);
    SparkSpec spark = new SparkSpec();
    spark.setStopGracePeriod("2m");
    cs.getSpec().setSpark(spark);

    Pod pod = DriverPodDependent.pod(cs, CrimeStreams.settings(cs));

    assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(130);
    assertThat(pod.getSpec().getContainers().get(0).getArgs())
        .containsSubsequence("--stop-grace-period", "2m");
  }

  @Test
  void aSpecChangeChangesTheHashThatReplacesThePod() throws Exception {
    String before = DriverPodDependent.pod(cs, CrimeStreams.settings(cs)).getMetadata()
        .getAnnotations().get(DriverPodDependent.SPEC_HASH_ANNOTATION);
    String same = DriverPodDependent.pod(cs, CrimeStreams.settings(cs)).getMetadata()
        .getAnnotations().get(DriverPodDependent.SPEC_HASH_ANNOTATION);
    SparkSpec spark = new SparkSpec();
    spark.setExecutors(4);
    cs.getSpec().setSpark(spark);
    String after = DriverPodDependent.pod(cs, CrimeStreams.settings(cs)).getMetadata()
        .getAnnotations().get(DriverPodDependent.SPEC_HASH_ANNOTATION);

    assertThat(same).isEqualTo(before);
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void theExecutorTemplateGivesExecutorsTheSameRestrictions() throws Exception {
    Pod template = ExecutorPodTemplateDependent.template(cs, CrimeStreams.settings(cs));
    Container c = template.getSpec().getContainers().get(0);

    assertThat(c.getName()).isEqualTo(ExecutorPodTemplateDependent.CONTAINER);
    assertThat(template.getSpec().getAutomountServiceAccountToken()).isFalse();
    ProducerJobsDependentTest.assertRestricted(template.getSpec(), c);
    assertThat(ExecutorPodTemplateDependent.configMap(cs, CrimeStreams.settings(cs))
        .getData())
        .containsKey(SparkSubmitCommand.EXECUTOR_TEMPLATE_FILE);
  }
}
