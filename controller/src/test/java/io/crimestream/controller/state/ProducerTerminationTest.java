package io.crimestream.controller.state;

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
  void readsTheProducersJsonTerminationMessage() {
    ProducerTermination t = new ProducerTermination(0, "{\"message\":\"done: 643 of 643 valid rows of"
        + " 2018-01 acknowledged by topic crimenes in 1.2 s\",\"rowsSent\":643,\"source\":{\"rowsRead\":769,"
        + "\"rowsOfMonths\":643,\"rejected\":{\"wrong_field_count\":2,\"missing_field:arrest\":1},"
        + "\"outsideMonths\":102,\"duplicateIds\":21}}");
    assertThat(t.rowsSent()).hasValue(643);
    assertThat(t.text()).startsWith("done: 643 of 643");
    assertThat(t.describe()).isEqualTo("exit code 0 (every row was acknowledged): done: 643 of 643"
        + " valid rows of 2018-01 acknowledged by topic crimenes in 1.2 s");
    assertThat(t.source()).hasValueSatisfying(s -> {
      assertThat(s.getRowsRead()).isEqualTo(769);
      assertThat(s.getRowsOfMonths()).isEqualTo(643);
      assertThat(s.getRejected()).containsEntry("wrong_field_count", 2L).containsEntry("missing_field:arrest", 1L);
      assertThat(s.getOutsideMonths()).isEqualTo(102);
      assertThat(s.getDuplicateIds()).isEqualTo(21);
    });
    assertThat(new ProducerTermination(3, "{\"message\":\"error: cannot read x.csv: no such file\"}")
        .describe()).isEqualTo("exit code 3 (the dataset source could not be read): error: cannot"
        + " read x.csv: no such file");
    assertThat(new ProducerTermination(1, "no json here").source()).isEmpty();
  }

  @Test
  void explainsTheProducersExitCodes() {
    assertThat(new ProducerTermination(2, "error: unknown option\nRun with --help").describe())
        .isEqualTo("exit code 2 (a usage or configuration error): Run with --help");
    assertThat(new ProducerTermination(137, "").describe()).isEqualTo("exit code 137 (exit code"
        + " 137)");
  }
}
