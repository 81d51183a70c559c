package io.crimestream.controller.status;

import static io.crimestream.controller.status.StatusFixtures.crimeStream;
import static io.crimestream.controller.status.StatusFixtures.input;
import static io.crimestream.controller.status.StatusFixtures.observed;
import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.ConditionTypes;
import io.crimestream.controller.api.CrimeStreamStatus;
import io.crimestream.controller.dependent.MetricsConfigMapDependent;
import io.crimestream.metrics.Champion;
import io.crimestream.metrics.ChampionEvent;
import io.crimestream.metrics.DriftEvent;
import io.crimestream.metrics.DriftReport;
import io.crimestream.metrics.MetricsJson;
import io.crimestream.metrics.MetricsReport;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The champion and drift steps over successive reconciliations: status.champion, DriftDetected
 * (True while recent), and each job event recorded as an Event once.
 */
class ModelEventsStepsTest {

  private final CrimeStreamStatus status = new CrimeStreamStatus();
  private final List<ChampionEvent> championEvents = new ArrayList<>();
  private final List<DriftEvent> driftEvents = new ArrayList<>();

  /** One reconciliation seeing the job's summary after {@code lastBatch}; the Events it asks for. */
  private List<CrimeStreamEvent> reconcile(long lastBatch, Champion champion) {
    MetricsReport.Summary summary = new MetricsReport.Summary(lastBatch + 1, lastBatch, 120 * (lastBatch + 1),
        0, "random_forest", "2026-12-01T12:00:00Z", Map.of()).withChampion(champion)
        .withRecentEvents(championEvents, driftEvents.isEmpty() ? null
            : new DriftReport(Map.of("arrest_rate", (long) driftEvents.size()), driftEvents));
    StatusInput in = input(crimeStream("2016-04"), observed(Map.of(), Map.of(), List.of(), null,
        new ConfigMapBuilder().addToData(MetricsConfigMapDependent.SUMMARY_KEY,
            MetricsJson.write(summary, false)).build()), status);
    StatusSteps.apply(in); // as the reconciler does: the watermark is the steps' too
    return in.events();
  }

  private Condition drift() {
    return Conditions.find(status, ConditionTypes.DRIFT_DETECTED).orElseThrow();
  }

  @Test
  void aPromotionIsInTheStatusAndOneEvent() {
    Champion lr = new Champion("logistic_regression", 3, 2, false);
    championEvents.add(new ChampionEvent(2, ChampionEvent.PROMOTED, "logistic_regression", 3, null, null,
        "the first model trained"));
    List<CrimeStreamEvent> first = reconcile(2, lr);
    assertThat(status.getChampion().getModel()).isEqualTo("logistic_regression");
    assertThat(status.getChampion().getVersion()).isEqualTo(3);
    assertThat(status.getChampion().getRolledBack()).isNull();
    assertThat(first).extracting(CrimeStreamEvent::reason).containsExactly("ChampionPromoted");
    assertThat(first.get(0).message()).contains("batch 2", "logistic_regression version 3");
    assertThat(reconcile(3, lr)).as("the same promotion is not recorded again").isEmpty();

    championEvents.add(new ChampionEvent(5, ChampionEvent.PROMOTED, "random_forest", 6, "logistic_regression",
        5, "led by 0.012 for 3 batches"));
    championEvents.add(new ChampionEvent(7, ChampionEvent.ROLLED_BACK, "random_forest", 6, null, 8,
        "version 8 did worse"));
    List<CrimeStreamEvent> later = reconcile(7, new Champion("random_forest", 6, 5, true));
    assertThat(later).extracting(CrimeStreamEvent::reason).containsExactly("ChampionPromoted",
        "ChampionRolledBack");
    assertThat(later.get(0).message()).contains("random_forest version 6", "was logistic_regression version 5");
    assertThat(later.get(1).warning()).isTrue();
    assertThat(status.getChampion().getRolledBack()).isTrue();
  }

  @Test
  void driftDetectedIsTrueWhileRecentNamesTheModelAndBatchAndEachDetectionIsOneEvent() {
    reconcile(20, null);
    assertThat(drift().getStatus()).isEqualTo("False");
    assertThat(drift().getReason()).isEqualTo("NoDrift");

    driftEvents.add(new DriftEvent(42, "error:random_forest", 50.4, 5115, 4530, DriftEvent.REPORTED));
    List<CrimeStreamEvent> events = reconcile(42, null);
    assertThat(drift().getStatus()).isEqualTo("True");
    assertThat(drift().getReason()).isEqualTo("ModelErrorRose");
    assertThat(drift().getMessage()).contains("random_forest", "batch 42", "after row 4530");
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.reason()).isEqualTo("DriftDetected");
      assertThat(e.warning()).isTrue();
      assertThat(e.message()).contains("random_forest", "batch 42");
    });
    assertThat(status.getDriftDetections()).isEqualTo(1);

    assertThat(reconcile(50, null)).as("recorded once").isEmpty();
    assertThat(drift().getStatus()).isEqualTo("True");

    reconcile(42 + DriftStatusStep.RECENT_BATCHES, null);
    assertThat(drift().getStatus()).isEqualTo("False");
    assertThat(drift().getReason()).isEqualTo("NoRecentDrift");
    assertThat(drift().getMessage()).contains("batch 42");
  }

  @Test
  void aStreamThatBeganAgainHasItsEventsRecordedAgain() {
    driftEvents.add(new DriftEvent(30, "arrest_rate", 51, 3600, 3400, DriftEvent.WINDOW_RESET));
    assertThat(reconcile(30, null)).hasSize(1);
    // a new checkpoint: the batches count from 0 again, below what was recorded
    driftEvents.clear();
    driftEvents.add(new DriftEvent(4, "arrest_rate", 52, 480, 300, DriftEvent.REPORTED));
    assertThat(reconcile(5, null)).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("arrest rate", "batch 4"));
    assertThat(status.getEventsRecordedUpTo()).isEqualTo(5);
  }

  @Test
  void unknownBeforeTheJobPublishes() {
    StatusInput in = input(crimeStream("2016-04"), observed(Map.of(), Map.of(), List.of(), null, null),
        status);
    new MetricsStatusStep().apply(in);
    new ChampionStatusStep().apply(in);
    new DriftStatusStep().apply(in);
    assertThat(drift().getStatus()).isEqualTo("Unknown");
    assertThat(in.events()).isEmpty();
  }
}
