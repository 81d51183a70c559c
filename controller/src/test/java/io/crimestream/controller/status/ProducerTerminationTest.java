package io.crimestream.controller.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProducerTerminationTest {

  @Test
  void readsRowsSentFromTheSummaryAJsonLineOrTheLastProgressLine() {
    assertThat(new ProducerTermination(0, "done: 3446 of 3446 valid rows of 2016-05 acknowledged"
        + " by topic crimenes in 0.7 s").rowsSent()).hasValue(3446);
    assertThat(new ProducerTermination(0, "{\"month\":\"2016-05\",\"rowsSent\":12}").rowsSent())
        .hasValue(12);
    assertThat(new ProducerTermination(1, "2016-05: 120/3446 rows sent (3.5%)\n"
        + "2016-05: 240/3446 rows sent (7.0%)").rowsSent()).hasValue(240);
    assertThat(new ProducerTermination(2, "error: unknown option --mnths").rowsSent()).isEmpty();
  }

  @Test
  void explainsTheProducersExitCodes() {
    assertThat(new ProducerTermination(2, "error: unknown option\nRun with --help").describe())
        .isEqualTo("exit code 2 (a usage or configuration error): Run with --help");
    assertThat(new ProducerTermination(137, "").describe()).isEqualTo("exit code 137 (exit code"
        + " 137)");
  }
}
