package org.eduequity.shared;

import java.util.Optional;

/**
 * Which service providers exist, by code (such as {@code P21001}); implemented by the out-of-school module, which
 * keeps the registry, so that the account module can check a PROVIDER user's provider without depending on it.
 */
public interface ProviderDirectory {

    /** The province of the provider with this code, or empty when there is no such provider. */
    Optional<String> provinceOf(String providerCode);
}
