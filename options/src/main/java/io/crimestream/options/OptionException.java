package io.crimestream.options;

/**
 * A value an option does not accept: the message names the option and says why, e.g.
 * {@code --training-window 'last:0' is not all, last:N or reservoir:N (N from 1)}.
 */
public final class OptionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;
  private final String option;
  private final String reason;

  public OptionException(String option, String reason) {
    super(option + ": " + reason);
    this.option = option;
    this.reason = reason;
  }

  /** The flag, e.g. {@code --models}. */
  public String option() {
    return option;
  }

  /** Why, without the flag. */
  public String reason() {
    return reason;
  }
}
