package io.crimestream.local.soak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How fast y grows with x: the Theil-Sen slope, the median of the slopes between every two
 * points. A live-heap sample that lands while a fit is running reads several times the heap
 * between batches; a least-squares line follows such outliers, the median does not (it stands
 * while fewer than about three in ten points are outliers).
 */
final class Trend {

  private Trend() {}

  /** The median slope between points of distinct x, or 0 with fewer than two distinct x. */
  static double slope(List<double[]> points) {
    List<Double> slopes = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      for (int j = i + 1; j < points.size(); j++) {
        double dx = points.get(j)[0] - points.get(i)[0];
        if (dx != 0) {
          slopes.add((points.get(j)[1] - points.get(i)[1]) / dx);
        }
      }
    }
    if (slopes.isEmpty()) {
      return 0;
    }
    Collections.sort(slopes);
    int n = slopes.size();
    return n % 2 == 1 ? slopes.get(n / 2) : (slopes.get(n / 2 - 1) + slopes.get(n / 2)) / 2;
  }
}
