-- Plain Git repositories have no tracker, so Tamma keeps their issues, pull requests, comments,
-- reactions and review comments. Every row belongs to one repository (its owner/name as
-- configured): several plain-Git repositories share one server, each numbered from 1.

-- Each repository's counters, taken under the row's lock: issues and pull requests share one
-- sequence of numbers (as on GitHub), comments and review comments another.
CREATE TABLE plain_git_counter (
    repository      text   PRIMARY KEY,
    last_number     bigint NOT NULL DEFAULT 0,
    last_comment_id bigint NOT NULL DEFAULT 1000  -- so comment ids do not look like issue numbers
);

CREATE TABLE plain_git_issue (
    repository text    NOT NULL,
    number     bigint  NOT NULL,
    title      text    NOT NULL,
    body       text    NOT NULL,
    open       boolean NOT NULL,
    labels     text[]  NOT NULL,
    assignees  text[]  NOT NULL,
    author     text    NOT NULL,
    url        text    NOT NULL,
    PRIMARY KEY (repository, number)
);

CREATE TABLE plain_git_pull_request (
    repository text    NOT NULL,
    number     bigint  NOT NULL,
    title      text    NOT NULL,
    body       text    NOT NULL,
    head       text    NOT NULL,
    base       text    NOT NULL,
    state      text    NOT NULL CHECK (state IN ('OPEN', 'CLOSED', 'MERGED')),
    draft      boolean NOT NULL,
    head_sha   text    NOT NULL,  -- when it was last written; an open one reads the branch's head
    url        text    NOT NULL,
    PRIMARY KEY (repository, number)
);

CREATE INDEX plain_git_pull_request_head ON plain_git_pull_request (repository, head) WHERE state = 'OPEN';

-- Comments on an issue or a pull request.
CREATE TABLE plain_git_comment (
    repository text        NOT NULL,
    id         bigint      NOT NULL,
    number     bigint      NOT NULL,  -- the issue or pull request
    author     text        NOT NULL,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    url        text        NOT NULL,
    PRIMARY KEY (repository, id)
);

CREATE INDEX plain_git_comment_number ON plain_git_comment (repository, number);

CREATE TABLE plain_git_reaction (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository text        NOT NULL,
    comment_id bigint      NOT NULL,
    login      text        NOT NULL,
    reaction   text        NOT NULL,
    at         timestamptz NOT NULL
);

CREATE INDEX plain_git_reaction_comment ON plain_git_reaction (repository, comment_id);

CREATE TABLE plain_git_review_comment (
    repository   text        NOT NULL,
    id           bigint      NOT NULL,
    pull_request bigint      NOT NULL,
    thread_id    text        NOT NULL,
    author       text        NOT NULL,
    body         text        NOT NULL,
    path         text        NOT NULL,
    line         integer,              -- empty: on the file as a whole
    created_at   timestamptz NOT NULL,
    resolved     boolean     NOT NULL,
    PRIMARY KEY (repository, id)
);

CREATE INDEX plain_git_review_comment_pull_request ON plain_git_review_comment (repository, pull_request);
