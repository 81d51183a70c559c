package io.crimestream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.job.testing.Await;
import io.crimestream.job.testing.ChildJvm;
import io.crimestream.job.testing.RealMonth;
import io.crimestream.job.testing.Topics;
import io.crimestream.kafka.KafkaConnection;
import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.kafka.embedded.TestTls;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.record.SharedData;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producer and the streaming job on a broker that accepts SCRAM-SHA-512 over TLS only, each
 * in a JVM of its own with exactly the environment the controller writes into their pods: the
 * user name as a variable, the password and the cluster CA as files (mounted Secrets). Both
 * authenticate, the month is trained, rejected records reach the dead-letter topic over the
 * same connection, and the password appears in no log, no metrics file, no metrics ConfigMap
 * and no checkpoint file.
 */
class KafkaCredentialsIT {

  private static final String USER = "crimestream";
  private static final String PASSWORD = "Scram-Pw-7c1e5a93";
  private static final String TOPIC = "crimenes";
  private static final String NAMESPACE = "crimes";
  private static final Duration DEADLINE = Duration.ofMinutes(4);

  @TempDir
  Path dir;

  @Test
  void theProducerAndTheJobAuthenticateWithScramFromFilesAndThePasswordLeaksNowhere()
      throws Exception {
    TestTls tls = TestTls.generate(dir.resolve("tls"));
    // the Secrets as the kubelet mounts them: one file per key
    Path userSecret = Files.createDirectories(dir.resolve("secrets/crimestream"));
    Files.writeString(userSecret.resolve("password"), PASSWORD);
    Path caSecret = Files.createDirectories(dir.resolve("secrets/my-cluster-cluster-ca-cert"));
    Files.copy(tls.caCertificate(), caSecret.resolve("ca.crt"));

    KubernetesMockServer apiServer = new KubernetesMockServer(new Context(), new MockWebServer(),
        new HashMap<>(), new KubernetesCrudDispatcher(), false);
    apiServer.init();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(new EmbeddedKafka.Security(USER, PASSWORD,
        tls)); KubernetesClient k8s = apiServer.createClient()) {
      kafka.createTopic(TOPIC, 1);
      kafka.createTopic(TOPIC + "-dlq", 1);
      kafka.createTopic(TOPIC + "-predictions", 1);
      Map<String, String> env = Map.of(
          KafkaConnection.ENV_BOOTSTRAP_SERVERS, kafka.bootstrapServers("SASL_SSL"),
          KafkaConnection.ENV_SECURITY_PROTOCOL, "SASL_SSL",
          KafkaConnection.ENV_SASL_MECHANISM, "SCRAM-SHA-512",
          KafkaConnection.ENV_SASL_USERNAME, USER,
          KafkaConnection.ENV_SASL_PASSWORD_FILE, userSecret.resolve("password").toString(),
          KafkaConnection.ENV_TLS_CA_FILE, caSecret.resolve("ca.crt").toString());

      // every logger at INFO, the Kafka client's configuration dump included
      Path verbose = Files.writeString(dir.resolve("log4j2-info.properties"), String.join("\n",
          "appender.err.type = Console", "appender.err.name = err",
          "appender.err.target = SYSTEM_ERR", "appender.err.layout.type = PatternLayout",
          "appender.err.layout.pattern = %d %-5level %c: %msg%n", "rootLogger.level = info",
          "rootLogger.appenderRef.err.ref = err"));
      String infoLogs = "-Dlog4j2.configurationFile=" + verbose.toUri();
      ChildJvm producer = ChildJvm.producer(List.of("--months", RealMonth.MONTH,
          "--source", SharedData.file(SharedData.KAGGLE).toAbsolutePath().toString(),
          "--topic", TOPIC, "--replay"), env, dir.resolve("producer.log"), infoLogs);
      assertThat(producer.exitStatus(180)).as(producer.tail(30)).isZero();
      // two bad records, so that the job's dead-letter producer must authenticate too
      Topics.write(kafka.bootstrapServers(), TOPIC, List.of(
          new byte[][] {null, "not json".getBytes(StandardCharsets.UTF_8)},
          new byte[][] {null, "[]".getBytes(StandardCharsets.UTF_8)}));

      Map<String, String> jobEnv = new HashMap<>(env);
      // what a kubelet adds: the way to the API server (here the mock's)
      jobEnv.putAll(Map.of("KUBERNETES_MASTER", k8s.getConfiguration().getMasterUrl(),
          "KUBERNETES_NAMESPACE", NAMESPACE, "KUBERNETES_TRUST_CERTIFICATES", "true",
          "KUBERNETES_AUTH_TRYKUBECONFIG", "false", "KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false",
          "KUBERNETES_HTTP2_DISABLE", "true"));
      Path checkpoint = dir.resolve("checkpoint");
      Path metrics = dir.resolve("metrics.json");
      String jobLog;
      try (ChildJvm job = ChildJvm.streamingJob(List.of("--topic", TOPIC,
          "--months", RealMonth.MONTH, "--checkpoint-dir", checkpoint.toString(),
          "--metrics-file", metrics.toString(),
          "--metrics-configmap", "study-metrics", "--namespace", NAMESPACE,
          "--max-rows-per-batch", "2000", "--max-rows-when-behind", "2000", "--models", "logistic_regression"),
          jobEnv, dir.resolve("job.log"), infoLogs)) {
        Await.until("the month trained over SCRAM", DEADLINE, () -> {
          assertThat(job.isAlive()).as("the job died:\n%s", job.tail(40)).isTrue();
          MetricsReport r = report(metrics);
          return r != null && r.summary().rowsTotal() == RealMonth.ROWS
              && r.summary().rowsRejectedTotal() == 2;
        }, () -> job.tail(40));
        assertThat(Topics.readAll(kafka.bootstrapServers(), TOPIC + "-dlq", 2)).hasSize(2);
        job.terminate();
        jobLog = job.log();
      }

      // the connection is the secured one, named in the logs without its password
      assertThat(jobLog).contains("SASL_SSL, SCRAM-SHA-512 as " + USER)
          // the Kafka clients' configuration was logged (Spark's source, the dead-letter queue)
          .contains("sasl.jaas.config = [hidden]");
      assertThat(producer.log()).contains("SASL_SSL, SCRAM-SHA-512 as " + USER)
          // the client's configuration was logged, with the JAAS line hidden
          .contains("sasl.jaas.config = [hidden]");
      ConfigMap metricsMap = k8s.configMaps().inNamespace(NAMESPACE).withName("study-metrics").get();
      assertThat(metricsMap.getData()).containsKey("metrics.json");

      List<String> leaks = new ArrayList<>();
      check(leaks, "the producer's output", producer.log());
      check(leaks, "the job's output", jobLog);
      check(leaks, "the metrics file", Files.readString(metrics));
      for (ConfigMap cm : k8s.configMaps().inAnyNamespace().list().getItems()) {
        check(leaks, "ConfigMap " + cm.getMetadata().getName(),
            k8s.getKubernetesSerialization().asJson(cm));
      }
      try (Stream<Path> files = Files.walk(checkpoint)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          check(leaks, f.toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
      }
      assertThat(leaks).as("places the SCRAM password appears").isEmpty();
    } finally {
      apiServer.destroy();
    }
  }

  private static void check(List<String> leaks, String where, String text) {
    if (text.contains(PASSWORD)) {
      leaks.add(where);
    }
  }

  private static MetricsReport report(Path metrics) {
    if (!Files.isRegularFile(metrics)) {
      return null;
    }
    try {
      return MetricsJson.readReport(metrics);
    } catch (IOException e) {
      throw new AssertionError("the metrics file does not read", e);
    }
  }
}
