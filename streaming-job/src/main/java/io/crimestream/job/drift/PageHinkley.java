package io.crimestream.job.drift;

/**
 * The Page-Hinkley test for a change in the mean of a stream of values (Page 1954; the form
 * River's {@code PageHinkley} uses): the cumulative deviation of each value from the running mean,
 * less a tolerance {@code delta}, against its minimum so far; a change is detected when the
 * difference exceeds {@code threshold}. Two-sided, it watches for a fall too (the deviation plus
 * {@code delta} against its maximum). Constant memory; the point where the extreme was reached
 * estimates where the change began.
 */
public final class PageHinkley {

  /** Which way a change counts. */
  public enum Direction { UP, DOWN, BOTH }

  /**
   * Everything a restart needs to continue the test.
   *
   * @param n        values seen since the last reset
   * @param mean     their mean
   * @param up       cumulative deviation for a rise, and its minimum and where it was reached
   * @param down     cumulative deviation for a fall, and its maximum and where it was reached
   */
  public record State(long n, double mean, double up, double minUp, long atMinUp, double down,
                      double maxDown, long atMaxDown) {
    static final State FRESH = new State(0, 0, 0, 0, -1, 0, 0, -1);
  }

  private final double delta;
  private final double threshold;
  private final int minValues;
  private final Direction direction;
  private State s = State.FRESH;

  /**
   * @param delta     the change in mean tolerated (the test's magnitude)
   * @param threshold the statistic above which a change is detected
   * @param minValues values seen before any detection
   */
  public PageHinkley(double delta, double threshold, int minValues, Direction direction) {
    if (delta < 0 || threshold <= 0 || minValues < 1) {
      throw new IllegalArgumentException("Page-Hinkley needs delta >= 0, threshold > 0 and at least one value");
    }
    this.delta = delta;
    this.threshold = threshold;
    this.minValues = minValues;
    this.direction = direction;
  }

  /**
   * Adds one value; {@code position} says where in the stream it is (to locate the change).
   *
   * @return whether a change is detected now
   */
  public boolean add(double x, long position) {
    long n = s.n() + 1;
    double mean = s.mean() + (x - s.mean()) / n;
    double up = s.up() + x - mean - delta;
    double down = s.down() + x - mean + delta;
    double minUp = s.minUp();
    long atMinUp = s.atMinUp();
    // at a tie the later position: the change began after the last value at the extreme
    if (up <= minUp || atMinUp < 0) {
      minUp = up;
      atMinUp = position;
    }
    double maxDown = s.maxDown();
    long atMaxDown = s.atMaxDown();
    if (down >= maxDown || atMaxDown < 0) {
      maxDown = down;
      atMaxDown = position;
    }
    s = new State(n, mean, up, minUp, atMinUp, down, maxDown, atMaxDown);
    return n >= minValues && statistic() > threshold;
  }

  /** The larger of the statistics this test watches: how far the stream has moved. */
  public double statistic() {
    double rise = s.up() - s.minUp();
    double fall = s.maxDown() - s.down();
    return switch (direction) {
      case UP -> rise;
      case DOWN -> fall;
      case BOTH -> Math.max(rise, fall);
    };
  }

  /**
   * Where the change began: the position after the last value at the extreme (with positions
   * counting the values before each, the number of values before the change).
   */
  public long changePoint() {
    boolean rise = direction == Direction.UP
        || direction == Direction.BOTH && s.up() - s.minUp() >= s.maxDown() - s.down();
    return (rise ? s.atMinUp() : s.atMaxDown()) + 1;
  }

  public double threshold() {
    return threshold;
  }

  /** Starts over: after a detection, the stream after the change is the new normal. */
  public void reset() {
    s = State.FRESH;
  }

  public State state() {
    return s;
  }

  public void restore(State state) {
    s = state == null ? State.FRESH : state;
  }
}
