package io.crimestream.controller.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.testing.CrimeStreams;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

// The driver's Service: the ports executors need, and the one a person port-forwards to for the
// dashboard and /metrics (the README's kubectl port-forward line names it).
class DriverServiceDependentTest {

  private final CrimeStream cs = CrimeStreams.replay("study", "/data/crimes.csv", "2016-05");

  @Test
  void namesTheSparkPortsAndTheJobsHttpPort() throws Exception {
    Service service = DriverServiceDependent.service(cs);

    assertThat(service.getMetadata().getName()).isEqualTo("study-driver");
    Map<String, Integer> ports = service.getSpec().getPorts().stream()
        .collect(Collectors.toMap(ServicePort::getName, ServicePort::getPort));
    assertThat(ports).containsExactlyInAnyOrderEntriesOf(Map.of("driver", SparkSubmitCommand.DRIVER_PORT,
        "blockmanager", SparkSubmitCommand.BLOCK_MANAGER_PORT, "metrics", 9464));
    // the job listens there: the driver's command line leaves --http-port and --http-address as
    // their defaults (every interface)
    assertThat(SparkSubmitCommand.jobArgs(cs, PipelineSettingsTest.settings(cs)))
        .doesNotContain("--http-port", "--http-address");
  }
}
