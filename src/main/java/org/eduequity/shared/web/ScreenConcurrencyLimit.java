package org.eduequity.shared.web;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * At most a few screens are built at once; the rest wait their turn, first come first served.
 *
 * <p>A screen (a GET answered by a view: a controller method returning a view name or a {@link ModelAndView}) is
 * work for the CPU — a few short queries, then the template. With 32 screens built at once on 2 CPUs each takes 16
 * times as long as alone, and an expensive one (a deep page of a long list) keeps its user waiting far longer than the
 * others; built a few at a time, in arrival order, each user waits about as long as the others and the CPUs do less
 * switching between threads. Downloads (handlers that return a body or stream), the API, posts and static files are not
 * limited. A request that waits longer than the limit gets {@code 503} with {@code Retry-After} instead of an endless
 * wait.
 */
public final class ScreenConcurrencyLimit implements HandlerInterceptor {

    private static final String HELD = ScreenConcurrencyLimit.class.getName() + ".held";

    private final Semaphore permits;
    private final long maxWaitMillis;

    /** {@code concurrent} screens at once (at least 1); waiting at most {@code maxWaitMillis}. */
    public ScreenConcurrencyLimit(int concurrent, long maxWaitMillis) {
        this.permits = new Semaphore(Math.max(1, concurrent), true);
        this.maxWaitMillis = maxWaitMillis;
    }

    /**
     * Whether the request builds a screen: a GET (or HEAD) as it arrived (not an error page or a forward), handled by a
     * controller method answering with a view.
     */
    static boolean isScreen(HttpServletRequest request, Object handler) {
        if (!(handler instanceof HandlerMethod method) || request.getDispatcherType() != jakarta.servlet.DispatcherType.REQUEST
                || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
            // error pages (the 503 of a refused wait among them) and forwards are never held back
            return false;
        }
        Class<?> returned = method.getMethod().getReturnType();
        return (returned == String.class || returned == ModelAndView.class)
                && !method.hasMethodAnnotation(org.springframework.web.bind.annotation.ResponseBody.class)
                && !method.getBeanType().isAnnotationPresent(org.springframework.web.bind.annotation.ResponseBody.class)
                && !method.getBeanType().isAnnotationPresent(org.springframework.web.bind.annotation.RestController.class);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (!isScreen(request, handler) || request.getAttribute(HELD) != null) {
            return true;
        }
        boolean acquired;
        try {
            acquired = permits.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            response.setHeader("Retry-After", "5");
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return false;
        }
        request.setAttribute(HELD, Boolean.TRUE);
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (request.getAttribute(HELD) != null) {
            request.removeAttribute(HELD);
            permits.release();
        }
    }

    /** Screens being built now (for tests and diagnosis). */
    int inUse(int configured) {
        return Math.max(1, configured) - permits.availablePermits();
    }
}
