package dev.tamma.core.platform;

/** The reactions every platform that has reactions knows. */
public enum Reaction {
    THUMBS_UP, THUMBS_DOWN, LAUGH, CONFUSED, HEART, HOORAY, ROCKET, EYES
}
