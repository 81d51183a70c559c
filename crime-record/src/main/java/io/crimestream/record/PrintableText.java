package io.crimestream.record;

/**
 * Text from a file or a record made safe to show in a terminal or a log line: control
 * characters (a UTF-16 file read as UTF-8 is full of NULs; an escape sequence could repaint a
 * terminal) are written as Java escapes such as {@code \u0000} or {@code \t}, never raw.
 */
public final class PrintableText {

  private PrintableText() {}

  /** {@code text} with every control character escaped; {@code null} stays {@code null}. */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
          || Character.getType(c) == Character.FORMAT && c != '\u200d';
      if (control && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (!control) {
          out.append(c);
        } else if (c == '\t') {
          out.append("\\t");
        } else if (c == '\n') {
          out.append("\\n");
        } else if (c == '\r') {
          out.append("\\r");
        } else {
          out.append(String.format("\\u%04x", (int) c));
        }
      }
    }
    return out == null ? text : out.toString();
  }

  /** At most {@code max} characters of {@code text}, escaped, with {@code ...} when cut. */
  public static String excerpt(String text, int max) {
    String e = escape(text);
    return e == null || e.length() <= max ? e : e.substring(0, Math.max(0, max - 3)) + "...";
  }
}
