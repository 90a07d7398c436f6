package dev.tamma.orchestrator.logging;

import dev.tamma.core.platform.SecretRedaction;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SecretRedactionTest {

    @Test
    void masksEachKindOfCredentialAndKeepsItsPrefix() {
        assertThat(SecretRedaction.redact("worker token tamma_wt_Q2xhc3NpZmllZC1zZWNyZXQ, next"))
                .isEqualTo("worker token tamma_wt_[REDACTED], next");
        assertThat(SecretRedaction.redact("ghp_16C7e42F292c6912E7710c838347Ae178B4a and gho_abcdefghij1234567890"))
                .isEqualTo("ghp_[REDACTED] and gho_[REDACTED]");
        assertThat(SecretRedaction.redact("github_pat_11ABCDEFG0123456789_abcdefghijklmnop"))
                .isEqualTo("github_pat_[REDACTED]");
        assertThat(SecretRedaction.redact("PRIVATE-TOKEN: glpat-xxxxxxxxxxxxxxxxxxxx"))
                .isEqualTo("PRIVATE-TOKEN: glpat-[REDACTED]");
        assertThat(SecretRedaction.redact("key=sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123 openai=sk-proj-AbCdEf0123456789"))
                .isEqualTo("key=sk-ant-[REDACTED] openai=sk-proj-[REDACTED]");
        assertThat(SecretRedaction.redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln=="))
                .isEqualTo("Authorization: Bearer [REDACTED]");
        assertThat(SecretRedaction.redact("authorization: bearer 0123456789abcdef0123456789abcdef"))
                .isEqualTo("authorization: bearer [REDACTED]");
    }

    @Test
    void masksAPrivateKeyWhole() {
        String pem = "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc+/=\n-----END RSA PRIVATE KEY-----\ndone";

        assertThat(SecretRedaction.redact(pem)).isEqualTo("key:\n-----BEGIN RSA PRIVATE KEY-----[REDACTED]\ndone");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "Bearer realm=\"tamma\"; task-runner task-scheduler-thread-1 sk-1 ghp_short glpat-xyz tamma_wt_ tokens are fine";

        assertThat(SecretRedaction.redact(text)).isSameAs(text);
        assertThat(SecretRedaction.redact("")).isEmpty();
        assertThat(SecretRedaction.redact(null)).isNull();
    }

    @Test
    void aRedactedJsonLineIsStillJson() {
        String line = "{\"message\":\"lease carries \\\"ghp_16C7e42F292c6912E7710c838347Ae178B4a\\\"\","
                + "\"error\":\"401 for Bearer tamma_wt_abcdefgh12345678\\nat x\","
                + "\"detail\":\"keys:\\nglpat-abcdefghijklmnop\\tsk-ant-abcdefghijklmnop\"}";

        String redacted = SecretRedaction.redact(line);

        var json = JsonMapper.builder().build().readTree(redacted);
        assertThat(json.path("message").asString()).isEqualTo("lease carries \"ghp_[REDACTED]\"");
        assertThat(json.path("error").asString()).isEqualTo("401 for Bearer [REDACTED]\nat x");
        assertThat(json.path("detail").asString()).isEqualTo("keys:\nglpat-[REDACTED]\tsk-ant-[REDACTED]");
    }
}
