package org.apache.spark.ml.classification;

import org.apache.spark.ml.feature.Instance;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tree.DecisionTreeModel;
import org.apache.spark.ml.tree.impl.RandomForest;
import org.apache.spark.ml.util.MetadataUtils;
import org.apache.spark.mllib.tree.configuration.Algo;
import org.apache.spark.mllib.tree.configuration.Strategy;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.types.StructField;
import scala.Option;

/**
 * Fits Spark's decision tree and random forest on an RDD of instances, through the learner that
 * {@link DecisionTreeClassifier#fit} and {@link RandomForestClassifier#fit} themselves call
 * (Spark keeps it package-private), with the same settings, strategy and seeds: the same trees.
 * What it leaves out is the DataFrame around it: the fit of a DataFrame re-evaluates Spark ML's
 * per-row validation of the vectors on every pass over the rows (three per tree fit), and in
 * Spark 4.2 that interpreted check reads the SQL configuration once per vector element, which a
 * profile showed to be a fifth of a cycle's executor time at 20,000 rows (README, "Benchmark").
 * The job checks its rows finite as it builds the instances (ModelTrainer). This class lives in
 * Spark's package for those calls, as Spark ecosystem libraries do; it holds no logic of its own.
 */
public final class TreeTraining {

  private static final int CLASSES = 2;

  private TreeTraining() {}

  /** {@code settings} fitted on {@code rows}, whose vectors' categories {@code features} describes. */
  public static DecisionTreeClassificationModel decisionTree(DecisionTreeClassifier settings, RDD<Instance> rows,
                                                             StructField features) {
    Strategy strategy = settings.getOldStrategy(MetadataUtils.getCategoricalFeatures(features), CLASSES);
    DecisionTreeModel[] trees = RandomForest.run(rows, strategy, 1, "all", settings.getSeed(),
        Option.empty(), true, Option.apply(settings.uid()));
    return settings.copyValues((DecisionTreeClassificationModel) trees[0], ParamMap.empty());
  }

  /** {@code settings} fitted on {@code rows}, whose vectors' categories {@code features} describes. */
  public static RandomForestClassificationModel forest(RandomForestClassifier settings, RDD<Instance> rows,
                                                       StructField features) {
    Strategy strategy = settings.getOldStrategy(MetadataUtils.getCategoricalFeatures(features), CLASSES,
        Algo.Classification(), settings.getOldImpurity());
    strategy.setBootstrap(settings.getBootstrap());
    DecisionTreeModel[] fitted = RandomForest.run(rows, strategy, settings.getNumTrees(),
        settings.getFeatureSubsetStrategy(), settings.getSeed(), Option.empty(), true, Option.empty());
    DecisionTreeClassificationModel[] trees = new DecisionTreeClassificationModel[fitted.length];
    for (int i = 0; i < fitted.length; i++) {
      trees[i] = settings.copyValues((DecisionTreeClassificationModel) fitted[i], ParamMap.empty());
    }
    return settings.copyValues(new RandomForestClassificationModel(settings.uid(), trees, trees[0].numFeatures(),
        CLASSES), ParamMap.empty());
  }
}
