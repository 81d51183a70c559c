package io.crimestream.local.soak;

import java.util.List;

/** A least-squares line through (x, y) points: how fast y grows with x. */
final class Trend {

  private Trend() {}

  /** The slope of the best line, or 0 with fewer than two distinct x. */
  static double slope(List<double[]> points) {
    int n = points.size();
    if (n < 2) {
      return 0;
    }
    double mx = 0;
    double my = 0;
    for (double[] p : points) {
      mx += p[0];
      my += p[1];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (double[] p : points) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
    }
    return sxx == 0 ? 0 : sxy / sxx;
  }
}
