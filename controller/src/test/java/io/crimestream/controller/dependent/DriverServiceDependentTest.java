package io.crimestream.controller.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.command.JobArguments;
import io.crimestream.controller.command.SparkSubmitCommand;
import io.crimestream.controller.testing.CrimeStreams;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The driver's Service: the ports executors need, and the one a person port-forwards to for the
 * dashboard and /metrics (the README's kubectl port-forward line names it).
 */
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
    // the job listens there, on every interface of the pod: the controller says so explicitly
    assertThat(JobArguments.of(cs, CrimeStreams.settings(cs)))
        .containsSubsequence("--http-address", "0.0.0.0", "--http-port", "9464");
  }
}
