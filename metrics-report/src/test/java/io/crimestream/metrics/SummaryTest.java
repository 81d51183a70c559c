package io.crimestream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The summary a controller reads: the recent events, bounded, and readable back from JSON. */
class SummaryTest {

  @Test
  void theSummaryKeepsTheMostRecentEventsOfEachKindAndReadsBack() throws Exception {
    List<ChampionEvent> promotions = LongStream.rangeClosed(1, 8)
        .mapToObj(b -> new ChampionEvent(b, ChampionEvent.PROMOTED, "random_forest", (int) b, null, null, "led"))
        .toList();
    List<DriftEvent> drifts = LongStream.rangeClosed(1, 7)
        .mapToObj(b -> new DriftEvent(b * 10, "arrest_rate", 51.0, b * 1000, b * 900, DriftEvent.REPORTED))
        .toList();
    MetricsReport.Summary summary = new MetricsReport.Summary(80, 80, 9600, 3, "random_forest",
        "2026-12-01T12:00:00Z", Map.of()).withRecentEvents(promotions, new DriftReport(Map.of("arrest_rate", 7L), drifts));

    assertThat(summary.championEvents()).extracting(ChampionEvent::batch).containsExactly(4L, 5L, 6L, 7L, 8L);
    assertThat(summary.drift().events()).extracting(DriftEvent::batch).containsExactly(30L, 40L, 50L, 60L, 70L);
    assertThat(summary.drift().detections()).containsEntry("arrest_rate", 7L);

    MetricsReport.Summary read = MetricsJson.readSummary(MetricsJson.write(summary, false));
    assertThat(read).isEqualTo(summary);
    assertThat(new MetricsReport.Summary(0, -1, 0, 0, null, null, Map.of()).withRecentEvents(List.of(), null))
        .extracting(MetricsReport.Summary::championEvents, MetricsReport.Summary::drift)
        .containsOnlyNulls();
  }
}
