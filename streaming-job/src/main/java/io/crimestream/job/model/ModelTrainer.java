package io.crimestream.job.model;

import io.crimestream.job.features.EncodedRow;
import io.crimestream.job.features.ModelFeatures;
import io.crimestream.options.ModelKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.classification.TreeTraining;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.feature.Instance;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits every selected model on the training rows with Spark MLlib.
 *
 * <p>The rows become one cached DataFrame per batch (a flat parallelized collection, never a
 * union of earlier batches), and the models are fitted concurrently: Spark runs jobs from several
 * threads at once, which keeps both cores busy while one model waits on its driver-side steps.
 */
public final class ModelTrainer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelTrainer.class);

  static final String LABEL = "label";
  static final String TREE_FEATURES = "treeFeatures";
  static final String LINEAR_FEATURES = "linearFeatures";

  private final SparkSession spark;
  private final ModelOptions options;
  private final ExecutorService pool;
  private final SparkJobCounter jobs;

  public ModelTrainer(SparkSession spark, ModelOptions options, int concurrency) {
    this.spark = spark;
    this.options = options;
    this.jobs = SparkJobCounter.register(spark.sparkContext());
    this.pool = Executors.newFixedThreadPool(Math.max(1, concurrency), SparkThreads.daemonFactory("crimestream-trainer"));
  }

  /**
   * Fits {@code kinds} on {@code rows}, with the vectors {@code features} gives them. A model
   * that cannot learn from these rows, or whose fit fails, comes back {@link FitOutcome.Skipped
   * skipped} with the reason; the others are fitted all the same.
   *
   * @throws InterruptedException when the job is stopping; no outcome is returned then
   */
  public Map<ModelKind, FitOutcome> fit(List<EncodedRow> rows, List<ModelKind> kinds,
                                        ModelFeatures features) throws InterruptedException {
    return fit(rows, kinds, features, Map.of());
  }

  /**
   * The same, each model starting where {@code previous} (its last version) left off where it
   * can: logistic regression from the previous coefficients, when they are of the same width.
   */
  public Map<ModelKind, FitOutcome> fit(List<EncodedRow> rows, List<ModelKind> kinds, ModelFeatures features,
                                        Map<ModelKind, TrainedModel> previous) throws InterruptedException {
    Map<ModelKind, FitOutcome> outcomes = new EnumMap<>(ModelKind.class);
    List<ModelKind> feasible = new ArrayList<>();
    for (ModelKind kind : kinds) {
      FitPreconditions.whyNot(kind, rows, features).ifPresentOrElse(
          reason -> outcomes.put(kind, new FitOutcome.Skipped(kind, reason)),
          () -> feasible.add(kind));
    }
    if (feasible.isEmpty()) {
      return outcomes;
    }
    SparkContext sc = spark.sparkContext();
    TrainingFrame frame;
    try {
      frame = SparkJobCounter.within(sc, TRAINING_FRAME, () -> trainingFrame(rows, features));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    Map<ModelKind, Future<TrainedModel>> running = new EnumMap<>(ModelKind.class);
    // the fits' jobs are the batch's, as if this thread ran them: its query execution (which
    // Spark tracks them under until it ends), and the job group and tags that stopping the query cancels
    Properties batch = SparkThreads.current(sc);
    for (ModelKind kind : feasible) {
      TrainedModel before = previous.get(kind);
      running.put(kind, pool.submit(() -> SparkThreads.callWith(sc, batch, () -> SparkJobCounter.within(sc,
          kind.id(), () -> fitOne(kind, frame, features, rows.size(), before)))));
    }
    for (var e : running.entrySet()) {
      try {
        outcomes.put(e.getKey(), new FitOutcome.Fitted(e.getValue().get()));
      } catch (ExecutionException failed) {
        Throwable cause = failed.getCause();
        LOG.warn("fitting {} on {} rows failed; its previous version keeps scoring", e.getKey().id(),
            rows.size(), cause);
        outcomes.put(e.getKey(), new FitOutcome.Skipped(e.getKey(), "the fit failed: "
            + cause.getClass().getSimpleName() + ": " + cause.getMessage()));
      } catch (InterruptedException stopping) {
        running.values().forEach(f -> f.cancel(true));
        throw stopping;
      }
    }
    frame.checkpointed().unpersist(false);
    frame.treeRows().unpersist(false);
    frame.rows().destroy();
    return outcomes;
  }

  /** The step the training frame's jobs are counted under. */
  public static final String TRAINING_FRAME = "training_frame";

  /**
   * The Spark jobs run since the last call, per model (and {@value #TRAINING_FRAME}, and
   * {@link SparkJobCounter#OTHER} for jobs of no named step, e.g. saving).
   */
  public Map<String, Long> sparkJobsSinceLastAsked() {
    return jobs.drain(10_000);
  }

  /**
   * The rows every model of a batch fits on: as a DataFrame (logistic regression, boosted trees),
   * as instances of the tree vectors (the decision tree and the forest, see {@link TreeTraining}),
   * both taken from one broadcast of the rows; and the width of the linear vectors.
   */
  private record TrainingFrame(Dataset<Row> data, RDD<?> checkpointed, RDD<Instance> treeRows,
                               StructField treeFeatures, Broadcast<Row[]> rows, int linearWidth) {}

  private TrainingFrame trainingFrame(List<EncodedRow> rows, ModelFeatures features) {
    StructType schema = new StructType(new StructField[] {
        // two classes, said in the label's metadata: else each tree fit runs a job to find them
        new StructField(LABEL, DataTypes.DoubleType, false, LABEL_METADATA),
        new StructField(TREE_FEATURES, SQLDataTypes.VectorType(), false, features.treeMetadata()),
        new StructField(LINEAR_FEATURES, SQLDataTypes.VectorType(), false, Metadata.empty()),
    });
    double[][] rates = features.trainingRates(rows);
    Row[] sparkRows = new Row[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      EncodedRow r = rows.get(i);
      sparkRows[i] = RowFactory.create(r.label(), features.tree(r, rates[i]), features.linear(r, rates[i]));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = partitions(rows.size(), jsc.defaultParallelism());
    // The rows go to the executors once, as a broadcast, and each partition takes its slice of
    // it: a parallelized collection would carry its rows inside its tasks (a task of megabytes,
    // which Spark warns of), and every RDD derived from it would ship them again with every
    // task. The local checkpoint then stores the slices in the block manager and cuts the
    // lineage, so the training jobs' tasks carry block ids only.
    Broadcast<Row[]> all = jsc.broadcast(sparkRows);
    List<Integer> sliceIds = new ArrayList<>(slices);
    for (int i = 0; i < slices; i++) {
      sliceIds.add(i);
    }
    int n = sparkRows.length;
    JavaRDD<Row> rdd = jsc.parallelize(sliceIds, slices).flatMap(slice -> {
      Row[] rs = all.value();
      int from = (int) ((long) n * slice / slices);
      int to = (int) ((long) n * (slice + 1) / slices);
      return java.util.Arrays.asList(rs).subList(from, to).iterator();
    });
    Dataset<Row> frame = spark.createDataFrame(rdd, schema).localCheckpoint(true);
    // The checkpoint's blocks belong to the RDD under the frame's plan, not to Spark's cache:
    // Dataset.unpersist does not free them, and they stay in the block manager until nothing
    // references the frame (a fitted model's training summary does), so they are freed by hand
    // once the batch's fits are done (SmallBatchesIT checks that nothing stays persisted).
    RDD<?> checkpointed = ((LogicalRDD) ((org.apache.spark.sql.classic.Dataset<Row>) frame)
        .queryExecution().logical()).rdd();
    // the trees' rows, cached on first use: Spark's tree learner reads them three times (counting,
    // sampling the splits, binning); the broadcast lives until the batch's fits are done
    JavaRDD<Instance> treeRows = jsc.parallelize(sliceIds, slices).flatMap(slice -> {
      Row[] rs = all.value();
      int from = (int) ((long) n * slice / slices);
      int to = (int) ((long) n * (slice + 1) / slices);
      List<Instance> out = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        out.add(new Instance(rs[i].getDouble(0), 1.0, finite((Vector) rs[i].get(1), i)));
      }
      return out.iterator();
    });
    treeRows.persist(StorageLevel.MEMORY_ONLY());
    return new TrainingFrame(frame, checkpointed, treeRows.rdd(), schema.fields()[1], all,
        ((Vector) sparkRows[0].get(2)).size());
  }

  /**
   * {@code v}, checked as Spark ML checks the vectors of a DataFrame it fits: a NaN or infinite
   * value fails the fit (and the model is skipped for the batch with this reason).
   */
  static Vector finite(Vector v, int row) {
    double[] values = v instanceof SparseVector s ? s.values() : v.toArray();
    for (int j = 0; j < values.length; j++) {
      if (!Double.isFinite(values[j])) {
        throw new IllegalArgumentException("training row " + row + " has a tree feature that is "
            + values[j] + "; the encoder must give finite values only");
      }
    }
    return v;
  }

  static final Metadata LABEL_METADATA = NominalAttribute.defaultAttr().withName(LABEL)
      .withValues(new String[] {"no arrest", "arrest"}).toMetadata();

  /**
   * One partition per {@value #ROWS_PER_PARTITION} rows, at most one per core. Every training
   * step is a Spark job (LBFGS runs one per iteration, trees one per level): with few rows, one
   * partition per model and the models fitted side by side keep the cores busy at the least
   * scheduling cost; with many, the forest's work needs every core (README, "Benchmark").
   */
  static int partitions(int rows, int cores) {
    return Math.max(1, Math.min(cores, rows / ROWS_PER_PARTITION + 1));
  }

  static final int ROWS_PER_PARTITION = 25_000;

  private TrainedModel fitOne(ModelKind kind, TrainingFrame frame, ModelFeatures features,
                             int rows, TrainedModel previous) {
    long start = System.nanoTime();
    ProbabilisticClassifier<Vector, ?, ? extends ProbabilisticClassificationModel<Vector, ?>> e =
        estimator(kind, features.maxBins(), rows);
    ProbabilisticClassificationModel<Vector, ?> model;
    if (e instanceof LogisticRegression lr) {
      model = LogisticFit.fit(lr, frame.data(), warmStart(previous, frame.linearWidth()));
    } else if (e instanceof RandomForestClassifier rf) {
      model = TreeTraining.forest(rf, frame.treeRows(), frame.treeFeatures());
    } else if (e instanceof DecisionTreeClassifier dt) {
      model = TreeTraining.decisionTree(dt, frame.treeRows(), frame.treeFeatures());
    } else {
      model = e.fit(frame.data());
    }
    return new TrainedModel(kind, model, features, (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Where logistic regression starts: its previous version, when its coefficients fit this
   * batch's vectors (the rows mostly overlap the last batch's, so a few iterations reach the
   * tolerance). A previous model of another width (another feature layout, e.g. a registry of an
   * earlier release) gives a cold start, as does the first batch.
   */
  private static LogisticRegressionModel warmStart(TrainedModel previous, int width) {
    if (previous == null || !(previous.model() instanceof LogisticRegressionModel before)) {
      return null;
    }
    if (before.numFeatures() == width && before.numClasses() == 2 && before.getFitIntercept()) {
      return before;
    }
    LOG.info("logistic regression starts cold: its previous version has {} coefficients, this"
        + " batch's vectors {}", before.numFeatures(), width);
    return null;
  }

  /**
   * Whether the tree learner keeps each row's node per tree between levels: without it, every
   * level walks every row down from the root again, through categorical splits whose category
   * sets Spark tests with boxed doubles, a third of the trees' executor time in a profile.
   */
  static final boolean CACHE_NODE_IDS = true;

  @SuppressWarnings({"unchecked", "rawtypes"})
  private ProbabilisticClassifier<Vector, ?, ? extends ProbabilisticClassificationModel<Vector, ?>>
      estimator(ModelKind kind, int maxBins, int rows) {
    ProbabilisticClassifier e = switch (kind) {
      case LOGISTIC_REGRESSION -> new LogisticRegression()
          .setMaxIter(options.logisticIterations())
          // each LBFGS iteration is a Spark job; 1e-4 stops once the loss has settled
          .setTol(1e-4)
          .setRegParam(regParam(options.logisticPriorRows(), rows))
          .setElasticNetParam(0.0)
          .setStandardization(options.logisticStandardize());
      case DECISION_TREE -> new DecisionTreeClassifier()
          .setCacheNodeIds(CACHE_NODE_IDS)
          .setMaxDepth(options.treeDepth())
          .setMinInstancesPerNode(options.minRowsPerLeaf())
          .setMaxBins(maxBins)
          .setSeed(options.seed());
      case RANDOM_FOREST -> new RandomForestClassifier()
          .setCacheNodeIds(CACHE_NODE_IDS)
          .setNumTrees(options.forestTrees())
          // each tree sees half the rows: about half the work, for a small loss of AUC (README, "Models")
          .setSubsamplingRate(0.5)
          .setMaxDepth(options.treeDepth())
          .setMinInstancesPerNode(options.minRowsPerLeaf())
          .setMaxBins(maxBins)
          .setSeed(options.seed());
      case GRADIENT_BOOSTED_TREES -> new GBTClassifier()
          .setMaxIter(options.boostingIterations())
          .setMaxDepth(options.boostingDepth())
          .setMinInstancesPerNode(options.minRowsPerLeaf())
          .setMaxBins(maxBins)
          .setSeed(options.seed());
    };
    e.setLabelCol(LABEL);
    e.setFeaturesCol(kind.linear() ? LINEAR_FEATURES : TREE_FEATURES);
    return e;
  }

  /**
   * Spark's regParam for a prior worth {@code priorRows} rows: Spark adds regParam / 2 times the
   * squared coefficients to the mean loss over {@code rows} rows, so a prior of fixed weight is
   * {@code priorRows / rows}.
   */
  static double regParam(double priorRows, int rows) {
    return priorRows / Math.max(1, rows);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
