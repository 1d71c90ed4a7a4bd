package io.scanium.telemetry.receiver;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A predicate that carries a description for the failure messages of the {@code await*} methods, and keeps it
 * through and/or/negate, because a lambda cannot say what it was looking for.
 */
final class Described<T> implements Predicate<T> {
  private final String description;
  private final Predicate<? super T> delegate;

  Described(String description, Predicate<? super T> delegate) {
    this.description = Objects.requireNonNull(description, "description");
    this.delegate = Objects.requireNonNull(delegate, "predicate");
  }

  /** What a failure message says the filter was looking for. */
  static String describe(Predicate<?> filter) {
    if (filter instanceof Described) {
      return filter.toString();
    }
    try {
      // A predicate class that prints itself meaningfully is worth showing; a lambda only prints its class.
      if (filter.getClass().getMethod("toString").getDeclaringClass() != Object.class) {
        return filter.toString();
      }
    } catch (NoSuchMethodException e) {
      // Cannot happen for toString; fall through to the generic description.
    }
    return "the given predicate";
  }

  @Override
  public boolean test(T t) {
    return delegate.test(t);
  }

  @Override
  public Predicate<T> and(Predicate<? super T> other) {
    Objects.requireNonNull(other, "other");
    return new Described<>(description + " and " + describe(other), t -> test(t) && other.test(t));
  }

  @Override
  public Predicate<T> or(Predicate<? super T> other) {
    Objects.requireNonNull(other, "other");
    return new Described<>("(" + description + " or " + describe(other) + ")", t -> test(t) || other.test(t));
  }

  @Override
  public Predicate<T> negate() {
    return new Described<>("not " + description, t -> !test(t));
  }

  @Override
  public String toString() {
    return description;
  }
}
