package dev.tamma.platforms.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Marking a merge request ready removes every title prefix GitLab documents as making it a draft. */
class GitLabDraftTitleTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Draft: Fix login        | Fix login",
            "Draft:Fix login         | Fix login",
            "[Draft] Fix login       | Fix login",
            "(Draft) Fix login       | Fix login",
            "draft: Fix login        | Fix login",
            "[DRAFT] Draft: Fix login | Fix login",
            "Fix login               | Fix login",
            "Fix the draft: login    | Fix the draft: login",
            "WIP: Fix login          | WIP: Fix login"})
    void removesTheDraftPrefixes(String title, String ready) {
        assertThat(GitLabMapping.readyTitle(title)).isEqualTo(ready);
    }
}
