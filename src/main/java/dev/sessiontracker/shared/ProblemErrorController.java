package dev.sessiontracker.shared;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/** Errors raised outside Spring MVC (by the servlet container or a filter) also answer problem+json. */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

	@RequestMapping(value = "/error", produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE })
	ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
		if (response.isCommitted()) {
			// an answer that had begun (a streamed one, StreamedAnswer) and failed: nothing may be added to it, the
			// container breaks the connection
			return null;
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
				? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
		ProblemDetail problem = Problems.of(status, Problems.slug(status), status.getReasonPhrase(),
				status.is5xxServerError() ? "An unexpected error occurred." : status.getReasonPhrase());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
