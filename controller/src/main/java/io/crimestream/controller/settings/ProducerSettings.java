package io.crimestream.controller.settings;

import io.crimestream.controller.api.Defaults;
import io.crimestream.controller.api.ProducerSpec;
import io.crimestream.controller.config.ControllerConfig;
import io.crimestream.options.ProducerOptions;

/**
 * {@code spec.producer}: the image of the month Jobs and their pace, checked by the producer's
 * own options ({@code --rows-per-second}, {@code --batch-rows}, {@code --replay}).
 *
 * @param image         the producer image
 * @param rowsPerSecond the average rate when paced
 * @param batchRows     rows per batch when paced
 * @param replay        send as fast as the broker acknowledges, without pacing
 * @param backoffLimit  how often a month's Job retries before the month counts as failed
 */
public record ProducerSettings(String image, double rowsPerSecond, int batchRows, boolean replay,
                               int backoffLimit) {

  static ProducerSettings of(ProducerSpec given, ControllerConfig config, SpecProblems problems) {
    ProducerSpec producer = given != null ? given : new ProducerSpec();
    double rowsPerSecond = producer.getRowsPerSecond() == null
        ? ProducerOptions.ROWS_PER_SECOND.defaultValue()
        : problems.option("spec.producer.rowsPerSecond", ProducerOptions.ROWS_PER_SECOND,
            producer.getRowsPerSecond(), "to send as fast as the broker acknowledges, set"
                + " spec.producer.replay: true").orElse(Double.NaN);
    int batchRows = producer.getBatchRows() == null ? ProducerOptions.BATCH_ROWS.defaultValue()
        : problems.option("spec.producer.batchRows", ProducerOptions.BATCH_ROWS,
            producer.getBatchRows()).orElse(0);
    int backoffLimit = producer.getBackoffLimit() != null ? producer.getBackoffLimit()
        : Defaults.PRODUCER_BACKOFF_LIMIT;
    if (backoffLimit < 0) {
      problems.add("spec.producer.backoffLimit is " + backoffLimit + ": it must be at least 0");
    }
    return new ProducerSettings(producer.getImage() != null ? producer.getImage()
        : config.producerImage(), rowsPerSecond, batchRows,
        Boolean.TRUE.equals(producer.getReplay()), backoffLimit);
  }
}
