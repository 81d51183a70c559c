package io.crimestream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.record.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line's usage errors and source errors; none of these reach Kafka. */
class ProducerMainTest {

  private static final Map<String, String> ENV = Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9");

  private final Output out = new Output();
  private final Output err = new Output();

  @TempDir
  Path tmp;

  private int run(Map<String, String> env, String... args) {
    return ProducerMain.run(args, env, out.stream, err.stream);
  }

  private int run(String... args) {
    return run(ENV, args);
  }

  private static String[] withKaggleMay(String... more) {
    List<String> args = new ArrayList<>(List.of("--months", "2016-05", "--source", SharedData.file(SharedData.KAGGLE).toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @ParameterizedTest(name = "--months {0}")
  @CsvSource({"2016-13", "May-2016", "2016-5-01", "''"})
  void invalidMonthIsAUsageErrorNamingTheOptionAndTheValue(String month) {
    assertThat(run("--months", month, "--source", "crimes.csv")).isEqualTo(2);
    assertThat(err.text()).startsWith("error: Invalid value for option '--months'")
        .contains("'" + month + "' is not a month: write YYYY-MM, e.g. 2016-05")
        .contains("Run with --help for the options.");
  }

  @Test
  void oneBadMonthInAListIsNamed() {
    assertThat(run("--month", "2016-04,2016-14", "--source", "crimes.csv")).isEqualTo(2);
    assertThat(err.text()).contains("'--months'", "'2016-14' is not a month");
  }

  @Test
  void monthsAreRequired() {
    assertThat(run("--source", "crimes.csv")).isEqualTo(2);
    assertThat(err.text()).startsWith("error: Missing required option: '--months=YYYY-MM[,...]'");
  }

  @Test
  void illegalTopicIsRefusedWithTheReason() {
    assertThat(run(withKaggleMay("--topic", "crímenes"))).isEqualTo(2);
    assertThat(err.text()).startsWith("error: Invalid value for option '--topic': the topic name 'crímenes' has"
            + " characters Kafka does not allow ('í')")
        .contains("(e.g. 'crimenes' for 'crímenes')");
  }

  @Test
  void aSourceIsRequired() {
    assertThat(run("--months", "2016-05")).isEqualTo(2);
    assertThat(err.text()).startsWith("error: name the source: exactly one of --source PATH_OR_URL or --socrata");
  }

  @Test
  void onlyOneSourceIsAllowed() {
    assertThat(run(withKaggleMay("--socrata"))).isEqualTo(2);
    assertThat(err.text()).startsWith("error: name the source: exactly one of --source PATH_OR_URL or --socrata");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(quoteCharacter = '"', value = {
      "--rows-per-second| 0|    Invalid value for option '--rows-per-second': 0 is out of range: more than 0, at most 100000",
      "--rows-per-second| -2.5| Invalid value for option '--rows-per-second': -2.5 is out of range: more than 0, at most 100000",
      "--batch-rows|      0|    Invalid value for option '--batch-rows': 0 is out of range: from 1 to 100000",
      "--linger-ms|       -1|   --linger-ms must be 0 or more, got -1",
      "--http-retries|    -1|   --http-retries must be 0 or more, got -1",
      "--delivery-timeout-seconds| 0| --delivery-timeout-seconds must be a positive number, got 0",
  }, delimiter = '|')
  void numbersMustBeInRange(String option, String value, String message) {
    assertThat(run(withKaggleMay(option, value))).isEqualTo(2);
    assertThat(err.lines()).first().isEqualTo("error: " + message);
  }

  @Test
  void aNumberThatIsNotOneNamesTheOption() {
    assertThat(run(withKaggleMay("--batch-rows", "many"))).isEqualTo(2);
    assertThat(err.text()).contains("'--batch-rows'", "'many'");
  }

  @Test
  void replayNotesThatThePaceHasNoEffect() {
    // the Kubernetes controller passes the pace along with --replay: a note, not an error
    Path missing = tmp.resolve("crimes.csv");
    assertThat(run("--months", "2016-05", "--source", missing.toString(), "--replay", "--rows-per-second", "5",
        "--batch-rows", "10")).isEqualTo(3);
    assertThat(err.lines()).first().isEqualTo("note: --rows-per-second and --batch-rows have no effect with --replay");
  }

  @Test
  void socrataOptionsNeedSocrata() {
    assertThat(run(withKaggleMay("--socrata-page-size", "1000"))).isEqualTo(2);
    assertThat(err.lines()).first().isEqualTo("error: --socrata-page-size applies only with --socrata");
  }

  @Test
  void onlyFilesAndHttpUrlsAreSources() {
    assertThat(run("--months", "2016-05", "--source", "ftp://example.org/crimes.csv")).isEqualTo(2);
    assertThat(err.lines()).first().isEqualTo(
        "error: --source: 'ftp://example.org/crimes.csv': only local files and http(s) URLs can be read");
  }

  @Test
  void bootstrapServersAreRequired() {
    assertThat(run(Map.of(), withKaggleMay())).isEqualTo(2);
    assertThat(err.lines()).first().isEqualTo(
        "error: no Kafka bootstrap servers: pass --bootstrap-servers or set KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void malformedBootstrapServersNameTheOption() {
    assertThat(run(withKaggleMay("--bootstrap-servers", "kafka"))).isEqualTo(2);
    assertThat(err.lines()).first().isEqualTo(
        "error: --bootstrap-servers: bootstrap servers 'kafka': each entry must be host:port, e.g. localhost:9092");
  }

  @Test
  void badSecuritySettingNamesTheVariable() {
    assertThat(run(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9093", "KAFKA_SECURITY_PROTOCOL", "TLS"), withKaggleMay()))
        .isEqualTo(2);
    assertThat(err.lines()).first().asString().startsWith("error: KAFKA_SECURITY_PROTOCOL=TLS is not one of");
  }

  @Test
  void missingFileExitsWith3NamingTheFile() {
    Path missing = tmp.resolve("crimes-2016-05.csv");
    assertThat(run("--months", "2016-05", "--source", missing.toString())).isEqualTo(3);
    assertThat(err.text()).isEqualTo("error: cannot read " + missing + ": no such file; expected a CSV export of the"
        + " city's crimes (portal, Kaggle or Socrata columns; .csv or .csv.gz)\n");
  }

  @Test
  void theLastLineIsLeftWhereKubernetesReadsTheTerminationMessage() throws Exception {
    Path message = tmp.resolve("termination-log");
    Path missing = tmp.resolve("crimes-2016-05.csv");
    Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9", "CRIMESTREAM_TERMINATION_MESSAGE_PATH",
        message.toString());

    assertThat(run(env, "--months", "2016-05", "--source", missing.toString())).isEqualTo(3);
    assertThat(messageOf(message)).isEqualTo(err.lines().get(0)).startsWith("error: cannot read " + missing);

    assertThat(run(env, "--months", "2016-13", "--source", missing.toString())).isEqualTo(2);
    assertThat(messageOf(message)).startsWith("error: Invalid value for option '--months'");
  }

  /** The termination message's text, as the controller reads it. */
  private static String messageOf(Path terminationMessage) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(terminationMessage.toFile())
        .get("message").asText();
  }

  @Test
  void fileThatIsNotACrimesExportExitsWith3() throws Exception {
    Path other = Files.writeString(tmp.resolve("weather.csv"), "station,date,temperature\n");
    assertThat(run("--months", "2016-05", "--source", other.toString())).isEqualTo(3);
    assertThat(err.text()).startsWith("error: cannot read " + other + ": not a Chicago crimes export")
        .doesNotContain("\tat ");
  }

  @Test
  void helpListsTheOptionsAndExitStatuses() {
    assertThat(run("--help")).isZero();
    assertThat(out.text()).contains("--month, --months=YYYY-MM[,...]", "--source=PATH_OR_URL", "--socrata ",
        "--socrata-url=URL", "--topic=NAME", "--bootstrap-servers=HOST:PORT", "--rows-per-second=RATE",
        "--batch-rows=ROWS", "--replay", "--linger-ms=MS", "--delivery-timeout-seconds=S", "(default: crimenes)",
        "SOCRATA_APP_TOKEN", "3   the source cannot be read");
    assertThat(err.text()).isEmpty();
  }
}
