package org.kooch.ingest.collect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 (JDK HttpServer, a free port) standing in for t.me, eitaa.com,
 * the Bot API or TGStat: it serves recorded pages and API answers from test resources, scripted
 * per path (a sequence such as 429, 429, 200: each request takes the next answer, the last one
 * repeats), and remembers every request with the time it arrived. Answers a script cannot give (a
 * body that trickles or never ends) come from a handler given to {@link #serve}. Each request has
 * its own thread, so one slow answer does not hold up the others.
 */
public final class LocalSite implements AutoCloseable {
  /** One scripted answer. */
  public record Answer(int status, Map<String, String> headers, byte[] body) {
    public static Answer page(String resource) {
      return new Answer(200, Map.of("Content-Type", "text/html; charset=utf-8"), resource(resource));
    }

    public static Answer json(String resource) {
      return json(200, resource);
    }

    public static Answer json(int status, String resource) {
      return new Answer(status, Map.of("Content-Type", "application/json"), resource(resource));
    }

    public static Answer status(int status) {
      return new Answer(status, Map.of("Content-Type", "text/plain"), ("HTTP " + status).getBytes(StandardCharsets.UTF_8));
    }

    /** A 302; a location starting with "/" is made absolute on this site, any other is sent as is. */
    public static Answer redirect(String location) {
      return new Answer(302, Map.of("Location", location), new byte[0]);
    }

    /** The same answer with every {@code from} in the body replaced, e.g. a recorded channel renamed. */
    public Answer replacing(String from, String to) {
      return new Answer(status, headers, new String(body, StandardCharsets.UTF_8).replace(from, to).getBytes(StandardCharsets.UTF_8));
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Answer(status, h, body);
    }
  }

  /** A request as received: raw path and query, and System.nanoTime() on arrival. */
  public record Hit(String target, long nanos) {}

  private final HttpServer server;
  private final ExecutorService threads;
  private final Map<String, Deque<Answer>> routes = new ConcurrentHashMap<>();
  private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
  private final List<Hit> hits = new ArrayList<>();

  private LocalSite(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  public static LocalSite start() {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      ExecutorService threads =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "local-site");
                t.setDaemon(true);
                return t;
              });
      LocalSite site = new LocalSite(s, threads);
      s.createContext("/", site::handle);
      s.setExecutor(threads);
      s.start();
      return site;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Answers requests for {@code target} (raw path, or path?query to match the query too) with
   * {@code answers} in turn. Replaces an earlier script for the same target.
   */
  public LocalSite on(String target, Answer... answers) {
    routes.put(target, new ArrayDeque<>(List.of(answers)));
    return this;
  }

  /** Hands requests for {@code target} (as in {@link #on}) to {@code handler}, which answers itself. */
  public LocalSite serve(String target, HttpHandler handler) {
    handlers.put(target, handler);
    return this;
  }

  public synchronized List<Hit> hits() {
    return List.copyOf(hits);
  }

  public synchronized void forgetHits() {
    hits.clear();
  }

  /** Targets requested so far, in order. */
  public List<String> targets() {
    return hits().stream().map(Hit::target).toList();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    String query = ex.getRequestURI().getRawQuery();
    String target = query == null ? path : path + "?" + query;
    synchronized (this) {
      hits.add(new Hit(target, System.nanoTime()));
    }
    HttpHandler handler = handlers.containsKey(target) ? handlers.get(target) : handlers.get(path);
    if (handler != null) {
      try (ex) {
        handler.handle(ex);
      }
      return;
    }
    Deque<Answer> script = routes.containsKey(target) ? routes.get(target) : routes.get(path);
    Answer a;
    if (script == null) {
      a = new Answer(404, Map.of("Content-Type", "text/plain"), ("not recorded: " + target).getBytes(StandardCharsets.UTF_8));
    } else {
      synchronized (script) {
        a = script.size() > 1 ? script.poll() : script.peek();
      }
    }
    try (ex) {
      a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, k.equals("Location") && v.startsWith("/") ? url() + v : v));
      ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
      if (a.body().length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(a.body());
        }
      }
    }
  }

  /** A test resource under recorded/, e.g. "telegram-web/khamenei_ir.html". */
  public static byte[] resource(String name) {
    try (InputStream in = LocalSite.class.getResourceAsStream("/recorded/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String name) {
    return new String(resource(name), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow(); // ends handlers still trickling a body
  }
}
