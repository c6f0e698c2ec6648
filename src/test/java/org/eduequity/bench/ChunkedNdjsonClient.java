package org.eduequity.bench;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * A full-duplex HTTP/1.1 client for the NDJSON import over one loopback connection: one thread streams the
 * request body (chunked transfer encoding) while the caller reads the result lines as the server writes them.
 * (java.net.http and HttpURLConnection do not promise to read a response before the request body is sent,
 * and the server would block once the unread results fill the socket buffers.)
 */
final class ChunkedNdjsonClient {

    private ChunkedNdjsonClient() {
    }

    /** Streams {@code body} to {@code path} and hands each response line to {@code onLine}; returns the HTTP status. */
    static int post(int port, String path, String user, String password, Path body, Consumer<String> onLine) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Basic " + auth
                    + "\r\nContent-Type: application/x-ndjson\r\nAccept: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Throwable[] sendFailure = new Throwable[1];
            Thread sender = new Thread(() -> {
                byte[] buf = new byte[64 * 1024];
                try (InputStream file = Files.newInputStream(body)) {
                    int n;
                    while ((n = file.read(buf)) > 0) {
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(buf, 0, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (Throwable e) {
                    sendFailure[0] = e;
                }
            }, "ndjson-sender");
            sender.start();

            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            String status = headerLine(in);
            int code = Integer.parseInt(status.split(" ")[1]);
            boolean chunked = false;
            String h;
            while (!(h = headerLine(in)).isEmpty()) {
                if (h.toLowerCase().startsWith("transfer-encoding:") && h.toLowerCase().contains("chunked")) {
                    chunked = true;
                }
            }
            InputStream content = chunked ? new Dechunker(in) : in;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8), 64 * 1024)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    onLine.accept(line);
                }
            }
            sender.join();
            if (sendFailure[0] != null) {
                throw new IOException("sending the body failed", sendFailure[0]);
            }
            return code;
        }
    }

    private static String headerLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    /** Decodes a chunked body. */
    private static final class Dechunker extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        Dechunker(InputStream in) {
            this.in = in;
        }

        private boolean next() throws IOException {
            if (done) {
                return false;
            }
            if (left == 0) {
                String size = headerLine(in);
                if (size.isEmpty()) {
                    size = headerLine(in); // CRLF after the previous chunk
                }
                int semi = size.indexOf(';');
                left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (left == 0) {
                    done = true;
                    return false;
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!next()) {
                return -1;
            }
            int c = in.read();
            if (c >= 0) {
                left--;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!next()) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
