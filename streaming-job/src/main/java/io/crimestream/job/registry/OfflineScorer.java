package io.crimestream.job.registry;

import io.crimestream.job.eval.ScoredRows;
import io.crimestream.job.features.ArrestRates;
import io.crimestream.job.features.EncodedRow;
import io.crimestream.job.model.IucrRateBaseline;
import io.crimestream.job.features.FeatureEncoder;
import io.crimestream.job.model.TrainedModel;
import io.crimestream.metrics.Prediction;
import io.crimestream.options.ModelKind;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.RecordKey;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores records with a saved version, as the stream scored them: the version's encoder state
 * goes on indexing new values in the records' order, its arrest rates give each record its
 * rates, and every model saved after the same batch adds its score. The predictions are the
 * stream's, without a batch.
 */
public final class OfflineScorer {

  private final ModelRegistry.LoadedVersion champion;
  private final Map<String, TrainedModel> all = new LinkedHashMap<>();
  private final FeatureEncoder encoder;

  private OfflineScorer(ModelRegistry.LoadedVersion champion, Map<String, TrainedModel> all) {
    this.champion = champion;
    this.all.putAll(all);
    this.encoder = FeatureEncoder.restore(champion.features().encoder());
  }

  /**
   * The registry's champion, or {@code model}'s {@code version} when given (a {@code null} model
   * means the champion's model).
   */
  public static OfflineScorer of(ModelRegistry registry, String model, Integer version) throws IOException {
    String name = model != null ? model : registry.champion().map(c -> c.model()).orElseThrow(() ->
        new IOException("the registry in " + registry.dir() + " has no champion yet: name a version"));
    ModelKind kind = ModelKind.parse(name);
    int v = version != null ? version
        : model == null ? registry.champion().orElseThrow().version() : registry.latestVersion(name);
    ModelRegistry.LoadedVersion loaded = registry.load(kind, v);
    Map<String, TrainedModel> same = new LinkedHashMap<>();
    for (ModelKind k : ModelKind.values()) {
      for (RegistryIndex.Version other : registry.versions(k.id())) {
        if (other.batch() == loaded.entry().batch()) {
          same.put(k.id(), k == kind ? loaded.model() : registry.load(k, other.version()).model());
        }
      }
    }
    return new OfflineScorer(loaded, same);
  }

  public ModelRegistry.LoadedVersion version() {
    return champion;
  }

  /** Every record's prediction, in the records' order. */
  public List<Prediction> score(List<CrimeRecord> records) {
    List<EncodedRow> rows = new ArrayList<>(records.size());
    records.forEach(r -> rows.add(encoder.encode(r)));
    Map<String, double[]> scores = new LinkedHashMap<>();
    all.forEach((name, m) -> scores.put(name, m.score(rows)));
    scores.put(ModelKind.IUCR_RATE_BASELINE, IucrRateBaseline.of(ArrestRates.restore(champion.features().rates()))
        .score(rows));
    double[] p = scores.get(champion.kind().id());
    double threshold = champion.entry().threshold() == null ? 0.5 : champion.entry().threshold();
    String now = Instant.now().toString();
    List<Prediction> out = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      Map<String, Double> each = new LinkedHashMap<>();
      int row = i;
      scores.forEach((name, s) -> each.put(name, s[row]));
      CrimeRecord r = records.get(i);
      out.add(new Prediction(RecordKey.text(r.id()), DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(r.date()),
          p[i], p[i] >= threshold, threshold, champion.kind().id(), champion.entry().version(), null, now,
          each));
    }
    return out;
  }

  /** The champion's scores of {@code records} with their labels: for figures, not predictions. */
  public ScoredRows scored(List<CrimeRecord> records, List<Prediction> predictions) {
    double[] s = new double[predictions.size()];
    boolean[] l = new boolean[predictions.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = predictions.get(i).probability();
      l[i] = records.get(i).arrest();
    }
    return new ScoredRows(s, l);
  }
}
