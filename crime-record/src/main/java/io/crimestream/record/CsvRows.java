package io.crimestream.record;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits CSV text (RFC 4180: commas (or the semicolons or tabs a header shows), double quotes, doubled quotes inside quotes, line breaks
 * inside quotes) into rows, and remembers the physical line each row starts on.
 *
 * <p>A quote that is never closed would otherwise swallow the rest of the file into one field.
 * So a row may continue over at most {@link #MAX_CONTINUATION_LINES} further lines; past that, or
 * at the end of the input, the row is returned as {@link Row#unterminatedQuote() unterminated},
 * and reading resumes on the line after the one it started on, so that no later row is lost.
 */
final class CsvRows implements Closeable {

  static final int MAX_CONTINUATION_LINES = 20;

  /** One row: its fields, the 1-based line it starts on, and whether a quote was left open. */
  record Row(List<String> fields, long line, boolean unterminatedQuote) {}

  private record Line(String text, long number) {}

  private final BufferedReader in;
  private final Deque<Line> pushedBack = new ArrayDeque<>();
  private long lastLineNumber;
  private char separator = ',';

  CsvRows(BufferedReader in) {
    this.in = in;
  }

  /**
   * Chooses the field separator from the first non-blank line (the header): a comma, unless the
   * line has none outside quotes and a semicolon or a tab instead (what spreadsheets in many
   * locales write). Returns it; nothing is consumed.
   */
  char detectSeparator() throws IOException {
    Line first;
    do {
      first = nextLine();
      if (first == null) {
        return separator;
      }
    } while (first.text().isBlank());
    pushedBack.push(first);
    int commas = countUnquoted(first.text(), ',');
    int semicolons = countUnquoted(first.text(), ';');
    int tabs = countUnquoted(first.text(), '\t');
    if (commas == 0 && (semicolons > 0 || tabs > 0)) {
      separator = semicolons >= tabs ? ';' : '\t';
    }
    return separator;
  }

  private static int countUnquoted(String line, char c) {
    int n = 0;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (ch == c && !quoted) {
        n++;
      }
    }
    return n;
  }

  /** The next non-blank row, or {@code null} at the end of the input. */
  Row next() throws IOException {
    Line first;
    do {
      first = nextLine();
      if (first == null) {
        return null;
      }
    } while (first.text().isBlank());

    List<Line> continuation = new ArrayList<>(0);
    StringBuilder record = new StringBuilder(first.text());
    List<String> fields = split(record, separator);
    while (fields == null && continuation.size() < MAX_CONTINUATION_LINES) {
      Line more = nextLine();
      if (more == null) {
        break;
      }
      continuation.add(more);
      record.append('\n').append(more.text());
      fields = split(record, separator);
    }
    if (fields != null) {
      return new Row(fields, first.number(), false);
    }
    // Give the lines back: each may be a good row of its own after a stray quote.
    for (int i = continuation.size() - 1; i >= 0; i--) {
      pushedBack.push(continuation.get(i));
    }
    return new Row(List.of(first.text()), first.number(), true);
  }

  private Line nextLine() throws IOException {
    if (!pushedBack.isEmpty()) {
      return pushedBack.pop();
    }
    String text = in.readLine();
    return text == null ? null : new Line(text, ++lastLineNumber);
  }

  /** The fields of a complete comma-separated record, or {@code null} if it ends inside quotes. */
  static List<String> split(CharSequence s) {
    return split(s, ',');
  }

  /** The fields of a complete record, or {@code null} if it ends inside quotes. */
  static List<String> split(CharSequence s, char separator) {
    List<String> fields = new ArrayList<>(24);
    StringBuilder field = new StringBuilder(32);
    boolean inQuotes = false;
    boolean atFieldStart = true;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (inQuotes) {
        if (c == '"') {
          if (i + 1 < n && s.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            inQuotes = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == separator) {
        fields.add(field.toString());
        field.setLength(0);
        atFieldStart = true;
        continue;
      } else if (c == '"' && atFieldStart) {
        inQuotes = true;
      } else {
        field.append(c); // a quote inside an unquoted field is kept as text
      }
      atFieldStart = false;
    }
    if (inQuotes) {
      return null;
    }
    fields.add(field.toString());
    return fields;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
