package org.eduequity.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;

/** Screens are built a few at a time, in arrival order; downloads, posts and bodies are not held back; a long wait is a 503. */
class ScreenConcurrencyLimitTests {

    @SuppressWarnings("unused")
    static class Handlers {
        String page() {
            return "some/page";
        }

        ResponseEntity<String> download() {
            return ResponseEntity.ok("x");
        }

        @ResponseBody
        String body() {
            return "x";
        }
    }

    private static HandlerMethod handler(String name) throws NoSuchMethodException {
        return new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod(name));
    }

    private static MockHttpServletRequest get() {
        return new MockHttpServletRequest("GET", "/review");
    }

    @Test
    void onlyGetsAnsweredByAViewAreScreens() throws Exception {
        assertThat(ScreenConcurrencyLimit.isScreen(get(), handler("page"))).isTrue();
        assertThat(ScreenConcurrencyLimit.isScreen(new MockHttpServletRequest("POST", "/review/decide"), handler("page"))).isFalse();
        assertThat(ScreenConcurrencyLimit.isScreen(get(), handler("download"))).isFalse();
        assertThat(ScreenConcurrencyLimit.isScreen(get(), handler("body"))).isFalse();
        assertThat(ScreenConcurrencyLimit.isScreen(get(), new Object())).isFalse();
        // the error page of a refused wait must not wait in turn
        MockHttpServletRequest error = get();
        error.setDispatcherType(jakarta.servlet.DispatcherType.ERROR);
        assertThat(ScreenConcurrencyLimit.isScreen(error, handler("page"))).isFalse();
    }

    @Test
    void aScreenWaitsForAPermitAndTheWaitersGoInArrivalOrder() throws Exception {
        ScreenConcurrencyLimit limit = new ScreenConcurrencyLimit(1, 10_000);
        HandlerMethod page = handler("page");
        MockHttpServletRequest first = get();
        assertThat(limit.preHandle(first, new MockHttpServletResponse(), page)).isTrue();
        assertThat(limit.inUse(1)).isEqualTo(1);
        // a download goes by while the screen is being built
        assertThat(limit.preHandle(get(), new MockHttpServletResponse(), handler("download"))).isTrue();

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Integer> order = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                CountDownLatch queued = new CountDownLatch(1);
                waiting.add(pool.submit(() -> {
                    MockHttpServletRequest r = get();
                    queued.countDown();
                    limit.preHandle(r, new MockHttpServletResponse(), page);
                    order.add(n);
                    limit.afterCompletion(r, new MockHttpServletResponse(), page, null);
                    return null;
                }));
                assertThat(queued.await(5, TimeUnit.SECONDS)).isTrue();
                Thread.sleep(100); // each waiter is queued before the next one arrives
            }
            Thread.sleep(200);
            assertThat(order).as("nobody passes while the first screen holds the only permit").isEmpty();
            limit.afterCompletion(first, new MockHttpServletResponse(), page, null);
            for (Future<?> f : waiting) {
                f.get(5, TimeUnit.SECONDS);
            }
            assertThat(order).containsExactly(0, 1, 2);
            assertThat(limit.inUse(1)).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aScreenThatWaitsTooLongIsAnsweredServiceUnavailable() throws Exception {
        ScreenConcurrencyLimit limit = new ScreenConcurrencyLimit(1, 50);
        HandlerMethod page = handler("page");
        MockHttpServletRequest first = get();
        assertThat(limit.preHandle(first, new MockHttpServletResponse(), page)).isTrue();
        MockHttpServletResponse busy = new MockHttpServletResponse();
        MockHttpServletRequest second = get();
        assertThat(limit.preHandle(second, busy, page)).isFalse();
        assertThat(busy.getStatus()).isEqualTo(503);
        assertThat(busy.getHeader("Retry-After")).isEqualTo("5");
        // the refused request releases nothing; the first one's release frees the permit
        limit.afterCompletion(second, busy, page, null);
        assertThat(limit.inUse(1)).isEqualTo(1);
        limit.afterCompletion(first, new MockHttpServletResponse(), page, null);
        assertThat(limit.inUse(1)).isZero();
        assertThat(limit.preHandle(get(), new MockHttpServletResponse(), page)).isTrue();
    }
}
