package io.crimestream.job.config;

/**
 * How the champion (the model whose predictions are published) is chosen and rolled back.
 *
 * @param window      batches over which models' prequential AUC is pooled
 * @param margin      AUC by which a challenger must lead the champion
 * @param leadBatches batches in a row a challenger must lead to replace it
 */
public record ChampionSettings(int window, double margin, int leadBatches) {

  public static final ChampionSettings DEFAULT = new ChampionSettings(5, 0.005, 3);

  public ChampionSettings {
    if (window < 1 || leadBatches < 1 || !(margin >= 0 && margin <= 1)) {
      throw new IllegalArgumentException("the champion's window and lead must be at least 1 batch and"
          + " its margin from 0 to 1, got " + window + ", " + leadBatches + ", " + margin);
    }
  }
}
