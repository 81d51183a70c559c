package io.crimestream.job.model;

import io.crimestream.job.features.EncodedRow;
import io.crimestream.metrics.ModelNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a learned model but the bar one has to clear: an incident's score is the past arrest rate
 * of its IUCR code, backing off to its primary type's rate when the code is rare, and to the
 * overall rate when the type is too. Fitted on exactly the rows the models train on.
 *
 * <p>The back-off is smooth (an additive prior of {@value #PRIOR_WEIGHT} rows at the parent's
 * rate), so a code seen once with an arrest scores near its type's rate, not 1.0.
 */
public final class IucrRateBaseline implements ArrestScorer {

  static final double PRIOR_WEIGHT = 2.0;

  private final Map<String, long[]> byIucr;
  private final Map<String, long[]> byType;
  private final double overall;
  private final long trainMillis;

  private IucrRateBaseline(Map<String, long[]> byIucr, Map<String, long[]> byType, double overall,
                           long trainMillis) {
    this.byIucr = byIucr;
    this.byType = byType;
    this.overall = overall;
    this.trainMillis = trainMillis;
  }

  @Override
  public String name() {
    return ModelNames.IUCR_RATE_BASELINE;
  }

  @Override
  public long trainMillis() {
    return trainMillis;
  }

  public static IucrRateBaseline fit(List<EncodedRow> rows) {
    long start = System.nanoTime();
    Map<String, long[]> byIucr = new HashMap<>();
    Map<String, long[]> byType = new HashMap<>();
    long arrests = 0;
    for (EncodedRow r : rows) {
      int a = r.arrest() ? 1 : 0;
      arrests += a;
      count(byIucr, r.iucr(), a);
      count(byType, r.primaryType(), a);
    }
    double overall = rows.isEmpty() ? 0.5 : (double) arrests / rows.size();
    return new IucrRateBaseline(byIucr, byType, overall, (System.nanoTime() - start) / 1_000_000);
  }

  public double score(EncodedRow r) {
    double typeRate = smoothed(byType.get(r.primaryType()), overall);
    return smoothed(byIucr.get(r.iucr()), typeRate);
  }

  @Override
  public double[] score(List<EncodedRow> rows) {
    double[] s = new double[rows.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = score(rows.get(i));
    }
    return s;
  }

  private static double smoothed(long[] arrestsAndTotal, double prior) {
    if (arrestsAndTotal == null) {
      return prior;
    }
    return (arrestsAndTotal[0] + PRIOR_WEIGHT * prior) / (arrestsAndTotal[1] + PRIOR_WEIGHT);
  }

  private static void count(Map<String, long[]> counts, String key, int arrest) {
    if (key == null) {
      return;
    }
    long[] c = counts.computeIfAbsent(key, k -> new long[2]);
    c[0] += arrest;
    c[1]++;
  }
}
