package io.crimestream.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.DriverGracePeriod;
import io.crimestream.controller.api.SparkSpec;
import io.crimestream.controller.testing.Await;
import io.crimestream.controller.testing.CrimeStreams;
import io.crimestream.controller.testing.RealCluster;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRD on a real API server: helm/crimestream/crds/ is accepted there (its structural schema
 * and its CEL rules compile), a spec the schema refuses is refused as {@code kubectl apply}
 * would be, with the CRD's own message naming the field (values the job's own options refuse
 * among them: what the API server accepts, the driver accepts), and a CRD upgrade applied as
 * the README says ({@code kubectl apply --server-side --force-conflicts -f helm/crimestream/crds/}) takes
 * over from Helm's install and keeps the existing CrimeStreams.
 */
class CrdRealClusterIT {

  @TempDir
  static Path dir;
  private static RealCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = RealCluster.start(dir.resolve("cluster"));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static CrimeStream valid(String name) {
    return CrimeStreams.replay(name, "/data/chicago/kaggle_2012_2017_sample.csv", "2016-05");
  }

  /** Creating the spec fails with HTTP 422 and a message holding every one of {@code parts}. */
  private static void refused(String name, Consumer<CrimeStream> fault, String... parts) {
    KubernetesClient admin = cluster.admin();
    CrimeStream cs = valid(name);
    // the same object without the fault is accepted: the fault is what is refused
    assertThat(admin.resource(valid(name)).dryRun().create()).isNotNull();
    fault.accept(cs);
    assertThatThrownBy(() -> admin.resource(cs).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getMessage()).contains(parts);
        });
    assertThat(admin.resources(CrimeStream.class).inNamespace(RealCluster.NAMESPACE)
        .withName(name).get()).isNull();
  }

  @Test
  void aMonthThatIsNoMonthIsRefused() {
    refused("bad-month", cs -> cs.getSpec().setMonths(List.of("2016-13")),
        "spec.months[0]", "2016-13", "should match '^[0-9]{4}-(0[1-9]|1[0-2])$'");
  }

  @Test
  void aTopicKafkaCannotNameIsRefused() {
    refused("bad-topic", cs -> cs.getSpec().getKafka().setTopic("crímenes"),
        "spec.kafka.topic", "should match");
  }

  @Test
  void twoDatasetSourcesAreRefused() {
    refused("two-sources", cs -> cs.getSpec().getSource().setUrl("https://example.org/c.csv"),
        "spec.source", "set exactly one of url, hostPath, configMap, persistentVolumeClaim or"
            + " cityApi");
  }

  @Test
  void aTriggerIntervalThatIsNoDurationIsRefused() {
    refused("bad-trigger", cs -> {
      SparkSpec spark = new SparkSpec();
      spark.setTriggerInterval("soon");
      cs.getSpec().setSpark(spark);
    }, "spec.spark.triggerInterval", "soon", "should match");
  }

  @Test
  void theJobsOptionsAreAcceptedWithValuesTheJobTakes() {
    CrimeStream cs = valid("job-options");
    cs.getSpec().setModels(List.of("random_forest", "gradient_boosted_trees"));
    cs.getSpec().setDecisionThreshold("f1");
    cs.getSpec().setExcludeArrestRecordedTypes(true);
    SparkSpec spark = new SparkSpec();
    spark.setTriggerInterval("2 minutes");
    spark.setMaxRowsPerBatch(10_000_000L);
    spark.setStopGracePeriod("1m");
    spark.setTerminationGracePeriodSeconds(70L);
    cs.getSpec().setSpark(spark);

    CrimeStream created = cluster.admin().resource(cs).dryRun().create();

    assertThat(created.getSpec().getDecisionThreshold()).isEqualTo("f1");
    assertThat(created.getSpec().getSpark().getTerminationGracePeriodSeconds()).isEqualTo(70L);
  }

  @Test
  void aDecisionThresholdTheJobRefusesIsRefused() {
    refused("bad-threshold", cs -> cs.getSpec().setDecisionThreshold("1.5"),
        "spec.decisionThreshold", "1.5", "should match");
  }

  @Test
  void aStopGracePeriodThatIsNoDurationIsRefused() {
    refused("bad-stop", cs -> {
      SparkSpec spark = new SparkSpec();
      spark.setStopGracePeriod("1 fortnight");
      cs.getSpec().setSpark(spark);
    }, "spec.spark.stopGracePeriod", "should match");
  }

  @Test
  void aPodGracePeriodShorterThanTheStopIsRefused() {
    refused("short-grace", cs -> {
      SparkSpec spark = new SparkSpec();
      spark.setStopGracePeriod("1m");
      spark.setTerminationGracePeriodSeconds(69L);
      cs.getSpec().setSpark(spark);
    }, "spec.spark", DriverGracePeriod.MESSAGE);
    // the job's default stop grace period counts when the spec leaves it out
    refused("short-default", cs -> {
      SparkSpec spark = new SparkSpec();
      spark.setTerminationGracePeriodSeconds(29L);
      cs.getSpec().setSpark(spark);
    }, "spec.spark", DriverGracePeriod.MESSAGE);
  }

  @Test
  void moreRowsPerBatchThanTheJobTakesAreRefused() {
    refused("too-many-rows", cs -> {
      SparkSpec spark = new SparkSpec();
      spark.setMaxRowsPerBatch(10_000_001L);
      cs.getSpec().setSpark(spark);
    }, "spec.spark.maxRowsPerBatch", "should be less than or equal to");
  }

  @Test
  void aModelOrAMonthListedTwiceIsRefused() {
    refused("twice-models", cs -> cs.getSpec().setModels(List.of("random_forest",
        "random_forest")), "spec.models", "lists a model twice");
    refused("twice-months", cs -> cs.getSpec().setMonths(List.of("2016-05", "2016-05")),
        "spec.months", "lists a month twice");
  }

  @Test
  void aTopicTooLongForItsDeadLetterTopicIsRefused() {
    refused("long-topic", cs -> cs.getSpec().getKafka().setTopic("t".repeat(246)),
        "spec.kafka", "the dead-letter topic <topic>-dlq");
  }

  @Test
  void aHostPathWithABackstepIsRefused() {
    refused("backstep", cs -> cs.getSpec().getSource().getHostPath()
            .setPath("/data/../etc/crimes.csv"),
        "spec.source.hostPath", "path must not contain a '..' element");
  }

  @Test
  void theCrdUpgradeTheReadmeDocumentsTakesOverFromHelmsInstallAndKeepsTheCrimeStreams()
      throws Exception {
    KubernetesClient admin = cluster.admin();
    CustomResourceDefinition current = cluster.chartCrds().get(0);
    // an older release of the CRD, installed as Helm installs crds/ (a plain create): this one
    // lacks the hostPath rule
    CustomResourceDefinition older = admin.getKubernetesSerialization().clone(current);
    older.getSpec().getVersions().forEach(v -> v.getSchema().getOpenAPIV3Schema()
        .getProperties().get("spec").getProperties().get("source").getProperties()
        .get("hostPath").setXKubernetesValidations(null));
    older.getMetadata().setName(current.getMetadata().getName());
    admin.apiextensions().v1().customResourceDefinitions().withName(
        current.getMetadata().getName()).delete();
    Await.until("the CRD deleted", Duration.ofMinutes(1), () -> admin.apiextensions().v1().customResourceDefinitions()
        .withName(current.getMetadata().getName()).get() == null, () -> "still there");
    admin.resource(older).create();
    Await.until("the older CRD established", Duration.ofMinutes(1), () -> {
          var crd = admin.apiextensions().v1().customResourceDefinitions()
              .withName(current.getMetadata().getName()).get();
          return crd.getStatus() != null && crd.getStatus().getConditions().stream()
              .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
        }, () -> "not established");
    CrimeStream before = valid("before-upgrade");
    before.getSpec().getSource().getHostPath().setPath("/data/../chicago/crimes.csv");
    admin.resource(before).create();

    // kubectl apply --server-side --force-conflicts -f helm/crimestream/crds/
    CustomResourceDefinition applied = admin.resource(current).fieldManager("kubectl")
        .forceConflicts().serverSideApply();
    assertThat(applied.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
        .getProperties().get("spec").getProperties().get("source").getProperties()
        .get("hostPath").getXKubernetesValidations()).isNotEmpty();
    cluster.applyCrd(current);
    // applied again, nothing changes
    long generation = admin.apiextensions().v1().customResourceDefinitions()
        .withName(current.getMetadata().getName()).get().getMetadata().getGeneration();
    admin.resource(current).fieldManager("kubectl").forceConflicts().serverSideApply();
    assertThat(admin.apiextensions().v1().customResourceDefinitions()
        .withName(current.getMetadata().getName()).get().getMetadata().getGeneration())
        .isEqualTo(generation);

    // the CrimeStream created under the old CRD is still there, and the new rule holds for new
    // ones
    assertThat(admin.resources(CrimeStream.class).inNamespace(RealCluster.NAMESPACE)
        .withName("before-upgrade").get()).isNotNull();
    refused("after-upgrade", cs -> cs.getSpec().getSource().getHostPath()
        .setPath("/data/../chicago/crimes.csv"), "path must not contain a '..' element");
  }
}
