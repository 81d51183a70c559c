package io.crimestream.job.features;

/**
 * Which rows are held out of training for evaluation: a fixed fifth chosen by a hash of the
 * crime id. Fixed, so that a row never moves between training and evaluation as the stream grows
 * or the job restarts; hashed, so that consecutive ids spread evenly.
 */
public final class HeldOutSplit {

  public static final int ONE_IN = 5;

  private HeldOutSplit() {}

  public static boolean isHeldOut(long id) {
    return Math.floorMod(mix(id), ONE_IN) == 0;
  }

  /** SplitMix64's finalizer: a cheap, well-spread 64-bit hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
