package io.scanium.telemetry.faults;

import io.scanium.telemetry.receiver.Signal;
import java.time.Duration;

/** The collector failures of issue #16, each applied to a {@link FakeCollector} and then undone. */
enum Scenario {

  REFUSED("refused (nothing listens)") {
    @Override
    void apply(FakeCollector c) {
      c.down();
    }

    @Override
    void restore(FakeCollector c) {
      c.up();
    }
  },
  UNAVAILABLE("503") {
    @Override
    void apply(FakeCollector c) {
      c.receiver().respondWith(503);
    }
  },
  UNAVAILABLE_RETRY_AFTER("503, Retry-After: 2") {
    @Override
    void apply(FakeCollector c) {
      c.receiver().respondWith(503, Duration.ofSeconds(2));
    }
  },
  TOO_MANY_REQUESTS("429") {
    @Override
    void apply(FakeCollector c) {
      c.receiver().respondWith(429);
    }
  },
  BAD_REQUEST("400") {
    @Override
    void apply(FakeCollector c) {
      c.receiver().respondWith(400);
    }
  },
  LOGS_NOT_FOUND("404 for logs only") {
    @Override
    void apply(FakeCollector c) {
      c.receiver().respondWith(Signal.LOGS, 404);
    }
  },
  HUNG("accepts, never answers") {
    @Override
    void apply(FakeCollector c) {
      c.receiver().hang();
    }

    /** A hung collector is restarted, as an operator would: the held connections drop with it. */
    @Override
    void restore(FakeCollector c) {
      c.down();
      c.up();
    }
  },
  SLOW("answers after 3 s") {
    @Override
    void apply(FakeCollector c) {
      c.receiver().answerAfter(Duration.ofSeconds(3));
    }
  },
  DOWN_THEN_UP("down, up half-way through the load") {
    @Override
    void apply(FakeCollector c) {
      REFUSED.apply(c);
    }

    @Override
    void restore(FakeCollector c) {
      REFUSED.restore(c);
    }

    @Override
    boolean restoresMidLoad() {
      return true;
    }
  };

  final String description;

  Scenario(String description) {
    this.description = description;
  }

  abstract void apply(FakeCollector c);

  /** Makes the collector healthy again. */
  void restore(FakeCollector c) {
    c.receiver().respondNormally();
  }

  /** Whether the collector comes back in the middle of the load rather than after it. */
  boolean restoresMidLoad() {
    return false;
  }
}
