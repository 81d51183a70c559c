package io.crimestream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.job.config.LearningConfig;
import io.crimestream.job.model.ModelOptions;
import io.crimestream.job.pipeline.IncomingRecord;
import io.crimestream.job.pipeline.MicroBatchProcessor;
import io.crimestream.metrics.BatchMetrics;
import io.crimestream.metrics.MetricsReport;
import io.crimestream.metrics.ModelMetrics;
import io.crimestream.options.ModelKind;
import io.crimestream.options.TrainingWindow;
import io.crimestream.record.CrimeRecord;
import io.crimestream.record.SharedData;
import io.crimestream.record.WireCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No micro-batch stops the stream: a seeded random sequence of small batches drawn from every
 * shared export (one record; a handful of rows whose categories outnumber the training rows;
 * one class only; only garbage; only duplicates; rows without any optional field), through the
 * processor the streaming job runs. A model that cannot be fitted is skipped with its reason and
 * keeps scoring with its previous version; once the rows allow, every model is fitted.
 */
class SmallBatchesIT {

  private static final long SEED = 20_161_201L;
  private static final int RANDOM_BATCHES = 20;

  private enum Kind { SINGLE, MANY_CATEGORIES, ONE_CLASS, ONLY_REJECTED, ONLY_DUPLICATES, BARE, MIXED }

  @Test
  void aSeededSequenceOfSmallAndOddBatchesNeverStopsTheStreamAndEveryModelIsFittedOnceRowsAllow(
      @TempDir Path dir) throws Exception {
    List<CrimeRecord> pool = everySharedExport();
    Random random = new Random(SEED);
    Collections.shuffle(pool, random);
    Source source = new Source(pool);

    // every model, at small sizes: the conditions, not the cost, are under test
    LearningConfig learning = LearningConfig.defaults()
        .withModels(List.of(ModelKind.values()))
        .withModelOptions(new ModelOptions(10, 3.3, false, 5, 2, 5, 5, 3, 42));
    SparkSession spark = SparkSessions.getOrCreate("small-batches");
    List<Kind> plan = new ArrayList<>(List.of(Kind.SINGLE, Kind.ONE_CLASS, Kind.ONLY_REJECTED,
        Kind.MANY_CATEGORIES, Kind.ONLY_DUPLICATES, Kind.BARE, Kind.MANY_CATEGORIES));
    for (int i = 0; i < RANDOM_BATCHES; i++) {
      plan.add(Kind.values()[random.nextInt(Kind.values().length)]);
    }
    Map<Long, BatchMetrics> metricsByBatch = new LinkedHashMap<>();
    try (MicroBatchProcessor processor = MicroBatchProcessor.builder(spark, learning, dir).build()) {
      long batch = 0;
      for (Kind kind : plan) {
        List<IncomingRecord> records = source.batch(kind, random);
        MicroBatchProcessor.BatchOutcome outcome = processor.process(batch, records);
        if (outcome.metrics() != null) {
          metricsByBatch.put(batch, outcome.metrics());
        }
        batch++;
      }
      // enough rows for every model, in one more batch: all are fitted again
      BatchMetrics last = processor.process(batch, source.batch(600, random)).metrics();
      assertThat(last.models()).containsKeys("logistic_regression", "decision_tree",
          "random_forest", "gradient_boosted_trees", "iucr_rate_baseline");
      assertThat(last.models().values()).allSatisfy(m -> {
        assertThat(m.skipped()).as("fitted on the last batch").isNull();
        assertThat(m.areaUnderROC()).isNotNull();
      });

      MetricsReport report = processor.report();
      assertThat(report.summary().rowsTotal()).as("every distinct valid row trained once")
          .isEqualTo(source.distinctSent());
      assertThat(report.rowsRejected().getOrDefault("invalid_json", 0L)).isEqualTo(source.garbage);
      assertThat(report.rowsRejected().getOrDefault("duplicate_id", 0L)).isEqualTo(source.duplicates);
      // every batch frees its training rows from Spark's block manager once its fits are done,
      // although the versions fitted on them (and their training summaries) are still kept
      assertThat(JavaSparkContext.fromSparkContext(spark.sparkContext()).getPersistentRDDs().values())
          .as("RDDs still persisted after the batches").isEmpty();
    }

    List<String> reasons = metricsByBatch.values().stream()
        .flatMap(b -> b.models().values().stream()).map(ModelMetrics::skipped)
        .filter(r -> r != null).toList();
    assertThat(reasons).as("the reasons the metrics give")
        .anySatisfy(r -> assertThat(r).contains("one class only"))
        .anySatisfy(r -> assertThat(r).contains("fewer than").contains("values of its largest categorical feature"));
  }

  @Test
  void aModelThatCannotBeRefittedKeepsScoringWithItsPreviousVersion(@TempDir Path dir) throws Exception {
    List<CrimeRecord> pool = everySharedExport();
    Random random = new Random(SEED + 1);
    Collections.shuffle(pool, random);
    Source source = new Source(pool);
    // a short window: the trees learn while the window's rows outnumber a category's values, and
    // cannot once the stream has brought more values than the window holds rows
    LearningConfig learning = LearningConfig.defaults()
        .withModels(List.of(ModelKind.LOGISTIC_REGRESSION, ModelKind.DECISION_TREE))
        .withModelOptions(new ModelOptions(10, 3.3, false, 5, 2, 5, 5, 3, 42))
        .withWindow(io.crimestream.options.TrainingWindow.parse("last:40"));
    boolean keptScoring = false;
    boolean fitted = false;
    try (MicroBatchProcessor processor = MicroBatchProcessor.builder(
        SparkSessions.getOrCreate("small-batches"), learning, dir).build()) {
      for (long batch = 0; batch < 10 && !keptScoring; batch++) {
        ModelMetrics tree = processor.process(batch, source.batch(20, random)).metrics()
            .models().get("decision_tree");
        if (tree != null && tree.skipped() == null) {
          fitted = true;
        } else if (tree != null && fitted) {
          assertThat(tree.skipped()).contains("fewer than");
          assertThat(tree.prequential()).as("the previous version scored the batch").isNotNull();
          assertThat(tree.accuracy()).as("and the held-out rows").isNotNull();
          keptScoring = true;
        }
      }
    }
    assertThat(fitted).as("the tree was fitted on some batch").isTrue();
    assertThat(keptScoring).as("a later batch skipped it and its previous version scored").isTrue();
  }

  private static List<CrimeRecord> everySharedExport() throws Exception {
    Map<Long, CrimeRecord> byId = new LinkedHashMap<>();
    for (String f : List.of(SharedData.KAGGLE, SharedData.PORTAL_2015_09, SharedData.PORTAL_2016_01,
        SharedData.SPREADSHEET_2018_01, SharedData.SODA_2017, SharedData.SODA_2018)) {
      SharedData.validRows(f).forEach(r -> byId.putIfAbsent(r.id(), r));
    }
    return new ArrayList<>(byId.values());
  }

  /** Draws the batches' records from the pool and remembers what was sent. */
  private static final class Source {
    private final List<CrimeRecord> pool;
    private final Set<String> seenCommunityAreas = new HashSet<>();
    private final List<CrimeRecord> sent = new ArrayList<>();
    private final Set<Long> sentIds = new HashSet<>();
    private int next;
    private long offset;
    long garbage;
    long duplicates;

    Source(List<CrimeRecord> pool) {
      this.pool = pool;
    }

    long distinctSent() {
      return sentIds.size();
    }

    List<IncomingRecord> batch(Kind kind, Random random) {
      List<IncomingRecord> out = new ArrayList<>();
      switch (kind) {
        case SINGLE -> out.add(send(take(r -> true)));
        case MANY_CATEGORIES -> {
          // rows whose community area nobody sent before: every one grows a category's values
          for (int i = 2 + random.nextInt(10); i > 0; i--) {
            out.add(send(take(r -> r.communityArea() != null
                && seenCommunityAreas.add(r.communityArea().toString()))));
          }
        }
        case ONE_CLASS -> {
          boolean arrest = random.nextBoolean();
          for (int i = 3 + random.nextInt(15); i > 0; i--) {
            out.add(send(take(r -> r.arrest() == arrest)));
          }
        }
        case ONLY_REJECTED -> {
          for (int i = 1 + random.nextInt(5); i > 0; i--) {
            garbage++;
            out.add(record(null, ("{not json " + i).getBytes(StandardCharsets.UTF_8)));
          }
        }
        case ONLY_DUPLICATES -> {
          for (int i = 1 + random.nextInt(5); i > 0 && !sent.isEmpty(); i--) {
            duplicates++;
            CrimeRecord again = sent.get(random.nextInt(sent.size()));
            out.add(record(WireCodec.key(again), WireCodec.encode(again)));
          }
        }
        case BARE -> {
          for (int i = 1 + random.nextInt(10); i > 0; i--) {
            CrimeRecord r = take(x -> true);
            out.add(send(CrimeRecord.builder().id(r.id()).date(r.date()).arrest(r.arrest()).build()));
          }
        }
        case MIXED -> out.addAll(batch(5 + random.nextInt(35), random));
        default -> throw new IllegalStateException(kind.toString());
      }
      return out;
    }

    List<IncomingRecord> batch(int rows, Random random) {
      List<IncomingRecord> out = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        out.add(send(take(r -> true)));
      }
      return out;
    }

    private CrimeRecord take(java.util.function.Predicate<CrimeRecord> wanted) {
      for (int i = next; i < pool.size(); i++) {
        if (wanted.test(pool.get(i))) {
          CrimeRecord r = pool.get(i);
          pool.set(i, pool.get(next));
          pool.set(next, r);
          next++;
          return r;
        }
      }
      throw new IllegalStateException("the shared exports ran out of rows for this batch");
    }

    private IncomingRecord send(CrimeRecord r) {
      sent.add(r);
      sentIds.add(r.id());
      return record(WireCodec.key(r), WireCodec.encode(r));
    }

    private IncomingRecord record(String key, byte[] value) {
      return new IncomingRecord("small-batches", 0, offset++,
          key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }
  }
}
