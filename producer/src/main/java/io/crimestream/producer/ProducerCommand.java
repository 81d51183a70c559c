package io.crimestream.producer;

import io.crimestream.kafka.KafkaConnection;
import io.crimestream.options.CommandLineOptions;
import io.crimestream.options.OptionDef;
import io.crimestream.options.OptionValues;
import io.crimestream.options.ProducerOptions;
import java.net.URI;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The command line's options, and their translation into one checked {@link ProducerConfig}. */
@Command(name = "crimestream-producer", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
    modelTransformer = ProducerCommand.SharedOptions.class,
    version = "crimestream-producer 0.1.0",
    description = "Sends the Chicago crimes of the chosen months to a Kafka topic in time order, as JSON"
        + " keyed by id: at the study's pace (120 rows every 120 s) or, with --replay, as fast as"
        + " the broker acknowledges. Progress goes to stderr.",
    footerHeading = "%nEnvironment:%n",
    footer = {
        "  KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*, KAFKA_TLS_*",
        "                     the Kafka connection (see the kafka-connection module)",
        "  SOCRATA_APP_TOKEN  app token for --socrata, sent as X-App-Token (optional)",
        "  CRIMESTREAM_TERMINATION_MESSAGE_PATH",
        "                     a file to write the last line to (the summary or the error), for Kubernetes"},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:every valid row of the months was acknowledged by the broker",
        "1:some rows could not be delivered (the summary says how many)",
        "2:usage or configuration error",
        "3:the source cannot be read"})
final class ProducerCommand {

  static final String ENV_SOCRATA_APP_TOKEN = "SOCRATA_APP_TOKEN";

  @Spec
  CommandSpec spec;

  /** The options other programs set too, from their one definition. */
  static final class SharedOptions implements CommandLine.IModelTransformer {
    static final List<OptionDef<?>> ALL = all();

    private static List<OptionDef<?>> all() {
      List<OptionDef<?>> all = new ArrayList<>(List.of(ProducerOptions.MONTHS, ProducerOptions.SOURCE,
          ProducerOptions.SOCRATA, ProducerOptions.TOPIC, ProducerOptions.HISTORY));
      all.addAll(ProducerOptions.PACE);
      return List.copyOf(all);
    }

    @Override
    public CommandSpec transform(CommandSpec spec) {
      return CommandLineOptions.add(spec, ALL);
    }
  }

  @Option(names = "--socrata-url", paramLabel = "URL",
      description = "The API's CSV endpoint (default: ${DEFAULT-VALUE}).")
  URI socrataUrl = SocrataSource.DEFAULT_ENDPOINT;

  @Option(names = "--socrata-page-size", paramLabel = "ROWS",
      description = "Rows per API request (default: ${DEFAULT-VALUE}).")
  int socrataPageSize = SocrataSource.DEFAULT_PAGE_SIZE;

  @Option(names = "--http-retries", paramLabel = "N",
      description = "Tries again after a failed download, waiting 2, 4, 8 ... s (default: ${DEFAULT-VALUE}).")
  int httpRetries = RetryPolicy.DEFAULT.retries();

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
      description = "Kafka's bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(names = "--linger-ms", paramLabel = "MS",
      description = "Kafka's linger.ms (default: " + ProducerConfig.PACED_LINGER_MS + " when paced, "
          + ProducerConfig.REPLAY_LINGER_MS + " with --replay).")
  Integer lingerMs;

  @Option(names = "--delivery-timeout-seconds", paramLabel = "S",
      description = "How long a row may take to be acknowledged, retries included (default: ${DEFAULT-VALUE}).")
  long deliveryTimeoutSeconds = ProducerConfig.DEFAULT_DELIVERY_TIMEOUT.toSeconds();

  /**
   * The checked configuration.
   *
   * @throws ParameterException naming the option (or environment variable) that is wrong
   */
  ProducerConfig toConfig(Map<String, String> env) {
    OptionValues v = CommandLineOptions.values(spec);
    List<YearMonth> months = v.get(ProducerOptions.MONTHS);
    if (months == null) {
      throw usage("Missing required option: '" + ProducerOptions.MONTHS.flag() + "=" + ProducerOptions.MONTHS.label() + "'");
    }
    boolean socrata = v.get(ProducerOptions.SOCRATA);
    String pathOrUrl = v.get(ProducerOptions.SOURCE);
    if (socrata == (pathOrUrl != null)) {
      throw usage("name the source: exactly one of " + ProducerOptions.SOURCE.flag() + " PATH_OR_URL or "
          + ProducerOptions.SOCRATA.flag());
    }
    checkNumbers();
    checkCombinations(socrata);
    try {
      boolean history = v.get(ProducerOptions.HISTORY);
      return new ProducerConfig(months, crimeSource(env, socrata, pathOrUrl), v.get(ProducerOptions.TOPIC),
          kafkaConnection(env), history ? Pace.REPLAY : Pace.of(v), lingerMs,
          Duration.ofSeconds(deliveryTimeoutSeconds), history);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage() + " (--delivery-timeout-seconds, --linger-ms)");
    }
  }

  private void checkNumbers() {
    requirePositive("--socrata-page-size", socrataPageSize);
    requirePositive("--delivery-timeout-seconds", deliveryTimeoutSeconds);
    if (httpRetries < 0) {
      throw usage("--http-retries must be 0 or more, got " + httpRetries);
    }
    if (lingerMs != null && lingerMs < 0) {
      throw usage("--linger-ms must be 0 or more, got " + lingerMs);
    }
  }

  /** Options that would be silently ignored are refused or noted, so that nobody believes they took effect. */
  private void checkCombinations(boolean socrata) {
    if (CommandLineOptions.value(spec, ProducerOptions.REPLAY)) {
      // a note, not an error: the controller passes the pace whether or not it asks for a replay
      List<String> pace = List.of(ProducerOptions.ROWS_PER_SECOND.flag(), ProducerOptions.BATCH_ROWS.flag())
          .stream().filter(this::given).toList();
      if (!pace.isEmpty()) {
        spec.commandLine().getErr().println("note: " + String.join(" and ", pace) + " "
            + (pace.size() == 1 ? "has" : "have") + " no effect with --replay");
      }
    }
    if (!socrata) {
      for (String socrataOption : List.of("--socrata-url", "--socrata-page-size")) {
        if (given(socrataOption)) {
          throw usage(socrataOption + " applies only with --socrata");
        }
      }
    }
  }

  private CrimeSource crimeSource(Map<String, String> env, boolean socrata, String pathOrUrl) {
    RetryPolicy retry = new RetryPolicy(httpRetries, RetryPolicy.DEFAULT.firstBackoff());
    if (socrata) {
      if (socrataUrl.getHost() == null || socrataUrl.getScheme() == null || !socrataUrl.getScheme().matches("https?")) {
        throw usage("--socrata-url: '" + socrataUrl + "' is not an http(s) URL");
      }
      return new SocrataSource(socrataUrl, env.get(ENV_SOCRATA_APP_TOKEN), socrataPageSize, retry);
    }
    try {
      return CrimeSource.parse(pathOrUrl, retry);
    } catch (IllegalArgumentException e) {
      throw usage("--source: " + e.getMessage());
    }
  }

  private KafkaConnection kafkaConnection(Map<String, String> env) {
    try {
      return KafkaConnection.fromEnvironment(env, bootstrapServers);
    } catch (IllegalArgumentException e) {
      // its messages name the KAFKA_* variable at fault, except for a malformed server list
      String message = e.getMessage();
      if (message.startsWith("bootstrap servers '")) {
        message = (bootstrapServers != null ? "--bootstrap-servers" : KafkaConnection.ENV_BOOTSTRAP_SERVERS) + ": " + message;
      }
      throw usage(message);
    }
  }

  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
  }

  private void requirePositive(String option, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw usage(option + " must be a positive number, got " + (value == Math.rint(value) ? Long.toString((long) value) : value));
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
