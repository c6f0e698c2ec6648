package org.eduequity.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.FlashMap;

/**
 * An upload larger than the server accepts: on a screen, back to the page it came from with a clear
 * message; on the API, a 413 problem.
 */
@ControllerAdvice
class UploadLimitAdvice {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(HttpServletRequest request, MaxUploadSizeExceededException e) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, "Upload too large");
            return org.springframework.http.ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
        }
        FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
        flash.put("flashError", "upload.tooLarge");
        String back = request.getHeader("Referer");
        String target = back != null && back.contains("://") ? back.substring(back.indexOf('/', back.indexOf("://") + 3)) : "/";
        return new RedirectView(target, true);
    }
}
