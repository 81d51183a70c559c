package io.crimestream.job.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimePrecisionTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "2016-05-03T23:41:00, EXACT",
      "2016-05-03T00:01:00, EXACT",
      "2016-05-03T10:05:30, EXACT", // seconds written down: as precise as it gets
      "2016-05-03T10:05:00, FIVE_MINUTES",
      "2016-05-03T10:50:00, FIVE_MINUTES",
      "2016-05-03T10:15:00, QUARTER_HOUR",
      "2016-05-03T10:45:00, QUARTER_HOUR",
      "2016-05-03T10:30:00, HALF_HOUR",
      "2016-05-03T00:30:00, HALF_HOUR",
      "2016-05-03T12:00:00, HOUR",
      "2016-05-03T23:00:00, HOUR",
      "2016-05-03T00:00:00, MIDNIGHT",
  })
  void readsThePrecisionFromTheTime(String time, TimePrecision expected) {
    assertThat(TimePrecision.of(LocalDateTime.parse(time))).isEqualTo(expected);
  }
}
