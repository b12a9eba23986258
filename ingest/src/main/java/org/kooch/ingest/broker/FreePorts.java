package org.kooch.ingest.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on a local address, for servers started on ports of their own (brokers, test servers). */
public final class FreePorts {
  private FreePorts() {}

  /**
   * {@code n} different free ports on {@code host}: the sockets are open at the same time, so the
   * system cannot hand out one port twice (asked one after the other, it may, and a server given
   * one port for two listeners refuses to start).
   */
  public static int[] on(String host, int n) throws IOException {
    ServerSocket[] sockets = new ServerSocket[n];
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getByName(host));
        sockets[i].setReuseAddress(true);
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        if (s != null) {
          s.close();
        }
      }
    }
  }
}
