package io.crimestream.options;

import java.nio.file.Path;

/** Options of {@code ./crimestream}'s commands ({@code local}, {@code report}, {@code bench}). */
public final class LauncherOptions {

  private LauncherOptions() {}

  public static final OptionDef<String> DATA = new OptionDef<>("--data", "FILE|URL", null,
      "A CSV export of the city's crimes (portal, Kaggle or Socrata format; .gz too), or its http(s)"
          + " URL.", s -> s, s -> s, null);

  public static final OptionDef<Boolean> DRY_RUN = Flags.flag("--dry-run",
      "Check every option and the data (readable, a known header, rows of each requested month),"
          + " print what would run, and exit, without starting Kafka or Spark.");

  public static final OptionDef<java.util.List<java.time.YearMonth>> HISTORY_MONTHS = new OptionDef<>(
      "--history-months", "YYYY-MM[,...]", null, "Months the models learn from before the stream (a warm"
          + " start): trained on, never scored, counted apart as rowsHistory.", Months::parseList,
      Months::render, null);

  public static final OptionDef<String> HISTORY_DATA = new OptionDef<>("--history-data", "FILE|URL", null,
      "Where the history months come from (default: --data).", s -> s, s -> s, null);

  /** {@code --out} with a default that differs per command. */
  public static OptionDef<Path> out(String defaultDir, String what) {
    return new OptionDef<>("--out", "DIR", defaultDir, "Where " + what + " go.", Path::of, Path::toString,
        null);
  }
}
