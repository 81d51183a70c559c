package io.crimestream.job.dashboard;

import io.crimestream.job.pipeline.IncomingRecord;
import io.crimestream.job.predictions.SourcedPrediction;
import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.Champion;
import io.crimestream.metrics.DriftEvent;
import io.crimestream.metrics.DriftReport;
import io.crimestream.metrics.DriftStatus;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelMetrics;
import io.crimestream.metrics.Prediction;
import io.crimestream.metrics.Scores;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.WireCodec;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports and predictions for the dashboard's tests, with hostile free text where the city's data
 * has free text: what the page must show as text and never run.
 */
final class DashboardFixtures {

  /** A crime description that is markup, and one that would end a script element. */
  static final String HOSTILE = "<img src=x onerror=\"document.title='pwned'\"></script><script>alert(1)</script> & \u2028 end";

  private DashboardFixtures() {}

  static MetricsReport report(int batches) {
    List<BatchMetrics> list = new ArrayList<>();
    for (int b = 1; b <= batches; b++) {
      Map<String, ModelMetrics> models = new LinkedHashMap<>();
      int i = 0;
      for (String model : List.of("logistic_regression", "decision_tree", "random_forest", "iucr_rate_baseline")) {
        double auc = 0.70 + 0.04 * i + 0.01 * b;
        Scores s = new Scores(auc + 0.05, auc, auc - 0.2, 0.6, 0.5, 0.55, 400);
        models.put(model, ModelMetrics.of(new Scores(auc + 0.06, auc + 0.01, auc - 0.19, 0.6, 0.5, 0.56, 100),
            900, b == 1 ? null : s, b == 1 ? null : s, 0.5));
        i++;
      }
      Map<String, DriftStatus> drift = Map.of("arrest_rate", new DriftStatus(b == 2 ? 60 : 1, 50, b == 2));
      list.add(new BatchMetrics(b, 500, 500L * b, 400L * b, 2500, "2026-12-01T10:00:0" + b + "Z", models,
          Map.of("accumulate", 10L, "score", 5L, "train", 2300L, "evaluate", 40L, "save", 100L), drift, 500L));
    }
    Map<String, Long> rejected = new LinkedHashMap<>();
    rejected.put("duplicate_id", 3L);
    rejected.put(HOSTILE, 1L); // reasons are the job's keys, but the page must not trust them either
    return new MetricsReport("crimenes", List.of("2016-05"), "improved", "last:100000", rejected, 0, 0, list,
        MetricsReport.summarize(batches, list, rejected), null, 0, new Champion("logistic_regression", 3, 2, false),
        List.of(), new MetricsReport.PredictionCounts(1000, 500),
        new DriftReport(Map.of("arrest_rate", 1L), List.of(new DriftEvent(2, "arrest_rate", 60, 900, 700,
            DriftEvent.REPORTED))));
  }

  static CrimeRecord incident(long id, String description) {
    return new CrimeRecord(id, "HZ" + id, LocalDateTime.of(2016, 5, 3, 23, 40), "013XX S SAWYER AVE", "0486",
        "BATTERY", description, "APARTMENT", true, true, "1022", 10, 24, 29, "08B", null, null, null, null);
  }

  static Prediction prediction(long id, long batch) {
    return new Prediction(Long.toString(id), "2016-05-03T23:40:00", 0.81, true, 0.5, "logistic_regression", 3,
        batch, "2026-12-01T10:00:00Z", Map.of("logistic_regression", 0.81));
  }

  /** A prediction as the processor hands it to a sink: with the Kafka record it was made for. */
  static SourcedPrediction sourced(long id, long batch, String description) {
    CrimeRecord r = incident(id, description);
    return new SourcedPrediction(prediction(id, batch),
        new IncomingRecord("crimenes", 0, id, WireCodec.key(r).getBytes(java.nio.charset.StandardCharsets.UTF_8),
            WireCodec.encode(r)));
  }
}
