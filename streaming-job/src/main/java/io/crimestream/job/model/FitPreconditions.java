package io.crimestream.job.model;

import io.crimestream.job.features.EncodedRow;
import io.crimestream.job.features.ModelFeatures;
import io.crimestream.options.ModelKind;
import java.util.List;
import java.util.Optional;

/**
 * Why a model cannot be fitted on some training rows, found before Spark is asked, so that a
 * small or one-sided micro-batch costs a skipped fit and a line in the metrics instead of a
 * failed query.
 *
 * <p>Spark's trees bin every feature into at most as many bins as there are training rows, and
 * refuse a categorical feature with more values than bins; the stream meets that whenever its
 * first batches hold fewer rows than, say, IUCR codes seen so far.
 */
public final class FitPreconditions {

  private FitPreconditions() {}

  /** Why {@code kind} cannot learn from {@code rows}, or empty when it can. */
  public static Optional<String> whyNot(ModelKind kind, List<EncodedRow> rows, ModelFeatures features) {
    if (rows.isEmpty()) {
      return Optional.of("no training rows yet");
    }
    long arrests = rows.stream().filter(EncodedRow::arrest).count();
    if (arrests == 0 || arrests == rows.size()) {
      return Optional.of("the " + rows.size() + " training rows hold one class only ("
          + (arrests == 0 ? "no arrest" : "arrests only") + "); it is fitted once both have arrived");
    }
    if (!kind.linear() && rows.size() < features.largestTreeCategory()) {
      return Optional.of(rows.size() + " training rows are fewer than the "
          + features.largestTreeCategory() + " values of its largest categorical feature ("
          + features.largestTreeCategoryName() + "); Spark's trees need at least one row per value");
    }
    return Optional.empty();
  }
}
