package io.crimestream.job.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.crimestream.metrics.Champion;
import io.crimestream.metrics.ChampionEvent;
import io.crimestream.metrics.Scores;
import java.util.List;
import java.util.Map;

/**
 * {@code registry.json}: every saved version of every model, the champion and the events that
 * made it. The one file a user or a program reads to find a model.
 *
 * @param format   the registry's format ({@link ModelRegistry#FORMAT}); a newer one is refused
 * @param models   per model name, its saved versions, oldest first
 * @param champion the model and version that publish the predictions
 * @param events   promotions and rollbacks, oldest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistryIndex(int format, Map<String, List<Version>> models, Champion champion,
                            List<ChampionEvent> events) {

  /** A version is the champion now, the one it would roll back to, or neither. */
  public static final String CHAMPION = "champion";
  public static final String PREVIOUS = "previous";
  public static final String RETIRED = "retired";

  /**
   * One saved version of a model.
   *
   * @param version     1, 2, ... per model, one per batch it was fitted on
   * @param batch       the micro-batch after which it was fitted
   * @param rowsTrained training rows it learned from
   * @param time        when it was saved, ISO-8601
   * @param threshold   the decision threshold it scores the next batch with
   * @param heldOut     its figures on the held-out rows
   * @param prequential its figures on the next batch's rows, scored before it was replaced
   * @param state       {@link #CHAMPION}, {@link #PREVIOUS} or {@link #RETIRED}
   * @param wasChampion whether a champion event named it (promoted, rolled back to, restored):
 *                    such versions are kept, whatever their age
   * @param path        the Spark ML model's folder, relative to the registry
   * @param features    the feature state's file (vocabularies, rates), relative to the registry
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Version(int version, long batch, long rowsTrained, String time, Double threshold,
                        Scores heldOut, Scores prequential, String state, boolean wasChampion,
                        String path, String features) {

    Version withPrequential(Scores s) {
      return new Version(version, batch, rowsTrained, time, threshold, heldOut, s, state, wasChampion,
          path, features);
    }

    Version withState(String s, boolean named) {
      return new Version(version, batch, rowsTrained, time, threshold, heldOut, prequential, s,
          wasChampion || named, path, features);
    }
  }
}
