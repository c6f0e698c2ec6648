package org.eduequity.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.web.context.WebApplicationContext;

/**
 * Signs in to the screens the way a browser does: a real form login (POST /login with a CSRF token and the
 * demo password), so that the session holds the application's own principal. Reuse the returned session in
 * later requests with {@code .session(session)}.
 */
public final class Logins {

    /** The password of the demo accounts in tests (application-test.yml). */
    public static final String DEMO_PASSWORD = "demo-Passw0rd-for-tests";

    private Logins() {
    }

    /**
     * MockMvc over the running application's context with the Spring Security filter chain. Built from the
     * shared {@code @IntegrationTest} context, so it costs no context of its own.
     */
    public static MockMvc mockMvc(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    /** Signs the demo user in and returns the authenticated session. */
    public static MockHttpSession session(MockMvc mvc, String username) throws Exception {
        MvcResult result = mvc.perform(post("/login").with(csrf())
                        .param("username", username).param("password", DEMO_PASSWORD))
                .andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).as("login of %s", username).isEqualTo("/");
        MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
        assertThat(session).as("session of %s", username).isNotNull();
        return session;
    }
}
