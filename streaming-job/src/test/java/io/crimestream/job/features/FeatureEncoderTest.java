package io.crimestream.job.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.options.FeatureSet;
import io.crimestream.record.CrimeRecord;
import java.time.LocalDateTime;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

  static CrimeRecord.Builder base() {
    return CrimeRecord.builder().id(1).date(LocalDateTime.parse("2016-05-07T23:40:00")) // a Saturday
        .arrest(true).iucr("0486").primaryType("BATTERY").locationDescription("STREET").fbiCode("08B")
        .beat("1022").district(10).ward(24).communityArea(29).domestic(true)
        .xCoordinate(1_154_907.0).yCoordinate(1_893_681.0);
  }

  @Test
  void categoriesKeepTheirIndexForTheWholeStream() {
    FeatureEncoder e = new FeatureEncoder(FeatureSet.IMPROVED);
    EncodedRow first = e.encode(base().id(1).build());
    e.encode(base().id(2).iucr("0820").primaryType("THEFT").build());
    EncodedRow again = e.encode(base().id(3).build());
    assertThat(again.treeFeatures()).isEqualTo(first.treeFeatures());
    assertThat(again.linearFeatures()).isEqualTo(first.linearFeatures());
  }

  @Test
  void missingValuesAreEncodedAsMissingNotAsZeroValues() {
    FeatureEncoder e = new FeatureEncoder(FeatureSet.IMPROVED);
    EncodedRow missing = e.encode(base().iucr(null).ward(null).xCoordinate(null).yCoordinate(null)
        .domestic(null).build());
    double[] tree = missing.treeFeatures().toArray();
    assertThat(tree[treeSlot(e, "iucr")]).as("iucr index 0 is 'missing'").isEqualTo(0.0);
    assertThat(tree[treeSlot(e, "ward")]).as("ward index 0 is 'missing'").isEqualTo(0.0);
    int width = tree.length;
    assertThat(tree[width - 1]).as("coordinates-missing indicator").isEqualTo(1.0);
    assertThat(tree[width - 3]).as("x stands at the city's center").isEqualTo(FeatureEncoder.CITY_CENTER_X);
    EncodedRow present = e.encode(base().id(2).build());
    assertThat(present.treeFeatures().toArray()[width - 1]).isEqualTo(0.0);
  }

  @Test
  void linearVectorIsOneHotWithAFixedWidth() {
    FeatureEncoder e = new FeatureEncoder(FeatureSet.IMPROVED);
    int width = e.linearWidth();
    SparseVector a = e.encode(base().build()).linearFeatures().toSparse();
    for (int i = 0; i < 50; i++) {
      e.encode(base().id(10 + i).locationDescription("PLACE " + i).build());
    }
    SparseVector b = e.encode(base().id(99).build()).linearFeatures().toSparse();
    assertThat(e.linearWidth()).isEqualTo(width);
    assertThat(b.size()).isEqualTo(width);
    assertThat(b).isEqualTo(a);
    // six one-hot blocks (iucr, primary type, location, fbi code, time precision, primary type x
    // domestic), one slot each, then the domestic flag
    assertThat(java.util.Arrays.stream(a.indices()).filter(i -> i < width - e.linearNumbers()))
        .hasSize(6);
    assertThat(a.apply(width - 1)).as("domestic").isEqualTo(1.0);
  }

  @Test
  void timePrecisionIsACategoryForTreesAndABlockForTheLinearModel() {
    FeatureEncoder e = new FeatureEncoder(FeatureSet.IMPROVED);
    EncodedRow exact = e.encode(base().date(LocalDateTime.parse("2016-05-07T23:41:00")).build());
    EncodedRow onTheHour = e.encode(base().id(2).date(LocalDateTime.parse("2016-05-07T23:00:00")).build());
    int slot = treeSlot(e, "time_precision");
    assertThat(exact.treeFeatures().apply(slot)).isNotEqualTo(onTheHour.treeFeatures().apply(slot));
    assertThat(e.encode(base().id(3).date(LocalDateTime.parse("2016-05-08T04:17:00")).build())
        .treeFeatures().apply(slot)).as("another exact minute: the same category")
        .isEqualTo(exact.treeFeatures().apply(slot));
    assertThat(categorySlots(e, exact)).isNotEqualTo(categorySlots(e, onTheHour));
  }

  @Test
  void whereAndWhenReachTheTreesOnlyAndDomesticCrossesThePrimaryTypeForTheLinearModel() {
    FeatureEncoder e = new FeatureEncoder(FeatureSet.IMPROVED);
    EncodedRow a = e.encode(base().build());
    EncodedRow elsewhere = e.encode(base().id(2).district(3).ward(3).communityArea(8).beat("0111")
        .xCoordinate(1_180_000.0).yCoordinate(1_860_000.0).build());
    assertThat(elsewhere.treeFeatures()).isNotEqualTo(a.treeFeatures());
    assertThat(elsewhere.linearFeatures()).isEqualTo(a.linearFeatures());
    // another day and hour, written as precisely (to five minutes, as 23:40)
    EncodedRow later = e.encode(base().id(4).date(LocalDateTime.parse("2016-05-10T04:25:00")).build());
    assertThat(later.treeFeatures()).isNotEqualTo(a.treeFeatures());
    assertThat(later.linearFeatures()).isEqualTo(a.linearFeatures());
    EncodedRow notDomestic = e.encode(base().id(3).domestic(false).build());
    // same primary type, other domestic flag: a different slot in the crossed block
    assertThat(categorySlots(e, notDomestic)).isNotEqualTo(categorySlots(e, a));
  }

  private static int treeSlot(FeatureEncoder e, String name) {
    return AttributeGroup.fromStructField(
        new StructField("treeFeatures", SQLDataTypes.VectorType(), false, e.treeMetadata())).indexOf(name);
  }

  /** The linear vector's one-hot slots (before the numeric features). */
  private static java.util.List<Integer> categorySlots(FeatureEncoder e, EncodedRow r) {
    int blocksEnd = e.linearWidth() - e.linearNumbers();
    return java.util.Arrays.stream(r.linearFeatures().toSparse().indices()).filter(i -> i < blocksEnd)
        .boxed().toList();
  }

  @Test
  void aCategoryFirstSeenAfterTrainingStillHasASlotInTheTreeMetadata() {
    FeatureEncoder e = new FeatureEncoder(FeatureSet.IMPROVED);
    e.encode(base().build());
    Metadata m = e.treeMetadata();
    AttributeGroup g = AttributeGroup.fromStructField(
        new StructField("treeFeatures", SQLDataTypes.VectorType(), false, m));
    NominalAttribute iucr = (NominalAttribute) g.getAttr(0);
    // missing (0) + 0486 (1) + one spare for a value seen later
    assertThat(iucr.getNumValues().get()).isEqualTo(3);
    EncodedRow unseen = e.encode(base().id(2).iucr("9999").build());
    assertThat(unseen.treeFeatures().apply(0)).isEqualTo(2.0);
    assertThat(e.largestTreeCategory()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void studySetIsTheStudysFourteenColumns() {
    FeatureEncoder e = new FeatureEncoder(FeatureSet.STUDY);
    EncodedRow r = e.encode(base().build());
    assertThat(r.treeFeatures().size()).isEqualTo(14);
    assertThat(r.linearFeatures()).isEqualTo(r.treeFeatures());
    double[] v = r.treeFeatures().toArray();
    // iucr, location, fbi, block indexes; domestic, beat, district, community area, x, y, month, day, hour, minute
    assertThat(v).containsExactly(1, 1, 1, 0, 1, 1022, 10, 29, 1_154_907.0, 1_893_681.0, 5, 7, 23, 40);
  }

  @Test
  void heldOutSplitIsAboutAFifthAndStable() {
    long held = java.util.stream.LongStream.rangeClosed(10_000_000, 10_100_000)
        .filter(HeldOutSplit::isHeldOut).count();
    assertThat(held).isBetween(19_000L, 21_000L);
    assertThat(HeldOutSplit.isHeldOut(10_508_693)).isEqualTo(HeldOutSplit.isHeldOut(10_508_693));
  }
}
