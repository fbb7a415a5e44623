package dev.payscore.sandbox.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * A small HTTP/1.1 server on loopback. It exists, instead of the JDK's {@code HttpServer}, because
 * every response must leave in one write on a TCP_NODELAY socket (the JDK server writes headers and
 * body separately and meets a ~44 ms Nagle/delayed-ACK stall), and because a fault must be able to
 * drop a connection after the request was applied. Keep-alive, Content-Length and chunked request
 * bodies; no TLS, no pipelining guarantees beyond in-order answers.
 */
public final class HttpListener implements Closeable {
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
  // an idle keep-alive connection gives its thread back after this long
  private static final int IDLE_MILLIS = 120_000;

  /** One parsed request; header names are lower case. */
  public record Request(
      String method,
      String target,
      Map<String, String> headers,
      byte[] body,
      InetAddress remote,
      boolean backupHost) {

    public @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String path() {
      int query = target.indexOf('?');
      return query < 0 ? target : target.substring(0, query);
    }

    /** The query parameters, decoded; a repeated name keeps its last value. */
    public Map<String, String> query() {
      Map<String, String> params = new LinkedHashMap<>();
      int mark = target.indexOf('?');
      if (mark < 0) {
        return params;
      }
      for (String pair : target.substring(mark + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        params.put(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
      return params;
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** A complete response, or {@link #DROP}: close the connection without answering. */
  public record Response(int status, Map<String, String> headers, byte[] body) {
    public static final Response DROP = new Response(0, Map.of(), new byte[0]);
  }

  /** Answers one request; runs on a pool thread. */
  public interface Handler {
    Response handle(Request request);
  }

  private final ServerSocket server;
  private final ExecutorService pool;
  private final Handler handler;
  private final boolean backupHost;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  public HttpListener(int port, boolean backupHost, ExecutorService pool, Handler handler)
      throws IOException {
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    this.pool = pool;
    this.handler = handler;
    this.backupHost = backupHost;
    this.acceptor = new Thread(this::acceptLoop, "payscore-sandbox-accept-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(IDLE_MILLIS);
        open.add(socket);
        pool.execute(() -> serve(socket));
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (!closed) {
        Request request = read(in, socket.getInetAddress());
        if (request == null) {
          return;
        }
        Response response = handler.handle(request);
        if (response == Response.DROP) {
          socket.setSoLinger(true, 0);
          return;
        }
        boolean close = "close".equalsIgnoreCase(request.header("connection"));
        out.write(encode(response, close));
        out.flush();
        if (close) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // a client that went away, or a malformed request: the connection ends here
    } finally {
      open.remove(socket);
    }
  }

  private @Nullable Request read(InputStream in, InetAddress remote) throws IOException {
    String requestLine = line(in);
    if (requestLine == null) {
      return null;
    }
    if (requestLine.isEmpty()) {
      requestLine = line(in);
      if (requestLine == null) {
        return null;
      }
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3) {
      throw new IOException("malformed request line");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    int total = 0;
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      total += header.length();
      if (total > MAX_HEADER_BYTES) {
        throw new IOException("headers too large");
      }
      int colon = header.indexOf(':');
      if (colon > 0) {
        headers.put(
            header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            header.substring(colon + 1).trim());
      }
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked(in);
    } else {
      String length = headers.get("content-length");
      int n = length == null ? 0 : Integer.parseInt(length);
      if (n < 0 || n > MAX_BODY_BYTES) {
        throw new IOException("body too large");
      }
      body = in.readNBytes(n);
      if (body.length != n) {
        return null;
      }
    }
    return new Request(parts[0], parts[1], headers, body, remote, backupHost);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      if (size == null) {
        throw new IOException("truncated chunked body");
      }
      int semicolon = size.indexOf(';');
      int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (n == 0) {
        for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
          // trailers are ignored
        }
        return out.toByteArray();
      }
      if (out.size() + n > MAX_BODY_BYTES) {
        throw new IOException("body too large");
      }
      out.writeBytes(in.readNBytes(n));
      line(in);
    }
  }

  private static @Nullable String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
      line.append((char) c);
      if (line.length() > MAX_HEADER_BYTES) {
        throw new IOException("line too long");
      }
    }
    return line.length() == 0 ? null : line.toString();
  }

  private static byte[] encode(Response response, boolean close) {
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ")
        .append(response.status())
        .append(' ')
        .append(reason(response.status()))
        .append("\r\n");
    response.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ").append(response.body().length).append("\r\n");
    if (close) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[headBytes.length + response.body().length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(response.body(), 0, all, headBytes.length, response.body().length);
    return all;
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 204:
        return "No Content";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 503:
        return "Service Unavailable";
      default:
        return "Status";
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing a listening socket: nothing left to do
    }
    for (Socket socket : open) {
      try {
        socket.close();
      } catch (IOException e) {
        // already gone
      }
    }
  }
}
