package org.kooch.ingest.collect.http;

import java.net.URI;

/**
 * An HTTP answer the fetcher did not retry: the URI asked for, the URI that answered (after
 * redirects), status and body.
 */
public record FetchResponse(URI requested, URI uri, int status, String body) {
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** True when a redirect led somewhere else (t.me/s/name to t.me/name: no public preview). */
  public boolean redirected() {
    return !requested.getPath().equals(uri.getPath());
  }
}
