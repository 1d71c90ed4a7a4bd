package io.scanium.telemetry.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client that goes away before its response is complete is recorded once, and leaves nothing in flight. */
class ClientDisconnectTest extends VertxTestBase {

  private final Promise<Void> arrived = Promise.promise();
  private final Promise<Void> disconnected = Promise.promise();

  private URI start() throws Exception {
    Router router = Router.router(vertx);
    vertxTelemetry.instrument(router);
    // Never answers by itself; notices the disconnect through the routing context's end handler.
    router.get("/slow/:id").handler(ctx -> {
      ctx.addEndHandler(result -> disconnected.tryComplete());
      arrived.tryComplete();
    });
    router.get("/stream").handler(ctx -> {
      ctx.response().setChunked(true).write("first part");
      ctx.addEndHandler(result -> disconnected.tryComplete());
    });
    return serve(router);
  }

  private void requestAndHangUp(URI base, String path, boolean readFirst) throws Exception {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + base.getPort() + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      if (readFirst) {
        InputStream in = socket.getInputStream();
        byte[] head = new byte[12];
        int n = 0;
        while (n < head.length) {
          int r = in.read(head, n, head.length - n);
          if (r < 0) {
            break;
          }
          n += r;
        }
        assertThat(new String(head, 0, n, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
      } else {
        // The request must have reached the handler before hanging up, or there is nothing to observe.
        Await.result(arrived.future());
      }
    }
  }

  @Test
  void aClientGoneBeforeAnyResponseIsRecordedAs499() throws Exception {
    URI base = start();
    requestAndHangUp(base, "/slow/1", false);
    Await.result(disconnected.future());

    assertRequests("GET", "/slow/{id}", "499", 1);
    assertThat(scrape().value("scanium_http_requests_in_flight", Map.of())).isZero();
  }

  @Test
  void aClientGoneDuringTheBodyIsRecordedWithTheStatusAlreadySent() throws Exception {
    URI base = start();
    requestAndHangUp(base, "/stream", true);
    Await.result(disconnected.future());

    assertRequests("GET", "/stream", "200", 1);
    assertThat(scrape().value("scanium_http_requests_in_flight", Map.of())).isZero();
  }
}
