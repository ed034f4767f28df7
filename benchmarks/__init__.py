"""Speed, memory and accuracy checks that are too slow or too machine-dependent for tests."""
