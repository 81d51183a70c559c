package io.crimestream.job.model;

import io.crimestream.job.features.EncodedRow;
import io.crimestream.job.features.ModelFeatures;
import io.crimestream.options.ModelKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.classification.RandomForestClassifier;
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

  public ModelTrainer(SparkSession spark, ModelOptions options, int concurrency) {
    this.spark = spark;
    this.options = options;
    this.pool = Executors.newFixedThreadPool(Math.max(1, concurrency), r -> {
      Thread t = new Thread(r, "crimestream-trainer");
      t.setDaemon(true);
      return t;
    });
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
    Dataset<Row> data = trainingFrame(rows, features);
    Map<ModelKind, Future<TrainedModel>> running = new EnumMap<>(ModelKind.class);
    for (ModelKind kind : feasible) {
      running.put(kind, pool.submit(() -> fitOne(kind, data, features, rows.size())));
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
    return outcomes;
  }

  private Dataset<Row> trainingFrame(List<EncodedRow> rows, ModelFeatures features) {
    StructType schema = new StructType(new StructField[] {
        new StructField(LABEL, DataTypes.DoubleType, false, Metadata.empty()),
        new StructField(TREE_FEATURES, SQLDataTypes.VectorType(), false, features.treeMetadata()),
        new StructField(LINEAR_FEATURES, SQLDataTypes.VectorType(), false, Metadata.empty()),
    });
    double[][] rates = features.trainingRates(rows);
    List<Row> sparkRows = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      EncodedRow r = rows.get(i);
      sparkRows.add(RowFactory.create(r.label(), features.tree(r, rates[i]), features.linear(r, rates[i])));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rdd = jsc.parallelize(sparkRows, partitions(rows.size(), jsc.defaultParallelism()));
    // A parallelized collection's partitions carry their rows, and every RDD derived from it
    // reuses those partitions: every task of every training job would ship the whole training
    // set again. A local checkpoint cuts that lineage: the rows are stored once in the block
    // manager and tasks carry only block ids.
    return spark.createDataFrame(rdd, schema).localCheckpoint(true);
  }

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

  private TrainedModel fitOne(ModelKind kind, Dataset<Row> data, ModelFeatures features,
                             int rows) {
    long start = System.nanoTime();
    ProbabilisticClassificationModel<Vector, ?> model = estimator(kind, features.maxBins(), rows).fit(data);
    return new TrainedModel(kind, model, features, (System.nanoTime() - start) / 1_000_000);
  }

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
          .setMaxDepth(options.treeDepth())
          .setMinInstancesPerNode(options.minRowsPerLeaf())
          .setMaxBins(maxBins)
          .setSeed(options.seed());
      case RANDOM_FOREST -> new RandomForestClassifier()
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
