package io.scanium.telemetry.doctor;

/**
 * One check's verdict: what was checked, what was found and, when it failed, what to do about it.
 *
 * @param name what was checked, e.g. {@code scrape} or {@code collector traces}
 * @param status the verdict
 * @param detail what was found, naming the URL, target or series
 * @param fix what to do; null unless the check failed
 */
public record Check(String name, Status status, String detail, String fix) {

  /** A check's verdict. SKIP is a check that could not run with what was given; it says what is missing. */
  public enum Status { PASS, FAIL, SKIP }

  static Check pass(String name, String detail) {
    return new Check(name, Status.PASS, detail, null);
  }

  static Check fail(String name, String detail, String fix) {
    return new Check(name, Status.FAIL, detail, fix);
  }

  static Check skip(String name, String detail) {
    return new Check(name, Status.SKIP, detail, null);
  }

  /** {@code PASS scrape: ...}, and for a failure a second line with the fix. */
  public String render() {
    String line = status + " " + name + ": " + detail;
    return fix == null ? line : line + System.lineSeparator() + "     fix: " + fix;
  }
}
