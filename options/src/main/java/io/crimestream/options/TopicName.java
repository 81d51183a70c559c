package io.crimestream.options;

import java.util.regex.Pattern;

/**
 * Kafka's rules for topic names, checked before anything is sent so that the user learns why a
 * name is refused instead of meeting a broker error. The study called its topic "crímenes";
 * Kafka allows only ASCII, so this project's default is {@code crimenes}.
 */
public final class TopicName {

  public static final String DEFAULT = "crimenes";
  public static final int MAX_LENGTH = 249;
  /** What {@link #deadLetter} appends (for a CRD's rule on the topic's length). */
  public static final String DEAD_LETTER_SUFFIX = "-dlq";
  /**
   * The same rule as a regular expression, for the CRD's schema: legal characters, at most
   * {@value #MAX_LENGTH}, and not {@code .} or {@code ..} (written without look-ahead, which
   * the API server's regular expressions do not have).
   */
  public static final String PATTERN =
      "^([a-zA-Z0-9._-]{3,249}|[a-zA-Z0-9_-][a-zA-Z0-9._-]?|\\.[a-zA-Z0-9_-])$";
  private static final Pattern LEGAL_CHARACTERS = Pattern.compile("^[a-zA-Z0-9._-]*$");

  private TopicName() {}

  /** Returns {@code name} if Kafka accepts it, else throws with the reason in plain words. */
  public static String requireLegal(String name) {
    String problem = problem(name);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return name;
  }

  /** Why Kafka would refuse {@code name}, or {@code null} if it is legal. */
  public static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "the topic name is empty";
    }
    if (name.equals(".") || name.equals("..")) {
      return "the topic name '" + name + "' is reserved by Kafka";
    }
    if (name.length() > MAX_LENGTH) {
      return "the topic name is " + name.length() + " characters long; Kafka allows at most " + MAX_LENGTH;
    }
    if (!LEGAL_CHARACTERS.matcher(name).matches()) {
      String bad = name.codePoints()
          .filter(c -> !(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')))
          .limit(5)
          .collect(StringBuilder::new, (sb, c) -> sb.append(sb.length() == 0 ? "" : ", ").append('\'')
              .appendCodePoint(c).append('\''), StringBuilder::append)
          .toString();
      return "the topic name '" + name + "' has characters Kafka does not allow (" + bad
          + "): only ASCII letters, digits, '.', '_' and '-' are legal"
          + (name.codePoints().anyMatch(c -> c >= 128) ? " (e.g. 'crimenes' for 'crímenes')" : "");
    }
    return null;
  }

  /** The topic the predictions for the incidents of {@code topic} go to. */
  public static String predictions(String topic) {
    return topic + "-predictions";
  }

  /** The dead-letter topic that rejected records of {@code topic} go to. */
  public static String deadLetter(String topic) {
    return topic + DEAD_LETTER_SUFFIX;
  }
}
