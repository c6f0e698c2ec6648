package org.eduequity.shared.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eduequity.shared.InvalidValueException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the JSON API as {@code application/problem+json} (RFC 9457) in the caller's language, with
 * one entry per invalid field under {@code errors}.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private final MessageSource messages;

    ApiProblemHandler(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "api.error.validation", locale);
        List<Map<String, Object>> errors = ex.getBindingResult().getAllErrors().stream()
                .map(e -> Map.<String, Object>of(
                        "field", e instanceof FieldError f ? f.getField() : e.getObjectName(),
                        "message", messages.getMessage(e, locale)))
                .toList();
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    @ExceptionHandler(InvalidValueException.class)
    ProblemDetail invalidValue(InvalidValueException e) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "api.error.validation", locale);
        problem.setProperty("errors", List.of(Map.of("value", String.valueOf(e.rejectedValue()),
                "message", messages.getMessage(e.messageKey(), null, e.messageKey(), locale))));
        return problem;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail accessDenied(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "api.error.forbidden", LocaleContextHolder.getLocale());
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail conflict(OptimisticLockingFailureException e) {
        return problem(HttpStatus.CONFLICT, "api.error.conflict", LocaleContextHolder.getLocale());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "api.error.notFound", LocaleContextHolder.getLocale());
    }

    private ProblemDetail problem(HttpStatus status, String detailKey, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(messages.getMessage("api.error.title." + status.value(), null, status.getReasonPhrase(), locale));
        problem.setDetail(messages.getMessage(detailKey, null, locale));
        problem.setType(URI.create("about:blank"));
        return problem;
    }
}
