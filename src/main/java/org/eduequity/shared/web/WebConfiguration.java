package org.eduequity.shared.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Language: screens are Thai unless the user switched to English ({@code ?lang=en}, remembered in a
 * cookie); the API follows {@code Accept-Language}, Thai by default.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    /** Screens built at once (default: two per CPU); see {@link ScreenConcurrencyLimit}. */
    private final int screenConcurrency;
    private final long screenMaxWaitMillis;

    WebConfiguration(@org.springframework.beans.factory.annotation.Value("${eduequity.web.screen-concurrency:0}") int screenConcurrency,
                     @org.springframework.beans.factory.annotation.Value("${eduequity.web.screen-max-wait:30s}") Duration screenMaxWait) {
        this.screenConcurrency = screenConcurrency > 0 ? screenConcurrency : 2 * Runtime.getRuntime().availableProcessors();
        this.screenMaxWaitMillis = screenMaxWait.toMillis();
    }

    public static final Locale THAI = Locale.forLanguageTag("th");
    public static final List<Locale> SUPPORTED = List.of(THAI, Locale.ENGLISH);

    @Bean
    LocaleResolver localeResolver() {
        return new ScreenOrApiLocaleResolver();
    }

    @Override
    public void addFormatters(org.springframework.format.FormatterRegistry registry) {
        registry.addFormatterForFieldAnnotation(new org.eduequity.shared.BuddhistDateFormatAnnotationFormatterFactory());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor).excludePathPatterns("/api/**");
        registry.addInterceptor(new ScreenConcurrencyLimit(screenConcurrency, screenMaxWaitMillis)).excludePathPatterns("/api/**");
    }

    /** Cookie-remembered Thai/English on screens; Accept-Language on the API. */
    static final class ScreenOrApiLocaleResolver implements LocaleResolver {

        private final CookieLocaleResolver screens = new CookieLocaleResolver("EDUEQUITY_LANG");
        private final AcceptHeaderLocaleResolver api = new AcceptHeaderLocaleResolver();

        ScreenOrApiLocaleResolver() {
            screens.setDefaultLocale(THAI);
            screens.setCookieMaxAge(Duration.ofDays(365));
            screens.setCookieSameSite("Lax");
            api.setDefaultLocale(THAI);
            api.setSupportedLocales(SUPPORTED);
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            Locale locale = isApi(request) ? api.resolveLocale(request) : screens.resolveLocale(request);
            return "en".equals(locale.getLanguage()) ? Locale.ENGLISH : THAI;
        }

        @Override
        public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
            if (!isApi(request)) {
                Locale supported = locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : THAI;
                screens.setLocale(request, response, supported);
            }
        }

        private static boolean isApi(HttpServletRequest request) {
            return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        }
    }
}
