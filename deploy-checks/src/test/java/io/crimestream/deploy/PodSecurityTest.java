package io.crimestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.config.ControllerConfig;
import io.crimestream.controller.dependent.DriverPodDependent;
import io.crimestream.controller.dependent.ExecutorPodTemplateDependent;
import io.crimestream.controller.dependent.ProducerJobsDependent;
import io.crimestream.controller.security.PodSecurity;
import io.crimestream.controller.settings.PipelineSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pod the chart runs meets the restricted Pod Security Standard, with a read-only root file
 * system; the images run as the same non-root users the pods (and the controller's own pods)
 * declare; no credential is written in plain text.
 */
class PodSecurityTest {

  private static final Pattern CREDENTIAL = Pattern.compile(
      "(?i).*(password|passwd|secret|token|credential|jaas|api[-_]?key|private[-_]?key).*");

  /** The end of a variable that lists Secrets by name (ControllerConfig's pull secrets). */
  private static final String SECRET_NAMES = "_SECRET_NAMES";

  static Stream<Chart.Rendering> renderings() {
    return ChartRenderingTest.renderings();
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void everyPodIsRestrictedAndReadOnly(Chart.Rendering rendering) {
    List<PodSpec> pods = pods(rendering.objects());
    assertThat(pods).isNotEmpty();
    for (PodSpec pod : pods) {
      PodSecurityContext podContext = pod.getSecurityContext();
      assertThat(podContext).isNotNull();
      assertThat(podContext.getRunAsNonRoot()).isTrue();
      assertThat(podContext.getRunAsUser()).isNotNull().isPositive();
      assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
      assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
      assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
      assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
      assertThat(pod.getVolumes()).map(Volume::getHostPath).containsOnlyNulls();

      List<Container> containers = new ArrayList<>(pod.getContainers());
      if (pod.getInitContainers() != null) {
        containers.addAll(pod.getInitContainers());
      }
      for (Container container : containers) {
        SecurityContext c = container.getSecurityContext();
        assertThat(c).as(container.getName()).isNotNull();
        assertThat(c.getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(c.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(c.getRunAsUser()).as("a container-level user would override the pod's")
            .isNull();
        // a read-only root needs a writable /tmp for the JVM
        assertThat(container.getVolumeMounts()).map(VolumeMount::getMountPath).contains("/tmp");
      }
    }
  }

  /**
   * The pods the controller writes, with the configuration the chart renders (every option on):
   * the same restrictions, and the chart's image pull secrets.
   */
  @Test
  void everyPodTheControllerWritesIsRestrictedAndPullsWithTheChartsSecrets() throws Exception {
    Chart.Rendering rendering = Chart.withValues(Chart.ALL_OPTIONS);
    ControllerConfig config = ChartRenderingTest.controllerConfig(rendering);
    CrimeStream cs = rendering.one(CrimeStream.class, c -> true);
    cs.getMetadata().setNamespace("crimes-a");
    PipelineSettings settings = PipelineSettings.of(cs, config);
    List<PodSpec> written = List.of(DriverPodDependent.pod(cs, settings).getSpec(),
        ExecutorPodTemplateDependent.template(cs, settings).getSpec(),
        ProducerJobsDependent.job(cs, settings, YearMonth.of(2016, 4)).getSpec().getTemplate()
            .getSpec());

    for (PodSpec pod : written) {
      assertThat(pod.getImagePullSecrets()).extracting(LocalObjectReference::getName)
          .containsExactly("registry-credentials", "mirror-credentials");
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .isEqualTo("RuntimeDefault");
      for (Container container : pod.getContainers()) {
        SecurityContext c = container.getSecurityContext();
        assertThat(c.getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
        assertThat(c.getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getCapabilities().getAdd()).isNullOrEmpty();
      }
    }
  }

  @Test
  void theControllerPodRunsAsTheControllerImagesUser() {
    PodSpec pod = Chart.defaults().one(Deployment.class, d -> true).getSpec().getTemplate()
        .getSpec();
    assertThat(pod.getSecurityContext().getRunAsUser())
        .isEqualTo(Dockerfile.of("controller").uid());
    assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(pod.getSecurityContext()
        .getRunAsUser());
  }

  /** The controller writes producer and driver pods with fixed uids: the images must match. */
  @Test
  void theImagesRunAsTheUsersTheControllersPodsDeclare() {
    assertThat(Dockerfile.of("producer").uid()).isEqualTo(PodSecurity.PRODUCER_UID);
    assertThat(Dockerfile.of("streaming-job").uid()).isEqualTo(PodSecurity.SPARK_UID);
    assertThat(Stream.of("controller", "producer", "streaming-job")
        .map(m -> Dockerfile.of(m).uid())).allMatch(uid -> uid > 0);
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void noCredentialIsWrittenInPlainText(Chart.Rendering rendering) {
    for (HasMetadata object : rendering.objects()) {
      if (object instanceof ConfigMap configMap && configMap.getData() != null) {
        assertThat(configMap.getData().keySet()).as("keys of ConfigMap %s",
            configMap.getMetadata().getName()).noneMatch(k -> CREDENTIAL.matcher(k).matches());
      }
    }
    for (PodSpec pod : pods(rendering.objects())) {
      for (Container container : pod.getContainers()) {
        for (EnvVar var : container.getEnv()) {
          if (var.getName().endsWith(SECRET_NAMES)) {
            // names the Secrets the kubelet pulls images with: names only, never their data
            assertThat(var.getValue()).as(var.getName())
                .matches("^([-a-z0-9.]+(,[-a-z0-9.]+)*)?$");
          } else if (CREDENTIAL.matcher(var.getName()).matches()) {
            assertThat(var.getValue()).as("%s must come from a Secret", var.getName()).isNull();
            assertThat(var.getValueFrom().getSecretKeyRef()).as(var.getName()).isNotNull();
          }
        }
        assertThat(container.getEnvFrom()).noneMatch(e -> e.getConfigMapRef() != null);
      }
    }
  }

  /** The pod templates of every workload kind, so that a new one cannot slip past. */
  static List<PodSpec> pods(List<HasMetadata> objects) {
    List<PodSpec> pods = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (o instanceof Deployment d) {
        pods.add(d.getSpec().getTemplate().getSpec());
      } else if (o instanceof StatefulSet s) {
        pods.add(s.getSpec().getTemplate().getSpec());
      } else if (o instanceof DaemonSet s) {
        pods.add(s.getSpec().getTemplate().getSpec());
      } else if (o instanceof Job j) {
        pods.add(j.getSpec().getTemplate().getSpec());
      } else if (o instanceof CronJob j) {
        pods.add(j.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
      } else if (o instanceof io.fabric8.kubernetes.api.model.Pod p) {
        pods.add(p.getSpec());
      }
    }
    return pods;
  }

}
