package dev.tamma.orchestrator.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tamma.core.workflow.HumanWait;
import dev.tamma.core.workflow.Step;
import dev.tamma.core.workflow.StepOutput;
import dev.tamma.core.workflow.WorkflowInput;
import dev.tamma.orchestrator.testdb.TammaSpringTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * People steering a workflow by comment on a configured Gitea repository: the reaction and reply
 * they see, {@code /tamma status}, business mode's four eyes, and one effect per comment however
 * it arrives.
 */
@TammaSpringTest
class CommentCommandsTest extends ConfiguredGiteaTest {

    @Test
    void anAcceptedCommandGetsAReactionFirstThenAReplyWithTheResult() throws Exception {
        String workflow = waitingForDesignApproval(3);

        assertThat(gitea.comment(3, false, 701, "carol", "/tamma approve")).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> indexOf(received(), "POST /", "/issues/3/comments",
                replyTo("carol")) >= 0);
        List<String> requests = received();
        int reply = indexOf(requests, "POST /", "/issues/3/comments", replyTo("carol"));
        int reaction = indexOf(requests, "POST /", "/issues/comments/701/reactions", "eyes");
        assertThat(reaction).as("the command's comment gets a reaction").isNotNegative();
        assertThat(reaction).as("before the reply").isLessThan(reply);
        assertThat(requests.get(reply)).contains("going ahead");
        assertThat(state(workflow).step()).isEqualTo(Step.CREATE_PR);
    }

    @Test
    void anUnauthorizedCommandGetsNoReactionAndAReplySayingWhyAndWhatIsAllowed() throws Exception {
        String workflow = waitingForDesignApproval(4);

        assertThat(gitea.comment(4, false, 702, "dave", "/tamma approve")).isEqualTo(200);
        assertThat(gitea.comment(4, false, 703, "dave", "/tamma help")).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> indexOf(received(), "POST /", "/issues/4/comments",
                replyTo("dave"), "/tamma revise") >= 0);
        List<String> requests = received();
        assertThat(requests).filteredOn(r -> r.contains("/issues/4/comments") && r.contains(replyTo("dave")))
                .anySatisfy(r -> assertThat(r).contains("write access", "Nothing was changed", "/tamma help"));
        assertThat(requests).noneMatch(r -> r.contains("/reactions"));
        assertThat(state(workflow).step()).as("read access is not enough").isEqualTo(Step.DESIGN_APPROVAL);
    }

    @Test
    void anApproverNamedInTheRepositorysTammaYmlMayCommandThoughThePlatformGivesThemReadAccessOnly() throws Exception {
        tammaYml(REPOSITORY, "approvers: [Dave]\n");
        String workflow = waitingForDesignApproval(14);

        assertThat(gitea.comment(14, false, 721, "dave", "/tamma approve")).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> state(workflow).step() == Step.CREATE_PR);
        await().atMost(Duration.ofSeconds(60)).until(() -> indexOf(received(), "POST /",
                "/issues/comments/721/reactions", "eyes") >= 0);
    }

    @Test
    void statusIsAnsweredToAnyoneWithTheStepAttemptAndLinksAndChangesNothing() throws Exception {
        String workflow = runningUntil(5, Step.IMPLEMENT, 55);
        issue(5, "erin");
        pullRequest(55);

        assertThat(gitea.comment(55, true, 705, "dave", "/tamma status")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> indexOf(received(), "POST /", "/issues/5/comments",
                replyTo("dave")) >= 0);
        String reply = received().get(indexOf(received(), "POST /", "/issues/5/comments", replyTo("dave")));
        assertThat(reply).contains("running `implement`", "| step | `implement` |", "| attempt | 1 ",
                "[forge/desk#5](http://gitea/forge/desk/issues/5)", "[pull request 55](http://gitea/forge/desk/pulls/55)");
        assertThat(state(workflow).step()).isEqualTo(Step.IMPLEMENT);
    }

    @Test
    void inBusinessModeTheIssuesAuthorCannotApproveItsMergeButSomeoneElseCan() throws Exception {
        String workflow = waitingForDesignApproval(6);
        issue(6, "erin");
        gitea.comment(6, false, 706, "carol", "/tamma approve");
        await().atMost(Duration.ofSeconds(60)).until(() -> state(workflow).step() == Step.CREATE_PR);
        runUntil(workflow, Step.COMPLETION_CHECK, 66);
        engine.handle(workflow, new WorkflowInput.StepSucceeded(Instant.now(), Step.COMPLETION_CHECK,
                state(workflow).attempt(), StepOutput.of("criteria met")));
        assertThat(state(workflow).waitingFor()).isEqualTo(HumanWait.MERGE_APPROVAL);

        assertThat(gitea.comment(66, true, 707, "erin", "/tamma approve merge")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> indexOf(received(), "POST /", "/issues/6/comments",
                replyTo("erin")) >= 0);
        assertThat(received().get(indexOf(received(), "POST /", "/issues/6/comments", replyTo("erin"))))
                .contains("You opened this issue", "Nothing was changed");
        assertThat(state(workflow).waitingFor()).isEqualTo(HumanWait.MERGE_APPROVAL);

        assertThat(gitea.comment(66, true, 708, "carol", "/tamma approve merge")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(workflow).step() == Step.MERGE);
        assertThat(state(workflow).change().mergeApprovedBy()).isEqualTo("carol");
    }

    @Test
    void aCommandSeenByWebhookAndAgainByPollingHasOneEffect() throws Exception {
        String workflow = waitingForDesignApproval(13);
        assertThat(gitea.comment(13, false, 720, "carol", "/tamma approve")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(workflow).step() == Step.CREATE_PR);
        issue(13, "erin");
        Instant now = Instant.now();
        GITEA.stubFor(get(urlPathEqualTo(API + "/issues/13/comments")).willReturn(okJson("[{\"id\":720,"
                + "\"body\":\"/tamma approve\",\"user\":{\"login\":\"carol\"},\"created_at\":\"" + now
                + "\",\"updated_at\":\"" + now + "\"}]")));
        jdbc.sql("INSERT INTO repository_watch (repository, polled_at) VALUES (?, now() - interval '1 minute') "
                + "ON CONFLICT (repository) DO UPDATE SET polled_at = excluded.polled_at").param(REPOSITORY).update();

        reconciler.reconcile(REPOSITORY);

        GITEA.verify(getRequestedFor(urlPathEqualTo(API + "/issues/13/comments")));
        assertThat(jdbc.sql("SELECT count(*) FROM workflow_command WHERE workflow_id = ? AND type = 'ReplyToCommand'")
                .param(workflow).query(Integer.class).single())
                .as("one answer (going ahead), not a second one saying approve does not apply now").isEqualTo(1);
        assertThat(state(workflow).step()).isEqualTo(Step.CREATE_PR);
    }
}
