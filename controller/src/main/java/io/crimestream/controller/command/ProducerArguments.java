package io.crimestream.controller.command;

import io.crimestream.controller.settings.PipelineSettings;
import io.crimestream.controller.settings.ProducerSettings;
import io.crimestream.options.ProducerOptions;
import java.time.YearMonth;
import java.util.List;

/**
 * A month's producer Job's arguments (the image's entry point runs the producer with them),
 * every option rendered by the producer's {@link ProducerOptions}: the month, where the export
 * is ({@link DatasetMount}), the topic, the pace, and whether the month is history.
 */
public final class ProducerArguments {

  private ProducerArguments() {}

  public static List<String> of(PipelineSettings s, YearMonth month, DatasetMount dataset) {
    ProducerSettings producer = s.producer();
    Arguments args = new Arguments().add(ProducerOptions.MONTHS, List.of(month));
    dataset.location().ifPresentOrElse(
        location -> args.add(ProducerOptions.SOURCE, location),
        () -> args.flag(ProducerOptions.SOCRATA, true));
    return args.add(ProducerOptions.TOPIC, s.kafka().topic())
        .add(ProducerOptions.ROWS_PER_SECOND, producer.rowsPerSecond())
        .add(ProducerOptions.BATCH_ROWS, producer.batchRows())
        .flag(ProducerOptions.REPLAY, producer.replay())
        .flag(ProducerOptions.HISTORY, s.source().isHistory(month))
        .list();
  }
}
