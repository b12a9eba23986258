package org.kooch.dashboards;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 GET over a plain socket, with exactly the headers given (the JDK's client will not
 * send a Host header of the caller's choosing): for the tests of the Host check.
 */
final class RawHttp {
  /** The status, the headers (names in lower case) and the body of a response. */
  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttp() {}

  /** GET {@code path} from 127.0.0.1:{@code port}; {@code host} null sends no Host header (HTTP/1.0). */
  static Response get(int port, String path, String host, String... headerLines) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(30_000);
      StringBuilder req = new StringBuilder("GET " + path + (host == null ? " HTTP/1.0\r\n" : " HTTP/1.1\r\nHost: " + host + "\r\n"));
      for (String h : headerLines) {
        req.append(h).append("\r\n");
      }
      req.append("Connection: close\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      return parse(readAll(s.getInputStream()));
    }
  }

  private static Response parse(String raw) {
    int end = raw.indexOf("\r\n\r\n");
    String head = end < 0 ? raw : raw.substring(0, end);
    String body = end < 0 ? "" : raw.substring(end + 4);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip(),
            (a, b) -> a + "\n" + b);
      }
    }
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new Response(status, headers, body);
  }

  private static String unchunk(String body) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      int nl = body.indexOf("\r\n", i);
      int size = Integer.parseInt(body.substring(i, nl).split(";")[0].strip(), 16);
      if (size == 0) {
        break;
      }
      out.append(body, nl + 2, nl + 2 + size);
      i = nl + 2 + size + 2;
    }
    return out.toString();
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    in.transferTo(b);
    return b.toString(StandardCharsets.ISO_8859_1);
  }
}
