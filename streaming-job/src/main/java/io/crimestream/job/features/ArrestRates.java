package io.crimestream.job.features;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Past arrest rates per category, learned from training rows: an IUCR code's rate (backing off to
 * its primary type's, then the overall rate, when the code is rare), a location's, a beat's, and
 * an IUCR code's at a given location (backing off to the code's).
 *
 * <p>Each rate is smoothed toward its back-off with a prior of {@value #PRIOR_WEIGHT} rows, so a
 * code seen once with an arrest scores near its type's rate, not 1.0. The IUCR rate alone is the
 * {@code iucr_rate_baseline}; the four rates together are features for the learned models, which
 * then learn how location, time, domestic flag and the rest move an incident away from its
 * category's usual outcome.
 */
public final class ArrestRates {

  public static final double PRIOR_WEIGHT = 2.0;
  /** The IUCR code's rate's index in {@link #rates} and {@link #NAMES}. */
  public static final int IUCR = 0;
  public static final List<String> NAMES =
      List.of("iucr_arrest_rate", "location_arrest_rate", "beat_arrest_rate", "iucr_location_arrest_rate");

  private final Map<String, long[]> byIucr;
  private final Map<String, long[]> byType;
  private final Map<String, long[]> byLocation;
  private final Map<String, long[]> byBeat;
  private final Map<String, long[]> byIucrLocation;
  private long arrests;
  private long rows;

  private ArrestRates() {
    this(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), 0, 0);
  }

  private ArrestRates(Map<String, long[]> byIucr, Map<String, long[]> byType, Map<String, long[]> byLocation,
                      Map<String, long[]> byBeat, Map<String, long[]> byIucrLocation, long arrests, long rows) {
    this.byIucr = byIucr;
    this.byType = byType;
    this.byLocation = byLocation;
    this.byBeat = byBeat;
    this.byIucrLocation = byIucrLocation;
    this.arrests = arrests;
    this.rows = rows;
  }

  /**
   * The counts the rates come from, per key {@code [arrests, rows]}: what a saved model needs to
   * give a row the rates it was trained with.
   */
  public record State(Map<String, long[]> byIucr, Map<String, long[]> byType, Map<String, long[]> byLocation,
                      Map<String, long[]> byBeat, Map<String, long[]> byIucrLocation, long arrests, long rows) {}

  public State state() {
    return new State(byIucr, byType, byLocation, byBeat, byIucrLocation, arrests, rows);
  }

  public static ArrestRates restore(State s) {
    return new ArrestRates(new HashMap<>(s.byIucr()), new HashMap<>(s.byType()), new HashMap<>(s.byLocation()),
        new HashMap<>(s.byBeat()), new HashMap<>(s.byIucrLocation()), s.arrests(), s.rows());
  }

  public static ArrestRates fit(List<EncodedRow> training) {
    ArrestRates r = new ArrestRates();
    training.forEach(r::add);
    return r;
  }

  /** Rates from every row but those in {@code fold} of {@code folds}: for out-of-fold encoding. */
  static ArrestRates fitExcludingFold(List<EncodedRow> training, int fold, int folds) {
    ArrestRates r = new ArrestRates();
    for (EncodedRow row : training) {
      if (foldOf(row.id(), folds) != fold) {
        r.add(row);
      }
    }
    return r;
  }

  static int foldOf(long id, int folds) {
    // bits of the hash that the held-out split does not use
    return (int) Math.floorMod(HeldOutSplit.mix(id) >>> 17, (long) folds);
  }

  private void add(EncodedRow row) {
    int a = row.arrest() ? 1 : 0;
    arrests += a;
    rows++;
    EncodedRow.RateKeys k = row.keys();
    count(byIucr, k.iucr(), a);
    count(byType, k.primaryType(), a);
    count(byLocation, k.locationDescription(), a);
    count(byBeat, k.beat(), a);
    count(byIucrLocation, pair(k.iucr(), k.locationDescription()), a);
  }

  public double overall() {
    return rows == 0 ? 0.5 : (double) arrests / rows;
  }

  /** The IUCR code's rate, backing off to the primary type's and the overall rate. */
  public double iucrRate(EncodedRow.RateKeys k) {
    double type = smoothed(byType, k.primaryType(), overall());
    return smoothed(byIucr, k.iucr(), type);
  }

  /** All four rates, in the order of {@link #NAMES}. */
  public double[] rates(EncodedRow.RateKeys k) {
    double iucr = iucrRate(k);
    return new double[] {
        iucr,
        smoothed(byLocation, k.locationDescription(), overall()),
        smoothed(byBeat, k.beat(), overall()),
        smoothed(byIucrLocation, pair(k.iucr(), k.locationDescription()), iucr),
    };
  }

  private static double smoothed(Map<String, long[]> counts, String key, double prior) {
    long[] c = key == null ? null : counts.get(key);
    return c == null ? prior : (c[0] + PRIOR_WEIGHT * prior) / (c[1] + PRIOR_WEIGHT);
  }

  private static void count(Map<String, long[]> counts, String key, int arrest) {
    if (key == null) {
      return;
    }
    long[] c = counts.computeIfAbsent(key, x -> new long[2]);
    c[0] += arrest;
    c[1]++;
  }

  private static String pair(String a, String b) {
    return a == null || b == null ? null : a + '|' + b;
  }

  /** Out-of-fold rates for each training row: a row's own label never feeds its features. */
  public static double[][] outOfFold(List<EncodedRow> training, int folds) {
    ArrestRates[] perFold = new ArrestRates[folds];
    for (int f = 0; f < folds; f++) {
      perFold[f] = fitExcludingFold(training, f, folds);
    }
    double[][] out = new double[training.size()][];
    for (int i = 0; i < out.length; i++) {
      EncodedRow row = training.get(i);
      out[i] = perFold[foldOf(row.id(), folds)].rates(row.keys());
    }
    return out;
  }
}
