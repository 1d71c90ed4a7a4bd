package io.scanium.telemetry.receiver;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The value conversion behind the receiver's views: OTLP ids, values and attributes turned into the plain strings
 * that assertions compare. {@link OtlpReceiver} publishes these as its static helpers.
 */
final class OtlpValues {

  private OtlpValues() {}

  /** Lowercase hex, the form in which the OpenTelemetry API and {@code traceparent} show ids; empty for none. */
  static String hex(ByteString bytes) {
    if (bytes == null || bytes.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(bytes.size() * 2);
    for (int i = 0; i < bytes.size(); i++) {
      int b = bytes.byteAt(i) & 0xff;
      text.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return text.toString();
  }

  /** Strings as they are, numbers and booleans as Java prints them, bytes as hex, {@code [a, b]}, {@code {k=v}}. */
  static String stringValue(AnyValue value) {
    if (value == null) {
      return null;
    }
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case BYTES_VALUE -> hex(value.getBytesValue());
      case ARRAY_VALUE -> joined(value.getArrayValue().getValuesList(), OtlpValues::stringValue, "[", "]");
      case KVLIST_VALUE -> attributesToString(value.getKvlistValue().getValuesList());
      default -> null; // VALUE_NOT_SET, or a kind added by a newer proto on the application's classpath
    };
  }

  /** The string form of the first value with that key, or {@code null}. */
  static String attribute(List<KeyValue> attributes, String key) {
    Objects.requireNonNull(key, "key");
    for (KeyValue attribute : attributes) {
      if (key.equals(attribute.getKey())) {
        return stringValue(attribute.getValue());
      }
    }
    return null;
  }

  /** The message of a protobuf {@code google.rpc.Status} error body; empty when it carries none. */
  static String statusMessage(byte[] responseBody) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(responseBody);
      String message = "";
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (WireFormat.getTagFieldNumber(tag) == 2
            && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          message = in.readString();
        } else if (!in.skipField(tag)) {
          break;
        }
      }
      return message;
    } catch (IOException e) {
      throw new IllegalArgumentException("not a protobuf google.rpc.Status", e);
    }
  }

  static String attributesToString(List<KeyValue> attributes) {
    return joined(attributes, kv -> kv.getKey() + "=" + stringValue(kv.getValue()), "{", "}");
  }

  private static <T> String joined(List<T> items, Function<T, String> format, String open, String close) {
    StringBuilder text = new StringBuilder(open);
    for (int i = 0; i < items.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(format.apply(items.get(i)));
    }
    return text.append(close).toString();
  }
}
