package dev.tamma.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tamma.core.workflow.UserCommand.Answer;
import dev.tamma.core.workflow.UserCommand.Approve;
import dev.tamma.core.workflow.UserCommand.ApproveMerge;
import dev.tamma.core.workflow.UserCommand.ApproveOption;
import dev.tamma.core.workflow.UserCommand.Help;
import dev.tamma.core.workflow.UserCommand.Retry;
import dev.tamma.core.workflow.UserCommand.RetryFrom;
import dev.tamma.core.workflow.UserCommand.Revise;
import dev.tamma.core.workflow.UserCommand.Stop;
import dev.tamma.core.workflow.UserCommand.Unrecognized;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UserCommandTest {

    @Test
    void readsEveryCommand() {
        assertThat(UserCommand.parse("/tamma approve")).contains(new Approve());
        assertThat(UserCommand.parse("/tamma approve option 2")).contains(new ApproveOption(2));
        assertThat(UserCommand.parse("/tamma approve merge")).contains(new ApproveMerge());
        assertThat(UserCommand.parse("/tamma revise use a flag")).contains(new Revise("use a flag"));
        assertThat(UserCommand.parse("/tamma answer EUR\nand round half-up")).contains(new Answer("EUR\nand round half-up"));
        assertThat(UserCommand.parse("/tamma retry")).contains(new Retry());
        assertThat(UserCommand.parse("/tamma retry from ci-checks")).contains(new RetryFrom(Step.CI_CHECKS));
        assertThat(UserCommand.parse("/tamma retry from IMPLEMENT")).contains(new RetryFrom(Step.IMPLEMENT));
        assertThat(UserCommand.parse("/tamma stop")).contains(new Stop());
        assertThat(UserCommand.parse("/tamma status")).contains(new UserCommand.Status());
        assertThat(UserCommand.parse("/tamma")).contains(new Help());
        assertThat(UserCommand.parse("  /Tamma   STOP  ")).contains(new Stop());
    }

    @Test
    void malformedCommandsAreUnrecognizedSoTheyGetHelp() {
        assertThat(UserCommand.parse("/tamma approve option zero")).containsInstanceOf(Unrecognized.class);
        assertThat(UserCommand.parse("/tamma approve option 0")).containsInstanceOf(Unrecognized.class);
        assertThat(UserCommand.parse("/tamma retry from the-moon")).containsInstanceOf(Unrecognized.class);
        assertThat(UserCommand.parse("/tamma revise")).containsInstanceOf(Unrecognized.class);
        assertThat(UserCommand.parse("/tamma deploy now")).contains(new Unrecognized("deploy now"));
        assertThat(UserCommand.parse("/tamma status please")).contains(new Unrecognized("status please"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lgtm", "please /tamma approve", "/tammabot approve", "/other approve"})
    void commentsNotAddressedToTammaAreNotCommands(String comment) {
        assertThat(UserCommand.parse(comment)).isEmpty();
    }
}
