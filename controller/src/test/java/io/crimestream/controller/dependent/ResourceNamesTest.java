package io.crimestream.controller.dependent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.options.CrimeStreamName;
import io.crimestream.controller.naming.ResourceNames;
import io.crimestream.controller.settings.InvalidSpecException;
import io.crimestream.controller.settings.PipelineSettings;
import io.crimestream.controller.testing.CrimeStreams;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The names a CrimeStream may have: every name accepted by the one rule ({@link CrimeStreamName})
 * gives objects whose names and labels Kubernetes accepts, and the names Kubernetes would refuse
 * somewhere downstream are refused up front, by the controller's check with the CRD's message.
 */
class ResourceNamesTest {

  /** The rules of Kubernetes' apimachinery validation, as the API server applies them. */
  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern LABEL_VALUE = Pattern.compile(
      "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  /** The longest name the rule accepts: 46 characters. */
  static final String LONGEST = "study-of-chicago-arrests-in-may-of-the-year-16";

  @Test
  void theLongestAcceptedNameGivesAProducerJobOfExactly63Characters() {
    assertThat(LONGEST).hasSize(CrimeStreamName.MAX_LENGTH);
    CrimeStream cs = CrimeStreams.replay(LONGEST, "/data/crimes.csv", "2016-05");
    // the limit is the longest derived name's, not a guess
    assertThat(ResourceNames.producerJob(cs, "2016-05")).hasSize(63);
  }

  @Test
  void everyObjectOfTheLongestAcceptedNameHasLegalNamesAndLabels() throws Exception {
    CrimeStream cs = CrimeStreams.replay(LONGEST, "/data/crimes.csv", "2016-04", "2016-05");
    cs.getMetadata().setUid("0d9f3a34-6a8f-4c6e-8a1e-1f2f3f4f5f6f");
    PipelineSettings s = CrimeStreams.settings(cs);

    Job job = ProducerJobsDependent.job(cs, s, YearMonth.of(2016, 5));
    // a Job's name is also its pods' job-name label (and so at most 63 characters)
    assertLegal("Job name", job.getMetadata().getName(), DNS1123_SUBDOMAIN, 63);
    assertLegal("the job-name label", job.getMetadata().getName(), LABEL_VALUE, 63);
    assertLegal("Service name", DriverServiceDependent.service(cs).getMetadata().getName(),
        DNS1035_LABEL, 63);
    List<HasMetadata> named = new ArrayList<>(List.of(job, DriverPodDependent.pod(cs, s),
        DriverServiceDependent.service(cs), CheckpointClaimDependent.claim(cs, s),
        ExecutorPodTemplateDependent.configMap(cs, s), MetricsConfigMapDependent.configMap(cs, s),
        SparkRoleDependent.role(cs, s), ExecutorPodTemplateDependent.template(cs, s)));
    for (HasMetadata o : named) {
      if (o.getMetadata().getName() != null) {
        assertLegal(o.getKind() + " name", o.getMetadata().getName(), DNS1123_SUBDOMAIN, 253);
      }
      for (Map.Entry<String, String> label : o.getMetadata().getLabels().entrySet()) {
        assertLegal(o.getKind() + " label " + label.getKey(), label.getValue(), LABEL_VALUE, 63);
      }
    }
    job.getSpec().getTemplate().getMetadata().getLabels().forEach((key, value) ->
        assertLegal("producer pod label " + key, value, LABEL_VALUE, 63));
    assertLegal("ServiceAccount, Role and RoleBinding name", ResourceNames.sparkServiceAccount(cs),
        DNS1123_SUBDOMAIN, 253);
    // the driver pod's name is its hostname
    assertLegal("driver pod hostname", ResourceNames.driverPod(cs), DNS1123_LABEL, 63);
    // Spark's own rule for the prefix: <prefix>-exec-<largest id> must be a pod name
    String prefix = ResourceNames.executorPodNamePrefix(cs);
    assertLegal("executor pod name", prefix + "-exec-" + Integer.MAX_VALUE, DNS1123_SUBDOMAIN,
        253);
  }

  @Test
  void namesThatCannotBecomeEveryDerivedNameAreRefusedWithTheReason() {
    assertThat(CrimeStreamName.problems(LONGEST)).isEmpty();
    assertThat(CrimeStreamName.problems("study")).isEmpty();
    assertThat(CrimeStreamName.problems("s")).isEmpty();
    assertThat(CrimeStreamName.problems("study-2016-v2")).isEmpty();

    // a digit first: 2016-study-driver is no RFC 1035 label, so no Service name
    assertThat(CrimeStreamName.problems("2016-study")).singleElement().asString()
        .contains("'2016-study'").contains("RFC 1035").contains("<name>-driver")
        .contains("rename it");
    // a dot: a subdomain, but no label
    assertThat(CrimeStreamName.problems("study.v2")).singleElement().asString()
        .contains("no '.'").contains("study-v2");
    assertThat(CrimeStreamName.problems("study-")).hasSize(1);
    assertThat(CrimeStreamName.problems("Study")).hasSize(1);
    // one character more than the longest accepted
    String tooLong = LONGEST + "7";
    assertThat(CrimeStreamName.problems(tooLong)).singleElement().asString()
        .contains("47 characters").contains("at most 46").contains("<name>-producer-YYYY-MM")
        .contains("63");
  }

  @Test
  void theControllerRefusesThemTooWhereNoCelRuleRan() {
    for (String name : List.of("2016-study", "study.v2", LONGEST + "x")) {
      CrimeStream cs = CrimeStreams.replay(name, "/data/crimes.csv", "2016-05");

      assertThatThrownBy(() -> CrimeStreams.settings(cs)).as(name)
          .isInstanceOfSatisfying(InvalidSpecException.class, e ->
              assertThat(e.problems()).singleElement().asString()
                  .startsWith("'" + name + "'").contains("metadata.name must"));
    }
  }

  @Test
  void theCrdsRulesAreTheControllersRule() {
    // the CRD's CEL and the Java check are built from the same constants
    assertThat(CrimeStreamName.PATTERN_RULE)
        .isEqualTo("self.metadata.name.matches('" + CrimeStreamName.PATTERN + "')");
    assertThat(CrimeStreamName.LENGTH_RULE)
        .isEqualTo("size(self.metadata.name) <= " + CrimeStreamName.MAX_LENGTH);
    assertThat(DNS1035_LABEL.pattern()).isEqualTo(CrimeStreamName.PATTERN
        .replace("^", "").replace("$", ""));
  }

  private static void assertLegal(String what, String value, Pattern rule, int maxLength) {
    assertThat(value).as("%s '%s'", what, value).hasSizeLessThanOrEqualTo(maxLength);
    assertThat(rule.matcher(value).matches()).as("%s '%s' matches %s", what, value, rule)
        .isTrue();
  }
}
