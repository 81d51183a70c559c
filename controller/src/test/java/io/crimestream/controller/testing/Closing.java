package io.crimestream.controller.testing;

/**
 * The end of a test class that started several servers: each is closed in the order given, and
 * one that fails to close is reported without keeping the others open.
 */
public final class Closing {

  private Closing() {}

  /** Closes every non-null one of {@code resources}, in order, printing any failure. */
  public static void all(AutoCloseable... resources) {
    for (AutoCloseable c : resources) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        System.out.println("closing " + c + ": " + e);
      }
    }
  }
}
