package io.crimestream.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.kafka.embedded.EmbeddedKafka;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.SharedData;
import io.crimestream.record.WireCodec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against a real single-node KRaft broker. */
class ProducerKafkaTest {

  private static final YearMonth MAY_2016 = YearMonth.of(2016, 5);
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  private static int produce(Output err, String topic, String... pace) {
    return produce(err, Map.of(), topic, pace);
  }

  private static int produce(Output err, Map<String, String> env, String topic, String... pace) {
    List<String> args = new ArrayList<>(List.of("--months", "2016-05", "--source",
        SharedData.file(SharedData.KAGGLE).toString(), "--topic", topic, "--bootstrap-servers", kafka.bootstrapServers()));
    args.addAll(List.of(pace));
    return ProducerMain.run(args.toArray(String[]::new), env, System.out, err.stream);
  }

  /** Everything in partition 0 of {@code topic}, read until {@code expected} records or a deadline. */
  private static List<ConsumerRecord<String, byte[]>> readBack(String topic, int expected) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      // one more poll: anything beyond the expected count would be a duplicate
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }
    return records;
  }

  private static List<CrimeRecord> decode(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(r -> {
      WireCodec.Decoded decoded = WireCodec.decode(r.value(), r.topic() + "-" + r.partition() + "@" + r.offset());
      assertThat(decoded).isInstanceOf(WireCodec.Accepted.class);
      CrimeRecord crime = ((WireCodec.Accepted) decoded).record();
      assertThat(r.key()).isEqualTo(Long.toString(crime.id()));
      return crime;
    }).toList();
  }

  private static long endOffset(Admin admin, String topic) throws Exception {
    TopicPartition partition = new TopicPartition(topic, 0);
    return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
        .get(5, TimeUnit.SECONDS).offset();
  }

  @Test
  void replaySendsKaggleMayAndTheTopicHoldsExactlyTheMonthInTimeOrder(@TempDir Path tmp) throws Exception {
    kafka.createTopic("crimenes-replay", 1);
    Output err = new Output();
    Path terminationLog = tmp.resolve("termination-log");

    assertThat(produce(err, Map.of("CRIMESTREAM_TERMINATION_MESSAGE_PATH", terminationLog.toString()),
        "crimenes-replay", "--replay")).as(err.text()).isZero();

    List<CrimeRecord> expected = HttpSourcesTest.rowsOfFile(SharedData.KAGGLE, MAY_2016);
    assertThat(expected).hasSize(3446);
    assertThat(decode(readBack("crimenes-replay", 3446))).isEqualTo(expected);
    assertThat(err.lines()).last().asString()
        .startsWith("done: 3446 of 3446 valid rows of 2016-05 acknowledged by topic crimenes-replay in ")
        .endsWith("; 0 rejected by the reader; 1405 rows outside the requested months skipped");
    // the controller's reading: the summary, the rows acknowledged and where every line went
    var termination = new com.fasterxml.jackson.databind.ObjectMapper().readTree(terminationLog.toFile());
    assertThat(termination.get("message").asText()).isEqualTo(err.lines().get(err.lines().size() - 1));
    assertThat(termination.get("rowsSent").asLong()).isEqualTo(3446);
    assertThat(termination.at("/source/rowsRead").asLong()).isEqualTo(4851);
    assertThat(termination.at("/source/rowsOfMonths").asLong()).isEqualTo(3446);
    assertThat(termination.at("/source/outsideMonths").asLong()).isEqualTo(1405);
  }

  @Test
  void aBrokerRestartInTheMiddleOfAPacedSendLosesAndDuplicatesNothing() throws Exception {
    String topic = "crimenes-restart";
    kafka.createTopic(topic, 1);
    Output err = new Output();
    // 1000 rows/s in batches of 50: about 3.4 s for the month, so the restart falls in the middle
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
        () -> produce(err, topic, "--rows-per-second", "1000", "--batch-rows", "50"));

    long ackedBeforeRestart = 0;
    try (Admin admin = kafka.admin()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (ackedBeforeRestart < 500 && System.nanoTime() < deadline && !run.isDone()) {
        ackedBeforeRestart = endOffset(admin, topic);
      }
    }
    assertThat(ackedBeforeRestart).as("some rows but not all were acknowledged before the restart").isBetween(500L, 3000L);
    kafka.restart();

    assertThat(run.get(120, TimeUnit.SECONDS)).as(err.text()).isZero();
    List<CrimeRecord> sent = decode(readBack(topic, 3446));
    assertThat(sent).as("every row once, in time order").isEqualTo(HttpSourcesTest.rowsOfFile(SharedData.KAGGLE, MAY_2016));
    assertThat(err.lines()).last().asString().startsWith("done: 3446 of 3446 valid rows of 2016-05");
  }

  @Test
  void aMissingTopicIsOneClearErrorAndExit1() {
    Output err = new Output();

    assertThat(produce(err, "no-such-topic", "--replay", "--delivery-timeout-seconds", "2")).isEqualTo(1);

    assertThat(err.text()).contains("cannot send: topic no-such-topic is not available on Kafka at "
        + kafka.bootstrapServers() + " (TimeoutException: Topic no-such-topic not present in metadata after 2000 ms.):"
        + " either no broker answered within 2.0 s or the topic does not exist; this producer does not create topics");
    assertThat(err.lines()).last().asString().startsWith("incomplete: 0 of 3446 valid rows of 2016-05 acknowledged"
        + " by topic no-such-topic in ");
  }

  @Test
  void anUnreachableBrokerExits1() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Output err = new Output();
    int status = ProducerMain.run(new String[] {"--months", "2016-05", "--source", SharedData.file(SharedData.KAGGLE).toString(),
        "--bootstrap-servers", "127.0.0.1:" + closedPort, "--replay", "--delivery-timeout-seconds", "2"},
        Map.of(), System.out, err.stream);

    assertThat(status).isEqualTo(1);
    assertThat(err.text()).contains("cannot send: topic crimenes is not available on Kafka at 127.0.0.1:" + closedPort);
    assertThat(err.lines()).last().asString().contains("3446 could not be delivered");
  }
}
