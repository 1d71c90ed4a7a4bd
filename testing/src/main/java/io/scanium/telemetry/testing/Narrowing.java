package io.scanium.telemetry.testing;

import java.util.List;
import java.util.function.Predicate;

/** Says which condition of a chain left no candidate, so a failure reads "3 spans are named X; none is SERVER". */
final class Narrowing {

  private Narrowing() {}

  /** Empty when no item meets even the first condition; otherwise how far the items got. */
  static <T> String explain(List<T> items, List<Predicate<T>> tests, List<String> conditions, String noun) {
    int met = 0;
    long count = 0;
    for (int k = 1; k <= tests.size(); k++) {
      List<Predicate<T>> prefix = tests.subList(0, k);
      long c = items.stream().filter(i -> prefix.stream().allMatch(t -> t.test(i))).count();
      if (c == 0) {
        break;
      }
      met = k;
      count = c;
    }
    if (met == 0 || met == tests.size()) {
      return "";
    }
    return " (" + count + " " + noun + (count == 1 ? "" : "s") + " " + String.join(", ", conditions.subList(0, met))
        + ", but none also " + conditions.get(met) + ")";
  }
}
