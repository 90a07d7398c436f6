package dev.tamma.core.platform;

public enum CiState {
    PENDING, SUCCESS, FAILURE
}
