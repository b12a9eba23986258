package org.kooch.ingest.collect.http;

import java.io.IOException;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads one response body into memory, but never more than a cap: a body announced (by
 * Content-Length) or found to be longer is refused with {@link TooLarge} and its stream cancelled,
 * so a huge or endless answer cannot fill the heap. One instance per request, so that
 * {@link #abort()} can stop the stream of that request when its deadline passes.
 */
final class BoundedBody implements BodyHandler<byte[]> {
  /**
   * The body of an answer with {@code status} passed the cap; {@code announced} is the
   * Content-Length when that alone said so.
   */
  static final class TooLarge extends IOException {
    final int status;
    final long cap;
    final OptionalLong announced;

    TooLarge(int status, long cap, OptionalLong announced) {
      super(announced.isPresent()
          ? "Content-Length " + announced.getAsLong() + " is more than the " + cap + " bytes allowed"
          : "the body passed " + cap + " bytes");
      this.status = status;
      this.cap = cap;
      this.announced = announced;
    }
  }

  private final long cap;
  private final AtomicReference<Reader> reader = new AtomicReference<>();

  BoundedBody(long cap) {
    this.cap = cap;
  }

  @Override
  public BodySubscriber<byte[]> apply(ResponseInfo info) {
    OptionalLong announced = contentLength(info);
    Reader r = new Reader(info.statusCode(), cap, announced.isPresent() && announced.getAsLong() > cap ? announced : OptionalLong.empty());
    reader.set(r);
    return r;
  }

  /** Stops reading the body, if it has started: the client then drops the connection. */
  void abort() {
    Reader r = reader.get();
    if (r != null) {
      r.abort();
    }
  }

  private static OptionalLong contentLength(ResponseInfo info) {
    try {
      return info.headers().firstValueAsLong("Content-Length");
    } catch (NumberFormatException e) {
      return OptionalLong.empty(); // unreadable: the running count still enforces the cap
    }
  }

  private static final class Reader implements BodySubscriber<byte[]> {
    private final int status;
    private final long cap;
    private final OptionalLong refusedLength;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final List<ByteBuffer> parts = new ArrayList<>();
    private long size;

    Reader(int status, long cap, OptionalLong refusedLength) {
      this.status = status;
      this.cap = cap;
      this.refusedLength = refusedLength;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      if (!subscription.compareAndSet(null, s)) {
        s.cancel();
        return;
      }
      if (refusedLength.isPresent()) {
        fail(new TooLarge(status, cap, refusedLength)); // not a byte of it is read
      } else if (body.isDone()) {
        s.cancel(); // aborted before the body began
      } else {
        s.request(Long.MAX_VALUE); // the cap, not back-pressure, bounds what is held
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        size += b.remaining();
        if (size > cap) {
          parts.clear();
          fail(new TooLarge(status, cap, OptionalLong.empty()));
          return;
        }
        parts.add(b);
      }
    }

    @Override
    public void onError(Throwable t) {
      parts.clear();
      body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      if (body.isDone()) {
        return; // refused or aborted: nothing to assemble
      }
      byte[] all = new byte[(int) size];
      int at = 0;
      for (ByteBuffer b : parts) {
        int n = b.remaining();
        b.get(all, at, n);
        at += n;
      }
      parts.clear();
      body.complete(all);
    }

    void abort() {
      fail(new IOException("reading the body was aborted"));
    }

    private void fail(IOException e) {
      body.completeExceptionally(e);
      Flow.Subscription s = subscription.get();
      if (s != null) {
        s.cancel();
      }
    }
  }
}
