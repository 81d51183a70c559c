package io.crimestream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.crimestream.controller.api.ChampionSpec;
import io.crimestream.controller.api.CrimeStream;
import io.crimestream.controller.api.CrimeStreamSpec;
import io.crimestream.controller.api.DriftSpec;
import io.crimestream.controller.api.DriverGracePeriod;
import io.crimestream.controller.api.ProducerSpec;
import io.crimestream.controller.api.SparkSpec;
import io.crimestream.controller.command.DatasetMount;
import io.crimestream.controller.command.JobArguments;
import io.crimestream.controller.command.ProducerArguments;
import io.crimestream.controller.settings.InvalidSpecException;
import io.crimestream.controller.settings.PipelineSettings;
import io.crimestream.controller.testing.CrdSchema;
import io.crimestream.controller.testing.CrimeStreams;
import io.crimestream.options.Counts;
import io.crimestream.options.JobOptions;
import io.crimestream.options.ModelKind;
import io.crimestream.options.Months;
import io.crimestream.options.OptionDef;
import io.crimestream.options.ProducerOptions;
import io.crimestream.options.Samples;
import io.crimestream.options.TopicName;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated CRD and the programs' options agree: every spec field that the controller passes
 * to the job or the producer is fed many strings (the options' own {@link Samples}: edge cases,
 * valid values, their mutations, random text over their characters) and numbers (at and beyond
 * the bounds, and random), which go both to the CRD, as the API server applies it (pattern,
 * lengths, bounds, items, CEL rules), and to the option's parser; any value one accepts and the
 * other refuses fails the test. Every value the CRD accepts is also run through the controller:
 * it accepts the spec, and the argument it renders reads back, with the option, as the value the
 * spec holds. So what {@code kubectl apply} accepts starts no driver or producer that refuses its
 * own arguments.
 */
class CrdOptionsAgreementTest {

  private static final int SAMPLES = 4000;
  private static CrdSchema crd;

  /** A text field of the spec that is one of the programs' options. */
  record TextField(String path, OptionDef<?> def, BiConsumer<CrimeStreamSpec, String> set,
                   List<String> extra) {
    @Override
    public String toString() {
      return path + " = " + def.flag();
    }
  }

  /** A numeric field, as the spec holds it (Long, Integer or Double). */
  record NumberField(String path, OptionDef<?> def, BiConsumer<CrimeStreamSpec, Number> set,
                     Class<? extends Number> type) {
    @Override
    public String toString() {
      return path + " = " + def.flag();
    }
  }

  /** A list field: each item one of the option's values, the list the option's list. */
  record ListField(String path, OptionDef<?> def, Predicate<String> item, List<String> seeds,
                   BiConsumer<CrimeStreamSpec, List<String>> set) {
    @Override
    public String toString() {
      return path + " = " + def.flag();
    }
  }

  static Stream<TextField> textFields() {
    return Stream.of(
        new TextField("spec.features", JobOptions.FEATURES, CrimeStreamSpec::setFeatures,
            List.of("Study", "improved ", "study,improved")),
        new TextField("spec.trainingWindow", JobOptions.TRAINING_WINDOW,
            CrimeStreamSpec::setTrainingWindow, List.of("last:100000", "reservoir:999999999",
                "last:2147483648", "reservoir:1 ", "all:1")),
        new TextField("spec.decisionThreshold", JobOptions.DECISION_THRESHOLD,
            CrimeStreamSpec::setDecisionThreshold, List.of("0.35", ".000001", "0.0000001",
                "0.999999", "1", "0", "1e-1", "-0.5", "f2", "F1", "0.5 ")),
        new TextField("spec.spark.triggerInterval", JobOptions.TRIGGER_INTERVAL,
            (spec, v) -> spark(spec).setTriggerInterval(v), List.of("1 fortnight", "1 minute",
                "2 minutes", "1h", "999999999h", "1000000000ms", "0s", "0 ms", "1 Second")),
        new TextField("spec.spark.stopGracePeriod", JobOptions.STOP_GRACE_PERIOD,
            (spec, v) -> spark(spec).setStopGracePeriod(v), List.of("0s", "0", "20s", "2m",
                "1 hour", "999999999 milliseconds", "-1s", "1.5s")),
        new TextField("spec.champion.margin", JobOptions.CHAMPION_MARGIN,
            (spec, v) -> champion(spec).setMargin(v), List.of("0.005", ".5", "1", "0", "1.0", "0.00001",
                "1.5", "-0.1", "5e-3")),
        new TextField("spec.drift.delta", JobOptions.DRIFT_DELTA, (spec, v) -> drift(spec).setDelta(v),
            List.of("0.01", "0.0001", "0.00001", "2", "0.5 ")),
        new TextField("spec.drift.onDrift", JobOptions.ON_DRIFT, (spec, v) -> drift(spec).setOnDrift(v),
            List.of("report", "reset-window", "Report", "reset", "reset_window", "report ")),
        new TextField("spec.kafka.topic", JobOptions.TOPIC, (spec, v) -> {
          spec.getKafka().setTopic(v);
          // the dead-letter topic's own limit is the subject of its own test below
          spec.getKafka().setDeadLetter(false);
        }, List.of("crímenes", "a".repeat(TopicName.MAX_LENGTH), "..", ".", "a..b", "a b")));
  }

  static Stream<NumberField> numberFields() {
    return Stream.of(
        new NumberField("spec.spark.maxRowsPerBatch", JobOptions.MAX_ROWS_PER_BATCH,
            (spec, v) -> spark(spec).setMaxRowsPerBatch(v.longValue()), Long.class),
        new NumberField("spec.spark.maxRowsWhenBehind", JobOptions.MAX_ROWS_WHEN_BEHIND,
            (spec, v) -> spark(spec).setMaxRowsWhenBehind(v.longValue()), Long.class),
        new NumberField("spec.champion.window", JobOptions.CHAMPION_WINDOW,
            (spec, v) -> champion(spec).setWindow(v.intValue()), Integer.class),
        new NumberField("spec.champion.leadBatches", JobOptions.CHAMPION_LEAD_BATCHES,
            (spec, v) -> champion(spec).setLeadBatches(v.intValue()), Integer.class),
        new NumberField("spec.drift.threshold", JobOptions.DRIFT_THRESHOLD,
            (spec, v) -> drift(spec).setThreshold(v.intValue()), Integer.class),
        new NumberField("spec.drift.minRows", JobOptions.DRIFT_MIN_ROWS,
            (spec, v) -> drift(spec).setMinRows(v.intValue()), Integer.class),
        new NumberField("spec.keepVersions", JobOptions.KEEP_VERSIONS,
            (spec, v) -> spec.setKeepVersions(v.intValue()), Integer.class),
        new NumberField("spec.producer.batchRows", ProducerOptions.BATCH_ROWS,
            (spec, v) -> producer(spec).setBatchRows(v.intValue()), Integer.class),
        new NumberField("spec.producer.rowsPerSecond", ProducerOptions.ROWS_PER_SECOND,
            (spec, v) -> producer(spec).setRowsPerSecond(v.doubleValue()), Double.class));
  }

  static Stream<ListField> listFields() {
    return Stream.of(
        new ListField("spec.months", JobOptions.MONTHS, accepts(Months::parse),
            List.of("2016-05", "2016-04", "1999-12", "2016-13", "2016-5"),
            CrimeStreamSpec::setMonths),
        new ListField("spec.models", JobOptions.MODELS, accepts(ModelKind::parse),
            ModelKind.ids(), CrimeStreamSpec::setModels));
  }

  @BeforeAll
  static void readTheGeneratedCrd() throws IOException {
    crd = CrdSchema.generated();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textFields")
  void theCrdAndTheOptionAcceptTheSameStrings(TextField field) throws Exception {
    assertThat(crd.at(field.path()).getPattern()).as("%s has the option's pattern", field)
        .isEqualTo(field.def().pattern());
    List<String> disagreements = new ArrayList<>();
    for (String s : samples(field.def(), field.extra())) {
      boolean byCrd = crd.accepts(field.path(), s);
      boolean byOption = field.def().accepts(s);
      if (byCrd != byOption) {
        disagreements.add(disagreement(s, byCrd, crd.errors(field.path(), s), field.def(), s));
      } else if (byCrd) {
        CrimeStream cs = valid();
        field.set().accept(cs.getSpec(), s);
        assertRendersAsGiven(cs, field.def(), field.def().parse(s), s);
      }
    }
    assertThat(disagreements).as(field.toString()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("listFields")
  void eachItemAndEachListAreAcceptedAlike(ListField field) throws Exception {
    List<String> items = new ArrayList<>();
    for (String seed : field.seeds()) {
      items.addAll(Samples.of(field.def().withDefault(seed, "a seed"), new Random(seed.hashCode()),
          SAMPLES / field.seeds().size()));
    }
    List<String> disagreements = new ArrayList<>();
    for (String item : new LinkedHashSet<>(items)) {
      boolean byCrd = crd.accepts(field.path() + "[]", item);
      if (byCrd != field.item().test(item)) {
        disagreements.add(disagreement(item, byCrd, crd.errors(field.path() + "[]", item), null,
            item));
      }
    }
    // lists of items as a YAML list holds them: the option's list is the same items joined by
    // commas (items holding a comma or blanks at their ends mean something else on a command
    // line, and the CRD refuses them as items above)
    List<String> pool = new ArrayList<>(field.seeds());
    items.stream().filter(i -> !i.contains(",") && i.equals(i.strip())).limit(40)
        .forEach(pool::add);
    Random random = new Random(field.path().hashCode());
    for (int n = 0; n < SAMPLES; n++) {
      List<String> list = new ArrayList<>();
      int size = random.nextInt(7);
      for (int i = 0; i < size; i++) {
        // mostly valid items, so that lists of them are mostly about duplicates and size
        list.add(random.nextInt(4) > 0 ? field.seeds().get(random.nextInt(field.seeds().size()))
            : pool.get(random.nextInt(pool.size())));
      }
      boolean byCrd = crd.accepts(field.path(), list);
      String joined = String.join(",", list);
      boolean byOption = field.def().accepts(joined);
      if (byCrd != byOption) {
        disagreements.add(disagreement(list.toString(), byCrd, crd.errors(field.path(), list),
            field.def(), joined));
      } else if (byCrd) {
        CrimeStream cs = valid();
        field.set().accept(cs.getSpec(), list);
        assertRendersAsGiven(cs, field.def(), field.def().parse(joined), list.toString());
      }
    }
    assertThat(disagreements).as(field.toString()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numberFields")
  void theCrdsBoundsAreTheOptionsBounds(NumberField field) throws Exception {
    JSONSchemaProps schema = crd.at(field.path());
    assertThat(schema.getType()).isEqualTo(field.type() == Double.class ? "number" : "integer");
    assertThat(schema.getMinimum()).as("%s's minimum", field).isNotNull();
    assertThat(schema.getMaximum()).as("%s's maximum", field).isNotNull();
    List<String> disagreements = new ArrayList<>();
    for (Number n : numbers(schema, field.type())) {
      String text = n instanceof Double d ? Counts.render(d) : n.toString();
      boolean byCrd = crd.accepts(field.path(), n);
      boolean byOption = field.def().accepts(text);
      if (byCrd != byOption) {
        disagreements.add(disagreement(text, byCrd, crd.errors(field.path(), n), field.def(),
            text));
      } else if (byCrd) {
        CrimeStream cs = valid();
        field.set().accept(cs.getSpec(), n);
        assertRendersAsGiven(cs, field.def(), field.def().parse(text), text);
      }
    }
    assertThat(disagreements).as(field.toString()).isEmpty();
  }

  @Test
  void theOptionsLimitsAreTheCrdsMaximums() {
    assertThat(crd.at("spec.spark.maxRowsPerBatch").getMaximum())
        .isEqualTo((double) JobOptions.MAX_ROWS_PER_BATCH_LIMIT);
    assertThat(crd.at("spec.producer.batchRows").getMaximum())
        .isEqualTo((double) ProducerOptions.BATCH_ROWS_LIMIT);
    assertThat(crd.at("spec.producer.rowsPerSecond").getMaximum())
        .isEqualTo(ProducerOptions.ROWS_PER_SECOND_LIMIT);
    // the pace is more than zero: the bound itself is refused by both
    assertThat(crd.at("spec.producer.rowsPerSecond").getExclusiveMinimum()).isTrue();
    assertThat(ProducerOptions.ROWS_PER_SECOND.accepts("0")).isFalse();
    // at most every model once
    assertThat(crd.at("spec.models").getMaxItems()).isEqualTo(ModelKind.values().length);
  }

  @Test
  void flagsAreBooleansOffByDefault() throws Exception {
    Map<String, OptionDef<Boolean>> flags = Map.of(
        "spec.producer.replay", ProducerOptions.REPLAY,
        "spec.excludeArrestRecordedTypes", JobOptions.EXCLUDE_ARREST_RECORDED_TYPES);
    for (var e : flags.entrySet()) {
      assertThat(crd.at(e.getKey()).getType()).as(e.getKey()).isEqualTo("boolean");
      assertThat(crd.defaultOf(e.getKey())).as(e.getKey()).isEqualTo(e.getValue().defaultValue());
    }
    CrimeStream cs = valid();
    cs.getSpec().setExcludeArrestRecordedTypes(true);
    assertThat(JobArguments.of(cs, CrimeStreams.settings(cs)))
        .contains(JobOptions.EXCLUDE_ARREST_RECORDED_TYPES.flag());
    cs.getSpec().setExcludeArrestRecordedTypes(false);
    assertThat(JobArguments.of(cs, CrimeStreams.settings(cs)))
        .doesNotContain(JobOptions.EXCLUDE_ARREST_RECORDED_TYPES.flag());
  }

  @Test
  void theCrdsDefaultsAreTheOptionsDefaultsAndTheOthersAreNamed() {
    Map<String, OptionDef<?>> defaulted = Map.of(
        "spec.spark.triggerInterval", JobOptions.TRIGGER_INTERVAL,
        "spec.kafka.topic", JobOptions.TOPIC,
        "spec.producer.batchRows", ProducerOptions.BATCH_ROWS,
        "spec.producer.rowsPerSecond", ProducerOptions.ROWS_PER_SECOND);
    defaulted.forEach((path, def) -> {
      Object value = crd.defaultOf(path);
      String text = value instanceof Double d ? Counts.render(d) : String.valueOf(value);
      assertThat(def.parse(text)).as(path).isEqualTo(def.defaultValue());
    });
    // no CRD default: the job's applies, and the description says which
    Map<String, OptionDef<?>> jobs = Map.of(
        "spec.features", JobOptions.FEATURES,
        "spec.trainingWindow", JobOptions.TRAINING_WINDOW,
        "spec.decisionThreshold", JobOptions.DECISION_THRESHOLD,
        "spec.spark.maxRowsPerBatch", JobOptions.MAX_ROWS_PER_BATCH,
        "spec.spark.stopGracePeriod", JobOptions.STOP_GRACE_PERIOD);
    jobs.forEach((path, def) -> {
      assertThat(crd.defaultOf(path)).as(path).isNull();
      assertThat(crd.at(path).getDescription()).as(path)
          .contains("(" + def.defaultText() + ")");
    });
    assertThat(crd.at("spec.models").getDescription())
        .contains(ModelKind.STUDY.stream().map(ModelKind::id).toList());
    assertThat(DriverGracePeriod.DEFAULT_STOP_GRACE_PERIOD_MILLIS)
        .isEqualTo(JobOptions.STOP_GRACE_PERIOD.defaultValue().toMillis());
  }

  @Test
  void everyOptionThatMakesSenseOnKubernetesIsASpecField() throws Exception {
    Set<OptionDef<?>> mapped = new LinkedHashSet<>();
    textFields().forEach(f -> mapped.add(f.def()));
    numberFields().forEach(f -> mapped.add(f.def()));
    listFields().forEach(f -> mapped.add(f.def()));
    mapped.addAll(List.of(JobOptions.EXCLUDE_ARREST_RECORDED_TYPES, ProducerOptions.REPLAY,
        ProducerOptions.MONTHS, JobOptions.KEEP_VERSIONS));
    // how the job learns and streams, and the producer's pace: all of it is the user's
    assertThat(mapped).containsAll(JobOptions.LEARNING).containsAll(JobOptions.STREAMING)
        .containsAll(ProducerOptions.PACE);

    // and every argument the controller writes is one of those, or wiring it owns
    Set<String> wiring = Set.of(JobOptions.CHECKPOINT_DIR.flag(),
        JobOptions.METRICS_CONFIG_MAP.flag(), JobOptions.NAMESPACE.flag(),
        JobOptions.DEAD_LETTER_TOPIC.flag(), JobOptions.NO_DEAD_LETTER.flag(),
        JobOptions.HTTP_ADDRESS.flag(), JobOptions.HTTP_PORT.flag(), JobOptions.INITIAL_MODELS.flag(),
        ProducerOptions.SOURCE.flag(), ProducerOptions.SOCRATA.flag(), ProducerOptions.HISTORY.flag());
    CrimeStream cs = valid();
    CrimeStreamSpec spec = cs.getSpec();
    spec.setModels(List.of("random_forest"));
    spec.setFeatures("study");
    spec.setTrainingWindow("all");
    spec.setDecisionThreshold("f1");
    spec.setExcludeArrestRecordedTypes(true);
    spark(spec).setMaxRowsPerBatch(100L);
    spark(spec).setMaxRowsWhenBehind(5000L);
    spark(spec).setStopGracePeriod("5s");
    champion(spec).setWindow(7);
    champion(spec).setMargin("0.01");
    champion(spec).setLeadBatches(2);
    drift(spec).setDelta("0.02");
    drift(spec).setThreshold(30);
    drift(spec).setMinRows(50);
    drift(spec).setOnDrift("reset-window");
    spec.setKeepVersions(3);
    PipelineSettings s = CrimeStreams.settings(cs);
    List<String> args = new ArrayList<>(JobArguments.of(cs, s));
    args.addAll(ProducerArguments.of(s, s.source().months().get(0),
        DatasetMount.of(s.source().source())));
    Set<String> flags = new LinkedHashSet<>();
    args.stream().filter(a -> a.startsWith("--")).forEach(flags::add);
    Set<String> known = new LinkedHashSet<>(wiring);
    mapped.forEach(d -> known.add(d.flag()));
    assertThat(known).containsAll(flags);
    assertThat(flags).containsAll(mapped.stream().map(OptionDef::flag).toList());
  }

  /**
   * The rule keeping the stop grace period within the driver pod's grace period: the CRD's CEL
   * and the controller's check accept the same pairs.
   */
  @Test
  void theCrdAndTheControllerKeepTheStopWithinThePodsGracePeriodAlike() throws Exception {
    List<String> stops = new ArrayList<>();
    stops.add(null);
    samples(JobOptions.STOP_GRACE_PERIOD, List.of("0s", "1ms", "999ms", "1000ms", "1001ms",
        "20s", "20 seconds", "2m", "1 hour", "999999999h", "1 fortnight")).stream()
        .limit(600).forEach(stops::add);
    Random random = new Random(11);
    List<String> disagreements = new ArrayList<>();
    for (String stop : stops) {
      long minimum = DriverGracePeriod.minimumSeconds(stop == null || !JobOptions
          .STOP_GRACE_PERIOD.accepts(stop) ? JobOptions.STOP_GRACE_PERIOD.defaultValue()
          : JobOptions.STOP_GRACE_PERIOD.parse(stop));
      List<Long> graces = new ArrayList<>(List.of(1L, 10L, 29L, 30L, 31L, minimum - 1, minimum,
          minimum + 1, 1L + random.nextInt(200)));
      graces.add(null);
      for (Long grace : graces) {
        if (grace != null && grace < 1) {
          continue;
        }
        Map<String, Object> spark = new HashMap<>();
        if (stop != null) {
          spark.put("stopGracePeriod", stop);
        }
        if (grace != null) {
          spark.put("terminationGracePeriodSeconds", grace);
        }
        boolean byCrd = crd.accepts("spec.spark", spark);
        CrimeStream cs = valid();
        spark(cs.getSpec()).setStopGracePeriod(stop);
        spark(cs.getSpec()).setTerminationGracePeriodSeconds(grace);
        boolean byController = controllerAccepts(cs);
        if (byCrd != byController) {
          disagreements.add(spark + ": the CRD " + (byCrd ? "accepts" : "refuses "
              + crd.errors("spec.spark", spark)) + ", the controller "
              + (byController ? "accepts" : "refuses"));
        } else if (byController) {
          PipelineSettings s = CrimeStreams.settings(cs);
          assertThat(s.streaming().terminationGracePeriodSeconds()).as("%s", spark)
              .isEqualTo(grace != null ? grace : minimum);
        }
      }
    }
    assertThat(disagreements).isEmpty();
  }

  /** {@code <topic>-dlq} is a topic too, whenever there is a dead-letter topic. */
  @Test
  void theCrdAndTheJobAcceptTheSameDeadLetterTopics() throws Exception {
    List<String> topics = new ArrayList<>(samples(JobOptions.TOPIC, List.of()));
    for (int length = TopicName.MAX_LENGTH - 6; length <= TopicName.MAX_LENGTH + 1; length++) {
      topics.add("t".repeat(length));
    }
    List<String> disagreements = new ArrayList<>();
    for (String topic : topics) {
      for (Boolean deadLetter : new Boolean[] {null, true, false}) {
        Map<String, Object> kafka = new LinkedHashMap<>(Map.of("cluster", "my-cluster",
            "topic", topic));
        if (deadLetter != null) {
          kafka.put("deadLetter", deadLetter);
        }
        boolean byCrd = crd.accepts("spec.kafka", kafka);
        boolean byJob = JobOptions.TOPIC.accepts(topic) && (Boolean.FALSE.equals(deadLetter)
            || JobOptions.DEAD_LETTER_TOPIC.accepts(TopicName.deadLetter(topic)));
        CrimeStream cs = valid();
        cs.getSpec().getKafka().setTopic(topic);
        cs.getSpec().getKafka().setDeadLetter(deadLetter);
        boolean byController = controllerAccepts(cs);
        if (byCrd != byJob || byController != byJob) {
          disagreements.add("'" + topic + "', deadLetter " + deadLetter + ": the CRD "
              + (byCrd ? "accepts" : "refuses") + ", the job " + (byJob ? "accepts" : "refuses")
              + ", the controller " + (byController ? "accepts" : "refuses"));
        }
      }
    }
    assertThat(disagreements).isEmpty();
  }

  // ---- helpers ----

  private static List<String> samples(OptionDef<?> def, List<String> extra) {
    Set<String> all = new LinkedHashSet<>(Samples.of(def, new Random(def.flag().hashCode()),
        SAMPLES));
    all.addAll(extra);
    return new ArrayList<>(all);
  }

  /** Numbers at and around the schema's bounds, special ones, and random ones. */
  private static List<Number> numbers(JSONSchemaProps schema, Class<? extends Number> type) {
    double min = schema.getMinimum();
    double max = schema.getMaximum();
    Random random = new Random(schema.hashCode());
    List<Number> out = new ArrayList<>();
    if (type == Double.class) {
      for (double d : new double[] {min, Math.nextUp(min), Math.nextDown(min), Double.MIN_VALUE,
          -Double.MIN_VALUE, 1e-9, 0.5, 1, 2.5, max, Math.nextUp(max), Math.nextDown(max), max + 1,
          -1, 1e300, -1e300}) {
        out.add(d);
      }
      for (int i = 0; i < SAMPLES; i++) {
        out.add((random.nextDouble() * 1.2 - 0.1) * max);
        out.add(random.nextDouble() * 10 - 1);
      }
    } else {
      long lo = (long) min;
      long hi = (long) max;
      for (long n : new long[] {lo - 1, lo, lo + 1, 0, -1, hi - 1, hi, hi + 1, Integer.MAX_VALUE,
          Integer.MIN_VALUE}) {
        out.add(n);
      }
      if (type == Long.class) {
        out.add(Long.MAX_VALUE);
        out.add((long) Integer.MAX_VALUE + 1);
      }
      for (int i = 0; i < SAMPLES; i++) {
        out.add((long) (random.nextDouble() * 1.2 * hi) - hi / 10);
      }
    }
    return out;
  }

  /** {@code value} as the CRD got it, {@code text} as the option got it. */
  private static String disagreement(String value, boolean byCrd, List<String> crdErrors,
                                     OptionDef<?> def, String text) {
    return "'" + value + "': the CRD " + (byCrd ? "accepts" : "refuses " + crdErrors)
        + ", the option " + (byCrd ? "refuses"
        + (def == null ? "" : " (" + def.problem(text) + ")") : "accepts");
  }

  /**
   * The controller runs {@code cs} and writes {@code def}'s argument so that the program reads it
   * back as {@code expected}.
   */
  private static <T> void assertRendersAsGiven(CrimeStream cs, OptionDef<T> def, Object expected,
                                               String given) throws InvalidSpecException {
    PipelineSettings s = CrimeStreams.settings(cs);
    List<String> args = new ArrayList<>(JobArguments.of(cs, s));
    if (!args.contains(def.flag())) {
      args = ProducerArguments.of(s, s.source().months().get(0),
          DatasetMount.of(s.source().source()));
    }
    int at = args.indexOf(def.flag());
    assertThat(at).as("%s for '%s'", def.flag(), given).isNotNegative();
    assertThat(def.parse(args.get(at + 1))).as("%s %s for '%s'", def.flag(), args.get(at + 1),
        given).isEqualTo(expected);
  }

  private static boolean controllerAccepts(CrimeStream cs) {
    try {
      CrimeStreams.settings(cs);
      return true;
    } catch (InvalidSpecException e) {
      return false;
    }
  }

  private static CrimeStream valid() {
    return CrimeStreams.replay("agree", "/data/chicago/crimes.csv", "2016-05");
  }

  private static SparkSpec spark(CrimeStreamSpec spec) {
    if (spec.getSpark() == null) {
      spec.setSpark(new SparkSpec());
    }
    return spec.getSpark();
  }

  private static ChampionSpec champion(CrimeStreamSpec spec) {
    if (spec.getChampion() == null) {
      spec.setChampion(new ChampionSpec());
    }
    return spec.getChampion();
  }

  private static DriftSpec drift(CrimeStreamSpec spec) {
    if (spec.getDrift() == null) {
      spec.setDrift(new DriftSpec());
    }
    return spec.getDrift();
  }

  private static ProducerSpec producer(CrimeStreamSpec spec) {
    if (spec.getProducer() == null) {
      spec.setProducer(new ProducerSpec());
    }
    return spec.getProducer();
  }

  private static Predicate<String> accepts(Function<String, ?> parser) {
    return s -> {
      try {
        parser.apply(s);
        return true;
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        return false;
      }
    };
  }
}
