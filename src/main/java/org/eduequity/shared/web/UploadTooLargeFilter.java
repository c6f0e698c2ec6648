package org.eduequity.shared.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * An upload over the size limit fails as soon as anything reads the request's parameters — the CSRF filter
 * does, before any controller — so it is caught here, around the whole chain: a screen goes back to the
 * page it came from with a clear message, the API answers 413 as problem+json.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class UploadTooLargeFilter extends OncePerRequestFilter {

    private final SessionFlashMapManager flashMaps = new SessionFlashMapManager();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!isTooLarge(e) || response.isCommitted()) {
                throw e;
            }
            response.reset();
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,"
                        + "\"detail\":\"The upload is larger than the server accepts\"}");
                return;
            }
            FlashMap flash = new FlashMap();
            flash.put("flashError", "upload.tooLarge");
            String back = backTo(request);
            flash.setTargetRequestPath(back.contains("?") ? back.substring(0, back.indexOf('?')) : back);
            flashMaps.saveOutputFlashMap(flash, request, response);
            response.sendRedirect(request.getContextPath() + back);
        }
    }

    private static boolean isTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SizeException || t instanceof MaxUploadSizeExceededException) {
                return true;
            }
        }
        return false;
    }

    /** The path of the page the form was on (same site only), or the home page. */
    private static String backTo(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        String origin = request.getScheme() + "://" + request.getServerName();
        if (referer != null && referer.startsWith(origin)) {
            int path = referer.indexOf('/', referer.indexOf("://") + 3);
            if (path >= 0) {
                String p = referer.substring(path);
                String withoutContext = p.startsWith(request.getContextPath()) ? p.substring(request.getContextPath().length()) : p;
                return withoutContext.isEmpty() ? "/" : withoutContext;
            }
        }
        return "/";
    }
}
