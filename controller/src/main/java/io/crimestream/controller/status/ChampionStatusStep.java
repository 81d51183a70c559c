package io.crimestream.controller.status;

import io.crimestream.controller.api.ChampionStatus;
import io.crimestream.metrics.Champion;
import io.crimestream.metrics.ChampionEvent;
import io.crimestream.metrics.MetricsReport;

/**
 * {@code status.champion} from the job's summary, and an Event for each promotion, rollback or
 * restoration the job reported since the last recorded batch.
 */
public final class ChampionStatusStep implements StatusStep {

  @Override
  public void apply(StatusInput in) {
    if (in.summary().isEmpty()) {
      return; // the metrics step says why; the last known champion stays
    }
    MetricsReport.Summary summary = in.summary().get();
    Champion champion = summary.champion();
    in.status().setChampion(champion == null ? null : new ChampionStatus(champion.model(),
        champion.version(), champion.since(), champion.rolledBack() ? true : null));
    if (summary.championEvents() == null) {
      return;
    }
    for (ChampionEvent e : summary.championEvents()) {
      if (in.unrecorded(e.batch())) {
        in.event(event(e));
      }
    }
  }

  static CrimeStreamEvent event(ChampionEvent e) {
    String serving = e.model() + " version " + e.version();
    String was = e.fromVersion() == null ? ""
        : " (was " + (e.fromModel() != null ? e.fromModel() : e.model()) + " version " + e.fromVersion() + ")";
    String why = e.reason() == null ? "" : ": " + e.reason();
    return switch (e.type()) {
      case ChampionEvent.ROLLED_BACK -> new CrimeStreamEvent(true, "ChampionRolledBack",
          "after batch " + e.batch() + " " + serving + " serves again" + was + why);
      case ChampionEvent.RESTORED -> new CrimeStreamEvent(false, "ChampionRestored",
          "after batch " + e.batch() + " " + serving + ", the latest, serves again" + was + why);
      default -> new CrimeStreamEvent(false, "ChampionPromoted",
          "after batch " + e.batch() + " " + serving + " is the champion" + was + why);
    };
  }
}
