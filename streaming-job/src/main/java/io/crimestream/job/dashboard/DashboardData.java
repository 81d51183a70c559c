package io.crimestream.job.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crimestream.metrics.MetricsReport;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What the dashboard's page draws: the metrics report (the batches after {@code after} only, so
 * that a browser polling the job fetches what it lacks, not the whole history again) and the
 * latest predictions. The live dashboard serves it as JSON; {@code report.html} carries it inline.
 *
 * @param instance    this job process: a browser that sees it change fetches the history anew
 *                    (a restarted job may have started over)
 * @param live        served by a running job ({@code false}: a finished run's report.html)
 * @param generated   when this was made, ISO-8601
 * @param after       the report holds the batches after this batch only; -1 for all of them
 * @param report      the report as published after the latest batch
 * @param predictions the latest predictions, most recent first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DashboardData(String instance, boolean live, String generated, long after, MetricsReport report,
                            List<RecentPrediction> predictions) {

  /**
   * JSON that is safe inside an HTML {@code <script>} element as well: {@code <}, {@code >} and
   * {@code &} are written as {@code \u003C} and its kin, so that no text from the data (a crime
   * description that reads {@code </script>}) can end the element, and U+2028/U+2029 are escaped
   * for older script parsers.
   */
  private static final ObjectMapper MAPPER = htmlSafe(new ObjectMapper()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS));

  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("the dashboard's data are plain records and always serialize", e);
    }
  }

  private static ObjectMapper htmlSafe(ObjectMapper mapper) {
    mapper.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    return mapper;
  }

  private static final class HtmlSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    HtmlSafeEscapes() {
      ascii = CharacterEscapes.standardAsciiEscapesForJSON();
      ascii['<'] = CharacterEscapes.ESCAPE_STANDARD;
      ascii['>'] = CharacterEscapes.ESCAPE_STANDARD;
      ascii['&'] = CharacterEscapes.ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch == 0x2028 ? new SerializedString("\\u2028")
          : ch == 0x2029 ? new SerializedString("\\u2029") : null;
    }
  }
}
