package io.crimestream.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shared option whose value is text has one grammar: the regular expression a CRD's
 * schema checks and the parser the programs use must accept exactly the same strings. Fed with
 * hand-picked edge cases and thousands of generated strings (valid values, their mutations, and
 * random text over the grammar's own characters), any string one accepts and the other refuses
 * fails the test.
 */
class ValueGrammarTest {

  static List<OptionDef<?>> textOptions() {
    return List.of(JobOptions.TOPIC, JobOptions.TRIGGER_INTERVAL, JobOptions.FEATURES,
        JobOptions.TRAINING_WINDOW, JobOptions.DECISION_THRESHOLD, JobOptions.STOP_GRACE_PERIOD,
        JobOptions.STARTING_OFFSETS, JobOptions.DEAD_LETTER_TOPIC, JobOptions.PREDICTIONS_TOPIC,
        JobOptions.CHAMPION_MARGIN, JobOptions.DRIFT_DELTA, JobOptions.ON_DRIFT, JobOptions.HTTP_ADDRESS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textOptions")
  void thePatternAndTheParserAcceptTheSameStrings(OptionDef<?> def) {
    Pattern pattern = Pattern.compile(def.pattern());
    List<String> disagreements = new ArrayList<>();
    for (String s : Samples.of(def, new Random(def.flag().hashCode()), 4000)) {
      boolean byPattern = pattern.matcher(s).matches();
      boolean byParser = def.accepts(s);
      if (byPattern != byParser) {
        disagreements.add("'" + s + "': pattern " + (byPattern ? "accepts" : "refuses") + ", parser "
            + (byParser ? "accepts" : "refuses" + " (" + def.problem(s) + ")"));
      }
    }
    assertThat(disagreements).as(def.flag()).isEmpty();
  }

  /** What a program renders for another (the controller for the job) reads back as the same value. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("textOptions")
  void everyAcceptedValueReadsBackAsItIsRendered(OptionDef<?> def) {
    List<String> unreadable = new ArrayList<>();
    for (String s : Samples.of(def, new Random(def.flag().hashCode()), 4000)) {
      if (def.accepts(s) && !readsBack(def, s)) {
        unreadable.add("'" + s + "'");
      }
    }
    assertThat(unreadable).as(def.flag()).isEmpty();
  }

  private static <T> boolean readsBack(OptionDef<T> def, String text) {
    T value = def.parse(text);
    String rendered = def.render(value);
    return def.accepts(rendered) && def.parse(rendered).equals(value);
  }

  @Test
  void eachModelsNameIsOneTheModelPatternAccepts() {
    Pattern pattern = Pattern.compile(ModelKind.PATTERN);
    for (ModelKind k : ModelKind.values()) {
      assertThat(pattern.matcher(k.id()).matches()).as(k.id()).isTrue();
    }
    for (String s : List.of("", "logistic", "Logistic_Regression", ModelKind.IUCR_RATE_BASELINE,
        "random_forest ", "decision_tree,random_forest")) {
      assertThat(pattern.matcher(s).matches()).as("'%s'", s).isFalse();
      assertThatThrownBy(() -> ModelKind.parse(s)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void valuesReadBackAsTheyAreRendered() {
    for (String d : List.of("1s", "500ms", "2m", "1h", "90s", "0s", "1500ms")) {
      Duration parsed = Durations.parse(d);
      assertThat(Durations.parse(Durations.render(parsed))).isEqualTo(parsed);
    }
    assertThat(Durations.parse("2 minutes")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.render(Duration.ofMillis(90_000))).isEqualTo("90s");
    assertThat(JobOptions.MODELS.render(JobOptions.MODELS.parse("random_forest, decision_tree")))
        .isEqualTo("random_forest,decision_tree");
    assertThat(JobOptions.TRAINING_WINDOW.parse("reservoir:20000"))
        .isEqualTo(new TrainingWindow(TrainingWindow.Kind.RESERVOIR, 20_000));
    assertThat(JobOptions.DECISION_THRESHOLD.parse("F1")).isInstanceOf(DecisionThreshold.TunedForF1.class);
    assertThat(JobOptions.DECISION_THRESHOLD.parse(".3")).isEqualTo(new DecisionThreshold.Fixed(0.3));
    // a plain decimal, never 1.0E-6, which the threshold's grammar refuses
    assertThat(JobOptions.DECISION_THRESHOLD.render(JobOptions.DECISION_THRESHOLD.parse(".000001")))
        .isEqualTo("0.000001");
    assertThat(ProducerOptions.MONTHS.parse("2016-05,2016-04"))
        .containsExactly(YearMonth.of(2016, 4), YearMonth.of(2016, 5));
    assertThat(ProducerOptions.ROWS_PER_SECOND.render(1.0)).isEqualTo("1");
    assertThat(ProducerOptions.ROWS_PER_SECOND.render(0.5)).isEqualTo("0.5");
  }

  @Test
  void aTrainingWindowIsWrittenOneWayOnly() {
    assertThat(TrainingWindow.parse("last:100000")).isEqualTo(new TrainingWindow(TrainingWindow.Kind.LAST, 100_000));
    assertThat(TrainingWindow.parse("all").toString()).isEqualTo("all");
    for (String s : List.of("last:0", "ALL", "last:100_000", "latest", "last:01", "reservoir:1000000000")) {
      assertThatThrownBy(() -> TrainingWindow.parse(s)).as(s).hasMessage("training window '" + s
          + "' is not one of all, last:N, reservoir:N (N a whole number from 1)");
    }
  }

  @Test
  void aRefusalNamesTheOptionAndSaysWhy() {
    assertThatThrownBy(() -> JobOptions.TRIGGER_INTERVAL.parse("1 fortnight"))
        .isInstanceOf(OptionException.class)
        .hasMessage("--trigger-interval: '1 fortnight' is not a duration such as 1s, 500ms, 2m or 1h"
            + " (a whole number and a unit)");
    assertThatThrownBy(() -> JobOptions.TRIGGER_INTERVAL.parse("0s"))
        .hasMessage("--trigger-interval: '0s' is zero: it must be more than that");
    assertThatThrownBy(() -> JobOptions.TOPIC.parse("crímenes"))
        .hasMessageContaining("(e.g. 'crimenes' for 'crímenes')");
    assertThatThrownBy(() -> JobOptions.MAX_ROWS_PER_BATCH.parse("0"))
        .hasMessage("--max-rows-per-batch: 0 is out of range: from 1 to 10000000");
    assertThatThrownBy(() -> JobOptions.MAX_ROWS_WHEN_BEHIND.parse("0"))
        .hasMessage("--max-rows-when-behind: 0 is out of range: from 1 to 10000000");
    assertThatThrownBy(() -> ProducerOptions.MONTHS.parse("2016-05,2016-05"))
        .hasMessage("--months: lists 2016-05 twice");
    assertThatThrownBy(() -> JobOptions.DECISION_THRESHOLD.parse("1.5"))
        .hasMessageContaining("neither a number strictly between 0 and 1");
    assertThat(JobOptions.FEATURES.problem("Improved")).isEqualTo(
        "feature set 'Improved' is not one of study, improved");
  }
}
