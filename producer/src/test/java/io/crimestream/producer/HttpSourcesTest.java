package io.crimestream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crimestream.record.CrimeRecord;
import io.crimestream.record.SharedData;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http(s) URL source and the Socrata API's paging, against a local server. */
class HttpSourcesTest {

  private static final RetryPolicy NO_RETRY = new RetryPolicy(0, Duration.ofSeconds(2));
  private static final YearMonth JUNE_2017 = YearMonth.of(2017, 6);

  private TestHttpServer server;
  private final FakeClock clock = new FakeClock();
  private final Output report = new Output();

  @BeforeEach
  void start() throws IOException {
    server = new TestHttpServer(SharedData.SODA_2017);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private LoadedMonths load(CrimeSource source, YearMonth... months) throws Exception {
    return MonthLoader.load(source, List.of(months), report.stream, clock);
  }

  private CrimeSource url(String path, RetryPolicy retry) {
    return CrimeSource.parse(server.url(path).toString(), retry);
  }

  private SocrataSource socrata(int pageSize, RetryPolicy retry) {
    return new SocrataSource(server.socrataEndpoint(), "token-1234", pageSize, retry);
  }

  /** The month's rows as the reader gives them from the file itself, in time order. */
  static List<CrimeRecord> rowsOfFile(String file, YearMonth month) throws IOException {
    List<CrimeRecord> rows = SharedData.validRows(file).stream()
        .filter(record -> record.month().equals(month))
        .collect(Collectors.toCollection(ArrayList::new));
    rows.sort(MonthLoader.TIME_ORDER);
    return rows;
  }

  @Test
  void urlSourceStreamsTheExport() throws Exception {
    LoadedMonths loaded = load(url("/files/" + SharedData.KAGGLE, NO_RETRY), YearMonth.of(2016, 5));

    assertThat(loaded.rows()).isEqualTo(rowsOfFile(SharedData.KAGGLE, YearMonth.of(2016, 5))).hasSize(3446);
    assertThat(report.lines()).last().asString()
        .startsWith("loaded " + server.url("/files/" + SharedData.KAGGLE) + " in ")
        .contains("4851 rows read, 3446 of 2016-05");
  }

  @Test
  void urlSourceFollowsRedirectsAndReadsGzip() throws Exception {
    assertThat(load(url("/moved/" + SharedData.KAGGLE, NO_RETRY), YearMonth.of(2016, 5)).rows()).hasSize(3446);
    assertThat(load(url("/files/" + SharedData.KAGGLE + ".gz", NO_RETRY), YearMonth.of(2016, 5)).rows()).hasSize(3446);
  }

  @Test
  void urlSourceRetriesServerErrorsWithGrowingWaits() throws Exception {
    server.failures.put(1, 503);
    server.failures.put(2, 500);

    LoadedMonths loaded = load(url("/files/" + SharedData.KAGGLE, RetryPolicy.DEFAULT), YearMonth.of(2016, 5));

    assertThat(loaded.rows()).hasSize(3446);
    assertThat(server.requests).hasSize(3);
    assertThat(clock.sleepsInSeconds()).containsExactly(2.0, 2.0 + 4.0);
  }

  @Test
  void clientErrorIsNotRetriedAndSaysWhatTheServerSaid() {
    CrimeSource missing = url("/status/404", RetryPolicy.DEFAULT);

    assertThatThrownBy(() -> load(missing, YearMonth.of(2016, 5)))
        .isInstanceOf(SourceUnreadableException.class)
        .hasMessage(server.url("/status/404") + " answered HTTP 404: {\"code\":\"simulated\",\"message\":\"simulated"
            + " failure 404\"}; expected a CSV export of the city's crimes");
    assertThat(server.requests).hasSize(1);
  }

  @Test
  void socrataPagesAMonthUntilAShortPage() throws Exception {
    LoadedMonths loaded = load(socrata(500, NO_RETRY), JUNE_2017);

    assertThat(loaded.rows()).isEqualTo(rowsOfFile(SharedData.SODA_2017, JUNE_2017)).hasSize(1184);
    assertThat(server.socrataPages()).containsExactly("2017-06@0", "2017-06@500", "2017-06@1000");
    TestHttpServer.Request first = server.requests.get(0);
    assertThat(first.query()).containsExactly(
        Map.entry("$where", "date between '2017-06-01T00:00:00' and '2017-06-30T23:59:59.999'"),
        Map.entry("$order", "date,id"),
        Map.entry("$limit", "500"),
        Map.entry("$offset", "0"));
    assertThat(server.requests).allSatisfy(r -> assertThat(r.appToken()).isEqualTo("token-1234"));
    assertThat(report.text()).doesNotContain("token-1234")
        .contains("loaded " + server.socrataEndpoint() + " in ", "1184 rows read, 1184 of 2017-06, 0 rejected");
  }

  @Test
  void socrataAsksForOneMorePageWhenTheMonthFillsTheLastOneExactly() throws Exception {
    LoadedMonths loaded = load(socrata(592, NO_RETRY), JUNE_2017);

    assertThat(loaded.rows()).hasSize(1184);
    assertThat(server.socrataPages()).containsExactly("2017-06@0", "2017-06@592", "2017-06@1184");
  }

  @Test
  void socrataAsksForEachMonthInTurn() throws Exception {
    YearMonth july = YearMonth.of(2017, 7);
    int julyRows = rowsOfFile(SharedData.SODA_2017, july).size();

    LoadedMonths loaded = load(socrata(1000, NO_RETRY), july, JUNE_2017);

    assertThat(loaded.rows()).hasSize(1184 + julyRows);
    MonthLoaderTest.assertTimeOrderedAndUnique(loaded.rows());
    assertThat(server.socrataPages()).containsExactly("2017-06@0", "2017-06@1000", "2017-07@0", "2017-07@1000");
  }

  @Test
  void socrataAsksForAFailedPageAgainWithoutReadingRowsTwice() throws Exception {
    server.failures.put(2, 500);

    LoadedMonths loaded = load(socrata(500, RetryPolicy.DEFAULT), JUNE_2017);

    assertThat(loaded.rows()).hasSize(1184);
    assertThat(loaded.duplicateIds()).isZero();
    assertThat(server.socrataPages()).containsExactly("2017-06@0", "2017-06@500", "2017-06@500", "2017-06@1000");
    assertThat(clock.sleepsInSeconds()).containsExactly(2.0);
  }

  @Test
  void socrataGivesUpAfterTheRetriesWithTheLastError() {
    for (int i = 1; i <= 4; i++) {
      server.failures.put(i, 503);
    }
    assertThatThrownBy(() -> load(socrata(500, RetryPolicy.DEFAULT), JUNE_2017))
        .isInstanceOf(SourceUnreadableException.class)
        .hasMessageContaining("answered HTTP 503")
        .hasMessageContaining("$offset=0");
    assertThat(server.requests).hasSize(4);
    assertThat(clock.sleepsInSeconds()).containsExactly(2.0, 6.0, 14.0);
  }

  @Test
  void commandLineExitsWith3OnAnHttpError() {
    Output err = new Output();
    int status = ProducerMain.run(new String[] {"--months", "2016-05", "--source", server.url("/status/500").toString(),
        "--http-retries", "0", "--bootstrap-servers", "127.0.0.1:9"}, Map.of(), System.out, err.stream);

    assertThat(status).isEqualTo(3);
    assertThat(err.text()).isEqualTo("error: " + server.url("/status/500") + " answered HTTP 500: {\"code\":"
        + "\"simulated\",\"message\":\"simulated failure 500\"}; expected a CSV export of the city's crimes\n");
  }

  @Test
  void noNetworkIsExplainedWithTheOfflineAlternative() {
    // what the JDK's client throws when the name cannot be resolved (no network here to provoke it)
    var dnsFailure = new java.net.ConnectException();
    dnsFailure.initCause(new java.nio.channels.UnresolvedAddressException());

    assertThat(HttpDownload.explain(SocrataSource.DEFAULT_ENDPOINT, dnsFailure)).isEqualTo(
        "cannot reach data.cityofchicago.org: unknown host (no network, or no DNS); read an export you already have instead (--source FILE, or --data FILE with ./crimestream)");
    assertThat(HttpDownload.explain(SocrataSource.DEFAULT_ENDPOINT, new java.net.http.HttpConnectTimeoutException("timed out")))
        .isEqualTo("cannot reach data.cityofchicago.org: no connection within 30 s; read an export you already have instead (--source FILE, or --data FILE with ./crimestream)");
  }

  @Test
  void commandLineExitsWith3WhenTheApiCannotBeReached() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    URI endpoint = URI.create("http://127.0.0.1:" + closedPort + "/resource/ijzp-q8t2.csv");
    Output err = new Output();
    int status = ProducerMain.run(new String[] {"--months", "2017-06", "--socrata", "--socrata-url", endpoint.toString(),
        "--http-retries", "0"}, Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9", "SOCRATA_APP_TOKEN", "token-1234"),
        System.out, err.stream);

    assertThat(status).isEqualTo(3);
    assertThat(err.text()).isEqualTo("error: cannot reach 127.0.0.1:" + closedPort + ": connection refused;"
        + " read an export you already have instead (--source FILE, or --data FILE with ./crimestream)\n")
        .doesNotContain("token-1234")
        .doesNotContain("\tat ");
  }
}
