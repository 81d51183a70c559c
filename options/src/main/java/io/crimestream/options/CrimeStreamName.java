package io.crimestream.options;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rule a CrimeStream's name follows so that every name derived from it is one Kubernetes
 * accepts. It is stated once, here, beside the options: the CRD's root validation rules (the
 * annotations of the controller's {@code CrimeStream}, CEL, where {@code self.metadata.name} is
 * readable) and the controller's own check ({@link #problems(String)}, for API servers that skip
 * CEL) are both built from these constants.
 *
 * <ul>
 *   <li>{@code <name>-driver} names the driver's Service, and a Service name is an RFC 1035 label:
 *   a lowercase letter first, then lowercase letters, digits and '-', a letter or digit last, no
 *   dots. So the name is such a label too ({@link #PATTERN}).</li>
 *   <li>{@code <name>-producer-YYYY-MM}, the longest derived name, names a Job; a Job's name is
 *   also the {@code job-name} label of its pods, so it has at most 63 characters: the name at most
 *   63 - 17 ({@link #MAX_LENGTH}). The other derived names (the driver pod, the executor pods
 *   {@code <name>-exec-N}, the ServiceAccount, the claim, the ConfigMaps) and the
 *   {@code app.kubernetes.io/instance} label value are shorter or allow more.</li>
 * </ul>
 */
public final class CrimeStreamName {

  /** An RFC 1035 label. */
  public static final String PATTERN = "^[a-z]([-a-z0-9]*[a-z0-9])?$";
  /** The length of a label value and a Job name, 63, less {@code -producer-YYYY-MM}. */
  public static final int MAX_LENGTH = 46;

  public static final String PATTERN_RULE = "self.metadata.name.matches('" + PATTERN + "')";
  public static final String PATTERN_MESSAGE = "metadata.name must start with a lowercase letter,"
      + " hold only lowercase letters, digits and '-' (no '.') and end with a letter or digit:"
      + " the driver's Service is named <name>-driver, and a Service name is an RFC 1035 label;"
      + " rename it, e.g. study-2016 for 2016-study or study-v2 for study.v2";
  public static final String LENGTH_RULE = "size(self.metadata.name) <= " + MAX_LENGTH;
  public static final String LENGTH_MESSAGE = "metadata.name must be at most " + MAX_LENGTH
      + " characters long: each month's producer Job is named <name>-producer-YYYY-MM, and a"
      + " Job's name, which becomes its pods' job-name label, has at most 63; shorten it";

  private static final Pattern LABEL = Pattern.compile(PATTERN);

  private CrimeStreamName() {}

  /** What is wrong with {@code name}, each as the CRD would say it; empty when it is fine. */
  public static List<String> problems(String name) {
    List<String> problems = new ArrayList<>();
    if (name == null || !LABEL.matcher(name).matches()) {
      problems.add("'" + name + "': " + PATTERN_MESSAGE);
    }
    if (name != null && name.length() > MAX_LENGTH) {
      problems.add("'" + name + "' (" + name.length() + " characters): " + LENGTH_MESSAGE);
    }
    return problems;
  }
}
