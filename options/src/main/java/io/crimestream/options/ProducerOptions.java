package io.crimestream.options;

import java.time.YearMonth;
import java.util.List;

/**
 * The producer's options that other programs set too: the months and the pace
 * ({@code ./crimestream local} runs the producer; the controller renders each Job's arguments).
 */
public final class ProducerOptions {

  private ProducerOptions() {}

  public static final double ROWS_PER_SECOND_LIMIT = 100_000;
  public static final int BATCH_ROWS_LIMIT = 100_000;

  public static final OptionDef<List<YearMonth>> MONTHS = new OptionDef<>("--months", "YYYY-MM[,...]",
      null, "The months to send, in time order, e.g. 2016-05 or 2016-04,2016-05.", Months::parseList,
      Months::render, null).withAlias("--month");

  public static final OptionDef<Double> ROWS_PER_SECOND = new OptionDef<>("--rows-per-second", "RATE",
      "1", "Average rate when paced, the study's by default.",
      Counts.positiveUpTo(ROWS_PER_SECOND_LIMIT), Counts::render, null);

  public static final OptionDef<Integer> BATCH_ROWS = new OptionDef<>("--batch-rows", "ROWS", "120",
      "Rows per batch when paced; a batch every ROWS/RATE seconds, the study's by default.",
      Counts.between(1, BATCH_ROWS_LIMIT), n -> Integer.toString(n), null);

  public static final OptionDef<Boolean> REPLAY = Flags.flag("--replay",
      "Send as fast as the broker acknowledges, without pacing.");

  public static final OptionDef<String> SOURCE = new OptionDef<>("--source", "PATH_OR_URL", null,
      "A CSV export of the city's crimes: a local file (.csv or .csv.gz) or an http(s) URL.",
      s -> s, s -> s, null);

  public static final OptionDef<Boolean> SOCRATA = Flags.flag("--socrata",
      "Ask the city's Socrata API for each month.");

  public static final OptionDef<Boolean> HISTORY = Flags.flag("--history",
      "The months are history, sent before the stream: the job learns from them without scoring"
          + " them (a warm start). Sent as fast as the broker acknowledges.");

  /** The same topic option as the job's. */
  public static final OptionDef<String> TOPIC = JobOptions.TOPIC;

  /** The pace, as the producer and the local run take it. */
  public static final List<OptionDef<?>> PACE = List.of(ROWS_PER_SECOND, BATCH_ROWS, REPLAY);
}
