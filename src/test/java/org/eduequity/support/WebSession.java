package org.eduequity.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-less HTTP client for tests against the running server: keeps cookies like a browser, never
 * follows redirects (tests assert them), and fills in the CSRF token the way a form on a page would.
 */
public final class WebSession {

    public static final String DEMO_PASSWORD = "demo-Passw0rd-for-tests";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;
    private String acceptLanguage;

    public WebSession(int port) {
        this.base = "http://localhost:" + port;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static WebSession loggedIn(int port, String username) {
        WebSession s = new WebSession(port);
        HttpResponse<String> r = s.login(username, DEMO_PASSWORD);
        if (r.statusCode() != 302 || !r.headers().firstValue("Location").orElse("").endsWith("/")) {
            throw new IllegalStateException("Login of " + username + " failed: " + r.statusCode() + " " + r.headers().map());
        }
        return s;
    }

    public WebSession acceptLanguage(String language) {
        this.acceptLanguage = language;
        return this;
    }

    public HttpResponse<String> login(String username, String password) {
        String token = csrfFrom(get("/login").body());
        return post("/login", Map.of("username", username, "password", password, "_csrf", token));
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    /** Posts a form with the CSRF token of the given page (as the browser would after loading it). */
    public HttpResponse<String> postFromPage(String pagePath, String path, Map<String, String> form) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("_csrf", csrfFrom(get(pagePath).body()));
        return post(path, withToken);
    }

    /** Posts a form with the CSRF token of any page this session can load (the home page). */
    public HttpResponse<String> postWithToken(String path, Map<String, String> form) {
        return postFromPage(tokenPage(), path, form);
    }

    public HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Posts a multipart form with one file, the CSRF token of the given page, and a Referer of that page. */
    public HttpResponse<String> postFile(String pagePath, String path, String field, String filename, byte[] content) {
        return postFile(pagePath, path, Map.of(), field, filename, content);
    }

    /** Posts a multipart form with these text fields and one file, as a form that also holds a file input does. */
    public HttpResponse<String> postFile(String pagePath, String path, Map<String, String> fields, String field, String filename,
                                         byte[] content) {
        String token = csrfFrom(get(pagePath).body());
        String boundary = "----eduequity" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        StringBuilder parts = new StringBuilder();
        fields.forEach((name, value) -> parts.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
        String head = parts + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Referer", base + pagePath)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst();
    }

    public void setCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(base), cookie);
    }

    public String base() {
        return base;
    }

    public static String csrfFrom(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("No CSRF token in page");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /**
     * An API call as a demo-password user, in English: {@code body} of {@code type} when given, else no body.
     */
    public static HttpResponse<String> api(int port, String user, String method, String path, String body, String type) {
        HttpRequest.Builder b = basic(port, path, user, DEMO_PASSWORD).header("Accept-Language", "en");
        if (body != null) {
            b = b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b = b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return sendApi(b.build());
    }

    /** A request with HTTP Basic credentials, for the API. */
    public static HttpRequest.Builder basic(int port, String path, String username, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (username != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    public static HttpResponse<String> sendApi(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String tokenPage() {
        return "/login";
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (acceptLanguage != null) {
            b.header("Accept-Language", acceptLanguage);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
