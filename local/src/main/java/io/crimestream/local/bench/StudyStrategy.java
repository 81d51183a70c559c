package io.crimestream.local.bench;

import io.crimestream.record.CrimeRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What the study did each batch, for the benchmark's side-by-side: the batch's rows as a new
 * DataFrame, unioned with every earlier batch's, then for each model a Spark ML pipeline
 * (string indexers, vector assembler, classifier) fitted from scratch on a 70/30 random split of
 * everything, and evaluated with Spark's evaluators. Nothing is cached, so every batch re-reads
 * the whole chain of unions.
 */
final class StudyStrategy {

  private static final StructType SCHEMA = new StructType(new StructField[] {
      new StructField("arrest", DataTypes.DoubleType, false, Metadata.empty()),
      new StructField("domestic", DataTypes.DoubleType, true, Metadata.empty()),
      new StructField("beat", DataTypes.DoubleType, true, Metadata.empty()),
      new StructField("district", DataTypes.DoubleType, true, Metadata.empty()),
      new StructField("community_area", DataTypes.DoubleType, true, Metadata.empty()),
      new StructField("x_coordinate", DataTypes.DoubleType, true, Metadata.empty()),
      new StructField("y_coordinate", DataTypes.DoubleType, true, Metadata.empty()),
      new StructField("iucr", DataTypes.StringType, true, Metadata.empty()),
      new StructField("location_description", DataTypes.StringType, true, Metadata.empty()),
      new StructField("fbi_code", DataTypes.StringType, true, Metadata.empty()),
      new StructField("block", DataTypes.StringType, true, Metadata.empty()),
      new StructField("month", DataTypes.DoubleType, false, Metadata.empty()),
      new StructField("day", DataTypes.DoubleType, false, Metadata.empty()),
      new StructField("hour", DataTypes.DoubleType, false, Metadata.empty()),
      new StructField("minute", DataTypes.DoubleType, false, Metadata.empty()),
  });

  private final SparkSession spark;
  private Dataset<Row> all;

  StudyStrategy(SparkSession spark) {
    this.spark = spark;
  }

  /** Adds a batch to the union without training, as the batches before the measured ones. */
  void append(List<CrimeRecord> batch) {
    Dataset<Row> df = spark.createDataFrame(rows(batch), SCHEMA);
    all = all == null ? df : all.union(df);
  }

  /** One study batch: union, then fit and evaluate the three models from scratch. */
  void cycle(List<CrimeRecord> batch) {
    append(batch);
    Dataset<Row> clean = all.na().drop();
    Dataset<Row>[] split = clean.randomSplit(new double[] {0.7, 0.3}, 42);
    List<PipelineStage> features = new ArrayList<>();
    for (String c : new String[] {"iucr", "location_description", "fbi_code", "block"}) {
      features.add(new StringIndexer().setInputCol(c).setOutputCol(c + "_index").setHandleInvalid("keep"));
    }
    features.add(new VectorAssembler().setInputCols(new String[] {"domestic", "beat", "district",
        "community_area", "x_coordinate", "y_coordinate", "iucr_index", "location_description_index",
        "fbi_code_index", "block_index", "month", "day", "hour", "minute"}).setOutputCol("features"));
    for (PipelineStage model : new PipelineStage[] {
        new LogisticRegression().setLabelCol("arrest"),
        new DecisionTreeClassifier().setLabelCol("arrest").setMaxBins(100_000),
        new RandomForestClassifier().setLabelCol("arrest").setMaxBins(100_000)}) {
      List<PipelineStage> stages = new ArrayList<>(features);
      stages.add(model);
      Dataset<Row> predictions = new Pipeline().setStages(stages.toArray(new PipelineStage[0]))
          .fit(split[0]).transform(split[1]);
      new BinaryClassificationEvaluator().setLabelCol("arrest").evaluate(predictions);
      new MulticlassClassificationEvaluator().setLabelCol("arrest").setMetricName("accuracy")
          .evaluate(predictions);
    }
  }

  private static List<Row> rows(List<CrimeRecord> batch) {
    List<Row> rows = new ArrayList<>(batch.size());
    for (CrimeRecord r : batch) {
      rows.add(RowFactory.create(r.arrest() ? 1.0 : 0.0,
          r.domestic() == null ? null : r.domestic() ? 1.0 : 0.0,
          parse(r.beat()), number(r.district()), number(r.communityArea()), r.xCoordinate(),
          r.yCoordinate(), r.iucr(), r.locationDescription(), r.fbiCode(), r.block(),
          (double) r.date().getMonthValue(), (double) r.date().getDayOfMonth(),
          (double) r.date().getHour(), (double) r.date().getMinute()));
    }
    return rows;
  }

  private static Double number(Integer i) {
    return i == null ? null : i.doubleValue();
  }

  private static Double parse(String s) {
    try {
      return s == null ? null : Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
